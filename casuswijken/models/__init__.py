"""The casuswijken and what happens in them; one module per concern, imported from here.

Every read a participant can make goes through one zichtbaar_voor(user) per model; nothing
else filters by hand (docs/ontwerp.md).
"""

from .bijeenkomst import (
    Actiepunt,
    ActiepuntQuerySet,
    Actiepuntwijziging,
    Bijeenkomst,
    BijeenkomstQuerySet,
)
from .inventaris import (
    Bevinding,
    BevindingQuerySet,
    Interventie,
    Interventiecategorie,
    InterventieQuerySet,
    Interventievoorstel,
    InterventievoorstelQuerySet,
    Voorbeeld,
    VoorbeeldQuerySet,
)
from .meedoen import (
    Bijlage,
    BijlageQuerySet,
    Reactie,
    ReactieQuerySet,
    Uitnodiging,
    UitnodigingQuerySet,
)
from .wijk import (
    Casuswijk,
    CasuswijkQuerySet,
    Deelname,
    DeelnameQuerySet,
    actieve_deelnames,
    niveaufilter,
)

__all__ = [
    "Actiepunt",
    "ActiepuntQuerySet",
    "Actiepuntwijziging",
    "Bevinding",
    "BevindingQuerySet",
    "Bijlage",
    "BijlageQuerySet",
    "Bijeenkomst",
    "BijeenkomstQuerySet",
    "Casuswijk",
    "CasuswijkQuerySet",
    "Deelname",
    "DeelnameQuerySet",
    "Interventie",
    "Interventiecategorie",
    "InterventieQuerySet",
    "Interventievoorstel",
    "InterventievoorstelQuerySet",
    "Reactie",
    "ReactieQuerySet",
    "Uitnodiging",
    "UitnodigingQuerySet",
    "Voorbeeld",
    "VoorbeeldQuerySet",
    "actieve_deelnames",
    "niveaufilter",
]
