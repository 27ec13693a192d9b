"""The casuswijken of a call side by side: how many interventions each has per category.

Used by the network page and the network report, so both count the same way. The counts
come from whatever queryset the caller passes, already narrowed by zichtbaar_voor and by
the filters the reader chose: this module never decides who sees what.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count

from .enums import InterventieDomein, Interventiestatus
from .models import Casuswijk, Interventiecategorie


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
    def totaal(self) -> int:
        return sum(rij.totaal for rij in self.rijen)


def vergelijk(interventies, casuswijken: list[Casuswijk]) -> Vergelijking:
    """Every category (also those without interventions, so that gaps show) against the
    given casuswijken; two queries whatever the numbers."""
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
        for categorie in Interventiecategorie.objects.all()
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
