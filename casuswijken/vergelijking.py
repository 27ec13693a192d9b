"""The casuswijken of a call side by side: how many interventions each has per category,
and their findings per learning question.

Used by the network page and the network report, so both count the same way. The counts
come from whatever queryset the caller passes, already narrowed by zichtbaar_voor: this
module never decides who sees what, only how the reader's filters narrow it further.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count

from aanmeldingen.enums import Leervraag

from .enums import InterventieDomein, Interventiestatus
from .models import Bevinding, Casuswijk, Interventiecategorie

# Filtering on one domain keeps what works in both: a reader asking for the physical
# domain expects the interventions that are physical and social too. "Beide" alone shows
# only those.
DOMEINFILTER: dict[str, list[str]] = {
    InterventieDomein.FYSIEK: [InterventieDomein.FYSIEK, InterventieDomein.BEIDE],
    InterventieDomein.SOCIAAL: [InterventieDomein.SOCIAAL, InterventieDomein.BEIDE],
    InterventieDomein.BEIDE: [InterventieDomein.BEIDE],
}


def gefilterd(interventies, *, domein: str = "", status: str = ""):
    """The interventions in this domain (see DOMEINFILTER) and with this status; an empty
    value leaves that filter off."""
    if domein:
        interventies = interventies.filter(domein__in=DOMEINFILTER[domein])
    if status:
        interventies = interventies.filter(status=status)
    return interventies


@dataclass
class Cel:
    """The interventions of one casuswijk in one category."""

    casuswijk: Casuswijk
    categorie: Interventiecategorie
    per_status: Counter = field(default_factory=Counter)

    @property
    def aantal(self) -> int:
        return sum(self.per_status.values())

    @property
    def statussen(self) -> list[tuple[str, int]]:
        """(label, number) per status that occurs, in the order of the statuses."""
        return [
            (status.label, self.per_status[status.value])
            for status in Interventiestatus
            if self.per_status[status.value]
        ]


@dataclass
class Rij:
    categorie: Interventiecategorie
    cellen: list[Cel]

    @property
    def totaal(self) -> int:
        return sum(cel.aantal for cel in self.cellen)


@dataclass
class Vergelijking:
    casuswijken: list[Casuswijk]
    rijen: list[Rij]

    @property
    def totalen(self) -> list[int]:
        """Per casuswijk, in the order of the columns."""
        return [
            sum(rij.cellen[k].aantal for rij in self.rijen) for k in range(len(self.casuswijken))
        ]

    @property
    def kolomtotalen(self) -> list[tuple[Casuswijk, int]]:
        """(casuswijk, total) per column, for the table's last row."""
        return list(zip(self.casuswijken, self.totalen, strict=True))

    @property
    def totaal(self) -> int:
        return sum(rij.totaal for rij in self.rijen)


def vergelijk(
    interventies,
    casuswijken: list[Casuswijk],
    categorieen: list[Interventiecategorie] | None = None,
) -> Vergelijking:
    """Every category (also those without interventions, so that gaps show) against the
    given casuswijken; two queries whatever the numbers, one when the caller has the
    categories already."""
    tellingen = (
        interventies.filter(casuswijk__in=[c.pk for c in casuswijken])
        .order_by()
        .values_list("categorie", "casuswijk", "status")
        .annotate(aantal=Count("pk"))
    )
    per_cel: dict[tuple[int, int], Counter] = {}
    for categorie_id, casuswijk_id, status, aantal in tellingen:
        per_cel.setdefault((categorie_id, casuswijk_id), Counter())[status] += aantal
    rijen = [
        Rij(
            categorie=categorie,
            cellen=[
                Cel(casuswijk, categorie, per_cel.get((categorie.pk, casuswijk.pk), Counter()))
                for casuswijk in casuswijken
            ],
        )
        for categorie in (
            Interventiecategorie.objects.all() if categorieen is None else categorieen
        )
    ]
    return Vergelijking(casuswijken=list(casuswijken), rijen=rijen)


def per_categorie_en_domein(interventies) -> list[tuple[Interventiecategorie, dict[str, int]]]:
    """Per category the number of interventions in each domain (fysiek, sociaal, beide): the
    numbers behind the network report's chart. Two queries."""
    tellingen = Counter(
        {
            (categorie_id, domein): aantal
            for categorie_id, domein, aantal in interventies.order_by()
            .values_list("categorie", "domein")
            .annotate(aantal=Count("pk"))
        }
    )
    return [
        (
            categorie,
            {domein.value: tellingen[(categorie.pk, domein.value)] for domein in InterventieDomein},
        )
        for categorie in Interventiecategorie.objects.all()
    ]


@dataclass
class Leervraagvak:
    """The findings on one learning question, per casuswijk in the order of the columns."""

    leervraag: Leervraag
    per_casuswijk: list[tuple[Casuswijk, list[Bevinding]]]

    @property
    def aantal(self) -> int:
        return sum(len(bevindingen) for _, bevindingen in self.per_casuswijk)


def per_leervraag(
    bevindingen: Iterable[Bevinding], casuswijken: list[Casuswijk]
) -> list[Leervraagvak]:
    """The four learning questions in their order, each with every casuswijk (also one
    without findings on it, so that gaps show). No query of its own: it sorts the findings
    it is given, keeping their order within a casuswijk."""
    vakken = {(leervraag, casuswijk.pk): [] for leervraag in Leervraag for casuswijk in casuswijken}
    for bevinding in bevindingen:
        vak = vakken.get((bevinding.leervraag, bevinding.casuswijk_id))
        if vak is not None:
            vak.append(bevinding)
    return [
        Leervraagvak(
            leervraag=leervraag,
            per_casuswijk=[
                (casuswijk, vakken[(leervraag, casuswijk.pk)]) for casuswijk in casuswijken
            ],
        )
        for leervraag in Leervraag
    ]
