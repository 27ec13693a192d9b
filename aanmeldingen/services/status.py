"""Status changes of an application: the one place where .status is written."""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from ..enums import TOEGESTANE_OVERGANGEN, Status
from ..models import Aanmelding, Oproep, Statuswijziging
from .mails import mail_contactpersoon, mail_ontvangst


class OngeldigeOvergang(Exception):
    """The requested status change is not allowed from the current status."""


class SelectieVol(Exception):
    """The call already has max_wijken selected applications."""


def wijzig_status(
    *, aanmelding: Aanmelding, naar: Status, door=None, toelichting: str = "", link: str = ""
) -> Statuswijziging:
    """Move an application to another status: the one place where a status changes.

    Checks the transition against TOEGESTANE_OVERGANGEN, saves, writes the history row and
    queues the side effects in the same transaction:
    - to INGEDIEND: a confirmation with a copy of the application (and the secret `link`,
      when given) to the contact person, and a note to every other member that they were
      named in it.
    - to INGETROKKEN: a confirmation to the contact person.
    Into and out of GESELECTEERD it keeps Oproep.aantal_geselecteerd, whose database
    constraint refuses more than max_wijken: then SelectieVol is raised and nothing changes.
    """
    with transaction.atomic():
        # Judge the status in the database, under a row lock, not the caller's copy: two
        # requests at once (a double click, an applicant and staff) must not both pass.
        van = Status(
            Aanmelding.objects.select_for_update()
            .values_list("status", flat=True)
            .get(pk=aanmelding.pk)
        )
        if naar not in TOEGESTANE_OVERGANGEN[van]:
            raise OngeldigeOvergang(f"{van.label} → {Status(naar).label} is niet toegestaan.")
        if naar == Status.GESELECTEERD:
            try:
                with transaction.atomic():
                    Oproep.objects.filter(pk=aanmelding.oproep_id).update(
                        aantal_geselecteerd=F("aantal_geselecteerd") + 1
                    )
            except IntegrityError:
                raise SelectieVol from None
        elif van == Status.GESELECTEERD:
            Oproep.objects.filter(pk=aanmelding.oproep_id).update(
                aantal_geselecteerd=F("aantal_geselecteerd") - 1
            )
        aanmelding.status = naar
        velden = ["status", "gewijzigd"]
        if naar == Status.INGEDIEND and aanmelding.ingediend_op is None:
            aanmelding.ingediend_op = timezone.now()
            velden.append("ingediend_op")
        aanmelding.save(update_fields=velden)
        wijziging = Statuswijziging.objects.create(
            aanmelding=aanmelding, van=van, naar=naar, door=door, toelichting=toelichting
        )
        if naar == Status.INGEDIEND:
            mail_ontvangst(aanmelding, link=link)
        elif naar == Status.INGETROKKEN:
            mail_contactpersoon(aanmelding, "aanmelding_ingetrokken")
    return wijziging


def trek_in(*, aanmelding: Aanmelding) -> Statuswijziging:
    """The applicant withdraws the application (before a decision). Side effect: as
    wijzig_status to INGETROKKEN, a confirmation to the contact person."""
    return wijzig_status(
        aanmelding=aanmelding, naar=Status.INGETROKKEN, toelichting="Ingetrokken door de aanvrager."
    )
