"""Search results as text: a snippet with the matches marked, a finding's first words as
its title. Only text in, escaped HTML out; casuswijken.zoeken does the searching."""

import html
import re

from django.utils.safestring import SafeString, mark_safe

# ts_headline puts these around a match. They are control characters that a search never
# holds (schoon_zoekterm) and stored text hardly can; whatever they enclose is escaped
# before they become <mark>, and a stray one yields a balanced mark at worst.
BEGIN, EINDE = "\x02", "\x03"
FRAGMENT_LENGTE = 240  # characters of a snippet cut in Python (SQLite)


def kort(tekst: str, lengte: int) -> str:
    if len(tekst) <= lengte:
        return tekst
    return tekst[:lengte].rsplit(" ", 1)[0].rstrip(" ,.;:") + "…"


_MARKDOWN = [
    # Tags and their like go: the pages do not show them either (the Markdown filter drops
    # them), so a snippet should not; what is left is escaped anyway.
    (re.compile(r"<[^<>]*>"), " "),
    (re.compile(r"\[([^\]]*)\]\([^)]*\)\)?"), r"\1"),  # [text](url) -> text
    (re.compile(r"(?m)^\s{0,3}(#{1,6}|>|[-*+]|\d+\.)\s+"), ""),  # headings, quotes, lists
    (re.compile(r"\*\*|__|`|~~|\|"), " "),
    (re.compile(r"(?<!\w)\*|\*(?!\w)"), ""),
]


def platte_tekst(tekst: str) -> str:
    """Markdown as running text, close enough for a snippet."""
    for patroon, vervanging in _MARKDOWN:
        tekst = patroon.sub(vervanging, tekst)
    return " ".join(tekst.split())


def markeer_headline(headline: str) -> SafeString:
    """ts_headline's text with BEGIN/EINDE around matches: everything escaped, then the
    sentinels become <mark>, always balanced whatever the text held."""
    stukken = re.split(f"([{BEGIN}{EINDE}])", platte_tekst(headline))
    uit, open_ = [], False
    for stuk in stukken:
        if stuk == BEGIN:
            if not open_:
                uit.append("<mark>")
                open_ = True
        elif stuk == EINDE:
            if open_:
                uit.append("</mark>")
                open_ = False
        else:
            uit.append(html.escape(stuk))
    if open_:
        uit.append("</mark>")
    return mark_safe("".join(uit))  # noqa: S308 - every piece of text was escaped above


def knip_fragment(tekst: str, woorden: list[str]) -> SafeString:
    """SQLite: about FRAGMENT_LENGTE characters around the first match, escaped, with the
    search words in <mark>."""
    tekst = platte_tekst(tekst)
    if not tekst:
        return SafeString("")
    patroon = re.compile("|".join(re.escape(woord) for woord in woorden), re.IGNORECASE)
    eerste = patroon.search(tekst) if woorden else None
    begin = max(0, eerste.start() - FRAGMENT_LENGTE // 3) if eerste else 0
    if begin:
        spatie = tekst.find(" ", begin)
        begin = spatie + 1 if 0 <= spatie < (eerste.start() if eerste else begin) else begin
    einde = begin + FRAGMENT_LENGTE
    if einde < len(tekst):
        spatie = tekst.rfind(" ", begin, einde)
        einde = spatie if spatie > begin else einde
    stuk = tekst[begin:einde]
    uit, positie = [], 0
    for treffer in patroon.finditer(stuk) if woorden else []:
        uit.append(html.escape(stuk[positie : treffer.start()]))
        uit.append(f"<mark>{html.escape(treffer.group())}</mark>")
        positie = treffer.end()
    uit.append(html.escape(stuk[positie:]))
    voor = "… " if begin else ""
    na = " …" if einde < len(tekst) else ""
    return mark_safe(voor + "".join(uit) + na)  # noqa: S308 - every piece of text was escaped
