"""Writes to casuswijken, one module per concern; the admin and the participant views call
these and hold no workflow themselves. Everything is imported from here."""

from .actiepunten import (
    noteer_actiepuntwijziging,
    rond_af,
    sla_actiepunt_op,
    wijzig_actiepunt,
)
from .antwoorden import (
    antwoorden_gesloten,
    beantwoord,
    deelnemers_van,
    kan_antwoorden,
    leg_aanwezigheid_vast,
)
from .bijeenkomsten import (
    CONCEPTMERK,
    Gemeld,
    lezers,
    meld_verslag,
    sessie_url,
    sla_bijeenkomst_op,
    verslagvingerafdruk,
)
from .reacties import (
    REACTIE_MAX,
    ReagerenKanNiet,
    controleer_reactietekst,
    plaats_reactie,
    reden_om_niet_te_reageren,
)
from .voorstellen import (
    AlBesloten,
    aanvaard_voorstel,
    dien_voorstel_in,
    wijs_voorstel_af,
)
from .wijk import (
    NOG_IN_TE_DELEN,
    maak_casuswijk,
    nieuwe_agendalink,
    nodig_coalitie_uit,
    nodig_uit,
    stuur_uitnodiging_opnieuw,
)

__all__ = [
    "AlBesloten",
    "CONCEPTMERK",
    "Gemeld",
    "NOG_IN_TE_DELEN",
    "REACTIE_MAX",
    "ReagerenKanNiet",
    "aanvaard_voorstel",
    "antwoorden_gesloten",
    "beantwoord",
    "controleer_reactietekst",
    "deelnemers_van",
    "dien_voorstel_in",
    "kan_antwoorden",
    "leg_aanwezigheid_vast",
    "lezers",
    "maak_casuswijk",
    "meld_verslag",
    "nieuwe_agendalink",
    "nodig_coalitie_uit",
    "nodig_uit",
    "noteer_actiepuntwijziging",
    "plaats_reactie",
    "reden_om_niet_te_reageren",
    "rond_af",
    "sessie_url",
    "sla_actiepunt_op",
    "sla_bijeenkomst_op",
    "stuur_uitnodiging_opnieuw",
    "verslagvingerafdruk",
    "wijs_voorstel_af",
    "wijzig_actiepunt",
]
