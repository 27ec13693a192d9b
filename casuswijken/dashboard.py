"""The staff start page's figures about the running casuswijken: sessions to come, notes
still to write, open and overdue action points, interventions per status, and the last
thing that happened.

Each figure is counted with the queryset method that the list it links to filters with
(BijeenkomstQuerySet.komend and verslag_te_schrijven, ActiepuntQuerySet.open and verlopen;
admin/filters.py), so the number is the length of that list. Two queries, however many
casuswijken there are.
"""

from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlencode

from django.db.models import Count, Max, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from aanmeldingen.dashboard import Telling
from netwerk.rechten import Recht, mag

from .enums import Interventiestatus
from .models import (
    Actiepunt,
    Actiepuntwijziging,
    Bevinding,
    Bijeenkomst,
    Bijlage,
    Casuswijk,
    Interventie,
    Interventievoorstel,
    Reactie,
)

# What counts as activity in a casuswijk, newest first wins: (annotation, what it was,
# the records and their moment, the lookup from them to the casuswijk).
ACTIVITEITEN = [
    ("laatste_sessie", "bijeenkomst gehouden", Bijeenkomst, "begint_op", "casuswijk"),
    ("laatste_vastgesteld", "verslag vastgesteld", Bijeenkomst, "vastgesteld_op", "casuswijk"),
    ("laatste_wijziging", "actiepunt bijgewerkt", Actiepuntwijziging, "op", "actiepunt__casuswijk"),
    (
        "laatste_reactie",
        "reactie op een verslag",
        Reactie,
        "geplaatst_op",
        "bijeenkomst__casuswijk",
    ),
    ("laatste_bevinding", "bevinding vastgelegd", Bevinding, "aangemaakt", "casuswijk"),
    (
        "laatste_voorstel",
        "interventie voorgesteld",
        Interventievoorstel,
        "voorgesteld_op",
        "casuswijk",
    ),
    ("laatste_bijlage", "bijlage toegevoegd", Bijlage, "toegevoegd_op", "bijeenkomst__casuswijk"),
]


@dataclass
class Casuswijkcijfers:
    casuswijk: Casuswijk
    url: str
    komend: Telling
    volgende_op: datetime | None
    volgende_titel: str
    verslag_te_schrijven: Telling
    open_actiepunten: Telling
    verlopen_actiepunten: Telling
    interventies: list[Telling] = field(default_factory=list)
    laatste_activiteit: tuple[datetime, str] | None = None


def mag_zien(user) -> bool:
    """The casuswijk figures are for staff who read the sessions, action points and
    interventions of every casuswijk (begeleider, coördinator, beheer; not the
    beoordelaar, docs/rechten.md)."""
    return all(
        mag(user, recht)
        for recht in (
            Recht.LEES_CASUSWIJKEN,
            Recht.LEES_BIJEENKOMSTEN,
            Recht.LEES_ACTIEPUNTEN,
            Recht.LEES_INTERVENTIES,
        )
    )


def lopende_casuswijken():
    """The casuswijken whose network runs: their call's network has no end date, or it has
    not passed."""
    return Casuswijk.objects.filter(
        Q(aanmelding__oproep__netwerk_einde__isnull=True)
        | Q(aanmelding__oproep__netwerk_einde__gte=timezone.localdate())
    )


def _lijst(adressen: dict, naam: str, **filters) -> str:
    """The address of this casuswijken list with these filters; `adressen` keeps each
    list's address once it is looked up, for the many rows of one page."""
    if naam not in adressen:
        adressen[naam] = reverse(f"admin:casuswijken_{naam}_changelist")
    return f"{adressen[naam]}?{urlencode(filters)}"


def _aantal(queryset) -> Coalesce:
    return Coalesce(
        Subquery(
            queryset.filter(casuswijk=OuterRef("pk"))
            .order_by()
            .values("casuswijk")
            .annotate(n=Count("pk"))
            .values("n")
        ),
        0,
    )


def _laatste(model, moment: str, naar_wijk: str, **filters) -> Subquery:
    return Subquery(
        model.objects.filter(**{naar_wijk: OuterRef("pk")}, **filters)
        .order_by()
        .values(naar_wijk)
        .annotate(laatst=Max(moment))
        .values("laatst")
    )


def cijfers_voor(user) -> list[Casuswijkcijfers]:
    if not mag_zien(user):
        return []
    nu, vandaag = timezone.now(), timezone.localdate()
    komend = Bijeenkomst.objects.komend(nu)
    volgende = komend.filter(casuswijk=OuterRef("pk")).order_by("begint_op", "pk")
    wijken = list(
        lopende_casuswijken()
        .select_related("aanmelding__oproep")
        .annotate(
            aantal_komend=_aantal(komend),
            volgende_op=Subquery(volgende.values("begint_op")[:1]),
            volgende_titel=Subquery(volgende.values("titel")[:1]),
            aantal_te_schrijven=_aantal(Bijeenkomst.objects.verslag_te_schrijven(nu)),
            aantal_open=_aantal(Actiepunt.objects.open()),
            aantal_verlopen=_aantal(Actiepunt.objects.verlopen(vandaag)),
            **{
                naam: _laatste(
                    model,
                    moment,
                    naar_wijk,
                    **(
                        {"begint_op__lte": nu, "geannuleerd": False}
                        if naam == "laatste_sessie"
                        else {}
                    ),
                )
                for naam, _, model, moment, naar_wijk in ACTIVITEITEN
            },
        )
        .order_by("aanmelding__oproep__deadline", "naam", "pk")
    )
    per_status = {
        (rij["casuswijk"], rij["status"]): rij["n"]
        for rij in Interventie.objects.filter(casuswijk__in=[w.pk for w in wijken])
        .values("casuswijk", "status")
        .annotate(n=Count("pk"))
        .order_by()
    }
    uitkomst, adressen = [], {}
    for wijk in wijken:
        filter_ = {"casuswijk__id__exact": wijk.pk}
        activiteiten = [
            (getattr(wijk, naam), wat)
            for naam, wat, *_ in ACTIVITEITEN
            if getattr(wijk, naam) is not None
        ]
        uitkomst.append(
            Casuswijkcijfers(
                casuswijk=wijk,
                url=reverse("admin:casuswijken_casuswijk_change", args=[wijk.pk]),
                komend=Telling(
                    "komende bijeenkomsten",
                    wijk.aantal_komend,
                    _lijst(adressen, "bijeenkomst", **filter_, wanneer="komend"),
                ),
                volgende_op=wijk.volgende_op,
                volgende_titel=wijk.volgende_titel or "",
                verslag_te_schrijven=Telling(
                    "verslag nog te schrijven",
                    wijk.aantal_te_schrijven,
                    _lijst(adressen, "bijeenkomst", **filter_, verslag="te_schrijven"),
                ),
                open_actiepunten=Telling(
                    "open actiepunten",
                    wijk.aantal_open,
                    _lijst(adressen, "actiepunt", **filter_, stand="open"),
                ),
                verlopen_actiepunten=Telling(
                    "verlopen actiepunten",
                    wijk.aantal_verlopen,
                    _lijst(adressen, "actiepunt", **filter_, stand="verlopen"),
                ),
                interventies=[
                    Telling(
                        status.label,
                        per_status.get((wijk.pk, status.value), 0),
                        _lijst(adressen, "interventie", **filter_, status__exact=status.value),
                    )
                    for status in Interventiestatus
                ],
                laatste_activiteit=max(activiteiten, default=None, key=lambda a: a[0]),
            )
        )
    return uitkomst
