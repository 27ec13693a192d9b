"""Queue the reminders that are due; run every hour (README, "Herinneringen")."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from aanmeldingen.services import herinner_aan_beoordelingen, herinner_aan_concepten
from casuswijken.herinneringen import (
    herinner_aan_bijeenkomsten,
    herinner_aan_deadlines,
    herinner_aan_verlopen_actiepunten,
)
from casuswijken.uitnodigen import meld_komende_uitnodigingen


class Command(BaseCommand):
    help = (
        "Zet de herinneringen klaar die nu aan de beurt zijn: de dag voor een bijeenkomst, "
        "een week voor de deadline van een actiepunt en als die verstreken is, en een week "
        "voor de sluiting van een oproep aan wie nog een concept heeft, en drie dagen voor de "
        "deadline van de beoordelingen aan beoordelaars met toegewezen aanmeldingen die ze "
        "nog niet beoordeeld hebben. Elke herinnering "
        "gaat één keer; opnieuw draaien stuurt niets dubbel. Eerst gaan de uitnodigingen "
        "die nog niet weg zijn (wie pas deelneemt, of een bijeenkomst die niet doorgaat). "
        "Elk uur draaien."
    )

    def handle(self, *args, **options):
        # One moment for all kinds, so that one run draws one line between due and not.
        nu = timezone.now()
        # Invitations first: who is reminded of a session has had its invitation.
        uitnodigingen = meld_komende_uitnodigingen(nu=nu)
        bijeenkomsten = herinner_aan_bijeenkomsten(nu=nu)
        deadlines = herinner_aan_deadlines(nu=nu)
        verlopen = herinner_aan_verlopen_actiepunten(nu=nu)
        concepten = herinner_aan_concepten(nu=nu)
        beoordelingen = herinner_aan_beoordelingen(nu=nu)
        self.stdout.write(
            f"Uitnodigingen en afzeggingen die nog weg moesten: {uitnodigingen}.\n"
            "Herinneringen klaargezet: "
            f"{bijeenkomsten} voor een bijeenkomst binnen 24 uur, "
            f"{deadlines} voor een actiepunt met de deadline binnen een week, "
            f"{verlopen} voor een actiepunt met een verstreken deadline, "
            f"{concepten} voor een conceptaanmelding die nog niet is ingediend, "
            f"{beoordelingen} voor een beoordelaar met aanmeldingen die nog te beoordelen zijn."
        )
