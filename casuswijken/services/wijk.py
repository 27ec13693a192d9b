"""The casuswijk itself and who takes part: made from its application, participants invited
by mail, the private calendar address."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.text import slugify

from aanmeldingen.models import Aanmelding
from netwerk.mail import zet_email_klaar

from ..enums import (
    InterventieDomein,
    Interventiestatus,
    Rol,
)
from ..models import (
    Casuswijk,
    Deelname,
    Interventie,
    Interventiecategorie,
)

NOG_IN_TE_DELEN = "Nog in te delen"


def maak_casuswijk(*, aanmelding: Aanmelding) -> Casuswijk:
    """The casuswijk of a selected application; made once, found again after that.

    Its interventions inventory starts from what the coalition wrote on the application:
    one intervention per line, under the category "Nog in te delen" for staff to classify.
    """
    bestaande = Casuswijk.objects.filter(aanmelding=aanmelding).first()
    if bestaande is not None:
        return bestaande
    basis = slugify(f"{aanmelding.wijknaam} {aanmelding.gemeente}")[:100] or "casuswijk"
    slug, volgnummer = basis, 2
    while Casuswijk.objects.filter(slug=slug).exists():
        slug, volgnummer = f"{basis}-{volgnummer}", volgnummer + 1
    with transaction.atomic():
        casuswijk = Casuswijk.objects.create(
            aanmelding=aanmelding, naam=aanmelding.wijknaam, slug=slug
        )
        regels = [
            regel.strip(" -•*\t")
            for regel in aanmelding.bestaande_interventies.splitlines()
            if regel.strip(" -•*\t")
        ]
        if regels:
            categorie, _ = Interventiecategorie.objects.get_or_create(
                naam=NOG_IN_TE_DELEN,
                defaults={"omschrijving": "Uit de aanmelding; nog in te delen."},
            )
            Interventie.objects.bulk_create(
                Interventie(
                    casuswijk=casuswijk,
                    naam=regel[:200],
                    domein=InterventieDomein.BEIDE,
                    categorie=categorie,
                    status=Interventiestatus.LOOPT,
                    omschrijving="Genoemd in de aanmelding.",
                )
                for regel in regels
            )
    return casuswijk


def nodig_uit(
    *,
    casuswijk: Casuswijk,
    email: str,
    naam: str,
    rol: Rol,
    organisatie: str = "",
    functie: str = "",
) -> tuple[Deelname, bool]:
    """Give a person access to a casuswijk and mail them; returns (deelname, new).

    An existing account with this address is reused, never duplicated; someone who takes
    part already is left alone and not mailed again; an account switched off by its
    retention term (casuswijken.services.bewaren) is switched on again. Side effect: a mail
    with a link to set a password (valid PASSWORD_RESET_TIMEOUT, and only once: setting the
    password ends it) or, for someone who has one, a note that they can now see this
    casuswijk.
    """
    gebruikers = get_user_model().objects
    email = email.strip()
    with transaction.atomic():
        gebruiker = gebruikers.filter(email__iexact=email).order_by("pk").first()
        if gebruiker is None:
            voornaam, _, achternaam = naam.strip().partition(" ")
            gebruiker = gebruikers.create_user(
                username=_vrije_gebruikersnaam(email),
                email=email,
                first_name=voornaam[:150],
                last_name=achternaam[:150],
            )
        bestaande = (
            Deelname.objects.actief().filter(gebruiker=gebruiker, casuswijk=casuswijk).first()
        )
        if bestaande is not None:
            return bestaande, False
        if not gebruiker.is_active and not gebruiker.is_staff:
            # Switched off by its retention term once an earlier participation ended.
            gebruiker.is_active = True
            gebruiker.save(update_fields=["is_active"])
        deelname = Deelname.objects.create(
            gebruiker=gebruiker,
            casuswijk=casuswijk,
            rol=rol,
            organisatie=organisatie,
            functie=functie,
        )
        _mail_uitnodiging(deelname)
    return deelname, True


def stuur_uitnodiging_opnieuw(*, deelname: Deelname) -> bool:
    """Mail an active participant who never set a password a fresh set-password link.

    Returns False (and mails nothing) for an ended participation or someone who has a
    password already: they log in, or use "Wachtwoord vergeten".
    """
    if deelname.beeindigd_op is not None or deelname.gebruiker.has_usable_password():
        return False
    _mail_uitnodiging(deelname)
    return True


def _mail_uitnodiging(deelname: Deelname) -> None:
    gebruiker, casuswijk = deelname.gebruiker, deelname.casuswijk
    context = {
        "gebruiker": gebruiker,
        "casuswijk": casuswijk,
        "wijk_url": settings.PORTAAL_URL + reverse("casuswijken:casuswijk", args=[casuswijk.slug]),
    }
    if gebruiker.has_usable_password():
        zet_email_klaar(aan=gebruiker.email, sjabloon="deelname_toegevoegd", context=context)
        return
    context["wachtwoord_url"] = settings.PORTAAL_URL + reverse(
        "account:password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(gebruiker.pk)),
            "token": default_token_generator.make_token(gebruiker),
        },
    )
    zet_email_klaar(aan=gebruiker.email, sjabloon="deelname_uitnodiging", context=context)


def _vrije_gebruikersnaam(email: str) -> str:
    """The address in lower case (what participants log in with), made unique if needed."""
    basis = email.lower()[:140]
    naam, volgnummer = basis, 2
    while get_user_model().objects.filter(username=naam).exists():
        naam, volgnummer = f"{basis}-{volgnummer}", volgnummer + 1
    return naam


def nodig_coalitie_uit(*, casuswijk: Casuswijk) -> list[Deelname]:
    """Invite every member of the selected application's coalition; returns the new ones."""
    nieuw = []
    for lid in casuswijk.aanmelding.leden.all():
        deelname, is_nieuw = nodig_uit(
            casuswijk=casuswijk,
            email=lid.email,
            naam=lid.naam,
            rol=Rol.COALITIELID,
            organisatie=lid.organisatie,
            functie=lid.functie,
        )
        if is_nieuw:
            nieuw.append(deelname)
    return nieuw


def nieuwe_agendalink(*, deelname: Deelname) -> str:
    """Give the participant a new private calendar address; the old one stops working."""
    deelname.agenda_token = secrets.token_urlsafe(32)
    deelname.save(update_fields=["agenda_token"])
    return deelname.agenda_token
