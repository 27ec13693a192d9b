"""Answers to a session's invitation (ik kom, ik kom niet, misschien), and who was there."""

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ..enums import Antwoord
from ..models import (
    Bijeenkomst,
    Deelname,
    Uitnodiging,
    actieve_deelnames,
)


def kan_antwoorden(*, bijeenkomst: Bijeenkomst, gebruiker) -> bool:
    """Whether this person is one of the session's lezers, who answer its invitation: an
    active participant of its call who may see it. Staff without a participation are not."""
    return (
        gebruiker.is_authenticated
        and gebruiker.is_active
        and actieve_deelnames(gebruiker)
        .filter(casuswijk__aanmelding__oproep=bijeenkomst.oproep_id)
        .exists()
        and Bijeenkomst.objects.zichtbaar_voor(gebruiker, als_deelnemer=True)
        .filter(pk=bijeenkomst.pk)
        .exists()
    )


def antwoorden_gesloten(bijeenkomst: Bijeenkomst) -> str:
    """Why nobody can answer this session's invitation (now), in Dutch; "" while they can:
    published, not cancelled, and not begun."""
    if not bijeenkomst.gepubliceerd:
        return "Deze bijeenkomst is nog niet gepubliceerd: antwoorden kan pas daarna."
    if bijeenkomst.geannuleerd:
        return "Deze bijeenkomst gaat niet door: antwoorden is niet meer mogelijk."
    if bijeenkomst.begint_op <= timezone.now():
        return "Deze bijeenkomst is al begonnen: antwoorden of een antwoord wijzigen kan niet meer."
    return ""


def beantwoord(*, bijeenkomst: Bijeenkomst, gebruiker, antwoord: str) -> Uitnodiging:
    """Record a lezer's answer to the session's invitation (ik kom, ik kom niet, misschien).

    Side effects: the person's Uitnodiging for the session is made if there is none yet
    (one per person, also when two answers arrive at once); its antwoord and beantwoord_op
    (now) are set. Raises ValidationError, changing nothing, for someone who is not among
    the session's lezers (kan_antwoorden), once answering is closed (antwoorden_gesloten),
    and (as an error of the field "antwoord") for an answer that is not one of Antwoord.
    """
    with transaction.atomic():
        # Locked, so that a session cancelled or moved at this moment is seen as it is now.
        bijeenkomst = Bijeenkomst.objects.select_for_update().get(pk=bijeenkomst.pk)
        # Why nobody can answer first: it is the more useful message for whoever sees it.
        gesloten = antwoorden_gesloten(bijeenkomst)
        if gesloten:
            raise ValidationError(gesloten)
        if not kan_antwoorden(bijeenkomst=bijeenkomst, gebruiker=gebruiker):
            raise ValidationError(
                "Alleen deelnemers die deze bijeenkomst mogen zien, antwoorden op de uitnodiging."
            )
        if antwoord not in Antwoord.values:
            raise ValidationError({"antwoord": "Kies of u komt, niet komt of misschien komt."})
        uitnodiging, _ = Uitnodiging.objects.get_or_create(
            bijeenkomst=bijeenkomst, gebruiker=gebruiker
        )
        uitnodiging.antwoord = antwoord
        uitnodiging.beantwoord_op = timezone.now()
        uitnodiging.save(update_fields=["antwoord", "beantwoord_op"])
    return uitnodiging


def leg_aanwezigheid_vast(*, bijeenkomst: Bijeenkomst, aanwezig: Mapping[int, bool]) -> None:
    """Record who was at a session, as staff do afterwards: per person (the user's pk)
    whether they were there.

    Side effects: each person's Uitnodiging gets aanwezig True or False; someone who came
    without an invitation or an answer gets an Uitnodiging without an answer. Raises
    ValidationError, changing nothing, before the session has begun, and for someone new
    who takes no part in the session's casuswijk (for a national session: in none of the
    call's casuswijken).
    """
    if not aanwezig:
        return
    if bijeenkomst.begint_op > timezone.now():
        raise ValidationError("Wie er was, legt u vast vanaf het begin van de bijeenkomst.")
    bekend = set(
        Uitnodiging.objects.filter(bijeenkomst=bijeenkomst).values_list("gebruiker", flat=True)
    )
    nieuw = set(aanwezig) - bekend
    if nieuw - set(deelnemers_van(bijeenkomst).values_list("gebruiker", flat=True)):
        raise ValidationError("Alleen deelnemers van deze bijeenkomst kunnen aanwezig zijn.")
    with transaction.atomic():
        for gebruiker_id, was_er in aanwezig.items():
            Uitnodiging.objects.update_or_create(
                bijeenkomst=bijeenkomst, gebruiker_id=gebruiker_id, defaults={"aanwezig": was_er}
            )


def deelnemers_van(bijeenkomst: Bijeenkomst):
    """The active participations that can be at this session: those of its casuswijk, or
    for a national session those of every casuswijk of its call."""
    if bijeenkomst.casuswijk_id is not None:
        return Deelname.objects.actief().filter(casuswijk=bijeenkomst.casuswijk_id)
    return Deelname.objects.actief().filter(casuswijk__aanmelding__oproep=bijeenkomst.oproep_id)
