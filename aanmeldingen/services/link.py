"""The applicant's secret link: making, replacing and mailing it."""

from django.conf import settings
from django.db import transaction
from django.urls import reverse

from .. import toegang
from ..models import Aanmelding, Oproep
from .mails import mail_contactpersoon


def link_voor(token: str) -> str:
    """The full address of the application behind this token (no side effects)."""
    return settings.PORTAAL_URL + reverse("aanmeldingen:aanmelding", kwargs={"token": token})


def vervang_link(*, aanmelding: Aanmelding) -> str:
    """Give the application a new secret link and return it; the old one stops working."""
    token, opslag = toegang.nieuw_token()
    aanmelding.toegang_selector = opslag.selector
    aanmelding.toegang_hash = opslag.verifier_hash
    aanmelding.toegang_verloopt_op = toegang.geldig_tot()
    aanmelding.save(update_fields=["toegang_selector", "toegang_hash", "toegang_verloopt_op"])
    return link_voor(token)


def stuur_nieuwe_link(*, aanmelding: Aanmelding, door_medewerker: bool = False) -> None:
    """Replace the secret link and mail the new one to the contact person.

    The old link stops working at once. Used for "Link kwijt?" and by staff in the admin
    (`door_medewerker`, which the mail says instead of "someone asked for it").
    """
    with transaction.atomic():
        link = vervang_link(aanmelding=aanmelding)
        mail_contactpersoon(
            aanmelding, "aanmelding_link", link=link, door_medewerker=door_medewerker
        )


def vraag_link_aan(*, oproep: Oproep, email: str) -> int:
    """Send a new link for every application in the call whose contact person has `email`.

    Returns how many were sent; the caller must not tell the visitor, so that the answer
    does not reveal whether an address is known.
    """
    aanmeldingen = Aanmelding.objects.filter(
        oproep=oproep,
        leden__is_contactpersoon=True,
        leden__email__iexact=email.strip(),
    ).prefetch_related("leden")
    for aanmelding in aanmeldingen:
        stuur_nieuwe_link(aanmelding=aanmelding)
    return len(aanmeldingen)
