"""The network report's chart: interventions per category and domain as horizontal stacked
bars, drawn here as SVG so that the page and the PDF need no script and no library.

The domains differ by pattern as well as by colour, each segment carries its number where
it fits, and every bar ends with its total, so the chart does not rely on colour alone. The
report puts a table with the same numbers beside it.
"""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .enums import InterventieDomein
from .models import Interventiecategorie

# Per domain its fill: plain dark for fysiek, hatched for sociaal, dotted for beide, so
# that the domains differ in more than colour.
PATRONEN = {
    InterventieDomein.SOCIAAL: (
        '<pattern id="{p}-sociaal" width="8" height="8" patternUnits="userSpaceOnUse">'
        '<rect width="8" height="8" fill="#f7d9d6"/>'
        '<path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke="#9b2019" stroke-width="2"/>'
        "</pattern>"
    ),
    InterventieDomein.BEIDE: (
        '<pattern id="{p}-beide" width="8" height="8" patternUnits="userSpaceOnUse">'
        '<rect width="8" height="8" fill="#dcefe2"/>'
        '<circle cx="4" cy="4" r="2" fill="#1d5e36"/></pattern>'
    ),
}


def _vulling(domein: InterventieDomein, prefix: str) -> str:
    return f"url(#{prefix}-{domein.value})" if domein in PATRONEN else "#123c54"


BREEDTE = 640
LINKS = 8
BALK_BREEDTE = 520  # the longest bar; the rest of the width holds its total
RIJ = 46
BALK_HOOGTE = 22
LEGENDA = 34


def _tekst(x: float, y: float, inhoud: str, **attributen) -> str:
    extra = "".join(f' {naam.replace("_", "-")}="{waarde}"' for naam, waarde in attributen.items())
    return f'<text x="{x:g}" y="{y:g}"{extra}>{escape(inhoud)}</text>'


def _samenvatting(rijen: list[tuple[Interventiecategorie, dict[str, int]]]) -> str:
    if not rijen:
        return "Er zijn nog geen categorieën van interventies."
    delen = [
        f"{categorie.naam}: "
        + ", ".join(f"{aantallen[d.value]} {d.label.lower()}" for d in InterventieDomein)
        for categorie, aantallen in rijen
    ]
    return "Aantal interventies per categorie, per domein (fysiek, sociaal, beide). " + "; ".join(
        delen
    )


def staafgrafiek(
    rijen: list[tuple[Interventiecategorie, dict[str, int]]], *, prefix: str = "grafiek"
) -> SafeString:
    """An SVG of per_categorie_en_domein's numbers (vergelijking.py): one bar per category,
    its segments fysiek, sociaal and beide. `prefix` keeps the ids unique on the page.

    Each segment is a rect with data-domein and data-aantal, inside a group with
    data-categorie: the numbers can be read back from the drawing.
    """
    grootste = max((sum(aantallen.values()) for _, aantallen in rijen), default=0)
    schaal = BALK_BREEDTE / grootste if grootste else 0
    hoogte = LEGENDA + RIJ * max(len(rijen), 1) + 4
    delen = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="rapport-grafiek" role="img" '
        f'viewBox="0 0 {BREEDTE} {hoogte}" width="{BREEDTE}" height="{hoogte}" '
        f'aria-labelledby="{prefix}-titel {prefix}-desc" font-family="DejaVu Sans, sans-serif" '
        f'font-size="13">',
        f'<title id="{prefix}-titel">Interventies per categorie en domein</title>',
        f'<desc id="{prefix}-desc">{escape(_samenvatting(rijen))}</desc>',
        "<defs>" + "".join(patroon.format(p=prefix) for patroon in PATRONEN.values()) + "</defs>",
    ]
    # The legend: a swatch of each pattern with its name.
    x = LINKS
    for domein in InterventieDomein:
        delen.append(
            f'<rect x="{x}" y="6" width="18" height="18" fill="{_vulling(domein, prefix)}" '
            'stroke="#212529"/>'
        )
        delen.append(_tekst(x + 24, 20, domein.label))
        x += 110
    if not rijen:
        delen.append(_tekst(LINKS, LEGENDA + 20, "Nog geen categorieën."))
    for index, (categorie, aantallen) in enumerate(rijen):
        y = LEGENDA + index * RIJ
        delen.append(f'<g class="balk" data-categorie="{escape(categorie.naam)}">')
        delen.append(_tekst(LINKS, y + 12, categorie.naam, font_weight="bold"))
        balk_y = y + 18
        x = LINKS
        for domein in InterventieDomein:
            aantal = aantallen[domein.value]
            breedte = aantal * schaal
            rand = "#212529" if aantal else "none"
            delen.append(
                f'<rect x="{x:g}" y="{balk_y}" width="{breedte:g}" height="{BALK_HOOGTE}" '
                f'fill="{_vulling(domein, prefix)}" stroke="{rand}" '
                f'data-domein="{domein.value}" data-aantal="{aantal}">'
                f"<title>{escape(categorie.naam)}, {domein.label.lower()}: {aantal}</title></rect>"
            )
            if aantal and breedte >= 24:
                # The number on a white label, readable on every pattern.
                midden = x + breedte / 2
                delen.append(
                    f'<rect x="{midden - 10:g}" y="{balk_y + 3}" width="20" height="16" rx="3" '
                    'fill="#fff" stroke="#212529" stroke-width="0.5"/>'
                )
                delen.append(
                    _tekst(midden, balk_y + 15.5, str(aantal), text_anchor="middle", font_size="12")
                )
            x += breedte
        totaal = sum(aantallen.values())
        delen.append(_tekst(x + 6, balk_y + 16, f"{totaal} in totaal"))
        delen.append("</g>")
    delen.append("</svg>")
    return mark_safe("".join(delen))  # noqa: S308 - every text above is escaped
