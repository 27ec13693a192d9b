"""Delete security log entries older than the term the privacy statement gives."""

from django.core.management.base import BaseCommand

from netwerk.models import Beveiligingsgebeurtenis


class Command(BaseCommand):
    help = (
        "Verwijdert regels uit het beveiligingslog die ouder zijn dan BEVEILIGINGSLOG_DAGEN "
        "(standaard een jaar). Dagelijks draaien."
    )

    def handle(self, *args, **options):
        aantal, _ = Beveiligingsgebeurtenis.objects.verouderd().delete()
        self.stdout.write(f"Verwijderd: {aantal} regel(s) uit het beveiligingslog.")
