"""Writes to applications. Views, admin actions and tasks call these; nothing else sets
.status. One module per concern; import from here (`from aanmeldingen.services import X`).

- status: wijzig_status, the one place where a status changes, and trek_in;
- aanvragen: applying and editing through the form and the secret link;
- link: the secret link (replace, mail, ask for a new one);
- bewaren: retention of applications that did not become a casuswijk;
- mails: the mails about the application itself;
- besluiten: recording decisions and sending them, with the task that mails one;
- herinneringen: the reminder of a concept a week before the call's deadline, and to
  reviewers with open assignments three days before the review deadline;
- toewijzen: reviewers assigned to applications, conflicts of interest, saving a call.

Dependencies go one way: mails ← link ← status ← aanvragen, besluiten.
"""

from .aanvragen import (
    NietMeerBewerkbaar,
    OproepGesloten,
    VerouderdFormulier,
    bewaar_concept,
    corrigeer_contactadres,
    dien_aanmelding_in,
    werk_aanmelding_bij,
)
from .besluiten import (
    LINK_PLEK,
    LINK_VOORBEELD,
    BesluitAlVerzonden,
    BesluitGeweigerd,
    KanNietVersturen,
    OproepNogOpen,
    besluitmails,
    neem_besluit,
    neem_besluiten,
    verstuur_besluiten,
    verstuur_opnieuw,
    vingerafdruk,
    waarom_geen_besluit,
    waarom_niet_versturen,
)
from .bewaren import verwijder_concepten, verwijder_ingetrokken, verwijder_niet_gekozen
from .herinneringen import herinner_aan_beoordelingen, herinner_aan_concepten
from .link import link_voor, stuur_nieuwe_link, vervang_link, vraag_link_aan
from .status import OngeldigeOvergang, SelectieVol, trek_in, wijzig_status
from .toewijzen import (
    BelangenconflictGeweigerd,
    ToewijzingGeweigerd,
    beoordelaars,
    meld_belangenconflict,
    mijn_toewijzingen,
    plan_toewijzingen,
    sla_oproep_op,
    volgende_toewijzing,
    wijs_toe,
)

__all__ = [
    "LINK_PLEK",
    "LINK_VOORBEELD",
    "BelangenconflictGeweigerd",
    "BesluitAlVerzonden",
    "BesluitGeweigerd",
    "KanNietVersturen",
    "NietMeerBewerkbaar",
    "OngeldigeOvergang",
    "OproepGesloten",
    "OproepNogOpen",
    "SelectieVol",
    "ToewijzingGeweigerd",
    "VerouderdFormulier",
    "beoordelaars",
    "besluitmails",
    "bewaar_concept",
    "corrigeer_contactadres",
    "dien_aanmelding_in",
    "herinner_aan_beoordelingen",
    "herinner_aan_concepten",
    "link_voor",
    "meld_belangenconflict",
    "mijn_toewijzingen",
    "neem_besluit",
    "neem_besluiten",
    "plan_toewijzingen",
    "sla_oproep_op",
    "stuur_nieuwe_link",
    "trek_in",
    "verstuur_besluiten",
    "verstuur_opnieuw",
    "verwijder_concepten",
    "verwijder_ingetrokken",
    "verwijder_niet_gekozen",
    "vervang_link",
    "vingerafdruk",
    "volgende_toewijzing",
    "vraag_link_aan",
    "waarom_geen_besluit",
    "waarom_niet_versturen",
    "werk_aanmelding_bij",
    "wijs_toe",
    "wijzig_status",
]
