"""The compiled reports of a casuswijk and of a call's network: what one reader's copy holds.

A report is gathered once, for a reader and their choice whether intern content comes
along; the HTML page and the PDF render the same result, so they cannot disagree. Every
read goes through zichtbaar_voor. On top of that, a copy without intern content leaves out
intern and unpublished content for staff too (for a participant that narrows nothing):
what a begeleider hands on should hold what the casuswijken may read.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.safestring import SafeString

from aanmeldingen.enums import Leervraag
from aanmeldingen.models import Oproep

from .enums import Actiestatus, Zichtbaarheid
from .grafiek import staafgrafiek
from .models import (
    Actiepunt,
    Bevinding,
    Bijeenkomst,
    Casuswijk,
    Interventie,
    Interventiecategorie,
    Voorbeeld,
)
from .vergelijking import Vergelijking, per_categorie_en_domein, vergelijk
from .views.toegang import mag_intern_meenemen


@dataclass(frozen=True)
class Exemplaar:
    """Whose copy a report is: the reader's visibility, narrowed unless intern is chosen."""

    lezer: object
    intern: bool

    def bijeenkomsten(self) -> QuerySet:
        sessies = Bijeenkomst.objects.zichtbaar_voor(self.lezer)
        if self.intern:
            return sessies
        return sessies.filter(gepubliceerd=True).exclude(zichtbaarheid=Zichtbaarheid.INTERN)

    def interventies(self) -> QuerySet:
        return self._zonder_intern(Interventie.objects.zichtbaar_voor(self.lezer))

    def bevindingen(self) -> QuerySet:
        bevindingen = self._zonder_intern(Bevinding.objects.zichtbaar_voor(self.lezer))
        if self.intern:
            return bevindingen
        # A finding stays with its session, as for participants (BevindingQuerySet).
        return bevindingen.filter(
            Q(bijeenkomst__isnull=True) | Q(bijeenkomst__in=self.bijeenkomsten().values("pk"))
        )

    def actiepunten(self) -> QuerySet:
        """Action points of the sessions in this copy; `afgerond_in_zichtbaar` says whether
        the session that closed one may be named in it."""
        sessies = self.bijeenkomsten()
        return (
            Actiepunt.objects.zichtbaar_voor(self.lezer)
            .filter(bijeenkomst__in=sessies.values("pk"))
            .annotate(afgerond_in_zichtbaar=Exists(sessies.filter(pk=OuterRef("afgerond_in"))))
        )

    def voorbeelden(self) -> QuerySet:
        return self._zonder_intern(Voorbeeld.objects.zichtbaar_voor(self.lezer))

    def _zonder_intern(self, queryset: QuerySet) -> QuerySet:
        return queryset if self.intern else queryset.exclude(zichtbaarheid=Zichtbaarheid.INTERN)


def exemplaar_voor(lezer, *, intern: bool) -> Exemplaar:
    """The reader's copy; intern content only for those who may take it along."""
    return Exemplaar(lezer=lezer, intern=intern and mag_intern_meenemen(lezer))


def per_leervraag(bevindingen: Iterable[Bevinding]) -> list[tuple[Leervraag, list[Bevinding]]]:
    """The findings under each of the four learning questions, in their fixed order."""
    groepen: dict[str, list[Bevinding]] = {leervraag.value: [] for leervraag in Leervraag}
    for bevinding in bevindingen:
        groepen[bevinding.leervraag].append(bevinding)
    return [(leervraag, groepen[leervraag.value]) for leervraag in Leervraag]


@dataclass
class Wijkrapport:
    casuswijk: Casuswijk
    exemplaar: Exemplaar
    samengesteld_op: datetime
    bijeenkomsten: list[Bijeenkomst]
    open_actiepunten: list[Actiepunt]
    afgeronde_actiepunten: list[Actiepunt]
    interventies: list[Interventie]
    bevindingen: list[tuple[Leervraag, list[Bevinding]]]

    @property
    def intern(self) -> bool:
        return self.exemplaar.intern


def wijkrapport(*, lezer, casuswijk: Casuswijk, intern: bool = False) -> Wijkrapport:
    """The report of one casuswijk for this reader: the sessions held (its own and the
    national ones of its call) with their notes, its action points open and closed, its
    interventions by category and its findings per learning question. Four queries.

    Notes come in final only (Bijeenkomst.vastgesteld_verslag), in every copy: a concept
    is for the session's readers to react on, and the report says that it is one."""
    exemplaar = exemplaar_voor(lezer, intern=intern)
    nu = timezone.now()
    bijeenkomsten = list(
        exemplaar.bijeenkomsten()
        .filter(
            Q(casuswijk=casuswijk)
            | Q(casuswijk__isnull=True, oproep=casuswijk.aanmelding.oproep_id),
            eindigt_op__lt=nu,
        )
        .order_by("begint_op", "pk")
    )
    actiepunten = list(
        exemplaar.actiepunten()
        .filter(casuswijk=casuswijk)
        .select_related("eigenaar", "bijeenkomst", "afgerond_in")
    )
    return Wijkrapport(
        casuswijk=casuswijk,
        exemplaar=exemplaar,
        samengesteld_op=nu,
        bijeenkomsten=bijeenkomsten,
        open_actiepunten=[a for a in actiepunten if a.status != Actiestatus.AFGEROND],
        afgeronde_actiepunten=[a for a in actiepunten if a.status == Actiestatus.AFGEROND],
        interventies=list(
            exemplaar.interventies()
            .filter(casuswijk=casuswijk)
            .select_related("categorie")
            .order_by("categorie__naam", "naam", "pk")
        ),
        bevindingen=per_leervraag(
            exemplaar.bevindingen().filter(casuswijk=casuswijk).select_related("bijeenkomst")
        ),
    )


@dataclass
class Netwerkrapport:
    oproep: Oproep
    exemplaar: Exemplaar
    samengesteld_op: datetime
    casuswijken: list[Casuswijk]
    bevindingen: list[tuple[Leervraag, list[Bevinding]]]
    goede_voorbeelden: list[Bevinding]
    voorbeelden: list[Voorbeeld]
    interventies: list[Interventie]
    vergelijking: Vergelijking
    per_domein: list[tuple[Interventiecategorie, dict[str, int]]]

    @property
    def intern(self) -> bool:
        return self.exemplaar.intern

    @property
    def grafiek(self) -> SafeString:
        return staafgrafiek(self.per_domein, prefix="grafiek-domein")


def netwerkrapport(*, lezer, oproep: Oproep, intern: bool = False) -> Netwerkrapport:
    """The report of a call's network for this reader: per learning question the findings
    of all its casuswijken, their interventions compared (counts per casuswijk, and per
    domain for the chart), and the good examples. Nine queries whatever the numbers.

    The casuswijken of the call are named as on the network page (in_netwerk_van): whoever
    may open the network may know which casuswijken take part in it.
    """
    exemplaar = exemplaar_voor(lezer, intern=intern)
    casuswijken = list(
        Casuswijk.objects.in_netwerk_van(lezer)
        .filter(aanmelding__oproep=oproep)
        .select_related("aanmelding")
    )
    bevindingen = list(
        exemplaar.bevindingen()
        .filter(casuswijk__aanmelding__oproep=oproep)
        .select_related("casuswijk", "bijeenkomst")
        .order_by("leervraag", "casuswijk__naam", "-aangemaakt", "pk")
    )
    interventies = exemplaar.interventies().filter(casuswijk__aanmelding__oproep=oproep)
    return Netwerkrapport(
        oproep=oproep,
        exemplaar=exemplaar,
        samengesteld_op=timezone.now(),
        casuswijken=casuswijken,
        bevindingen=per_leervraag(bevindingen),
        goede_voorbeelden=[b for b in bevindingen if b.goed_voorbeeld],
        voorbeelden=list(exemplaar.voorbeelden().filter(oproep=oproep).select_related("categorie")),
        interventies=list(
            interventies.select_related("casuswijk", "categorie").order_by(
                "categorie__naam", "casuswijk__naam", "naam", "pk"
            )
        ),
        vergelijking=vergelijk(interventies, casuswijken),
        per_domein=per_categorie_en_domein(interventies),
    )
