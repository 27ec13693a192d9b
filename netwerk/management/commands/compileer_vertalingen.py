"""Write the .mo files of locale/ from the .po files, without GNU gettext (make vertalingen)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from netwerk.vertalingen import compileer


class Command(BaseCommand):
    help = (
        "Schrijft de .mo-bestanden in locale/ opnieuw uit de .po-bestanden, zonder msgfmt. "
        "Na elke wijziging van een .po-bestand draaien en beide bestanden committen."
    )

    def handle(self, *args, **options):
        for map_ in settings.LOCALE_PATHS:
            for mo in compileer(map_):
                self.stdout.write(f"Geschreven: {mo.relative_to(settings.BASE_DIR)}")
