"""Applications as CSV for staff's own reporting, in the form Dutch Excel opens as is
(netwerk.spreadsheet), with decimal commas too. What an applicant typed never runs as a
formula.
"""

from collections.abc import Iterable

from netwerk.spreadsheet import schrijf_tabel, tijdstip

from .enums import Advies, Criterium, Status
from .models import SCORE_VELDEN, Aanmelding
from .validators import MAX_LEDEN

LIDVELDEN = ["naam", "organisatie", "soort organisatie", "domein", "functie", "e-mail", "contact"]


def kopregel() -> list[str]:
    return [
        "id",
        "oproep",
        "wijknaam",
        "gemeente",
        "provincie",
        "cbs-wijkcode",
        "type wijk",
        "status",
        "ingediend op",
        "besluit verstuurd op",
        "aantal leden",
        *[f"lid {nummer} {veld}" for nummer in range(1, MAX_LEDEN + 1) for veld in LIDVELDEN],
        "aantal beoordelingen",
        *[f"gemiddeld: {criterium.label}" for criterium in Criterium],
        "gemiddeld totaal",
        "advies selecteren",
        "advies reserve",
        "advies afwijzen",
        "beoordelingen",
        "beschrijving van de wijk",
        "aanpak",
        "leervraag verwachtingen",
        "leervraag opbrengsten",
        "leervraag randvoorwaarden",
        "leervraag interventies",
        "bestaande interventies",
    ]


def schrijf_csv(aanmeldingen: Iterable[Aanmelding], uitvoer) -> int:
    """Write one row per application, return how many; expects leden and beoordelingen
    (with beoordelaar) prefetched."""
    return schrijf_tabel(uitvoer, kopregel=kopregel(), rijen=(_rij(a) for a in aanmeldingen))


def _rij(aanmelding: Aanmelding) -> list:
    leden = list(aanmelding.leden.all())
    beoordelingen = list(aanmelding.beoordelingen.all())
    # A withdrawn application's reviews stay on record but weigh in no average or tally.
    ingetrokken = aanmelding.status == Status.INGETROKKEN
    telbaar = [] if ingetrokken else beoordelingen
    lidcellen = []
    for index in range(MAX_LEDEN):
        if index < len(leden):
            lid = leden[index]
            lidcellen += [
                lid.naam,
                lid.organisatie,
                lid.get_organisatietype_display(),
                lid.get_domein_display(),
                lid.functie,
                lid.email,
                "ja" if lid.is_contactpersoon else "",
            ]
        else:
            lidcellen += [""] * len(LIDVELDEN)
    return [
        aanmelding.pk,
        aanmelding.oproep.titel,
        aanmelding.wijknaam,
        aanmelding.gemeente,
        aanmelding.get_provincie_display(),
        aanmelding.cbs_wijkcode,
        aanmelding.get_wijktype_display(),
        Status(aanmelding.status).label,
        tijdstip(aanmelding.ingediend_op),
        tijdstip(aanmelding.besluit_verzonden_op),
        len(leden),
        *lidcellen,
        len(beoordelingen),
        *[_gemiddeld([getattr(b, veld) for b in telbaar]) for veld in SCORE_VELDEN],
        _gemiddeld([b.gemiddelde for b in telbaar]),
        *["" if ingetrokken else _aantal(telbaar, advies) for advies in Advies],
        " | ".join(
            f"{b.beoordelaar.get_full_name() or b.beoordelaar.get_username()}: "
            f"{b.get_advies_display()}, {_getal(b.gemiddelde)}. {b.motivatie}"
            for b in beoordelingen
        ),
        aanmelding.wijkbeschrijving,
        aanmelding.aanpak,
        aanmelding.leervraag_verwachtingen,
        aanmelding.leervraag_opbrengsten,
        aanmelding.leervraag_randvoorwaarden,
        aanmelding.leervraag_interventies,
        aanmelding.bestaande_interventies,
    ]


def _aantal(beoordelingen: list, advies: Advies) -> int:
    return sum(1 for b in beoordelingen if b.advies == advies)


def _gemiddeld(cijfers: list) -> str:
    return _getal(sum(cijfers) / len(cijfers)) if cijfers else ""


def _getal(getal: float) -> str:
    return f"{getal:.1f}".replace(".", ",")
