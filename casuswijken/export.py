"""Interventions, findings and action points as CSV for staff's own reporting, in the form
Dutch Excel opens as is (netwerk.spreadsheet): what participants typed never runs as a
formula.

Each kind is one Export: its file name, the right to read it, its columns, and what one
row needs from other tables (fetched in the same query, so a file of any length costs one).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Model, QuerySet
from django.utils.timezone import localdate

from netwerk.rechten import Recht
from netwerk.spreadsheet import dag, schrijf_tabel, tijdstip

from .models import Actiepunt, Bevinding, Bijeenkomst, Interventie


@dataclass(frozen=True)
class Export:
    naam: str
    recht: Recht
    kopregel: list[str]
    rij: Callable[[Model], list]
    gerelateerd: tuple[str, ...]

    def schrijf(self, queryset: QuerySet, uitvoer) -> int:
        """Write the header and a row per record; returns how many rows."""
        rijen = (self.rij(record) for record in queryset.select_related(*self.gerelateerd))
        return schrijf_tabel(uitvoer, kopregel=self.kopregel, rijen=rijen)


def sessie(bijeenkomst: Bijeenkomst | None) -> str:
    """A session by its title and its day, which tells apart two of the same title."""
    if bijeenkomst is None:
        return ""
    return f"{bijeenkomst.titel} ({dag(localdate(bijeenkomst.begint_op))})"


def _interventie(interventie: Interventie) -> list:
    return [
        interventie.casuswijk.naam,
        interventie.casuswijk.aanmelding.gemeente,
        interventie.categorie.naam,
        interventie.naam,
        interventie.get_domein_display(),
        interventie.get_status_display(),
        interventie.zichtbaarheid,
        interventie.omschrijving,
        interventie.partners,
        interventie.ervaringen,
    ]


def _bevinding(bevinding: Bevinding) -> list:
    return [
        bevinding.casuswijk.naam,
        bevinding.get_leervraag_display(),
        "ja" if bevinding.goed_voorbeeld else "",
        bevinding.zichtbaarheid,
        sessie(bevinding.bijeenkomst),
        tijdstip(bevinding.aangemaakt),
        bevinding.tekst,
    ]


def _actiepunt(actiepunt: Actiepunt) -> list:
    return [
        actiepunt.casuswijk.naam,
        actiepunt.omschrijving,
        actiepunt.eigenaar_weergave,
        dag(actiepunt.deadline),
        actiepunt.get_status_display(),
        sessie(actiepunt.bijeenkomst),
        sessie(actiepunt.afgerond_in),
        dag(actiepunt.afgerond_op),
    ]


INTERVENTIES = Export(
    naam="interventies",
    recht=Recht.LEES_INTERVENTIES,
    kopregel=[
        "casuswijk",
        "gemeente",
        "categorie",
        "naam",
        "domein",
        "status",
        "zichtbaarheid",
        "omschrijving",
        "partners",
        "ervaringen",
    ],
    rij=_interventie,
    gerelateerd=("casuswijk__aanmelding", "categorie"),
)

BEVINDINGEN = Export(
    naam="bevindingen",
    recht=Recht.LEES_BEVINDINGEN,
    kopregel=[
        "casuswijk",
        "leervraag",
        "goed voorbeeld",
        "zichtbaarheid",
        "bijeenkomst",
        "datum",
        "tekst",
    ],
    rij=_bevinding,
    gerelateerd=("casuswijk", "bijeenkomst"),
)

ACTIEPUNTEN = Export(
    naam="actiepunten",
    recht=Recht.LEES_ACTIEPUNTEN,
    kopregel=[
        "casuswijk",
        "omschrijving",
        "eigenaar",
        "deadline",
        "status",
        "afgesproken in",
        "afgerond in",
        "afgerond op",
    ],
    rij=_actiepunt,
    gerelateerd=("casuswijk", "eigenaar", "bijeenkomst", "afgerond_in"),
)
