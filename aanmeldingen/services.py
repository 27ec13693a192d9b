"""Writes to applications. Views and admin actions call these; nothing else sets .status."""

import uuid
from collections.abc import Mapping, Sequence
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Prefetch
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from netwerk.mail import zet_email_klaar

from . import toegang
from .enums import BESLUITEN, TOEGESTANE_OVERGANGEN, Domein, Organisatietype, Status
from .models import (
    AANVRAGERVELDEN,
    Aanmelding,
    Besluitbericht,
    Besluitsjabloon,
    Coalitielid,
    Oproep,
    Revisie,
    Statuswijziging,
)
from .validators import valideer_coalitie


class OproepGesloten(Exception):
    """The call's deadline has passed."""


class OngeldigeOvergang(Exception):
    """The requested status change is not allowed from the current status."""


class SelectieVol(Exception):
    """The call already has max_wijken selected applications."""


class BesluitAlVerzonden(Exception):
    """The decision was sent to the applicant; it no longer changes."""


class NietMeerBewerkbaar(Exception):
    """The application can no longer be changed by the applicant (deadline or decision)."""


class VerouderdFormulier(Exception):
    """The form was started from an older version: someone saved in the meantime."""


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
            _mail_ontvangst(aanmelding, link=link)
        elif naar == Status.INGETROKKEN:
            _mail_contactpersoon(aanmelding, "aanmelding_ingetrokken")
    return wijziging


def neem_besluit(
    *, aanmelding: Aanmelding, besluit: Status, door, toelichting: str
) -> Statuswijziging:
    """Record a coordinator's decision: geselecteerd, reserve or afgewezen, with why.

    An application that is still "ingediend" first moves to "in behandeling" (two history
    rows). The decision is only recorded here; nobody is mailed until the decisions of
    the call are sent together (verstuur_besluiten). Raises BesluitAlVerzonden once that
    happened, SelectieVol when the call has max_wijken selected already, OngeldigeOvergang
    for a concept or a withdrawn application.
    """
    if besluit not in BESLUITEN:
        raise OngeldigeOvergang(f"{Status(besluit).label} is geen besluit.")
    with transaction.atomic():
        # The call first, then the application: the same order as verstuur_besluiten, so
        # deciding and sending at the same moment wait for each other instead of deadlocking.
        Oproep.objects.select_for_update().get(pk=aanmelding.oproep_id)
        actueel = Aanmelding.objects.select_for_update().get(pk=aanmelding.pk)
        if actueel.besluit_verzonden_op is not None:
            raise BesluitAlVerzonden
        if actueel.status == Status.INGEDIEND:
            wijzig_status(aanmelding=actueel, naar=Status.IN_BEHANDELING, door=door)
        wijziging = wijzig_status(
            aanmelding=actueel, naar=besluit, door=door, toelichting=toelichting
        )
    aanmelding.refresh_from_db()
    return wijziging


class KanNietVersturen(Exception):
    """The decisions of the call cannot be sent yet; the message says why."""


# Where a decision mail's secret link goes. The worker puts a fresh link there when it
# sends, so that no working link is ever stored in a Besluitbericht.
LINK_PLEK = "[[persoonlijke link]]"
LINK_VOORBEELD = "[persoonlijke link naar de aanmelding]"


def besluitmails(*, oproep: Oproep, link: str = LINK_VOORBEELD) -> list[dict]:
    """The decision mails the call would send now, rendered, for the preview and sending.

    One per decided application that has not had a mail for its current decision; `link`
    stands where the template has {{ link }}. Raises KanNietVersturen when a template is
    missing or cannot be filled in.
    """
    sjablonen = {sjabloon.besluit: sjabloon for sjabloon in Besluitsjabloon.objects.all()}
    al_verstuurd = set(
        Besluitbericht.objects.filter(aanmelding__oproep=oproep).values_list(
            "aanmelding_id", "besluit"
        )
    )
    aanmeldingen = (
        oproep.aanmeldingen.filter(status__in=BESLUITEN)
        .prefetch_related("leden")
        .prefetch_related(
            Prefetch(
                "statuswijzigingen",
                queryset=Statuswijziging.objects.filter(naar__in=BESLUITEN).order_by("-tijdstip"),
                to_attr="besluitwijzigingen",
            )
        )
        .order_by("status", "wijknaam")
    )
    mails = []
    for aanmelding in aanmeldingen:
        if (aanmelding.pk, aanmelding.status) in al_verstuurd:
            continue
        sjabloon = sjablonen.get(aanmelding.status)
        if sjabloon is None:
            raise KanNietVersturen(
                f"Er is geen sjabloon voor de besluitmail "
                f"‘{aanmelding.get_status_display().lower()}’."
            )
        contactpersoon = aanmelding.contactpersoon
        context = Context(
            {
                "naam": contactpersoon.naam,
                "wijknaam": aanmelding.wijknaam,
                "gemeente": aanmelding.gemeente,
                "oproep": oproep.titel,
                "toelichting": (
                    aanmelding.besluitwijzigingen[0].toelichting
                    if aanmelding.besluitwijzigingen
                    else ""
                ),
                "link": link,
            },
            autoescape=False,
        )
        try:
            onderwerp = " ".join(Template(sjabloon.onderwerp).render(context).split())
            tekst = Template(sjabloon.tekst).render(context)
        except Exception as fout:  # noqa: BLE001 - any template error stops the sending
            raise KanNietVersturen(
                f"De besluitmail ‘{sjabloon.get_besluit_display().lower()}’ kan niet worden "
                f"ingevuld ({fout}). Pas het sjabloon aan."
            ) from None
        mails.append(
            {
                "aanmelding": aanmelding,
                "besluit": aanmelding.status,
                "aan": contactpersoon.email,
                "onderwerp": onderwerp,
                "tekst": tekst,
            }
        )
    return mails


def vingerafdruk(mails: Sequence[Mapping]) -> str:
    """Which decisions a preview showed, to check that sending sends exactly those."""
    return ",".join(sorted(f"{mail['aanmelding'].pk}:{mail['besluit']}" for mail in mails))


def verstuur_besluiten(*, oproep: Oproep, door, gezien: str | None = None) -> list[Besluitbericht]:
    """Send the decisions of a call together: all or nothing, each decision mailed once.

    Refuses (KanNietVersturen) while an application still awaits a decision, when fewer
    than min_wijken are selected, and when `gezien` (the vingerafdruk of the preview the
    coordinator saw) no longer matches. Then, in one transaction: every decided application
    gets a Besluitbericht with its rendered mail, queued for the worker
    (taken.verstuur_besluitbericht, which puts a fresh secret link in it when it sends);
    besluit_verzonden_op is set, after which the decision no longer changes; each selected
    application becomes a Casuswijk. Decisions that were mailed before are skipped, so
    sending twice sends nothing the second time.
    """
    from casuswijken.services import maak_casuswijk

    from .taken import verstuur_besluitbericht

    with transaction.atomic():
        oproep = Oproep.objects.select_for_update().get(pk=oproep.pk)
        open_ = oproep.aanmeldingen.filter(status__in=[Status.INGEDIEND, Status.IN_BEHANDELING])
        if open_.exists():
            namen = ", ".join(str(aanmelding) for aanmelding in open_[:5])
            raise KanNietVersturen(
                f"Nog niet alle aanmeldingen hebben een besluit ({open_.count()}: {namen})."
            )
        if oproep.aantal_geselecteerd < oproep.min_wijken:
            geselecteerd = (
                "Er is 1 wijk"
                if oproep.aantal_geselecteerd == 1
                else f"Er zijn {oproep.aantal_geselecteerd} wijken"
            )
            raise KanNietVersturen(
                f"{geselecteerd} geselecteerd; kies er minstens {oproep.min_wijken} voordat u "
                "de besluiten verstuurt."
            )
        te_versturen = besluitmails(oproep=oproep, link=LINK_PLEK)
        if gezien is not None and gezien != vingerafdruk(te_versturen):
            raise KanNietVersturen(
                "Sinds het voorbeeld is er een besluit veranderd. Bekijk het voorbeeld "
                "opnieuw voordat u verstuurt."
            )
        berichten = []
        for mail in te_versturen:
            aanmelding = mail.pop("aanmelding")
            bericht = Besluitbericht.objects.create(aanmelding=aanmelding, **mail)
            Aanmelding.objects.filter(pk=aanmelding.pk).update(besluit_verzonden_op=timezone.now())
            if aanmelding.status == Status.GESELECTEERD:
                maak_casuswijk(aanmelding=aanmelding)
            verstuur_besluitbericht.enqueue(bericht_id=bericht.pk)
            berichten.append(bericht)
    return berichten


def verstuur_opnieuw(*, bericht: Besluitbericht) -> None:
    """Queue a decision mail that failed once more (the worker sends it at most once)."""
    from .taken import verstuur_besluitbericht

    with transaction.atomic():
        bijgewerkt = Besluitbericht.objects.filter(
            pk=bericht.pk, status=Besluitbericht.Verzendstatus.MISLUKT
        ).update(status=Besluitbericht.Verzendstatus.IN_WACHTRIJ, in_wachtrij_op=timezone.now())
        if bijgewerkt:
            verstuur_besluitbericht.enqueue(bericht_id=bericht.pk)


def dien_aanmelding_in(
    *,
    oproep: Oproep,
    gegevens: Mapping,
    leden: Sequence[Mapping],
    indieningssleutel: uuid.UUID,
) -> tuple[Aanmelding, bool]:
    """Store a complete application with its coalition and submit it, all or nothing.

    `gegevens` are the cleaned fields of the application, `leden` the cleaned members.
    Returns (aanmelding, created). The contact person's confirmation carries a new secret
    link. The same indieningssleutel twice (a double click, a resubmitted POST) returns
    the application made the first time and queues nothing. Raises OproepGesloten after
    the deadline and ValidationError for a coalition that breaks the rules.
    """
    valideer_coalitie(leden)
    return _maak_aanmelding(
        oproep=oproep,
        gegevens=gegevens,
        leden=leden,
        indieningssleutel=indieningssleutel,
        indienen=True,
    )


def bewaar_concept(
    *,
    oproep: Oproep,
    gegevens: Mapping,
    leden: Sequence[Mapping],
    indieningssleutel: uuid.UUID,
) -> tuple[Aanmelding, bool]:
    """Store an unfinished application as a concept and mail its secret link.

    Empty answers are allowed; the coalition needs a contact person with an e-mail address
    (the link goes there). Side effect: the mail with the link to the contact person.
    Returns (aanmelding, created), idempotent on indieningssleutel like dien_aanmelding_in.
    """
    valideer_coalitie(leden, concept=True)
    return _maak_aanmelding(
        oproep=oproep,
        gegevens=gegevens,
        leden=leden,
        indieningssleutel=indieningssleutel,
        indienen=False,
    )


def _maak_aanmelding(*, oproep, gegevens, leden, indieningssleutel, indienen):
    bestaande = Aanmelding.objects.filter(indieningssleutel=indieningssleutel).first()
    if bestaande is not None:
        return bestaande, False
    if not oproep.is_open:
        raise OproepGesloten
    token, opslag = toegang.nieuw_token()
    try:
        with transaction.atomic():
            aanmelding = Aanmelding.objects.create(
                oproep=oproep,
                indieningssleutel=indieningssleutel,
                privacy_akkoord_op=timezone.now(),
                privacyverklaring_versie=settings.PRIVACYVERKLARING_VERSIE,
                toegang_selector=opslag.selector,
                toegang_hash=opslag.verifier_hash,
                toegang_verloopt_op=toegang.geldig_tot(),
                **gegevens,
            )
            _schrijf_leden(aanmelding, leden)
            if indienen:
                wijzig_status(aanmelding=aanmelding, naar=Status.INGEDIEND, link=link_voor(token))
            else:
                _mail_contactpersoon(aanmelding, "aanmelding_concept", link=link_voor(token))
    except IntegrityError:
        # Two requests with the same key at the same moment: the other one won.
        bestaande = Aanmelding.objects.filter(indieningssleutel=indieningssleutel).first()
        if bestaande is None:
            raise
        return bestaande, False
    return aanmelding, True


def werk_aanmelding_bij(
    *,
    aanmelding: Aanmelding,
    versie: int,
    gegevens: Mapping,
    leden: Sequence[Mapping],
    indienen: bool,
    token: str | None,
) -> list[dict]:
    """Save the applicant's changes to a stored application, all or nothing.

    `token` is the secret link the change came through. None means the browser that
    created a concept sent the public form again (after going back, for instance to
    correct the contact's address): then a new link replaces the old one and goes to the
    contact person as it is now, unless nothing changed (a double click).

    A concept stays a concept unless `indienen`, which first checks the full coalition
    rules and then submits it (with wijzig_status's side effects). A submitted application
    keeps its status; what changed is written as a Revisie, so that staff see that it
    changed after they read it, and mailed:
    - to the contact person, with the link and the list of changes;
    - to the previous contact person too, without the link, when that changed;
    - to members who are new in the coalition, the note that they were named.
    Returns the list of changes (empty when nothing changed).

    Raises NietMeerBewerkbaar after the deadline or once review has begun,
    VerouderdFormulier when `versie` is not the stored one (someone saved in the
    meantime), ValidationError for a coalition that breaks the rules.
    """
    concept = aanmelding.status == Status.CONCEPT
    valideer_coalitie(leden, concept=concept and not indienen)
    with transaction.atomic():
        # Lock the row: the version check and the write are then one step.
        opgeslagen = (
            Aanmelding.objects.select_for_update(of=("self",))
            .select_related("oproep")
            .get(pk=aanmelding.pk)
        )
        if not opgeslagen.is_bewerkbaar:
            raise NietMeerBewerkbaar
        if opgeslagen.versie != versie:
            raise VerouderdFormulier
        concept = opgeslagen.status == Status.CONCEPT
        leden_voor = list(opgeslagen.leden.all())
        voor = _momentopname(opgeslagen, leden_voor)
        for naam in AANVRAGERVELDEN:
            setattr(opgeslagen, naam, gegevens[naam])
        opgeslagen.versie = F("versie") + 1
        opgeslagen.save(update_fields=[*AANVRAGERVELDEN, "versie", "gewijzigd"])
        opgeslagen.refresh_from_db()
        opgeslagen.leden.all().delete()
        _schrijf_leden(opgeslagen, leden)
        leden_na = list(opgeslagen.leden.all())
        wijzigingen = _verschillen(voor, _momentopname(opgeslagen, leden_na))
        if concept and not indienen:
            if token is None and wijzigingen:
                link = vervang_link(aanmelding=opgeslagen)
                _mail_contactpersoon(opgeslagen, "aanmelding_concept", link=link)
        elif concept:
            link = link_voor(token) if token else vervang_link(aanmelding=opgeslagen)
            wijzig_status(aanmelding=opgeslagen, naar=Status.INGEDIEND, link=link)
        elif wijzigingen:
            Revisie.objects.create(aanmelding=opgeslagen, wijzigingen=wijzigingen)
            link = link_voor(token) if token else vervang_link(aanmelding=opgeslagen)
            _mail_wijziging(opgeslagen, leden_voor, leden_na, link=link, wijzigingen=wijzigingen)
    aanmelding.refresh_from_db()
    return wijzigingen


def trek_in(*, aanmelding: Aanmelding) -> Statuswijziging:
    """The applicant withdraws the application (before a decision). Side effect: as
    wijzig_status to INGETROKKEN, a confirmation to the contact person."""
    return wijzig_status(
        aanmelding=aanmelding, naar=Status.INGETROKKEN, toelichting="Ingetrokken door de aanvrager."
    )


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
        _mail_contactpersoon(
            aanmelding, "aanmelding_link", link=link, door_medewerker=door_medewerker
        )


def corrigeer_contactadres(*, aanmelding: Aanmelding, email: str) -> None:
    """Give a concept's contact person another e-mail address and send the link there.

    For the applicant who sees right after saving that the address was mistyped. The
    link that went to the wrong address stops working. Only for concepts; raises
    NietMeerBewerkbaar otherwise, and ValidationError when another member has the address.
    """
    with transaction.atomic():
        opgeslagen = (
            Aanmelding.objects.select_for_update(of=("self",))
            .select_related("oproep")
            .get(pk=aanmelding.pk)
        )
        if opgeslagen.status != Status.CONCEPT or not opgeslagen.is_bewerkbaar:
            raise NietMeerBewerkbaar
        leden = list(opgeslagen.leden.all())
        contactpersoon = next(lid for lid in leden if lid.is_contactpersoon)
        if any(lid.email.lower() == email.lower() for lid in leden if lid.pk != contactpersoon.pk):
            raise ValidationError(
                "Dit e-mailadres staat al bij een ander lid van de coalitie.", code="dubbel_email"
            )
        contactpersoon.email = email
        contactpersoon.save(update_fields=["email"])
        opgeslagen.versie = F("versie") + 1
        opgeslagen.save(update_fields=["versie", "gewijzigd"])
        opgeslagen.refresh_from_db()
        link = vervang_link(aanmelding=opgeslagen)
        _mail_contactpersoon(opgeslagen, "aanmelding_concept", link=link)


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


# The privacy statement promises these terms (templates/netwerk/privacy.html).
# "Within three months": a few days' margin, so that a daily run is never late.
BEWAARTERMIJN_INGETROKKEN = timedelta(days=85)
BEWAARTERMIJN_CONCEPT_NA_SLUITING = timedelta(days=85)


def ruim_op() -> dict[str, int]:
    """Delete what the privacy statement says we keep no longer, members and history included.

    - applications withdrawn more than three months ago;
    - concepts of calls that closed more than three months ago.
    Returns how many of each were deleted. Run daily (manage.py ruim_aanmeldingen_op).
    """
    nu = timezone.now()
    ingetrokken = Aanmelding.objects.filter(
        status=Status.INGETROKKEN,
        statuswijzigingen__naar=Status.INGETROKKEN,
        statuswijzigingen__tijdstip__lt=nu - BEWAARTERMIJN_INGETROKKEN,
    )
    concepten = Aanmelding.objects.filter(
        status=Status.CONCEPT, oproep__deadline__lt=nu - BEWAARTERMIJN_CONCEPT_NA_SLUITING
    )
    with transaction.atomic():
        aantallen = {
            "ingetrokken": _verwijder(ingetrokken),
            "concepten": _verwijder(concepten),
        }
    return aantallen


def _verwijder(aanmeldingen) -> int:
    # Through the primary keys: a join in the filter would make delete() refuse or repeat.
    return (
        Aanmelding.objects.filter(pk__in=list(aanmeldingen.values_list("pk", flat=True)))
        .delete()[1]
        .get("aanmeldingen.Aanmelding", 0)
    )


def link_voor(token: str) -> str:
    return settings.PORTAAL_URL + reverse("aanmeldingen:aanmelding", kwargs={"token": token})


def _schrijf_leden(aanmelding: Aanmelding, leden: Sequence[Mapping]) -> None:
    Coalitielid.objects.bulk_create(
        Coalitielid(aanmelding=aanmelding, volgorde=volgorde, **lid)
        for volgorde, lid in enumerate(leden, start=1)
    )


def _momentopname(aanmelding: Aanmelding, leden) -> dict[str, str]:
    """The application as text per field label, to compare before and after a change."""
    opname = {
        str(Aanmelding._meta.get_field(naam).verbose_name): str(getattr(aanmelding, naam))
        for naam in AANVRAGERVELDEN
    }
    opname["provincie"] = aanmelding.get_provincie_display()
    opname["coalitie"] = "\n".join(_lid_als_tekst(lid) for lid in leden)
    return opname


def _lid_als_tekst(lid: Coalitielid) -> str:
    delen = [
        lid.naam,
        lid.functie,
        lid.organisatie,
        Organisatietype(lid.organisatietype).label if lid.organisatietype else "",
        Domein(lid.domein).label if lid.domein else "",
        lid.email,
    ]
    tekst = ", ".join(deel for deel in delen if deel)
    return f"{tekst} (contactpersoon)" if lid.is_contactpersoon else tekst


def _verschillen(voor: dict[str, str], na: dict[str, str]) -> list[dict]:
    return [
        {"veld": veld, "oud": voor[veld], "nieuw": na[veld]}
        for veld in voor
        if voor[veld] != na[veld]
    ]


def _mail_ontvangst(aanmelding: Aanmelding, *, link: str) -> None:
    leden = list(aanmelding.leden.all())
    contactpersoon = next(lid for lid in leden if lid.is_contactpersoon)
    context = {"aanmelding": aanmelding, "leden": leden, "contactpersoon": contactpersoon}
    zet_email_klaar(
        aan=contactpersoon.email,
        sjabloon="aanmelding_ontvangen",
        context={**context, "link": link},
    )
    for lid in leden:
        if not lid.is_contactpersoon:
            zet_email_klaar(
                aan=lid.email,
                sjabloon="aanmelding_lid_genoemd",
                context={**context, "lid": lid},
            )


def _mail_wijziging(aanmelding, leden_voor, leden_na, *, link, wijzigingen) -> None:
    _mail_contactpersoon(aanmelding, "aanmelding_gewijzigd", link=link, wijzigingen=wijzigingen)
    vorige = next((lid for lid in leden_voor if lid.is_contactpersoon), None)
    nieuwe = next(lid for lid in leden_na if lid.is_contactpersoon)
    context = {"aanmelding": aanmelding, "leden": leden_na, "contactpersoon": nieuwe}
    if vorige is not None and vorige.email.lower() != nieuwe.email.lower():
        # Members have no identity across saves; the same name means a corrected address.
        zelfde_persoon = vorige.naam.strip().lower() == nieuwe.naam.strip().lower()
        zet_email_klaar(
            aan=vorige.email,
            sjabloon="aanmelding_contact_gewijzigd",
            context={
                **context,
                "vorige": vorige,
                "wijzigingen": wijzigingen,
                "zelfde_persoon": zelfde_persoon,
            },
        )
    bekend = {lid.email.lower() for lid in leden_voor}
    for lid in leden_na:
        if not lid.is_contactpersoon and lid.email.lower() not in bekend:
            zet_email_klaar(
                aan=lid.email, sjabloon="aanmelding_lid_genoemd", context={**context, "lid": lid}
            )


def _mail_contactpersoon(aanmelding: Aanmelding, sjabloon: str, **context) -> None:
    leden = list(aanmelding.leden.all())
    contactpersoon = next(lid for lid in leden if lid.is_contactpersoon)
    zet_email_klaar(
        aan=contactpersoon.email,
        sjabloon=sjabloon,
        context={
            "aanmelding": aanmelding,
            "leden": leden,
            "contactpersoon": contactpersoon,
            **context,
        },
    )
