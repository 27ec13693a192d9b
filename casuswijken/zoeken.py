"""Search across what a user may see: sessions, interventions, findings and good examples.

How it is built. Each of the four types is one queryset that starts from its model's
`zichtbaar_voor(user)`, so visibility is in the SQL before anything is matched. It is then
narrowed by the search. Of each type only the newest MAX_PER_SOORT matches are ranked (the
page says when there were more), so that a word found in nearly every document costs
about what a rare one does. Those are reduced with values() to the same columns (soort,
nummer, kop, wijk, oproep, datum, score) and combined with UNION ALL into one list that
the database ranks and slices, so that a page costs the same four queries whatever the
number of results:

1. the number of results per type, one UNION of four counts: the filter by type shows them,
   and the paginator takes its total from them instead of counting again;
2. the rows of the page: the UNION, ordered, with LIMIT and OFFSET;
3. the snippets of those rows (at most one page): a UNION of the four types by primary key,
   again through the same visible matches, so that highlighting runs on the page only;
4. the casuswijken this user may open among those of the page, for the links (link_voor);
   none for an anonymous visitor.

PostgreSQL: full-text search in the Dutch configuration. A title weighs A, the other texts
B; websearch_to_tsquery accepts whatever is typed (quotes for a phrase, "or", "-word")
without a syntax error; ts_rank orders and ts_headline marks the matches. The vector of
each type (`zoekvector`) is stored by migration 0011 as a generated column with a GIN
index, read through Zoekkolom: with only an expression index, ranking recomputed the
vector of every matching row (see that migration). A test compares the stored column with
zoekvector, another checks that the plan uses the index.

SQLite (development): every word must occur, case-insensitively (ASCII only, as LIKE
does), in one of the type's fields; more words in the title rank higher, then the newest;
the snippet is cut around the first match in Python.
"""

import operator
import re
from dataclasses import dataclass
from datetime import datetime
from functools import reduce

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
    SearchVectorField,
)
from django.core.paginator import Paginator
from django.db import connection, models
from django.db.models import Case, Count, Expression, F, IntegerField, Q, Value, When
from django.db.models.functions import Cast, Coalesce, Concat, Substr
from django.urls import reverse
from django.utils.safestring import SafeString

from .models import Bevinding, Bijeenkomst, Casuswijk, Interventie, Voorbeeld
from .zoekfragmenten import BEGIN, EINDE, knip_fragment, kort, markeer_headline, platte_tekst

PER_PAGINA = 20
MAX_LENGTE = 200  # characters of the search box that are used; the rest is cut off
MAX_WOORDEN = 10  # SQLite: each word adds a condition on every field
# Of each type at most this many matches, the newest, are ranked and listed; the count says
# when there were more. Ranking needs each match's vector, read from disk: without a bound,
# a word found in every document took over a second (scripts/benchmark_zoeken.py).
MAX_PER_SOORT = 200
CONFIG = "dutch"


@dataclass(frozen=True)
class Zoeksoort:
    """One searchable type: which fields weigh as title (A) and as text (B)."""

    sleutel: str
    naam: str
    meervoud: str
    model: type[models.Model]
    titel: tuple[str, ...]
    tekst: tuple[str, ...]
    datum: str | None
    wijk: str | None
    oproep: str

    def kop(self):
        """The heading of a result; a finding has none, so its first words."""
        return F(self.titel[0]) if self.titel else Substr(self.tekst[0], 1, 160)


SOORTEN = {
    soort.sleutel: soort
    for soort in [
        Zoeksoort("bijeenkomst", "Bijeenkomst", "Bijeenkomsten", Bijeenkomst, ("titel",),
                  ("agenda", "verslag"), "begint_op", "casuswijk", "oproep"),
        Zoeksoort("interventie", "Interventie", "Interventies", Interventie, ("naam",),
                  ("omschrijving", "partners", "ervaringen"), None, "casuswijk",
                  "casuswijk__aanmelding__oproep"),
        Zoeksoort("bevinding", "Bevinding", "Bevindingen", Bevinding, (), ("tekst",),
                  "aangemaakt", "casuswijk", "casuswijk__aanmelding__oproep"),
        Zoeksoort("voorbeeld", "Goed voorbeeld", "Goede voorbeelden", Voorbeeld, ("titel",),
                  ("organisatie", "plaats", "omschrijving"), None, None, "oproep"),
    ]
}  # fmt: skip


def schoon_zoekterm(tekst: str) -> tuple[str, bool]:
    """The search as used: without NUL and other control characters (PostgreSQL refuses
    NUL in text), spaces collapsed, at most MAX_LENGTE characters; and whether it was cut."""
    tekst = " ".join(re.sub(r"[\x00-\x1f\x7f]", " ", tekst).split())
    if len(tekst) <= MAX_LENGTE:
        return tekst, False
    return tekst[:MAX_LENGTE].rstrip(), True


def heeft_woorden(zoekterm: str) -> bool:
    """A search needs a letter or digit; punctuation and emoji alone find nothing."""
    return bool(re.search(r"\w", zoekterm))


def zoekvector(soort: Zoeksoort):
    """A type's search vector as an expression: what migration 0011 stores (a test on
    PostgreSQL checks that the two agree)."""
    delen = []
    if soort.titel:
        delen.append(SearchVector(*soort.titel, config=CONFIG, weight="A"))
    delen.append(SearchVector(*soort.tekst, config=CONFIG, weight="B"))
    return reduce(operator.add, delen)


class Zoekkolom(Expression):
    """The stored search vector of the queryset's own table (migration 0011, PostgreSQL
    only); not a model field, so that no other query loads it."""

    output_field = SearchVectorField()

    def __init__(self, alias: str | None = None):
        super().__init__()
        self.alias = alias

    def resolve_expression(self, query=None, *args, **kwargs):
        return Zoekkolom(query.get_initial_alias())

    def as_sql(self, compiler, connection):
        tabel = compiler.quote_name_unless_alias(self.alias)
        return f"{tabel}.{connection.ops.quote_name('zoekvector')}", []


def _op_postgres() -> bool:
    return connection.vendor == "postgresql"


def _woorden(zoekterm: str) -> list[str]:
    return re.findall(r"\w[\w'-]*", zoekterm)[:MAX_WOORDEN]


def _leeg(output_field: models.Field):
    return Cast(Value(None), output_field=output_field)


def _gevonden(soort: Zoeksoort, user, zoekterm: str) -> models.QuerySet:
    """What this user may see of one type that matches the search."""
    zichtbaar = soort.model.objects.zichtbaar_voor(user).order_by()
    if _op_postgres():
        query = SearchQuery(zoekterm, config=CONFIG, search_type="websearch")
        return zichtbaar.alias(zv=Zoekkolom()).filter(zv=query)
    filter_ = Q()
    for woord in _woorden(zoekterm):
        velden = soort.titel + soort.tekst
        filter_ &= reduce(operator.or_, (Q(**{f"{veld}__icontains": woord}) for veld in velden))
    return zichtbaar.filter(filter_)


def _venster(gevonden: models.QuerySet, extra: int = 0) -> models.QuerySet:
    """The primary keys of the newest MAX_PER_SOORT (+ extra) matches of a type: the most
    that are ranked, so that a word found nearly everywhere costs no more than a rare one."""
    return gevonden.order_by("-pk").values("pk")[: MAX_PER_SOORT + extra]


def _score(soort: Zoeksoort, zoekterm: str):
    if _op_postgres():
        query = SearchQuery(zoekterm, config=CONFIG, search_type="websearch")
        return SearchRank(Zoekkolom(), query)
    in_titel = [
        Case(When(**{f"{soort.titel[0]}__icontains": woord}, then=1), default=0)
        for woord in _woorden(zoekterm)
        if soort.titel
    ]
    return Cast(reduce(operator.add, in_titel) if in_titel else Value(0), IntegerField())


def _rijen(soort: Zoeksoort, gevonden: models.QuerySet, zoekterm: str) -> models.QuerySet:
    """One type's ranked window as the columns that the four types share."""
    kolommen = {
        "soort_": Value(soort.sleutel),
        "nummer": F("pk"),
        "kop": Cast(soort.kop(), models.TextField()),
        "wijk": F(soort.wijk) if soort.wijk else _leeg(models.BigIntegerField()),
        "wijk_naam": F(f"{soort.wijk}__naam") if soort.wijk else _leeg(models.CharField()),
        "oproep_nr": F(soort.oproep),
        "oproep_titel": F(f"{soort.oproep}__titel"),
        "oproep_slug": F(f"{soort.oproep}__slug"),
        "datum": F(soort.datum) if soort.datum else _leeg(models.DateTimeField()),
        "score": _score(soort, zoekterm),
    }
    return (
        soort.model.objects.filter(pk__in=_venster(gevonden))
        .order_by()
        .annotate(**kolommen)
        .values(*kolommen)
    )


def _aantallen(gevonden: dict[str, models.QuerySet]) -> dict[str, int]:
    """Matches per type, in one query, each counted up to one past MAX_PER_SOORT."""
    delen = [
        SOORTEN[sleutel]
        .model.objects.filter(pk__in=_venster(treffers, extra=1))
        .order_by()
        .annotate(soort_=Value(sleutel))
        .values("soort_")
        .annotate(aantal=Count("pk"))
        .values("soort_", "aantal")
        for sleutel, treffers in gevonden.items()
    ]
    aantallen = dict.fromkeys(SOORTEN, 0)
    for rij in delen[0].union(*delen[1:], all=True):
        aantallen[rij["soort_"]] = rij["aantal"]
    return aantallen


@dataclass(frozen=True)
class Resultaat:
    soort: str
    soortnaam: str
    titel: str
    wijk: str  # the casuswijk's name, empty for what belongs to the whole call
    oproep: str
    datum: datetime | None
    fragment: SafeString
    url: str


class _Treffers:
    """The ranked UNION for the Paginator: its length is known already (_aantallen), and a
    slice comes back as finished results with snippets and links."""

    def __init__(self, *, user, zoekterm: str, gevonden: dict[str, models.QuerySet], aantal: int):
        self.user, self.zoekterm, self.gevonden, self.aantal = user, zoekterm, gevonden, aantal

    def _geheel(self) -> models.QuerySet:
        delen = [
            _rijen(SOORTEN[sleutel], treffers, self.zoekterm)
            for sleutel, treffers in self.gevonden.items()
        ]
        geheel = delen[0].union(*delen[1:], all=True) if len(delen) > 1 else delen[0]
        return geheel.order_by(
            F("score").desc(), F("datum").desc(nulls_last=True), "soort_", "nummer"
        )

    def count(self) -> int:
        return self.aantal

    def __len__(self) -> int:
        return self.aantal

    def __getitem__(self, stuk: slice) -> list[Resultaat]:
        rijen = list(self._geheel()[stuk]) if self.aantal else []
        if not rijen:
            return []
        fragmenten = _fragmenten(self.gevonden, self.zoekterm, rijen)
        open_wijken, via_oproep = _open_wijken(self.user, rijen)
        return [
            Resultaat(
                soort=rij["soort_"],
                soortnaam=SOORTEN[rij["soort_"]].naam,
                titel=_titel(rij),
                wijk=rij["wijk_naam"] or "",
                oproep=rij["oproep_titel"],
                datum=rij["datum"],
                fragment=fragmenten.get((rij["soort_"], rij["nummer"]), SafeString("")),
                url=link_voor(rij, open_wijken=open_wijken, via_oproep=via_oproep),
            )
            for rij in rijen
        ]


@dataclass(frozen=True)
class Zoekresultaten:
    zoekterm: str
    soort: str | None
    aantallen: dict[str, int]  # listed per type, at most MAX_PER_SOORT
    meer: frozenset[str]  # the types that had more matches than that
    paginator: Paginator

    @property
    def totaal(self) -> int:
        return sum(self.aantallen.values())


def zoek(*, user, zoekterm: str, soort: str | None = None) -> Zoekresultaten:
    """Everything of the four types (or of one, `soort`) that this user may see and that
    matches, ranked, as a Paginator of Resultaat with PER_PAGINA to a page; of each type
    the newest MAX_PER_SOORT matches at most."""
    zoekterm, _ = schoon_zoekterm(zoekterm)
    if heeft_woorden(zoekterm):
        gevonden = {sleutel: _gevonden(s, user, zoekterm) for sleutel, s in SOORTEN.items()}
        per_soort = _aantallen(gevonden)
    else:
        gevonden, per_soort = {}, dict.fromkeys(SOORTEN, 0)
    aantallen = {sleutel: min(aantal, MAX_PER_SOORT) for sleutel, aantal in per_soort.items()}
    treffers = _Treffers(
        user=user,
        zoekterm=zoekterm,
        gevonden={soort: gevonden[soort]} if soort and gevonden else gevonden,
        aantal=aantallen[soort] if soort else sum(aantallen.values()),
    )
    return Zoekresultaten(
        zoekterm=zoekterm,
        soort=soort,
        aantallen=aantallen,
        meer=frozenset(sleutel for sleutel, aantal in per_soort.items() if aantal > MAX_PER_SOORT),
        paginator=Paginator(treffers, PER_PAGINA),
    )


def _titel(rij: dict) -> str:
    if rij["soort_"] != "bevinding":
        return rij["kop"]
    return kort(platte_tekst(rij["kop"]), 90)


def _tekst(soort: Zoeksoort):
    """The texts of a type in one string, for the snippet."""
    velden = [Coalesce(veld, Value(""), output_field=models.TextField()) for veld in soort.tekst]
    if len(velden) == 1:
        return velden[0]
    tussen = [Value(" \n ")] * (len(velden) - 1)
    delen = [deel for paar in zip(velden, tussen + [None], strict=True) for deel in paar if deel]
    return Concat(*delen, output_field=models.TextField())


def _fragmenten(
    gevonden: dict[str, models.QuerySet], zoekterm: str, rijen: list[dict]
) -> dict[tuple[str, int], SafeString]:
    """The highlighted snippet of each row of a page, in one query."""
    per_soort: dict[str, list[int]] = {}
    for rij in rijen:
        per_soort.setdefault(rij["soort_"], []).append(rij["nummer"])
    op_postgres = _op_postgres()
    query = SearchQuery(zoekterm, config=CONFIG, search_type="websearch")
    delen = []
    for sleutel, nummers in per_soort.items():
        soort = SOORTEN[sleutel]
        if op_postgres:
            tekst = SearchHeadline(
                _tekst(soort),
                query,
                config=CONFIG,
                start_sel=BEGIN,
                stop_sel=EINDE,
                max_words=30,
                min_words=12,
                max_fragments=2,
                fragment_delimiter=" … ",
            )
        else:
            tekst = _tekst(soort)
        delen.append(
            gevonden[sleutel]
            .filter(pk__in=nummers)
            .annotate(soort_=Value(sleutel), nummer=F("pk"), fragment=tekst)
            .values("soort_", "nummer", "fragment")
        )
    samen = delen[0].union(*delen[1:], all=True) if len(delen) > 1 else delen[0]
    woorden = _woorden(zoekterm)
    return {
        (rij["soort_"], rij["nummer"]): (
            markeer_headline(rij["fragment"])
            if op_postgres
            else knip_fragment(rij["fragment"], woorden)
        )
        for rij in samen
    }


def _open_wijken(user, rijen: list[dict]) -> tuple[dict[int, str], dict[int, str]]:
    """The casuswijken this user may open among those of the rows, and per call one of them
    (the first by name) to open the call's national and shared sessions through.

    The call's network page opens for exactly these users too: netwerk_of_404 lets in staff
    who may read casuswijken (who may open every casuswijk) and participants of one of the
    call's casuswijken (who may open theirs), so "one of the call's casuswijken opens"
    answers whether the network does.
    """
    wijken = {rij["wijk"] for rij in rijen if rij["wijk"]}
    oproepen = {rij["oproep_nr"] for rij in rijen}
    open_wijken, via_oproep = {}, {}
    for pk, slug, oproep in (
        Casuswijk.objects.zichtbaar_voor(user)
        .filter(Q(pk__in=wijken) | Q(aanmelding__oproep__in=oproepen))
        .order_by("naam", "pk")
        .values_list("pk", "slug", "aanmelding__oproep")
    ):
        open_wijken[pk] = slug
        via_oproep.setdefault(oproep, slug)
    return open_wijken, via_oproep


def link_voor(rij: dict, *, open_wijken: dict[int, str], via_oproep: dict[int, str]) -> str:
    """Where a result opens for this user: the casuswijk's own page where they may open it,
    else the call's network page, else the call's public results. A session opens through
    its casuswijk, or (national, or shared by another casuswijk) through one of the user's
    casuswijken of the call, as the session page allows; else on its public page."""
    soort, pk, wijk, oproep = rij["soort_"], rij["nummer"], rij["wijk"], rij["oproep_nr"]
    if soort == "bijeenkomst":
        slug = open_wijken.get(wijk) or via_oproep.get(oproep)
        if slug:
            return reverse("casuswijken:bijeenkomst", args=[slug, pk])
        return reverse("leren:openbare_bijeenkomst", args=[rij["oproep_slug"], pk])
    anker = f"#{soort}-{pk}"
    if wijk in open_wijken:
        return reverse("casuswijken:casuswijk", args=[open_wijken[wijk]]) + anker
    if oproep in via_oproep:
        return reverse("leren:netwerk", args=[rij["oproep_slug"]]) + anker
    return reverse("leren:opbrengsten", args=[rij["oproep_slug"]]) + anker
