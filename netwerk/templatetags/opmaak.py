import markdown as markdown_lib
import nh3
from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

TOEGESTANE_TAGS = {
    "p", "br", "strong", "em", "ul", "ol", "li", "a", "h2", "h3", "h4",
    "blockquote", "code", "pre", "hr", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip


@register.filter
def markdown(tekst: str) -> SafeString:
    """Render Markdown written by staff and sanitise it: no scripts, handlers or js: links."""
    html = markdown_lib.markdown(tekst or "", extensions=["tables", "sane_lists"])
    schoon = nh3.clean(
        html,
        tags=TOEGESTANE_TAGS,
        attributes={"a": {"href", "title"}, "th": {"scope"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )
    return mark_safe(schoon)  # noqa: S308 - sanitised by nh3 just above
