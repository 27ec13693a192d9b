"""Writes to applications. Views and admin actions call these; nothing else sets .status."""

import uuid
from collections.abc import Mapping, Sequence

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from netwerk.mail import zet_email_klaar

from .enums import TOEGESTANE_OVERGANGEN, Status
from .models import Aanmelding, Coalitielid, Oproep, Statuswijziging
from .validators import valideer_coalitie


class OproepGesloten(Exception):
    """The call's deadline has passed."""


class OngeldigeOvergang(Exception):
    """The requested status change is not allowed from the current status."""


def wijzig_status(
    *, aanmelding: Aanmelding, naar: Status, door=None, toelichting: str = ""
) -> Statuswijziging:
    """Move an application to another status: the one place where a status changes.

    Checks the transition against TOEGESTANE_OVERGANGEN, saves, writes the history row and
    queues the side effects in the same transaction:
    - to INGEDIEND: a confirmation with a copy of the application to the contact person,
      and a note to every other member that they were named in it.
    """
    van = Status(aanmelding.status)
    if naar not in TOEGESTANE_OVERGANGEN[van]:
        raise OngeldigeOvergang(f"{van.label} → {Status(naar).label} is niet toegestaan.")
    with transaction.atomic():
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
            _mail_ontvangst(aanmelding)
    return wijziging


def dien_aanmelding_in(
    *,
    oproep: Oproep,
    gegevens: Mapping,
    leden: Sequence[Mapping],
    indieningssleutel: uuid.UUID,
) -> tuple[Aanmelding, bool]:
    """Store a complete application with its coalition and submit it, all or nothing.

    `gegevens` are the cleaned fields of the application, `leden` the cleaned members.
    Returns (aanmelding, created). The same indieningssleutel twice (a double click, a
    resubmitted POST) returns the application made the first time and queues nothing.
    Raises OproepGesloten after the deadline and ValidationError for a coalition that
    breaks the rules.
    """
    bestaande = Aanmelding.objects.filter(indieningssleutel=indieningssleutel).first()
    if bestaande is not None:
        return bestaande, False
    if not oproep.is_open:
        raise OproepGesloten
    valideer_coalitie(leden)
    try:
        with transaction.atomic():
            aanmelding = Aanmelding.objects.create(
                oproep=oproep,
                indieningssleutel=indieningssleutel,
                privacy_akkoord_op=timezone.now(),
                privacyverklaring_versie=settings.PRIVACYVERKLARING_VERSIE,
                **gegevens,
            )
            Coalitielid.objects.bulk_create(
                Coalitielid(aanmelding=aanmelding, volgorde=volgorde, **lid)
                for volgorde, lid in enumerate(leden, start=1)
            )
            wijzig_status(aanmelding=aanmelding, naar=Status.INGEDIEND)
    except IntegrityError:
        # Two requests with the same key at the same moment: the other one won.
        bestaande = Aanmelding.objects.filter(indieningssleutel=indieningssleutel).first()
        if bestaande is None:
            raise
        return bestaande, False
    return aanmelding, True


def _mail_ontvangst(aanmelding: Aanmelding) -> None:
    leden = list(aanmelding.leden.all())
    contactpersoon = next(lid for lid in leden if lid.is_contactpersoon)
    context = {"aanmelding": aanmelding, "leden": leden, "contactpersoon": contactpersoon}
    zet_email_klaar(aan=contactpersoon.email, sjabloon="aanmelding_ontvangen", context=context)
    for lid in leden:
        if not lid.is_contactpersoon:
            zet_email_klaar(
                aan=lid.email,
                sjabloon="aanmelding_lid_genoemd",
                context={**context, "lid": lid},
            )
