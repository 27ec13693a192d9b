"""Decisions: recording them, and sending them to the applicants together.

The whole workflow of a decision is here. What must hold before the decisions of a call
are sent is one function (waarom_niet_versturen), which the admin's preview asks and
verstuur_besluiten asks again under a lock, so that the two never disagree. The words a
decision mail may use are one list (models.BESLUITWOORDEN: the template's help text, the
check when staff save a template, and the rendering here). The worker's delivery of one
mail is here too, behind the task verstuur_besluitbericht; tasks only call functions.
"""

import logging
from collections.abc import Mapping, Sequence

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Prefetch
from django.template import Context, Template
from django.utils import timezone
from django.utils.formats import date_format
from django_tasks import task

from casuswijken.services import maak_casuswijk
from netwerk.mail import is_tijdelijk, wachttijd

from ..enums import BESLUITEN, IN_BEOORDELING, Status
from ..models import (
    Aanmelding,
    Besluitbericht,
    Besluitsjabloon,
    Oproep,
    Statuswijziging,
)
from .link import vervang_link
from .status import OngeldigeOvergang, SelectieVol, wijzig_status

logger = logging.getLogger(__name__)


class BesluitAlVerzonden(Exception):
    """The decision was sent to the applicant; it no longer changes."""


class OproepNogOpen(Exception):
    """The call still takes applications: decisions wait for its deadline."""


class BesluitGeweigerd(Exception):
    """One application of a selection cannot get the decision; the message says which and
    why. Nothing of the selection was recorded."""


class KanNietVersturen(Exception):
    """The decisions of the call cannot be sent yet; the message says why."""


# Where a decision mail's secret link goes. The worker puts a fresh link there when it
# sends, so that no working link is ever stored in a Besluitbericht.
LINK_PLEK = "[[persoonlijke link]]"
LINK_VOORBEELD = "[persoonlijke link naar de aanmelding]"


def waarom_geen_besluit(*, oproep: Oproep) -> str | None:
    """Why no decision can be recorded or sent for this call now; None when it can. Reads only.

    Decisions wait for the deadline: until then applications still come in and change,
    and a decision sent early would tell the rest of the country the call is over.
    """
    if oproep.is_open:
        deadline = date_format(timezone.localtime(oproep.deadline), r"j F Y \o\m H:i")
        return (
            f"De oproep ‘{oproep}’ staat nog open tot {deadline} uur. Besluiten worden pas "
            "vastgelegd en verstuurd na de deadline, als alle aanmeldingen binnen zijn."
        )
    return None


def neem_besluit(
    *, aanmelding: Aanmelding, besluit: Status, door, toelichting: str
) -> Statuswijziging:
    """Record a coordinator's decision: geselecteerd, reserve or afgewezen, with why.

    An application that is still "ingediend" first moves to "in behandeling" (two history
    rows). The decision is only recorded here; nobody is mailed until the decisions of
    the call are sent together (verstuur_besluiten). Raises OproepNogOpen before the
    call's deadline (waarom_geen_besluit), BesluitAlVerzonden once the decision was sent,
    SelectieVol when the call has max_wijken selected already, OngeldigeOvergang for a
    concept or a withdrawn application.
    """
    if besluit not in BESLUITEN:
        raise OngeldigeOvergang(f"{Status(besluit).label} is geen besluit.")
    with transaction.atomic():
        # The call first, then the application: the same order as verstuur_besluiten, so
        # deciding and sending at the same moment wait for each other instead of deadlocking.
        oproep = Oproep.objects.select_for_update().get(pk=aanmelding.oproep_id)
        if reden := waarom_geen_besluit(oproep=oproep):
            raise OproepNogOpen(reden)
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


def neem_besluiten(
    *, aanmeldingen: Sequence[Aanmelding], besluit: Status, door, toelichting: str
) -> list[Statuswijziging]:
    """Record the same decision for several applications in one transaction: all or none.

    Side effects: those of neem_besluit, for each. When one is refused (the call is still
    open, the selection is full, its decision was sent, its status does not allow it),
    the others are rolled back and BesluitGeweigerd says which application blocked and why.
    """
    wijzigingen = []
    with transaction.atomic():
        # Calls in one order, each before its applications, as neem_besluit locks them: two
        # selections at once wait for each other instead of deadlocking.
        for aanmelding in sorted(aanmeldingen, key=lambda a: (a.oproep_id, a.pk)):
            try:
                wijzigingen.append(
                    neem_besluit(
                        aanmelding=aanmelding, besluit=besluit, door=door, toelichting=toelichting
                    )
                )
            except (OproepNogOpen, SelectieVol, BesluitAlVerzonden, OngeldigeOvergang) as fout:
                raise BesluitGeweigerd(
                    _waarom_geweigerd(aanmelding, besluit, fout, len(aanmeldingen))
                ) from None
    return wijzigingen


def _waarom_geweigerd(aanmelding: Aanmelding, besluit: Status, fout: Exception, aantal: int) -> str:
    if isinstance(fout, OproepNogOpen):
        reden = str(fout)
    elif isinstance(fout, SelectieVol) and aantal > 1:
        reden = (
            f"Met deze keuze zouden er meer dan {aanmelding.oproep.max_wijken} wijken "
            "geselecteerd zijn, het maximum van de oproep. Kies er minder, of maak eerst een "
            "andere selectie ongedaan."
        )
    elif isinstance(fout, SelectieVol):
        reden = (
            f"{aanmelding} is niet geselecteerd: deze oproep heeft al "
            f"{aanmelding.oproep.max_wijken} geselecteerde wijken, het maximum. Maak eerst "
            "een andere selectie ongedaan."
        )
    elif isinstance(fout, BesluitAlVerzonden):
        reden = f"{aanmelding}: het besluit is al verstuurd en verandert niet meer."
    elif aanmelding.status == besluit:
        reden = f"{aanmelding} heeft dit besluit al."
    else:
        reden = (
            f"{aanmelding}: met de status ‘{aanmelding.get_status_display().lower()}’ kan het "
            f"besluit ‘{besluit.label.lower()}’ niet worden vastgelegd."
        )
    if aantal > 1:
        reden += " Daarom is er voor geen van de gekozen aanmeldingen iets vastgelegd."
    return reden


def aantal_wijken(aantal: int) -> str:
    return "Er is 1 wijk" if aantal == 1 else f"Er zijn {aantal} wijken"


def waarom_niet_versturen(*, oproep: Oproep) -> str | None:
    """Why the decisions of this call cannot be sent now, in staff's words; None when they can.

    The preview shows it, and verstuur_besluiten asks it again under the call's lock.
    Reads only.
    """
    if reden := waarom_geen_besluit(oproep=oproep):
        return reden
    open_ = oproep.aanmeldingen.filter(status__in=IN_BEOORDELING).order_by("wijknaam")
    if aantal := open_.count():
        namen = ", ".join(str(aanmelding) for aanmelding in open_[:5])
        return f"Nog niet alle aanmeldingen hebben een besluit ({aantal}: {namen})."
    if oproep.aantal_geselecteerd < oproep.min_wijken:
        return (
            f"{aantal_wijken(oproep.aantal_geselecteerd)} geselecteerd; kies er minstens "
            f"{oproep.min_wijken} voordat u de besluiten verstuurt."
        )
    return None


def vul_in(tekst: str, woorden: Mapping[str, str]) -> str:
    """A decision template's text with its words filled in, as plain text (no escaping).

    Raises whatever Django's template language raises for a text it cannot fill in.
    """
    return Template(tekst).render(Context(dict(woorden), autoescape=False))


def besluitmails(*, oproep: Oproep, link: str = LINK_VOORBEELD) -> list[dict]:
    """The decision mails the call would send now, rendered, for the preview and sending.

    One per decided application that has not had a mail for its current decision; `link`
    stands where the template has {{ link }}. Reads only. Raises KanNietVersturen when a
    template is missing or cannot be filled in.
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
        if contactpersoon is None or not contactpersoon.email:
            # Erased on request (netwerk.persoonsgegevens): a mail to nobody would be
            # recorded as sent while nobody heard of the decision.
            raise KanNietVersturen(
                f"De contactpersoon van {aanmelding} heeft geen e-mailadres meer (de "
                "gegevens zijn op verzoek verwijderd). Maak eerst een ander lid van de "
                "coalitie contactpersoon."
            )
        woorden = {
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
        }
        try:
            onderwerp = " ".join(vul_in(sjabloon.onderwerp, woorden).split())
            tekst = vul_in(sjabloon.tekst, woorden)
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

    Refuses (KanNietVersturen) for the reasons of waarom_niet_versturen, and when `gezien`
    (the vingerafdruk of the preview the coordinator saw) no longer matches. Then, in one
    transaction: every decided application gets a Besluitbericht with its rendered mail,
    queued for the worker (verstuur_besluitbericht, which puts a fresh secret link in it
    when it sends); besluit_verzonden_op is set, after which the decision no longer
    changes; each selected application becomes a Casuswijk. Decisions that were mailed
    before are skipped, so sending twice sends nothing the second time.
    """
    with transaction.atomic():
        oproep = Oproep.objects.select_for_update().get(pk=oproep.pk)
        if reden := waarom_niet_versturen(oproep=oproep):
            raise KanNietVersturen(reden)
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


def verstuur_opnieuw(*, bericht: Besluitbericht) -> bool:
    """Queue a decision mail that failed for good once more (the worker sends it at most
    once), with a fresh series of tries.

    Side effects, only for a failed one: its status goes back to "in de wachtrij" and the
    task is queued. Returns whether it was queued.
    """
    with transaction.atomic():
        bijgewerkt = Besluitbericht.objects.filter(
            pk=bericht.pk, status=Besluitbericht.Verzendstatus.MISLUKT
        ).update(
            status=Besluitbericht.Verzendstatus.IN_WACHTRIJ,
            in_wachtrij_op=timezone.now(),
            volgende_poging_op=None,
        )
        if bijgewerkt:
            verstuur_besluitbericht.enqueue(bericht_id=bericht.pk)
    return bool(bijgewerkt)


def bezorg_besluitbericht(*, bericht_id: int, poging: int = 1) -> None:
    """Send one queued decision mail, at most once, and record how it went.

    Side effects: the mail to the contact person; a fresh secret link replacing the
    applicant's old one (only when the mail went out); the Besluitbericht's status,
    attempts and error. A failure that may pass (netwerk.mail.is_tijdelijk) with tries left
    (MAIL_POGINGEN, counted by `poging` within one series) keeps the status "in de
    wachtrij", records the error and when the next try is (volgende_poging_op), and queues
    it with the same backoff as every other mail (netwerk.mail.wachttijd), in the same
    transaction. Otherwise a failure is "mislukt": the Besluitbericht row is the record
    staff see, and they can send it again from the admin (verstuur_opnieuw).
    """
    with transaction.atomic():
        bericht = Besluitbericht.objects.select_for_update().get(pk=bericht_id)
        if bericht.status != Besluitbericht.Verzendstatus.IN_WACHTRIJ:
            return
        bericht.pogingen += 1
        try:
            # A fresh secret link, replacing the applicant's old one, only if the mail goes
            # out: a failure rolls the replacement back with this savepoint.
            with transaction.atomic():
                tekst = bericht.tekst
                if LINK_PLEK in tekst:
                    link = vervang_link(aanmelding=bericht.aanmelding)
                    tekst = tekst.replace(LINK_PLEK, link)
                EmailMessage(
                    subject=bericht.onderwerp,
                    body=tekst,
                    from_email=settings.DEFAULT_FROM_EMAIL,
                    to=[bericht.aan],
                    reply_to=[settings.CONTACT_EMAIL],
                ).send()
        except Exception as fout:  # noqa: BLE001 - any failure of the mail server is recorded
            logger.exception("Besluitbericht %s kon niet worden verstuurd", bericht.pk)
            bericht.fout = f"{type(fout).__name__}: {fout}"[:2000]
            if is_tijdelijk(fout) and poging < settings.MAIL_POGINGEN:
                bericht.volgende_poging_op = timezone.now() + wachttijd(poging)
                verstuur_besluitbericht.using(run_after=bericht.volgende_poging_op).enqueue(
                    bericht_id=bericht.pk, poging=poging + 1
                )
            else:
                bericht.status = Besluitbericht.Verzendstatus.MISLUKT
                bericht.volgende_poging_op = None
        else:
            bericht.status = Besluitbericht.Verzendstatus.VERSTUURD
            bericht.verstuurd_op = timezone.now()
            bericht.volgende_poging_op = None
            bericht.fout = ""
        bericht.save()


@task()
def verstuur_besluitbericht(*, bericht_id: int, poging: int = 1) -> None:
    """The worker's task for one decision mail: bezorg_besluitbericht."""
    bezorg_besluitbericht(bericht_id=bericht_id, poging=poging)
