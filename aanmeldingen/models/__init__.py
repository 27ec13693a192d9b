"""The records of calls and applications; one module per concern, imported from here."""

from .aanmelding import (
    AANVRAGERVELDEN,
    Aanmelding,
    AanmeldingQuerySet,
    cbs_wijkcode_validator,
)
from .beoordeling import (
    SCORE_VELDEN,
    Belangenconflict,
    Beoordeling,
    BeoordelingQuerySet,
    Toewijzing,
)
from .besluit import BESLUITWOORDEN, Besluitbericht, Besluitsjabloon
from .coalitie import Coalitielid, Revisie, Statuswijziging, Toestemming
from .oproep import Oproep, OproepQuerySet

__all__ = [
    "AANVRAGERVELDEN",
    "BESLUITWOORDEN",
    "SCORE_VELDEN",
    "Aanmelding",
    "AanmeldingQuerySet",
    "Belangenconflict",
    "Beoordeling",
    "BeoordelingQuerySet",
    "Besluitbericht",
    "Besluitsjabloon",
    "Coalitielid",
    "Oproep",
    "OproepQuerySet",
    "Revisie",
    "Statuswijziging",
    "Toestemming",
    "Toewijzing",
    "cbs_wijkcode_validator",
]
