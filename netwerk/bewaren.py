"""Apply every retention term of netwerk/bewaartermijnen.py; `manage.py
pas_bewaartermijnen_toe` runs this daily."""

from collections.abc import Callable
from datetime import datetime

from django.utils import timezone

from aanmeldingen.services import verwijder_concepten, verwijder_ingetrokken, verwijder_niet_gekozen
from casuswijken.services.bewaren import verwijder_na_netwerk, wis_accounts, zet_accounts_uit

from .bewaartermijnen import TERMIJNEN, Bewaartermijn, termijn
from .mail import ruim_wachtrij_op
from .models import Beveiligingsgebeurtenis


def _grens(sleutel: str, nu: datetime):
    return termijn(sleutel).grens(nu)


# Per term: what applies it at the moment `nu`, returning how many records it changed.
UITVOERING: dict[str, Callable[[datetime], int]] = {
    "niet_gekozen": lambda nu: verwijder_niet_gekozen(grens=_grens("niet_gekozen", nu)),
    "ingetrokken": lambda nu: verwijder_ingetrokken(grens=_grens("ingetrokken", nu)),
    "concepten": lambda nu: verwijder_concepten(grens=_grens("concepten", nu)),
    "deelnemers_uit": lambda nu: zet_accounts_uit(grens=_grens("deelnemers_uit", nu)),
    "deelnemers_gewist": lambda nu: wis_accounts(grens=_grens("deelnemers_gewist", nu)),
    # The end of a network is a day: counted in days of the portal's own time zone.
    "na_netwerk": lambda nu: verwijder_na_netwerk(
        grens=_grens("na_netwerk", timezone.localdate(nu))
    ),
    # The queue's own clean-up, which also runs hourly and knows which failed mails wait.
    "wachtrij": lambda nu: ruim_wachtrij_op(nu=nu),
    "beveiligingslog": lambda nu: Beveiligingsgebeurtenis.objects.verouderd(nu).delete()[0],
}


def pas_bewaartermijnen_toe(*, nu: datetime | None = None) -> list[tuple[Bewaartermijn, int]]:
    """Apply every term, in the order of TERMIJNEN; returns each term with how many records
    it deleted, switched off or wiped. Idempotent: a second run finds nothing more.

    The accounts come before the networks: a participant is found through their
    participations, which go with the casuswijk.
    """
    nu = nu or timezone.now()
    return [(t, UITVOERING[t.sleutel](nu)) for t in TERMIJNEN]
