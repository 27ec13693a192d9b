"""The staff start page's figures about the calls still running: applications by status and
by provincie, the reviews, and the balance of the selection.

Every figure is counted here, once, and each carries the address of the admin list that
shows the same records: that list's filters use the same queryset methods
(AanmeldingQuerySet.lopend, toegewezen_aan, met_lid_van_type, met_aantal_beoordelingen), so
the number on the start page is the length of the list it opens. The queries group over
all running calls at once: their number does not grow with the applications.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.db.models import Avg, Count, Exists, F, FilteredRelation, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from netwerk.rechten import Recht, mag

from .enums import LOPEND, Criterium, Organisatietype, Provincie, Status, Wijktype
from .models import SCORE_VELDEN, Aanmelding, Beoordeling, Coalitielid, Oproep, Toewijzing


@dataclass(frozen=True)
class Telling:
    """One figure: what it counts, how many, and the list that shows them."""

    label: str
    aantal: int
    url: str
    sleutel: str = ""  # the value counted, where a chart needs it (the provincie's)


@dataclass(frozen=True)
class Beoordelaarcijfers:
    naam: str
    toegewezen: int
    gedaan: int
    url_toegewezen: str
    url_gedaan: str
    url_open: str

    @property
    def open(self) -> int:
        return self.toegewezen - self.gedaan


@dataclass(frozen=True)
class Criteriumspreiding:
    criterium: str
    kort: str  # the first word, for the chart
    per_score: dict[int, int]
    gemiddelde: float | None

    @property
    def aantal(self) -> int:
        return sum(self.per_score.values())


@dataclass
class Oproepcijfers:
    oproep: Oproep
    dagen_tot_deadline: int
    dagen_tot_beoordelingsdeadline: int | None
    per_status: list[Telling] = field(default_factory=list)
    per_provincie: list[Telling] = field(default_factory=list)
    # None where the user may not read reviews.
    beoordelaars: list[Beoordelaarcijfers] | None = None
    beoordelingen_per_aanmelding: list[Telling] | None = None
    scores: list[Criteriumspreiding] | None = None
    selectie_provincie: list[Telling] = field(default_factory=list)
    selectie_wijktype: list[Telling] = field(default_factory=list)
    selectie_organisatietype: list[Telling] = field(default_factory=list)
    url_beoordelingen: str = ""

    @property
    def aantal_geselecteerd(self) -> int:
        return next(t.aantal for t in self.per_status if t.label == Status.GESELECTEERD.label)


def lijst(**filters) -> str:
    """The address of the applications list with these filters."""
    return f"{reverse('admin:aanmeldingen_aanmelding_changelist')}?{urlencode(filters)}"


def lopende_oproepen():
    """The calls still running: no decision of theirs has been sent (as the list's
    OproepFilter has it by default)."""
    return Oproep.objects.exclude(
        Exists(Aanmelding.objects.filter(oproep=OuterRef("pk"), besluit_verzonden_op__isnull=False))
    ).order_by("deadline", "pk")


def _dagen_tot(moment) -> int | None:
    if moment is None:
        return None
    return (timezone.localdate(moment) - timezone.localdate()).days


def _geteld(rijen, *sleutels) -> dict:
    """{(oproep, value…): number} from values(...).annotate(n=Count(...)) rows."""
    return {tuple(rij[s] for s in sleutels): rij["n"] for rij in rijen}


def cijfers_voor(user) -> list[Oproepcijfers]:
    """The figures of every running call, as far as this user may read them: nothing
    without the right to read applications; the reviews only with the right to read them,
    and their scores as far as BeoordelingQuerySet.zichtbaar_voor lets this user see."""
    if not mag(user, Recht.LEES_AANMELDINGEN):
        return []
    oproepen = list(lopende_oproepen())
    if not oproepen:
        return []
    alle = Aanmelding.objects.filter(oproep__in=oproepen).order_by()
    lopend = alle.lopend()

    # One pass over the applications, grouped by everything the figures below split by;
    # live means in LOPEND, as AanmeldingQuerySet.lopend (the list's default) has it.
    per_status, per_provincie = defaultdict(int), defaultdict(int)
    sel_provincie, sel_wijktype = defaultdict(int), defaultdict(int)
    for rij in alle.values("oproep", "status", "provincie", "wijktype").annotate(n=Count("pk")):
        oproep_pk, n = rij["oproep"], rij["n"]
        per_status[(oproep_pk, rij["status"])] += n
        if rij["status"] in LOPEND:
            per_provincie[(oproep_pk, rij["provincie"])] += n
        if rij["status"] == Status.GESELECTEERD:
            sel_provincie[(oproep_pk, rij["provincie"])] += n
            sel_wijktype[(oproep_pk, rij["wijktype"])] += n
    sel_soort = _geteld(
        Coalitielid.objects.filter(aanmelding__in=alle.filter(status=Status.GESELECTEERD))
        .values("aanmelding__oproep", "organisatietype")
        .annotate(n=Count("aanmelding", distinct=True))
        .order_by(),
        "aanmelding__oproep",
        "organisatietype",
    )
    beoordelen = mag(user, Recht.LEES_BEOORDELINGEN)
    if beoordelen:
        beoordelaars = _beoordelaars(oproepen)
        # Per reviewed live application its number of reviews (the list filters on the same
        # number, met_aantal_beoordelingen); those without one are the rest of the live ones.
        per_aantal = defaultdict(int)
        for oproep_pk, aantal in (
            Beoordeling.objects.filter(aanmelding__in=lopend)
            .values("aanmelding", "aanmelding__oproep")
            .annotate(n=Count("pk"))
            .values_list("aanmelding__oproep", "n")
            .order_by()
        ):
            per_aantal[(oproep_pk, min(aantal, 3))] += 1
        scores = _scores(user, oproepen)

    uitkomst = []
    for oproep in oproepen:
        cijfers = Oproepcijfers(
            oproep=oproep,
            dagen_tot_deadline=_dagen_tot(oproep.deadline),
            dagen_tot_beoordelingsdeadline=_dagen_tot(oproep.beoordeling_deadline),
            url_beoordelingen=(
                f"{reverse('admin:aanmeldingen_beoordeling_changelist')}?"
                + urlencode({"aanmelding__oproep__id__exact": oproep.pk})
            ),
        )
        cijfers.per_status = [
            Telling(
                status.label,
                per_status.get((oproep.pk, status.value), 0),
                lijst(oproep=oproep.pk, status=status.value),
            )
            for status in Status
        ]
        cijfers.per_provincie = [
            Telling(
                provincie.label,
                per_provincie.get((oproep.pk, provincie.value), 0),
                lijst(oproep=oproep.pk, provincie__exact=provincie.value),
                provincie.value,
            )
            for provincie in Provincie
        ]
        cijfers.selectie_provincie = [
            Telling(
                provincie.label,
                sel_provincie[(oproep.pk, provincie.value)],
                lijst(
                    oproep=oproep.pk, status=Status.GESELECTEERD, provincie__exact=provincie.value
                ),
            )
            for provincie in Provincie
            if (oproep.pk, provincie.value) in sel_provincie
        ]
        cijfers.selectie_wijktype = [
            Telling(
                label,
                sel_wijktype[(oproep.pk, waarde)],
                lijst(oproep=oproep.pk, status=Status.GESELECTEERD, wijktype__exact=waarde),
            )
            for waarde, label in [*Wijktype.choices, ("", "Nog niet ingedeeld")]
            if (oproep.pk, waarde) in sel_wijktype
        ]
        cijfers.selectie_organisatietype = [
            Telling(
                soort.label,
                sel_soort[(oproep.pk, soort.value)],
                lijst(oproep=oproep.pk, status=Status.GESELECTEERD, organisatietype=soort.value),
            )
            for soort in Organisatietype
            if (oproep.pk, soort.value) in sel_soort
        ]
        if beoordelen:
            cijfers.beoordelaars = beoordelaars[oproep.pk]
            cijfers.beoordelingen_per_aanmelding = _per_aantal(
                oproep, per_aantal, lopend=sum(t.aantal for t in cijfers.per_provincie)
            )
            cijfers.scores = scores[oproep.pk]
        uitkomst.append(cijfers)
    return uitkomst


def _beoordelaars(oproepen) -> dict[int, list[Beoordelaarcijfers]]:
    """Per call, per reviewer with assignments: assigned (but for a declared conflict of
    interest) and done (a review of theirs exists, AanmeldingQuerySet.toegewezen_aan),
    over the live applications only, like the list the numbers open. One grouped query: a
    review of the same reviewer joined to each assignment (at most one: one review per
    reviewer and application)."""
    toegewezen, gedaan = {}, {}
    for rij in (
        Toewijzing.objects.tellend()
        .filter(aanmelding__oproep__in=oproepen, aanmelding__status__in=LOPEND)
        .annotate(
            eigen=FilteredRelation(
                "aanmelding__beoordelingen",
                condition=Q(aanmelding__beoordelingen__beoordelaar=F("beoordelaar")),
            )
        )
        .values("aanmelding__oproep", "beoordelaar")
        .annotate(n=Count("pk"), gedaan=Count("eigen"))
        .order_by()
    ):
        sleutel = (rij["aanmelding__oproep"], rij["beoordelaar"])
        toegewezen[sleutel], gedaan[sleutel] = rij["n"], rij["gedaan"]
    mensen = get_user_model().objects.in_bulk({beoordelaar for _, beoordelaar in toegewezen})
    uitkomst = defaultdict(list)
    for (oproep, beoordelaar), aantal in toegewezen.items():
        persoon = mensen[beoordelaar]

        def naar(stand: str = "", oproep=oproep, persoon=persoon) -> str:
            waarde = f"{persoon.pk}:{stand}" if stand else str(persoon.pk)
            return lijst(oproep=oproep, toegewezen_aan=waarde)

        uitkomst[oproep].append(
            Beoordelaarcijfers(
                naam=persoon.get_full_name() or persoon.get_username(),
                toegewezen=aantal,
                gedaan=gedaan.get((oproep, beoordelaar), 0),
                url_toegewezen=naar(),
                url_gedaan=naar("gedaan"),
                url_open=naar("open"),
            )
        )
    for lijst_ in uitkomst.values():
        lijst_.sort(key=lambda b: b.naam.lower())
    return uitkomst


def _per_aantal(oproep, per_aantal: dict, *, lopend: int) -> list[Telling]:
    """How many live applications have 0, 1, 2, and 3 or more reviews."""
    tellingen = {aantal: per_aantal.get((oproep.pk, aantal), 0) for aantal in (1, 2, 3)}
    tellingen[0] = lopend - sum(tellingen.values())
    labels = {0: "Geen beoordeling", 1: "1 beoordeling", 2: "2 beoordelingen", 3: "3 of meer"}
    waarden = {0: "0", 1: "1", 2: "2", 3: "3+"}
    return [
        Telling(
            labels[aantal],
            tellingen[aantal],
            lijst(oproep=oproep.pk, beoordelingen=waarden[aantal]),
        )
        for aantal in range(4)
    ]


def _scores(user, oproepen) -> dict[int, list[Criteriumspreiding]]:
    """Per call, per criterion how often each score was given, over the reviews this user
    may read, of applications that are not withdrawn (whose reviews weigh in no summary)."""
    aggregaten = {
        f"{veld}_{score}": Count("pk", filter=Q(**{veld: score}))
        for veld in SCORE_VELDEN
        for score in range(1, 6)
    } | {f"{veld}_gem": Avg(veld) for veld in SCORE_VELDEN}
    rijen = (
        Beoordeling.objects.zichtbaar_voor(user)
        .filter(aanmelding__oproep__in=oproepen)
        .exclude(aanmelding__status=Status.INGETROKKEN)
        .values("aanmelding__oproep")
        .annotate(**aggregaten)
        .order_by()
    )
    per_oproep = {rij["aanmelding__oproep"]: rij for rij in rijen}
    uitkomst = {}
    for oproep in oproepen:
        rij = per_oproep.get(oproep.pk, {})
        uitkomst[oproep.pk] = [
            Criteriumspreiding(
                criterium=criterium.label,
                kort=criterium.value.capitalize(),
                per_score={s: rij.get(f"{veld}_{s}", 0) for s in range(1, 6)},
                gemiddelde=rij.get(f"{veld}_gem"),
            )
            for criterium, veld in zip(Criterium, SCORE_VELDEN, strict=True)
        ]
    return uitkomst
