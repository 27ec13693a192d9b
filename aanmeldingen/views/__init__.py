"""The public pages of calls and applications; one module per part of the applicant's way."""

from .aanmelden import aanmelden, concept_opgeslagen, ontvangen
from .link import aanmelding, aanmelding_bewerken, aanmelding_intrekken, link_kwijt
from .oproepen import home, oproep_detail

__all__ = [
    "aanmelden",
    "aanmelding",
    "aanmelding_bewerken",
    "aanmelding_intrekken",
    "concept_opgeslagen",
    "home",
    "link_kwijt",
    "ontvangen",
    "oproep_detail",
]
