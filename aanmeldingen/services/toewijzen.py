"""Reviewers assigned to applications, and the conflicts of interest they declare.

A coördinator assigns reviewers by hand (the application's page) or in bulk (wijs_toe);
a reviewer declares a conflict of interest (meld_belangenconflict) and from then on
neither reviews that application nor reads its reviews; "Mijn beoordelingen" shows each
reviewer what is assigned, and volgende_toewijzing the next one still to do.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Count, F, OuterRef, Subquery

from netwerk.rechten import Rol

from ..models import Aanmelding, Belangenconflict, Beoordeling, Oproep, Toewijzing


class ToewijzingGeweigerd(Exception):
    """The assignment cannot be made as asked; the message says why, for the coördinator."""


class BelangenconflictGeweigerd(Exception):
    """The conflict of interest cannot be declared; the message says why, for the reviewer."""


def beoordelaars():
    """The accounts a coördinator may assign: active staff with the role beoordelaar."""
    return (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True, groups__name=Rol.BEOORDELAAR)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


@dataclass(frozen=True)
class Plan:
    """The new assignments wijs_toe would make: (application, reviewer) pairs."""

    paren: list[tuple[Aanmelding, object]]


def plan_toewijzingen(*, aanmeldingen: list[Aanmelding], beoordelaars: list, aantal: int) -> Plan:
    """Which reviewers each application gets, so that it has `aantal` in all.

    Assignments it already has count (except one whose reviewer declared a conflict of
    interest since); it gets the rest from `beoordelaars`, never one with a conflict of
    interest for it and never one it already has, each time the reviewers with the fewest
    assignments in that call first, so that the work is spread evenly. Raises
    ToewijzingGeweigerd, naming every application where this cannot be done; then nothing
    is planned at all.
    """
    if aantal < 1:
        raise ToewijzingGeweigerd("Kies een aantal van minstens 1.")
    niet_in_beoordeling = [a for a in aanmeldingen if not a.is_in_beoordeling]
    if niet_in_beoordeling:
        raise ToewijzingGeweigerd(
            "Alleen aanmeldingen die in beoordeling zijn krijgen beoordelaars. Niet in "
            f"beoordeling: {_namen(niet_in_beoordeling)}. Er is niets toegewezen."
        )
    pks = [a.pk for a in aanmeldingen]
    al_toegewezen = set(
        Toewijzing.objects.filter(aanmelding__in=pks).values_list("aanmelding", "beoordelaar")
    )
    conflicten = set(
        Belangenconflict.objects.filter(aanmelding__in=pks).values_list("aanmelding", "beoordelaar")
    )
    tellend = Counter(
        dict(
            Toewijzing.objects.tellend()
            .filter(aanmelding__in=pks)
            .values("aanmelding")
            .annotate(n=Count("pk"))
            .values_list("aanmelding", "n")
        )
    )
    # Work per reviewer in each call: what they have there already, and what is planned.
    werk = Counter(
        {
            (oproep, beoordelaar): n
            for oproep, beoordelaar, n in Toewijzing.objects.tellend()
            .filter(
                beoordelaar__in=beoordelaars,
                aanmelding__oproep__in={a.oproep_id for a in aanmeldingen},
            )
            .values("aanmelding__oproep", "beoordelaar")
            .annotate(n=Count("pk"))
            .values_list("aanmelding__oproep", "beoordelaar", "n")
        }
    )
    paren, tekort = [], []
    for aanmelding in aanmeldingen:
        nodig = aantal - tellend[aanmelding.pk]
        if nodig <= 0:
            continue
        kandidaten = [
            b
            for b in beoordelaars
            if (aanmelding.pk, b.pk) not in al_toegewezen
            and (aanmelding.pk, b.pk) not in conflicten
        ]
        if len(kandidaten) < nodig:
            tekort.append(_tekort(aanmelding, beoordelaars, kandidaten, nodig, conflicten))
            continue
        kandidaten.sort(key=lambda b: (werk[(aanmelding.oproep_id, b.pk)], beoordelaars.index(b)))
        for beoordelaar in kandidaten[:nodig]:
            paren.append((aanmelding, beoordelaar))
            werk[(aanmelding.oproep_id, beoordelaar.pk)] += 1
    if tekort:
        raise ToewijzingGeweigerd(
            f"Niet elke aanmelding kan {aantal} {_beoordelaars(aantal)} krijgen. "
            + " ".join(tekort)
            + " Kies meer beoordelaars of een kleiner aantal. Er is niets toegewezen."
        )
    return Plan(paren=paren)


def wijs_toe(
    *, aanmeldingen: Iterable[Aanmelding], beoordelaars: Iterable, aantal: int, door
) -> list[Toewijzing]:
    """Give each application `aantal` reviewers in all, spread evenly (plan_toewijzingen);
    returns the new assignments. All or nothing: raises ToewijzingGeweigerd and assigns
    none when one application cannot get them.

    Side effects: Toewijzing rows (toegewezen_door = door). The applications are locked
    first, so that two coördinatoren at the same moment cannot give one too many.
    """
    beoordelaars = list(beoordelaars)
    with transaction.atomic():
        vergrendeld = list(
            Aanmelding.objects.select_for_update()
            .filter(pk__in=[a.pk for a in aanmeldingen])
            .order_by("wijknaam", "pk")
        )
        plan = plan_toewijzingen(aanmeldingen=vergrendeld, beoordelaars=beoordelaars, aantal=aantal)
        return Toewijzing.objects.bulk_create(
            [
                Toewijzing(aanmelding=aanmelding, beoordelaar=beoordelaar, toegewezen_door=door)
                for aanmelding, beoordelaar in plan.paren
            ]
        )


def meld_belangenconflict(*, aanmelding: Aanmelding, beoordelaar, toelichting: str = "") -> None:
    """Record that this reviewer has a conflict of interest for this application.

    From then on the application is not offered to them to review, the review form refuses
    it, they see none of its reviews (BeoordelingQuerySet.zichtbaar_voor) and an assignment
    of theirs for it no longer counts as to do. Refused (BelangenconflictGeweigerd) when
    they reviewed it already (the coördinator then decides what to do with that review),
    declared one before, or the application takes no reviews any more.
    Side effects: a Belangenconflict row.
    """
    if Beoordeling.objects.filter(aanmelding=aanmelding, beoordelaar=beoordelaar).exists():
        raise BelangenconflictGeweigerd(
            "U hebt deze aanmelding al beoordeeld. Vertel de coördinator over het "
            "belangenconflict; die beslist wat er met uw beoordeling gebeurt."
        )
    if not aanmelding.is_in_beoordeling:
        raise BelangenconflictGeweigerd(
            "Deze aanmelding wordt niet meer beoordeeld; een belangenconflict melden is niet "
            "meer nodig."
        )
    try:
        with transaction.atomic():
            Belangenconflict.objects.create(
                aanmelding=aanmelding, beoordelaar=beoordelaar, toelichting=toelichting
            )
    except IntegrityError:
        raise BelangenconflictGeweigerd(
            "U hebt voor deze aanmelding al een belangenconflict gemeld."
        ) from None


def mijn_toewijzingen(beoordelaar):
    """This reviewer's assignments with their stand, in the order they are best done: the
    call whose review deadline comes first, then the applications by name. Annotates
    `stand` and `beoordeling_pk` (the reviewer's own review of it, if any)."""
    eigen = Beoordeling.objects.filter(
        aanmelding=OuterRef("aanmelding"), beoordelaar=OuterRef("beoordelaar")
    )
    return (
        Toewijzing.objects.filter(beoordelaar=beoordelaar)
        .met_stand()
        .annotate(beoordeling_pk=Subquery(eigen.values("pk")[:1]))
        .select_related("aanmelding__oproep")
        .order_by(
            F("aanmelding__oproep__beoordeling_deadline").asc(nulls_last=True),
            "aanmelding__oproep__deadline",
            "aanmelding__oproep",
            "aanmelding__wijknaam",
            "pk",
        )
    )


def volgende_toewijzing(beoordelaar) -> Toewijzing | None:
    """The first assignment of this reviewer still to do (ToewijzingQuerySet.open), in the
    order of mijn_toewijzingen; None when none is left."""
    return mijn_toewijzingen(beoordelaar).open().first()


def sla_oproep_op(*, oproep: Oproep) -> None:
    """Save a call. When its review deadline changed, the marks of the reminder before it
    are cleared, so that the reviewers with open assignments are reminded before the new
    one. The stored row is locked, as the reminder locks it (herinner_aan_beoordelingen).
    """
    with transaction.atomic():
        oude_deadline = (
            Oproep.objects.select_for_update()
            .filter(pk=oproep.pk)
            .values_list("beoordeling_deadline", flat=True)
            .first()
            if oproep.pk is not None
            else None
        )
        if oproep.pk is not None and oude_deadline != oproep.beoordeling_deadline:
            Toewijzing.objects.filter(aanmelding__oproep=oproep).update(herinnerd_op=None)
        oproep.save()


def _namen(aanmeldingen: list[Aanmelding]) -> str:
    return ", ".join(str(aanmelding) for aanmelding in aanmeldingen)


def _beoordelaars(aantal: int) -> str:
    return "beoordelaar" if aantal == 1 else "beoordelaars"


def _tekort(aanmelding, beoordelaars, kandidaten, nodig, conflicten) -> str:
    met_conflict = sum(1 for b in beoordelaars if (aanmelding.pk, b.pk) in conflicten)
    waarom = []
    if met_conflict:
        waarom.append(
            f"{met_conflict} van de gekozen beoordelaars "
            f"{'heeft' if met_conflict == 1 else 'hebben'} een belangenconflict gemeld"
        )
    al = len(beoordelaars) - len(kandidaten) - met_conflict
    if al:
        waarom.append(f"{al} {'is' if al == 1 else 'zijn'} er al aan toegewezen")
    reden = f" ({' en '.join(waarom)})" if waarom else ""
    if not kandidaten:
        return (
            f"{aanmelding} heeft er nog {nodig} nodig, maar geen van de gekozen beoordelaars "
            f"kan er nog bij{reden}."
        )
    kan = "kan" if len(kandidaten) == 1 else "kunnen"
    return (
        f"{aanmelding} heeft er nog {nodig} nodig, maar er {kan} nog maar {len(kandidaten)} "
        f"van de gekozen beoordelaars bij{reden}."
    )
