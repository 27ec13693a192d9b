"""Retention of applications that never became a casuswijk (netwerk/bewaartermijnen.py).

The chosen ones go with their casuswijk (casuswijken.services.bewaren). Each function
deletes what passed its term, members and history included (they cascade; the admin's
change log follows through netwerk.wijzigingslog), and returns how many records went.
"""

from datetime import datetime

from django.db.models import QuerySet

from ..enums import Status
from ..models import Aanmelding


def verwijder_niet_gekozen(*, grens: datetime) -> int:
    """Reserve and rejected applications whose decision was sent before `grens`.

    Staff send a call's decisions together (services.verstuur_besluiten sets
    besluit_verzonden_op); a decision no longer changes after that.
    """
    return verwijder(
        Aanmelding.objects.filter(
            status__in=[Status.RESERVE, Status.AFGEWEZEN], besluit_verzonden_op__lt=grens
        )
    )


def verwijder_ingetrokken(*, grens: datetime) -> int:
    """Applications withdrawn before `grens`."""
    return verwijder(
        Aanmelding.objects.filter(
            status=Status.INGETROKKEN,
            statuswijzigingen__naar=Status.INGETROKKEN,
            statuswijzigingen__tijdstip__lt=grens,
        )
    )


def verwijder_concepten(*, grens: datetime) -> int:
    """Concepts of calls that closed before `grens`."""
    return verwijder(Aanmelding.objects.filter(status=Status.CONCEPT, oproep__deadline__lt=grens))


def verwijder(aanmeldingen: QuerySet[Aanmelding]) -> int:
    """Delete these applications with everything that hangs on them; returns the rows."""
    # Through the primary keys: a join in the filter would make delete() refuse or repeat.
    pks = list(aanmeldingen.values_list("pk", flat=True).distinct())
    if not pks:
        return 0
    return Aanmelding.objects.filter(pk__in=pks).delete()[0]
