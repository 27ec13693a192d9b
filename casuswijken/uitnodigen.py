"""Invitations to sessions by mail, with the session for the calendar attached (iCalendar,
casuswijken/agenda.py): the invitation, an update after a new time or place, and the
cancellation. Each participant gets each version once: Uitnodiging.gemelde_versie holds the
Bijeenkomst.volgnummer last mailed to them, annulering_gemeld_op when they were told it is
off. services.sla_bijeenkomst_op raises the volgnummer and calls verstuur_uitnodigingen;
the hourly command calls meld_komende_uitnodigingen to catch up with participants who
joined or left since."""

from collections.abc import Sequence
from datetime import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from netwerk.mail import zet_email_klaar

from . import agenda
from .enums import Zichtbaarheid
from .models import Bijeenkomst, Deelname, Uitnodiging
from .services import Gemeld, lezers, sessie_url


def wordt_uitgenodigd(bijeenkomst: Bijeenkomst, *, nu: datetime) -> bool:
    """Published, not cancelled, not begun, and for more readers than staff alone."""
    return (
        bijeenkomst.gepubliceerd
        and not bijeenkomst.geannuleerd
        and bijeenkomst.begint_op > nu
        and bijeenkomst.zichtbaarheid != Zichtbaarheid.INTERN
    )


def verstuur_uitnodigingen(
    *, bijeenkomst: Bijeenkomst, gewijzigd: Sequence[str] = (), nu: datetime | None = None
) -> Gemeld:
    """Mail what each participant has not been sent yet about this session; returns how many
    of each kind were queued.

    Nothing is mailed once a session has begun. For one that is invited to
    (wordt_uitgenodigd), every reader (services.lezers) without the current version gets it:
    an invitation if they had none (or it was withdrawn), else an update, which names what
    changed (gewijzigd: "tijd", "plaats"; unknown on a catch-up run). Someone invited who
    may no longer see it (unpublished, narrowed to intern or another casuswijk,
    participation ended) is told it is off for them. A cancelled session's cancellation
    goes to everyone invited and not told yet. Side effects: the mails, each with an
    iCalendar attachment, and the Uitnodiging rows (made per person as needed) recording
    what was sent, in one transaction.
    """
    nu = nu or timezone.now()
    if bijeenkomst.pk is None or bijeenkomst.begint_op <= nu:
        return Gemeld()
    tellingen = {"uitnodigingen": 0, "wijzigingen": 0, "annuleringen": 0, "ingetrokken": 0}
    with transaction.atomic():
        # One run per session at a time (PostgreSQL; SQLite has one writer anyway), so that
        # two saves, or a save and the hourly command, never mail a version twice; and the
        # session as it is now, not as the caller read it before another save.
        bijeenkomst = Bijeenkomst.objects.select_for_update().filter(pk=bijeenkomst.pk).first()
        if bijeenkomst is None or bijeenkomst.begint_op <= nu:
            return Gemeld()
        bestaande = {
            uitnodiging.gebruiker_id: uitnodiging
            for uitnodiging in Uitnodiging.objects.filter(bijeenkomst=bijeenkomst).select_related(
                "gebruiker"
            )
        }
        uitgenodigd = {
            gebruiker_id: uitnodiging
            for gebruiker_id, uitnodiging in bestaande.items()
            if uitnodiging.gemelde_versie is not None and uitnodiging.annulering_gemeld_op is None
        }
        if bijeenkomst.geannuleerd:
            # Readers get the link to the page that says it is off; only when someone is due.
            deelnames = _lezers_per_persoon(bijeenkomst) if uitgenodigd else {}
            for gebruiker_id, uitnodiging in uitgenodigd.items():
                _meld_af(bijeenkomst, uitnodiging, deelnames.get(gebruiker_id), nu=nu)
                tellingen["annuleringen"] += 1
            Uitnodiging.objects.bulk_update(uitgenodigd.values(), ["annulering_gemeld_op"])
            return Gemeld(**tellingen)
        deelnames = (
            _lezers_per_persoon(bijeenkomst) if wordt_uitgenodigd(bijeenkomst, nu=nu) else {}
        )
        gemeld: list[Uitnodiging] = []
        for gebruiker_id, deelname in deelnames.items():
            uitnodiging = bestaande.get(gebruiker_id)
            if uitnodiging is None:
                uitnodiging, _ = Uitnodiging.objects.get_or_create(
                    bijeenkomst=bijeenkomst, gebruiker=deelname.gebruiker
                )
            nieuw = (
                uitnodiging.gemelde_versie is None or uitnodiging.annulering_gemeld_op is not None
            )
            if not nieuw and uitnodiging.gemelde_versie == bijeenkomst.volgnummer:
                continue
            _nodig_uit(bijeenkomst, uitnodiging, deelname, nieuw=nieuw, gewijzigd=gewijzigd, nu=nu)
            gemeld.append(uitnodiging)
            tellingen["uitnodigingen" if nieuw else "wijzigingen"] += 1
        for gebruiker_id, uitnodiging in uitgenodigd.items():
            if gebruiker_id not in deelnames:
                _meld_af(bijeenkomst, uitnodiging, None, nu=nu)
                gemeld.append(uitnodiging)
                tellingen["ingetrokken"] += 1
        Uitnodiging.objects.bulk_update(gemeld, ["gemelde_versie", "annulering_gemeld_op"])
    return Gemeld(**tellingen)


def meld_uitnodigingen(*, bijeenkomst: Bijeenkomst) -> int:
    """Catch up with one session (verstuur_uitnodigingen); returns how many mails were
    queued."""
    return verstuur_uitnodigingen(bijeenkomst=bijeenkomst).totaal


def meld_komende_uitnodigingen(*, nu: datetime | None = None) -> int:
    """Catch up with every session not begun that is published or has invitations out (one
    unpublished since, or whose readers left, owes them a cancellation); returns how many
    mails were queued. Idempotent: a second run mails nobody."""
    nu = nu or timezone.now()
    sessies = (
        Bijeenkomst.objects.filter(begint_op__gt=nu)
        .filter(
            Q(gepubliceerd=True)
            | Q(
                uitnodigingen__gemelde_versie__isnull=False,
                uitnodigingen__annulering_gemeld_op=None,
            )
        )
        .distinct()
        .select_related("casuswijk", "oproep")
        .order_by("begint_op", "pk")
    )
    return sum(verstuur_uitnodigingen(bijeenkomst=sessie, nu=nu).totaal for sessie in sessies)


def wijziging_in_woorden(gewijzigd: Sequence[str]) -> str:
    """What changed, as the update mail says it: "nieuwe tijd en plaats"; on a catch-up run,
    when it is not known, "nieuwe tijd of plaats"."""
    delen = [f"nieuwe {wat}" if nummer == 0 else wat for nummer, wat in enumerate(gewijzigd)]
    if not delen:
        return "nieuwe tijd of plaats"
    if len(delen) == 1:
        return delen[0]
    return ", ".join(delen[:-1]) + " en " + delen[-1]


def _lezers_per_persoon(bijeenkomst: Bijeenkomst) -> dict[int, Deelname]:
    return {deelname.gebruiker_id: deelname for deelname in lezers(bijeenkomst)}


def _nodig_uit(
    bijeenkomst: Bijeenkomst,
    uitnodiging: Uitnodiging,
    deelname: Deelname,
    *,
    nieuw: bool,
    gewijzigd: Sequence[str],
    nu: datetime,
) -> None:
    gebruiker = deelname.gebruiker
    url = sessie_url(bijeenkomst, deelname)
    zet_email_klaar(
        aan=gebruiker.email,
        sjabloon="bijeenkomst_uitnodiging" if nieuw else "bijeenkomst_gewijzigd",
        context={
            "gebruiker": gebruiker,
            "bijeenkomst": bijeenkomst,
            "url": url,
            "wijziging": wijziging_in_woorden(gewijzigd),
        },
        bijlagen=[
            agenda.uitnodiging(
                bijeenkomst=bijeenkomst,
                url=url,
                email=gebruiker.email,
                naam=gebruiker.get_full_name(),
                annuleren=False,
                nu=nu,
            )
        ],
    )
    # Saved by the caller, all at once.
    uitnodiging.gemelde_versie = bijeenkomst.volgnummer
    uitnodiging.annulering_gemeld_op = None


def _meld_af(
    bijeenkomst: Bijeenkomst, uitnodiging: Uitnodiging, deelname: Deelname | None, *, nu: datetime
) -> None:
    """The cancellation, or (the session goes on, but not for this person) the invitation
    withdrawn. A reader gets the link; someone who may no longer see the session, none."""
    gebruiker = uitnodiging.gebruiker
    url = sessie_url(bijeenkomst, deelname) if deelname is not None else ""
    zet_email_klaar(
        aan=gebruiker.email,
        sjabloon="bijeenkomst_geannuleerd",
        context={
            "gebruiker": gebruiker,
            "bijeenkomst": bijeenkomst,
            "url": url,
            "ingetrokken": not bijeenkomst.geannuleerd,
        },
        bijlagen=[
            agenda.uitnodiging(
                bijeenkomst=bijeenkomst,
                url=url,
                email=gebruiker.email,
                naam=gebruiker.get_full_name(),
                annuleren=True,
                nu=nu,
            )
        ],
    )
    # Saved by the caller, all at once.
    uitnodiging.annulering_gemeld_op = nu
