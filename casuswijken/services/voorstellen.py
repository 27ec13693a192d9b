"""Participants' proposals for their casuswijk's inventory, and staff's decision on them."""

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from netwerk.mail import zet_email_klaar

from ..enums import (
    Voorstelstatus,
    Zichtbaarheid,
)
from ..models import (
    Casuswijk,
    Deelname,
    Interventie,
    Interventievoorstel,
)


class AlBesloten(Exception):
    """A proposal that was decided on already; it cannot be decided again."""


def dien_voorstel_in(
    *, voorstel: Interventievoorstel, casuswijk: Casuswijk, door
) -> Interventievoorstel:
    """Save a participant's proposal for their casuswijk's inventory (not decided yet).

    `voorstel` carries the fields of an intervention (from the form); whether `door` takes
    part in the casuswijk is the caller's to check. Side effect: the proposal is saved with
    its casuswijk and proposer; it reaches the inventory only when staff accept it.
    """
    voorstel.casuswijk = casuswijk
    voorstel.voorgesteld_door = door
    voorstel.besluit = Voorstelstatus.VOORGESTELD
    voorstel.save()
    return voorstel


def _neem_voorstel_in_behandeling(voorstel: Interventievoorstel) -> None:
    """Lock the proposal's row and check it is still undecided (call inside a transaction)."""
    besluit = (
        Interventievoorstel.objects.select_for_update()
        .filter(pk=voorstel.pk)
        .values_list("besluit", flat=True)
        .first()
    )
    if besluit != Voorstelstatus.VOORGESTELD:
        raise AlBesloten("Over dit voorstel is al besloten; het kan niet opnieuw.")


def aanvaard_voorstel(*, voorstel: Interventievoorstel, door, zichtbaarheid: str) -> Interventie:
    """Take a proposal into its casuswijk's inventory; returns the new intervention.

    The intervention gets the proposal's fields as they are now (staff may have corrected
    them first) and the visibility staff choose. Raises AlBesloten when the proposal was
    decided on already, ValueError for an unknown visibility. Side effects, in one
    transaction: the Interventie; the proposal's besluit (aanvaard), besloten_op,
    besloten_door and interventie; a mail to the proposer (voorstel_aanvaard) while they
    take part in the casuswijk.
    """
    if zichtbaarheid not in Zichtbaarheid.values:
        raise ValueError(f"Onbekende zichtbaarheid: {zichtbaarheid!r}.")
    with transaction.atomic():
        _neem_voorstel_in_behandeling(voorstel)
        interventie = Interventie.objects.create(
            casuswijk_id=voorstel.casuswijk_id,
            categorie_id=voorstel.categorie_id,
            naam=voorstel.naam,
            domein=voorstel.domein,
            omschrijving=voorstel.omschrijving,
            partners=voorstel.partners,
            status=voorstel.status,
            ervaringen=voorstel.ervaringen,
            zichtbaarheid=zichtbaarheid,
        )
        voorstel.besluit = Voorstelstatus.AANVAARD
        voorstel.reden = ""
        voorstel.interventie = interventie
        _leg_besluit_vast(voorstel, door)
        _mail_voorstelbesluit(voorstel, sjabloon="voorstel_aanvaard")
    return interventie


def wijs_voorstel_af(*, voorstel: Interventievoorstel, door, reden: str) -> None:
    """Decline a proposal with a reason the proposer reads.

    Raises AlBesloten when the proposal was decided on already, ValueError without a
    reason. Side effects, in one transaction: the proposal's besluit (afgewezen), reden,
    besloten_op and besloten_door; a mail to the proposer (voorstel_afgewezen) with the
    reason, while they take part in the casuswijk.
    """
    reden = reden.strip()
    if not reden or len(reden) > Interventievoorstel._meta.get_field("reden").max_length:
        raise ValueError(
            "Een voorstel dat niet wordt opgenomen, heeft een reden van maximaal 1000 tekens."
        )
    with transaction.atomic():
        _neem_voorstel_in_behandeling(voorstel)
        voorstel.besluit = Voorstelstatus.AFGEWEZEN
        voorstel.reden = reden
        _leg_besluit_vast(voorstel, door)
        _mail_voorstelbesluit(voorstel, sjabloon="voorstel_afgewezen")


def _leg_besluit_vast(voorstel: Interventievoorstel, door) -> None:
    voorstel.besloten_op = timezone.now()
    voorstel.besloten_door = door
    voorstel.save()


def _mail_voorstelbesluit(voorstel: Interventievoorstel, *, sjabloon: str) -> None:
    """Tell the proposer, if they still take part in the casuswijk: the page's link works
    only for them."""
    indiener = voorstel.voorgesteld_door
    if (
        indiener is None
        or not indiener.is_active
        or not indiener.email
        or not Deelname.objects.actief()
        .filter(gebruiker=indiener, casuswijk=voorstel.casuswijk_id)
        .exists()
    ):
        return
    casuswijk = voorstel.casuswijk
    zet_email_klaar(
        aan=indiener.email,
        sjabloon=sjabloon,
        context={
            "gebruiker": indiener,
            "voorstel": voorstel,
            "casuswijk": casuswijk,
            "url": settings.PORTAAL_URL
            + reverse("casuswijken:casuswijk", args=[casuswijk.slug])
            + "#voorstellen",
        },
    )
