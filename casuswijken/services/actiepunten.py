"""Action points: saved by the one rule for closing them, closed in a later session, and
their status set by their owners (or staff) with a note, every change recorded."""

from django.db import transaction
from django.utils import timezone

from netwerk.formulieren import zonder_lege_randen

from ..enums import Actiestatus
from ..models import (
    Actiepunt,
    Actiepuntwijziging,
    Bijeenkomst,
)


def sla_actiepunt_op(*, actiepunt: Actiepunt, in_bijeenkomst: Bijeenkomst | None = None) -> None:
    """Save an action point by the one rule for closing it, wherever it is edited.

    in_bijeenkomst is the session whose page the point is edited on, None elsewhere (the
    action points list). Side effects: the point belongs to the casuswijk of the session
    where it was agreed. Closed without saying where, it was closed in in_bijeenkomst (if
    any); afgerond_op is then that session's date, or today when it was closed outside a
    session. Reopened, it loses both. The reminder marks (manage.py stuur_herinneringen)
    are the stored ones, or cleared when the deadline changed, so that the new deadline is
    reminded of in its turn.
    """
    actiepunt.casuswijk_id = actiepunt.bijeenkomst.casuswijk_id
    if actiepunt.status == Actiestatus.AFGEROND:
        if actiepunt.afgerond_in_id is None and in_bijeenkomst is not None:
            actiepunt.afgerond_in = in_bijeenkomst
        if actiepunt.afgerond_in_id is not None:
            actiepunt.afgerond_op = timezone.localdate(actiepunt.afgerond_in.begint_op)
        elif actiepunt.afgerond_op is None:
            actiepunt.afgerond_op = timezone.localdate()
    else:
        actiepunt.afgerond_in = None
        actiepunt.afgerond_op = None
    with transaction.atomic():
        _herinneringen_bij_deadline(actiepunt)
        actiepunt.save()


def _herinneringen_bij_deadline(actiepunt: Actiepunt) -> None:
    """Take the reminder marks from the stored row (locked), not from the copy being
    saved, which may be older than a reminder sent since; none when the deadline changed."""
    opgeslagen = (
        Actiepunt.objects.select_for_update()
        .filter(pk=actiepunt.pk)
        .values("deadline", "herinnerd_vooraf_op", "herinnerd_verlopen_op")
        .first()
        if actiepunt.pk is not None
        else None
    )
    if opgeslagen is None or opgeslagen["deadline"] != actiepunt.deadline:
        actiepunt.herinnerd_vooraf_op = actiepunt.herinnerd_verlopen_op = None
    else:
        actiepunt.herinnerd_vooraf_op = opgeslagen["herinnerd_vooraf_op"]
        actiepunt.herinnerd_verlopen_op = opgeslagen["herinnerd_verlopen_op"]


def rond_af(*, actiepunt: Actiepunt, in_bijeenkomst: Bijeenkomst) -> None:
    """Close an earlier session's open action point in this later session of its casuswijk.

    Side effects: as sla_actiepunt_op (status afgerond, afgerond_in and afgerond_op set).
    """
    if in_bijeenkomst.casuswijk_id != actiepunt.casuswijk_id:
        raise ValueError("Een actiepunt wordt afgerond in een bijeenkomst van de eigen casuswijk.")
    actiepunt.status = Actiestatus.AFGEROND
    actiepunt.afgerond_in = in_bijeenkomst
    sla_actiepunt_op(actiepunt=actiepunt, in_bijeenkomst=in_bijeenkomst)


def noteer_actiepuntwijziging(
    *, actiepunt: Actiepunt, door, notitie: str = ""
) -> Actiepuntwijziging:
    """Record who set the action point's (saved) status, now, with an optional note.

    Side effect: one Actiepuntwijziging row. The admin calls this when staff change a
    status there; wijzig_actiepunt does for the casuswijk page.
    """
    return Actiepuntwijziging.objects.create(
        actiepunt=actiepunt,
        door=door if door is not None and door.is_authenticated else None,
        status=actiepunt.status,
        notitie=notitie,
    )


def wijzig_actiepunt(
    *, actiepunt: Actiepunt, door, status: str, notitie: str = ""
) -> Actiepuntwijziging:
    """Set an action point's status with a short note, as its owner (or staff) do from the
    casuswijk page; returns the change recorded.

    Checks the transition: the status is one of Actiestatus, and either differs from the
    point's status now or comes with a note (a note alone records progress). Whether `door`
    may change this point is the caller's to check (views.toegang.mag_actiepunt_wijzigen).
    Raises ValueError otherwise. Side effects, in one transaction: the point is saved
    through sla_actiepunt_op outside any session, so that closing records today as
    afgerond_op and no session, and reopening clears both; an Actiepuntwijziging (door,
    now, status, note) is written. The `actiepunt` passed in is updated to what was saved.
    """
    notitie = zonder_lege_randen(notitie)
    if status not in Actiestatus.values:
        raise ValueError(f"Onbekende status voor een actiepunt: {status!r}.")
    if len(notitie) > Actiepuntwijziging._meta.get_field("notitie").max_length:
        raise ValueError("De notitie is te lang.")
    with transaction.atomic():
        # The row as it is now, locked: two saves at once each see the other's status.
        huidig = (
            Actiepunt.objects.select_for_update().select_related("bijeenkomst").get(pk=actiepunt.pk)
        )
        if status == huidig.status and not notitie:
            raise ValueError("Er verandert niets: kies een andere status of schrijf een notitie.")
        if status != huidig.status:
            huidig.status = status
            sla_actiepunt_op(actiepunt=huidig)
        wijziging = noteer_actiepuntwijziging(actiepunt=huidig, door=door, notitie=notitie)
    actiepunt.refresh_from_db()
    return wijziging
