"""Delete withdrawn applications and abandoned concepts once their term has passed."""

from django.core.management.base import BaseCommand

from aanmeldingen.services import ruim_op


class Command(BaseCommand):
    help = (
        "Verwijdert aanmeldingen die langer dan drie maanden zijn ingetrokken, en concepten "
        "van oproepen die langer dan drie maanden gesloten zijn (zoals de privacyverklaring "
        "belooft). Dagelijks draaien."
    )

    def handle(self, *args, **options):
        aantallen = ruim_op()
        self.stdout.write(
            f"Verwijderd: {aantallen['ingetrokken']} ingetrokken aanmelding(en), "
            f"{aantallen['concepten']} concept(en)."
        )
