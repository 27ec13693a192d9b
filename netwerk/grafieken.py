"""The staff start page's charts, drawn here as SVG: no script, no library, no CDN.

Every chart has a <title> and a <desc> (role="img", aria-labelledby), carries its numbers
as text beside each bar, tile or dot, so it does not rely on colour alone, and the page puts
a table with the same numbers under it (templates/admin/dashboard.html). Each drawn value
also sits in a data-aantal attribute, so that a test can read the numbers back.
"""

from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .beheerpagina import telling

LETTER = 'font-family="DejaVu Sans, sans-serif" font-size="13"'
DONKER = "#123c54"
LICHT = "#dbe7ee"
RAND = "#212529"


@dataclass(frozen=True)
class Staaf:
    label: str
    aantal: int
    # Part of the bar that is filled solid (done of assigned); None: the whole bar.
    waarvan: int | None = None


def _tekst(x: float, y: float, inhoud: str, **attributen) -> str:
    extra = "".join(f' {naam.replace("_", "-")}="{waarde}"' for naam, waarde in attributen.items())
    return f'<text x="{x:g}" y="{y:g}"{extra}>{escape(inhoud)}</text>'


def _begin(prefix: str, titel: str, beschrijving: str, breedte: int, hoogte: int) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="dashboard-grafiek" role="img" '
        f'viewBox="0 0 {breedte} {hoogte}" width="{breedte}" height="{hoogte}" '
        f'aria-labelledby="{prefix}-titel {prefix}-desc" {LETTER}>'
        f'<title id="{prefix}-titel">{escape(titel)}</title>'
        f'<desc id="{prefix}-desc">{escape(beschrijving)}</desc>'
    )


def staven(
    staven_: list[Staaf],
    *,
    prefix: str,
    titel: str,
    eenheid: tuple[str, str] | None = None,
    waarvan: str = "",
) -> SafeString:
    """Horizontal bars, one per row, each ending with its number, and with `eenheid`
    (singular, plural) the noun after it. With `waarvan` (e.g.
    "gedaan") a bar is an outline of the whole with the part filled solid, and its text
    says "3 van 5 gedaan"."""
    labelbreedte, balkbreedte, rij = 140, 150, 28
    breedte, hoogte = labelbreedte + balkbreedte + 110, rij * max(len(staven_), 1) + 6
    grootste = max((staaf.aantal for staaf in staven_), default=0)
    schaal = balkbreedte / grootste if grootste else 0

    def zin(staaf: Staaf) -> str:
        if waarvan:
            return f"{staaf.waarvan} van {staaf.aantal} {waarvan}"
        return telling(staaf.aantal, *eenheid) if eenheid else str(staaf.aantal)

    beschrijving = "; ".join(f"{staaf.label}: {zin(staaf)}" for staaf in staven_) or "Geen."
    delen = [_begin(prefix, titel, beschrijving, breedte, hoogte)]
    if not staven_:
        delen.append(_tekst(4, 20, "Nog niets te tellen."))
    for index, staaf in enumerate(staven_):
        y = index * rij + 4
        delen.append(
            f'<g data-label="{escape(staaf.label)}" data-aantal="{staaf.aantal}"'
            + (f' data-waarvan="{staaf.waarvan}"' if waarvan else "")
            + ">"
        )
        delen.append(_tekst(labelbreedte - 8, y + 15, staaf.label, text_anchor="end"))
        lengte = staaf.aantal * schaal
        if waarvan:
            delen.append(
                f'<rect x="{labelbreedte}" y="{y}" width="{lengte:g}" height="20" '
                f'fill="{LICHT}" stroke="{RAND}"/>'
            )
            gevuld = (staaf.waarvan or 0) * schaal
            delen.append(
                f'<rect x="{labelbreedte}" y="{y}" width="{gevuld:g}" height="20" fill="{DONKER}"/>'
            )
        else:
            delen.append(
                f'<rect x="{labelbreedte}" y="{y}" width="{lengte:g}" height="20" fill="{DONKER}"/>'
            )
        delen.append(_tekst(labelbreedte + lengte + 6, y + 15, zin(staaf)))
        delen.append("</g>")
    delen.append("</svg>")
    return mark_safe("".join(delen))  # noqa: S308 - every text above is escaped


# The twelve provinces as tiles on a grid of three columns and five rows, roughly where
# they lie: (column, row, abbreviation).
TEGELS = {
    "friesland": (1, 0, "FR"),
    "groningen": (2, 0, "GR"),
    "noord_holland": (0, 1, "NH"),
    "flevoland": (1, 1, "FL"),
    "drenthe": (2, 1, "DR"),
    "zuid_holland": (0, 2, "ZH"),
    "utrecht": (1, 2, "UT"),
    "overijssel": (2, 2, "OV"),
    "zeeland": (0, 3, "ZE"),
    "noord_brabant": (1, 3, "NB"),
    "gelderland": (2, 3, "GE"),
    "limburg": (2, 4, "LI"),
}
# Four shades, light to dark, with the text colour that reads on each (contrast >= 4.5).
TINTEN = [("#f1f5f8", RAND), ("#b9d0de", RAND), ("#4d7f9c", "#ffffff"), (DONKER, "#ffffff")]


def tegelkaart(aantallen: list[tuple[str, str, int]], *, prefix: str, titel: str) -> SafeString:
    """The twelve provinces as a tile map: each tile its abbreviation and its number, shaded
    by the number. `aantallen` holds (provincie value, name, number) for all twelve."""
    tegel, tussen = 86, 6
    breedte, hoogte = 3 * (tegel + tussen), 5 * (tegel + tussen)
    grootste = max((aantal for *_, aantal in aantallen), default=0)
    beschrijving = (
        "Kaart van de twaalf provincies, elk een vak met het aantal: "
        + "; ".join(f"{naam}: {aantal}" for _, naam, aantal in aantallen)
        + "."
    )
    delen = [_begin(prefix, titel, beschrijving, breedte, hoogte)]
    for waarde, naam, aantal in aantallen:
        kolom, rij, afkorting = TEGELS[waarde]
        stap = 0 if not aantal else 1 + min(2, (3 * (aantal - 1)) // max(grootste, 1))
        vulling, tekstkleur = TINTEN[stap]
        x, y = kolom * (tegel + tussen), rij * (tegel + tussen)
        delen.append(
            f'<g data-provincie="{waarde}" data-aantal="{aantal}">'
            f'<rect x="{x}" y="{y}" width="{tegel}" height="{tegel}" rx="6" fill="{vulling}" '
            f'stroke="{RAND}"><title>{escape(naam)}: {aantal}</title></rect>'
            + _tekst(
                x + tegel / 2,
                y + 30,
                afkorting,
                text_anchor="middle",
                fill=tekstkleur,
                font_weight="bold",
            )
            + _tekst(
                x + tegel / 2,
                y + 62,
                str(aantal),
                text_anchor="middle",
                fill=tekstkleur,
                font_size="24",
            )
            + "</g>"
        )
    delen.append("</svg>")
    return mark_safe("".join(delen))  # noqa: S308 - every text above is escaped


def spreiding(rijen: list[tuple[str, dict[int, int]]], *, prefix: str, titel: str) -> SafeString:
    """Per criterion a row of the scores 1 to 5: a dot for each score given, its size by how
    often, with the number in or beside it. `rijen` holds (criterion, {score: number})."""
    labelbreedte, kolom, rij = 100, 52, 44
    breedte, hoogte = labelbreedte + 5 * kolom + 10, 26 + rij * max(len(rijen), 1)
    grootste = max((max(tellingen.values(), default=0) for _, tellingen in rijen), default=0)
    beschrijving = (
        "Hoe vaak elke score van 1 tot 5 is gegeven, per criterium: "
        + "; ".join(
            f"{criterium}: " + ", ".join(f"score {s} {tellingen[s]} keer" for s in range(1, 6))
            for criterium, tellingen in rijen
        )
        + "."
    )
    delen = [_begin(prefix, titel, beschrijving, breedte, hoogte)]
    delen.append(_tekst(labelbreedte - 10, 16, "score", text_anchor="end", font_size="12"))
    for score in range(1, 6):
        x = labelbreedte + (score - 0.5) * kolom
        delen.append(_tekst(x, 16, str(score), text_anchor="middle", font_weight="bold"))
    for index, (criterium, tellingen) in enumerate(rijen):
        y = 26 + index * rij + rij / 2
        delen.append(f'<g data-criterium="{escape(criterium)}">')
        delen.append(_tekst(labelbreedte - 10, y + 5, criterium, text_anchor="end"))
        delen.append(
            f'<line x1="{labelbreedte}" y1="{y:g}" x2="{labelbreedte + 5 * kolom}" y2="{y:g}" '
            f'stroke="#8a939b" stroke-dasharray="2 3"/>'
        )
        for score in range(1, 6):
            aantal = tellingen.get(score, 0)
            x = labelbreedte + (score - 0.5) * kolom
            delen.append(f'<g data-score="{score}" data-aantal="{aantal}">')
            if aantal:
                straal = 9 + 9 * (aantal / grootste) ** 0.5
                delen.append(
                    f'<circle cx="{x:g}" cy="{y:g}" r="{straal:.1f}" fill="{DONKER}">'
                    f"<title>{escape(criterium)}, score {score}: {aantal} keer</title></circle>"
                )
                delen.append(
                    _tekst(
                        x,
                        y + 4.5,
                        str(aantal),
                        text_anchor="middle",
                        fill="#ffffff",
                        font_size="12",
                        font_weight="bold",
                    )
                )
            delen.append("</g>")
        delen.append("</g>")
    delen.append("</svg>")
    return mark_safe("".join(delen))  # noqa: S308 - every text above is escaped
