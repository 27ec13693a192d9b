"""The applicant's secret link: making, replacing and mailing it."""

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.urls import reverse

from netwerk.mail import na_bezorging

from .. import toegang
from ..models import Aanmelding, Oproep
from .mails import mail_contactpersoon


def link_voor(token: str) -> str:
    """The full address of the application behind this token (no side effects)."""
    return settings.PORTAAL_URL + reverse("aanmeldingen:aanmelding", kwargs={"token": token})


def vervang_link(*, aanmelding: Aanmelding) -> str:
    """Give the application a new secret link and return it; the old one stops working, and
    so does a new link still waiting for its mail (stuur_nieuwe_link)."""
    token, opslag = toegang.nieuw_token()
    aanmelding.toegang_selector = opslag.selector
    aanmelding.toegang_hash = opslag.verifier_hash
    aanmelding.toegang_verloopt_op = toegang.geldig_tot()
    aanmelding.wachtende_toegang_selector = ""
    aanmelding.wachtende_toegang_hash = ""
    aanmelding.save(
        update_fields=[
            "toegang_selector",
            "toegang_hash",
            "toegang_verloopt_op",
            "wachtende_toegang_selector",
            "wachtende_toegang_hash",
        ]
    )
    return link_voor(token)


def stuur_nieuwe_link(*, aanmelding: Aanmelding, door_medewerker: bool = False) -> bool:
    """Mail a new secret link to the contact person; it replaces the current one once the
    mail server accepted the mail.

    Until then the current link keeps working and the new one does not: a mail server that
    is down (the mail is tried again, netwerk.mail) never locks the applicant out. Used for
    "Link kwijt?" and by staff in the admin (`door_medewerker`, which the mail says instead
    of "someone asked for it"). Side effects: the new link stored as waiting
    (wachtende_toegang_*, replacing one that still waited: the latest request wins), and
    its mail queued, which runs neem_link_in_gebruik once delivered. A mail whose link was
    replaced by a later one before it went is not sent: only working links arrive.

    Returns False, changing nothing, when the contact person has no address: it was erased
    on request (netwerk.persoonsgegevens), and a mail to nobody only fails in the queue.
    """
    contactpersoon = aanmelding.contactpersoon
    if contactpersoon is None or not contactpersoon.email:
        return False
    token, opslag = toegang.nieuw_token()
    with transaction.atomic():
        Aanmelding.objects.filter(pk=aanmelding.pk).update(
            wachtende_toegang_selector=opslag.selector,
            wachtende_toegang_hash=opslag.verifier_hash,
        )
        mail_contactpersoon(
            aanmelding,
            "aanmelding_link",
            link=link_voor(token),
            geldig_tot=toegang.geldig_tot(),
            door_medewerker=door_medewerker,
            na_bezorging=(
                neem_link_in_gebruik,
                {"aanmelding_id": aanmelding.pk, "selector": opslag.selector},
            ),
        )
    return True


def wacht_link_nog(*, aanmelding_id: int, selector: str) -> bool:
    """Whether the new link of a mail about to go out is still the one waiting, its row
    locked until the mail went (netwerk.mail's alleen_als). Not when a later request or a
    decision mail replaced it meanwhile: then a newer link is on its way, and this mail
    would bring a link that never works; it is not sent (after a try again by staff too)."""
    return (
        Aanmelding.objects.select_for_update()
        .filter(pk=aanmelding_id, wachtende_toegang_selector=selector)
        .exclude(wachtende_toegang_selector="")
        .values_list("pk", flat=True)
        .first()
        is not None
    )


@na_bezorging(alleen_als=wacht_link_nog)
def neem_link_in_gebruik(*, aanmelding_id: int, selector: str) -> bool:
    """The mail with a new link was delivered: that link replaces the current one, which
    answers 404 from now on. Returns whether it did; the mail only goes out while its link
    is the one waiting (wacht_link_nog), so it always does."""
    return bool(
        Aanmelding.objects.filter(pk=aanmelding_id, wachtende_toegang_selector=selector)
        .exclude(wachtende_toegang_selector="")
        .update(
            toegang_selector=F("wachtende_toegang_selector"),
            toegang_hash=F("wachtende_toegang_hash"),
            toegang_verloopt_op=toegang.geldig_tot(),
            wachtende_toegang_selector="",
            wachtende_toegang_hash="",
        )
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
