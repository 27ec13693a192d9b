"""Reactions on a concept verslag, in plain text."""

from django.core.exceptions import ValidationError
from django.db import transaction

from netwerk.formulieren import zonder_lege_randen

from ..enums import Verslagstatus
from ..models import (
    Bijeenkomst,
    Reactie,
)

REACTIE_MAX = Reactie._meta.get_field("tekst").max_length


class ReagerenKanNiet(Exception):
    """A reaction is refused for a reason that is no fault of its text; the message says
    why, in Dutch, for the reader."""


def reden_om_niet_te_reageren(*, bijeenkomst: Bijeenkomst, gebruiker) -> str | None:
    """Why this user cannot react on this session's verslag now, or None if they can.

    Whoever may see the session may react while its published verslag is a concept:
    its participants (an ended participation sees nothing), and staff who may read it.
    """
    if (
        not gebruiker.is_authenticated
        or not Bijeenkomst.objects.zichtbaar_voor(gebruiker).filter(pk=bijeenkomst.pk).exists()
    ):
        return "U kunt deze bijeenkomst niet lezen, en er dus ook niet op reageren."
    if not bijeenkomst.verslag.strip():
        return "Er is nog geen verslag om op te reageren."
    if bijeenkomst.verslagstatus == Verslagstatus.VASTGESTELD:
        return "Het verslag is vastgesteld; reageren kan niet meer."
    if not bijeenkomst.gepubliceerd:
        return "Het verslag is nog niet gepubliceerd; reageren kan zodra het dat is."
    return None


def controleer_reactietekst(tekst: str) -> str:
    """The text as it is stored (line breaks as LF, no space around it), or ValidationError
    with a Dutch message: empty, too long or holding a NUL character."""
    tekst = zonder_lege_randen(tekst.replace("\r\n", "\n"))
    if not tekst:
        raise ValidationError("Schrijf uw reactie.", code="required")
    if "\x00" in tekst:
        raise ValidationError(
            "Uw reactie bevat een teken dat niet kan worden opgeslagen (een nul-teken). "
            "Haal het weg en probeer het opnieuw.",
            code="null_characters_not_allowed",
        )
    if len(tekst) > REACTIE_MAX:
        raise ValidationError(
            f"Uw reactie is {len(tekst)} tekens lang; er passen er maximaal {REACTIE_MAX} in.",
            code="max_length",
        )
    return tekst


def plaats_reactie(*, bijeenkomst: Bijeenkomst, gebruiker, tekst: str) -> Reactie:
    """Store a reader's plain-text reaction on a concept verslag; returns it.

    Raises ReagerenKanNiet when the user may not react now (reden_om_niet_te_reageren:
    not a reader of the session, no verslag, vastgesteld, unpublished), and ValidationError
    for a text that is empty, too long or holds a NUL character. The session's row is
    locked while it is checked, so that a reaction cannot slip in while staff mark the
    verslag final. Side effects: one Reactie; no mail.
    """
    tekst = controleer_reactietekst(tekst)
    with transaction.atomic():
        actueel = Bijeenkomst.objects.select_for_update().filter(pk=bijeenkomst.pk).first()
        if actueel is None:
            raise ReagerenKanNiet("Deze bijeenkomst bestaat niet meer.")
        reden = reden_om_niet_te_reageren(bijeenkomst=actueel, gebruiker=gebruiker)
        if reden is not None:
            raise ReagerenKanNiet(reden)
        return Reactie.objects.create(bijeenkomst=actueel, gebruiker=gebruiker, tekst=tekst)
