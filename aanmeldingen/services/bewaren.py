"""Retention: deleting what the privacy statement says we keep no longer."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from ..enums import Status
from ..models import Aanmelding

# The privacy statement promises these terms (templates/netwerk/privacy.html).
# "Within three months": a few days' margin, so that a daily run is never late.
BEWAARTERMIJN_INGETROKKEN = timedelta(days=85)
BEWAARTERMIJN_CONCEPT_NA_SLUITING = timedelta(days=85)


def ruim_op() -> dict[str, int]:
    """Delete what the privacy statement says we keep no longer, members and history included.

    - applications withdrawn more than three months ago;
    - concepts of calls that closed more than three months ago.
    Returns how many of each were deleted. Run daily (manage.py ruim_aanmeldingen_op).
    """
    nu = timezone.now()
    ingetrokken = Aanmelding.objects.filter(
        status=Status.INGETROKKEN,
        statuswijzigingen__naar=Status.INGETROKKEN,
        statuswijzigingen__tijdstip__lt=nu - BEWAARTERMIJN_INGETROKKEN,
    )
    concepten = Aanmelding.objects.filter(
        status=Status.CONCEPT, oproep__deadline__lt=nu - BEWAARTERMIJN_CONCEPT_NA_SLUITING
    )
    with transaction.atomic():
        aantallen = {
            "ingetrokken": _verwijder(ingetrokken),
            "concepten": _verwijder(concepten),
        }
    return aantallen


def _verwijder(aanmeldingen) -> int:
    # Through the primary keys: a join in the filter would make delete() refuse or repeat.
    return (
        Aanmelding.objects.filter(pk__in=list(aanmeldingen.values_list("pk", flat=True)))
        .delete()[1]
        .get("aanmeldingen.Aanmelding", 0)
    )
