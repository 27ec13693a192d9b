"""Writes to applications. Views, admin actions and tasks call these; nothing else sets
.status. One module per concern; import from here (`from aanmeldingen.services import X`).

- status: wijzig_status, the one place where a status changes, and trek_in;
- aanvragen: applying and editing through the form and the secret link;
- link: the secret link (replace, mail, ask for a new one);
- bewaren: retention of applications that did not become a casuswijk;
- mails: the mails about the application itself;
- besluiten: recording decisions and sending them, with the task that mails one;
- herinneringen: the reminder of a concept a week before the call's deadline.

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
from .herinneringen import herinner_aan_concepten
from .link import link_voor, stuur_nieuwe_link, vervang_link, vraag_link_aan
from .status import OngeldigeOvergang, SelectieVol, trek_in, wijzig_status

__all__ = [
    "LINK_PLEK",
    "LINK_VOORBEELD",
    "BesluitAlVerzonden",
    "BesluitGeweigerd",
    "KanNietVersturen",
    "NietMeerBewerkbaar",
    "OngeldigeOvergang",
    "OproepGesloten",
    "OproepNogOpen",
    "SelectieVol",
    "VerouderdFormulier",
    "besluitmails",
    "bewaar_concept",
    "corrigeer_contactadres",
    "dien_aanmelding_in",
    "herinner_aan_concepten",
    "link_voor",
    "neem_besluit",
    "neem_besluiten",
    "stuur_nieuwe_link",
    "trek_in",
    "verstuur_besluiten",
    "verstuur_opnieuw",
    "verwijder_concepten",
    "verwijder_ingetrokken",
    "verwijder_niet_gekozen",
    "vervang_link",
    "vingerafdruk",
    "vraag_link_aan",
    "waarom_geen_besluit",
    "waarom_niet_versturen",
    "werk_aanmelding_bij",
    "wijzig_status",
]
