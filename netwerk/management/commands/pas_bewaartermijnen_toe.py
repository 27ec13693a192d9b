"""Apply every retention term the privacy statement gives (netwerk/bewaartermijnen.py)."""

from django.core.management.base import BaseCommand

from netwerk.bewaren import pas_bewaartermijnen_toe


class Command(BaseCommand):
    help = (
        "Past alle bewaartermijnen uit de privacyverklaring toe: verwijdert aanmeldingen, "
        "casuswijken, e-mails in de wachtrij en regels uit het beveiligingslog, en zet "
        "accounts van deelnemers uit of wist ze, zodra hun termijn voorbij is. Dagelijks "
        "draaien; een tweede keer op dezelfde dag verandert niets."
    )

    def handle(self, *args, **options):
        for termijn, aantal in pas_bewaartermijnen_toe():
            self.stdout.write(
                f"{termijn.naam} ({termijn.duur}, {termijn.instelling}): "
                f"{termijn.geteld(aantal)} {termijn.gevolg}."
            )
