import re

import markdown as markdown_lib
import nh3
from django import template
from django.utils.safestring import SafeString, mark_safe

from netwerk.formulieren import Fout, foutoverzicht

register = template.Library()

TOEGESTANE_TAGS = {
    "p", "br", "strong", "em", "ul", "ol", "li", "a", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "code", "pre", "hr", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
UITLIJNINGEN = {"left", "center", "right"}

# A table wider than the screen scrolls inside this box instead of widening the page. The
# box can take the keyboard focus (so it scrolls with the arrow keys) and so needs a role
# and a name. Added after sanitising: what staff write cannot make such a box.
TABEL_BEGIN = '<div class="tabel-scroll" tabindex="0" role="region" aria-label="Tabel">\n<table>'
TABEL_EINDE = "</table>\n</div>"


def _alleen_uitlijning(tag: str, attribuut: str, waarde: str) -> str | None:
    if attribuut == "align":
        return waarde if waarde in UITLIJNINGEN else None
    return waarde


# Markdown writes headings bare; one written as HTML may carry attributes, which nh3 drops.
KOP = re.compile(r"<(/?)h([1-6])(?:\s[^>]*)?>")


def _koppen_vanaf(html: str, niveau: int) -> str:
    """The text's headings start at `niveau`: its highest heading becomes that level and the
    rest follow one for one, down to h6, so that they sit below the heading of the page part
    the text is in (a session's "Verslag" is an h2, so its text's headings start at h3). A
    text that starts its headings at "##" skips no level (WCAG 1.3.1)."""
    hoogste = min((int(kop[2]) for kop in KOP.finditer(html) if not kop[1]), default=1)
    return KOP.sub(
        lambda kop: f"<{kop[1]}h{min(6, max(niveau, int(kop[2]) - hoogste + niveau))}>",
        html,
    )


@register.filter
def markdown(tekst: str, niveau: int = 2) -> SafeString:
    """Render Markdown written by staff and sanitise it: no scripts, handlers or js: links.

    `niveau` is the level the text's own headings start at: one below the heading the text
    stands under (`{{ verslag|markdown:3 }}` under an h2)."""
    html = markdown_lib.markdown(
        tekst or "",
        extensions=["tables", "sane_lists"],
        # A column's alignment as align="…": the style attribute does not pass nh3.
        extension_configs={"tables": {"use_align_attribute": True}},
    )
    html = _koppen_vanaf(html, max(2, min(6, int(niveau))))
    schoon = nh3.clean(
        html,
        tags=TOEGESTANE_TAGS,
        attributes={"a": {"href", "title"}, "th": {"scope", "align"}, "td": {"align"}},
        attribute_filter=_alleen_uitlijning,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )
    # nh3 writes every table tag bare, as <table> and </table>.
    schoon = schoon.replace("<table>", TABEL_BEGIN).replace("</table>", TABEL_EINDE)
    return mark_safe(schoon)  # noqa: S308 - sanitised by nh3 just above


@register.filter
def fouten_van(formulier) -> list[Fout]:
    """The error summary's items for one form, for pages whose view is Django's own (the
    login and password pages): `{% include "includes/foutoverzicht.html" with
    fouten=form|fouten_van %}`."""
    return foutoverzicht(formulier) if formulier is not None and formulier.is_bound else []
