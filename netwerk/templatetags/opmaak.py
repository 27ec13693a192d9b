import markdown as markdown_lib
import nh3
from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

TOEGESTANE_TAGS = {
    "p", "br", "strong", "em", "ul", "ol", "li", "a", "h2", "h3", "h4",
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


@register.filter
def markdown(tekst: str) -> SafeString:
    """Render Markdown written by staff and sanitise it: no scripts, handlers or js: links."""
    html = markdown_lib.markdown(
        tekst or "",
        extensions=["tables", "sane_lists"],
        # A column's alignment as align="…": the style attribute does not pass nh3.
        extension_configs={"tables": {"use_align_attribute": True}},
    )
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
