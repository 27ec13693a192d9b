"""Read gettext catalogues (.po) and write the compiled form (.mo) without GNU gettext.

Our own translations live in locale/ (LOCALE_PATHS). The .mo files are committed, so a
fresh machine runs the portal without gettext's msgfmt installed; `manage.py
compileer_vertalingen` (make vertalingen) writes them again after a .po file changed, and a
test checks that they match. Only what our catalogues use is supported: UTF-8, contexts,
plurals, the fuzzy flag and the usual backslash escapes.
"""

import re
import struct
from pathlib import Path
from typing import NamedTuple

ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b",
           "f": "\f", "v": "\v"}  # fmt: skip
REGEL = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+\"(.*)\"\s*$")


class Vermelding(NamedTuple):
    meervoud: str | None  # msgid_plural
    vertalingen: list[str]  # msgstr, or msgstr[0], msgstr[1], ...
    vaag: bool  # marked fuzzy: not used until someone checks it


def _ontsnap(tekst: str) -> str:
    return re.sub(r"\\(.)", lambda m: ESCAPES.get(m.group(1), "\\" + m.group(1)), tekst)


def lees_po(pad: Path | str) -> dict[tuple[str | None, str], Vermelding]:
    """The entries of a .po file by (context, msgid); the header is the entry (None, "")."""
    catalogus: dict[tuple[str | None, str], Vermelding] = {}
    for blok in re.split(r"\n\s*\n", Path(pad).read_text(encoding="utf-8")):
        delen: dict[str, str] = {}
        vertalingen: dict[int, str] = {}
        huidig: tuple[str, int | None] | None = None
        vaag = False
        for regel in blok.splitlines():
            regel = regel.strip()
            if regel.startswith("#,"):
                vaag = vaag or "fuzzy" in regel[2:].replace(",", " ").split()
                continue
            if not regel or regel.startswith("#"):  # comments, and obsolete "#~" entries
                continue
            gevonden = REGEL.match(regel)
            if gevonden:
                sleutel, index, tekst = gevonden.groups()
                if sleutel.startswith("msgstr"):
                    huidig = ("msgstr", int(index or 0))
                    vertalingen[huidig[1]] = _ontsnap(tekst)
                else:
                    huidig = (sleutel, None)
                    delen[sleutel] = _ontsnap(tekst)
            elif regel.startswith('"') and regel.endswith('"') and huidig:
                tekst = _ontsnap(regel[1:-1])
                if huidig[0] == "msgstr":
                    vertalingen[huidig[1]] += tekst
                else:
                    delen[huidig[0]] += tekst
            else:
                raise ValueError(f"{pad}: onbekende regel {regel!r}")
        if "msgid" not in delen:
            continue
        catalogus[(delen.get("msgctxt"), delen["msgid"])] = Vermelding(
            meervoud=delen.get("msgid_plural"),
            vertalingen=[vertalingen[i] for i in sorted(vertalingen)],
            vaag=vaag,
        )
    return catalogus


def maak_mo(catalogus: dict[tuple[str | None, str], Vermelding]) -> bytes:
    """The .mo form of a catalogue, as msgfmt writes it, without untranslated and fuzzy
    entries (the header is kept even when fuzzy, as msgfmt does)."""
    paren = []
    for (context, msgid), vermelding in catalogus.items():
        if not any(vermelding.vertalingen) or (vermelding.vaag and msgid):
            continue
        sleutel = msgid if context is None else f"{context}\x04{msgid}"
        if vermelding.meervoud is not None:
            sleutel += "\0" + vermelding.meervoud
        paren.append((sleutel.encode(), "\0".join(vermelding.vertalingen).encode()))
    paren.sort()

    aantal = len(paren)
    kop = 7 * 4
    # Header, the two tables of (length, offset), then the strings, each ending in NUL.
    begin_teksten = kop + 16 * aantal
    originelen, vertaald, data = [], [], b""
    for origineel, _ in paren:
        originelen.append((len(origineel), begin_teksten + len(data)))
        data += origineel + b"\0"
    for _, vertaling in paren:
        vertaald.append((len(vertaling), begin_teksten + len(data)))
        data += vertaling + b"\0"
    uitvoer = struct.pack("<7I", 0x950412DE, 0, aantal, kop, kop + 8 * aantal, 0, 0)
    for lengte, positie in originelen + vertaald:
        uitvoer += struct.pack("<2I", lengte, positie)
    return uitvoer + data


def compileer(map_: Path) -> list[Path]:
    """Write a .mo beside every .po under map_; returns the files written."""
    geschreven = []
    for po in sorted(map_.glob("*/LC_MESSAGES/*.po")):
        mo = po.with_suffix(".mo")
        inhoud = maak_mo(lees_po(po))
        if not mo.exists() or mo.read_bytes() != inhoud:
            mo.write_bytes(inhoud)
            geschreven.append(mo)
    return geschreven
