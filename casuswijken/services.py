"""Writes to casuswijken: the casuswijk itself, invitations, saving and publishing sessions,
reactions on a concept verslag, saving and closing action points (also by their owners),
answers to a session's invitation and who was there, and participants' proposals for the
inventory with staff's decision on them. The admin and the participant views call these;
they hold no workflow themselves."""

import hashlib
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, replace

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.text import slugify

from aanmeldingen.models import Aanmelding
from netwerk.mail import zet_email_klaar

from .enums import (
    Actiestatus,
    Antwoord,
    InterventieDomein,
    Interventiestatus,
    Rol,
    Verslagstatus,
    Voorstelstatus,
    Zichtbaarheid,
)
from .models import (
    Actiepunt,
    Actiepuntwijziging,
    Bijeenkomst,
    Casuswijk,
    Deelname,
    Interventie,
    Interventiecategorie,
    Interventievoorstel,
    Reactie,
    Uitnodiging,
    actieve_deelnames,
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
    part already is left alone and not mailed again. Side effect: a mail with a link to set
    a password (valid PASSWORD_RESET_TIMEOUT, and only once: setting the password ends it)
    or, for someone who has one, a note that they can now see this casuswijk.
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


def lezers(bijeenkomst: Bijeenkomst) -> list[Deelname]:
    """The participants who may read this session now, one participation per person.

    Everyone with an active participation in the session's call is a candidate; what
    their participation gives decides (Bijeenkomst.zichtbaar_voor with als_deelnemer: a
    staff member who also takes part is mailed and invited as the other participants are,
    never for an intern session or another casuswijk's). A person in several casuswijken
    of the call comes with the session's own casuswijk if they take part in it, else with
    their first: links in mails open the session through that casuswijk.

    Since every candidate takes part in the call, what zichtbaar_voor says of one depends
    only on whether they take part in the session's own casuswijk: it is asked once for one
    person on each side, so that the cost stays the same however many people take part.
    """
    deelnames = (
        Deelname.objects.actief()
        .filter(casuswijk__aanmelding__oproep=bijeenkomst.oproep_id, gebruiker__is_active=True)
        .select_related("gebruiker", "casuswijk")
        .order_by("pk")
    )
    per_persoon: dict[int, Deelname] = {}
    for deelname in deelnames:
        if deelname.gebruiker_id not in per_persoon or (
            deelname.casuswijk_id == bijeenkomst.casuswijk_id
        ):
            per_persoon[deelname.gebruiker_id] = deelname
    mag_lezen: dict[bool, bool] = {}
    for deelname in per_persoon.values():
        eigen_wijk = deelname.casuswijk_id == bijeenkomst.casuswijk_id
        if eigen_wijk not in mag_lezen:
            mag_lezen[eigen_wijk] = (
                Bijeenkomst.objects.zichtbaar_voor(deelname.gebruiker, als_deelnemer=True)
                .filter(pk=bijeenkomst.pk)
                .exists()
            )
    return [
        deelname
        for deelname in per_persoon.values()
        if mag_lezen[deelname.casuswijk_id == bijeenkomst.casuswijk_id]
    ]


def sessie_url(bijeenkomst: Bijeenkomst, deelname: Deelname) -> str:
    """The session's full address as this participant opens it."""
    return settings.PORTAAL_URL + reverse(
        "casuswijken:bijeenkomst", args=[deelname.casuswijk.slug, bijeenkomst.pk]
    )


# verslag_gemeld holds the fingerprint of the version last announced. A final one is the
# SHA-256 of visibility and text, as before concepts existed (so that no verslag announced
# then is announced again); a concept one starts with this mark, so that the next mail can
# say that the concept became final.
CONCEPTMERK = "concept:"


def verslagvingerafdruk(bijeenkomst: Bijeenkomst) -> str:
    """The fingerprint of the verslag as its readers would be told of it now: its status,
    its readers (the visibility) and its text. 64 characters, as verslag_gemeld holds."""
    # The readers count too: widening the visibility announces it to the new readers.
    inhoud = f"{bijeenkomst.zichtbaarheid}\n{bijeenkomst.verslag}"
    if bijeenkomst.verslagstatus == Verslagstatus.CONCEPT:
        vingerafdruk = hashlib.sha256(f"concept\n{inhoud}".encode()).hexdigest()
        return CONCEPTMERK + vingerafdruk[: 64 - len(CONCEPTMERK)]
    return hashlib.sha256(inhoud.encode()).hexdigest()


def meld_verslag(*, bijeenkomst: Bijeenkomst) -> int:
    """Mail the participants who may read a published verslag: once per version.

    One mail per person, with a link and not the content, to everyone with an active
    participation in the session's casuswijk (or, for a national one, in any casuswijk of
    the call) for whom Bijeenkomst.zichtbaar_voor lets it through. Returns how many.

    A version is the text, the visibility and the status together: a concept is announced
    with an invitation to react (mail verslag_concept), and the same notes announced again
    once they are vastgesteld (verslag_gepubliceerd, saying "vastgesteld"); saving again
    without a change mails nobody. Side effect: verslag_gemeld records the version told.
    """
    if not (bijeenkomst.gepubliceerd and bijeenkomst.verslag.strip()):
        return 0
    vingerafdruk = verslagvingerafdruk(bijeenkomst)
    vorige = bijeenkomst.verslag_gemeld
    if vingerafdruk == vorige:
        return 0
    concept = bijeenkomst.verslagstatus == Verslagstatus.CONCEPT
    context = {
        "bijeenkomst": bijeenkomst,
        # Told before: this mail is about a new version of what they heard of.
        "gewijzigd": bool(vorige),
        # The concept they were told of is now final.
        "vastgesteld": not concept and vorige.startswith(CONCEPTMERK),
        # A final verslag they were told of is open for reactions again.
        "heropend": concept and bool(vorige) and not vorige.startswith(CONCEPTMERK),
    }
    with transaction.atomic():
        aantal = 0
        for deelname in lezers(bijeenkomst):
            gebruiker = deelname.gebruiker
            zet_email_klaar(
                aan=gebruiker.email,
                sjabloon="verslag_concept" if concept else "verslag_gepubliceerd",
                context={
                    **context,
                    "gebruiker": gebruiker,
                    "url": sessie_url(bijeenkomst, deelname),
                },
            )
            aantal += 1
        # Only once somebody was told: published as intern, or before anyone was invited,
        # the first real readers must still hear of it.
        if aantal:
            Bijeenkomst.objects.filter(pk=bijeenkomst.pk).update(verslag_gemeld=vingerafdruk)
            bijeenkomst.verslag_gemeld = vingerafdruk
    return aantal


@dataclass(frozen=True)
class Gemeld:
    """What saving a session queued: per kind, how many participants are mailed."""

    verslag: int = 0
    uitnodigingen: int = 0
    wijzigingen: int = 0
    annuleringen: int = 0
    # Invited, but may no longer see the session: told it is off for them.
    ingetrokken: int = 0

    @property
    def totaal(self) -> int:
        return (
            self.verslag + self.uitnodigingen + self.wijzigingen + self.annuleringen
            + self.ingetrokken
        )  # fmt: skip


def sla_bijeenkomst_op(*, bijeenkomst: Bijeenkomst) -> Gemeld:
    """Save a session; returns how many participants are mailed, and about what.

    Side effects: the first save as published records gepubliceerd_op (unpublishing keeps
    it). A verslag saved as vastgesteld records vastgesteld_op the first time (saving it
    again keeps that moment); set back to concept, or emptied, it loses it, and its
    readers may react again. A published verslag is announced through meld_verslag, once
    per version: the concept, and the final one. Compared with the stored row: cancelling
    records geannuleerd_op and raises volgnummer by one, as does calling it off again, and
    so does a new time or place once invitations went out. Invitations, updates and
    cancellations go out through uitnodigen.verstuur_uitnodigingen, each version once.
    """
    # uitnodigen reads lezers() and sessie_url() from this module.
    from .uitnodigen import verstuur_uitnodigingen

    if bijeenkomst.gepubliceerd and bijeenkomst.gepubliceerd_op is None:
        bijeenkomst.gepubliceerd_op = timezone.now()
    if bijeenkomst.verslagstatus == Verslagstatus.VASTGESTELD and bijeenkomst.verslag.strip():
        if bijeenkomst.vastgesteld_op is None:
            bijeenkomst.vastgesteld_op = timezone.now()
    else:
        bijeenkomst.vastgesteld_op = None
    with transaction.atomic():
        gewijzigd = _werk_volgnummer_bij(bijeenkomst)
        bijeenkomst.save()
        gemeld = verstuur_uitnodigingen(bijeenkomst=bijeenkomst, gewijzigd=gewijzigd)
        return replace(gemeld, verslag=meld_verslag(bijeenkomst=bijeenkomst))


def _werk_volgnummer_bij(bijeenkomst: Bijeenkomst) -> list[str]:
    """Set volgnummer and geannuleerd_op from the stored row; returns what changed that the
    invited must hear of: "tijd", "plaats" (empty while nobody was invited)."""
    vorige = (
        Bijeenkomst.objects.select_for_update()
        .filter(pk=bijeenkomst.pk)
        .values("begint_op", "eindigt_op", "locatie", "geannuleerd", "geannuleerd_op", "volgnummer")
        .first()
        if bijeenkomst.pk
        else None
    )
    if vorige is None:
        bijeenkomst.geannuleerd_op = timezone.now() if bijeenkomst.geannuleerd else None
        return []
    if not bijeenkomst.geannuleerd:
        bijeenkomst.geannuleerd_op = None
    elif not vorige["geannuleerd"]:
        bijeenkomst.geannuleerd_op = timezone.now()
    else:
        bijeenkomst.geannuleerd_op = vorige["geannuleerd_op"]
    gewijzigd = []
    if (bijeenkomst.begint_op, bijeenkomst.eindigt_op) != (
        vorige["begint_op"],
        vorige["eindigt_op"],
    ):
        gewijzigd.append("tijd")
    if bijeenkomst.locatie != vorige["locatie"]:
        gewijzigd.append("plaats")
    if (
        gewijzigd
        and not Uitnodiging.objects.filter(
            bijeenkomst=bijeenkomst.pk, gemelde_versie__isnull=False
        ).exists()
    ):
        gewijzigd = []
    # Never from the form: the stored number is the one calendars know.
    bijeenkomst.volgnummer = vorige["volgnummer"]
    if gewijzigd or bijeenkomst.geannuleerd != vorige["geannuleerd"]:
        bijeenkomst.volgnummer += 1
    return gewijzigd


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
    tekst = tekst.replace("\r\n", "\n").strip()
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
            f"Uw reactie is {len(tekst)} tekens lang; er passen er hoogstens {REACTIE_MAX} in.",
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
    notitie = notitie.strip()
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
            "Een voorstel dat niet wordt opgenomen, heeft een reden van hoogstens 1000 tekens."
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
