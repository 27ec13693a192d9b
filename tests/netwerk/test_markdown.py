import pytest

from netwerk.templatetags.opmaak import markdown

XSS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[klik](javascript:alert(1))",
    '<a href="javascript:alert(1)">klik</a>',
    "<iframe src='https://example.org'></iframe>",
    '<p onclick="alert(1)">tekst</p>',
    "[klik](JaVaScRiPt:alert(1))",
    '<svg onload="alert(1)"></svg>',
    "<style>body{display:none}</style>",
    '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>',
]


@pytest.mark.parametrize("invoer", XSS)
def test_markdown_removes_scripts_handlers_and_dangerous_links(invoer):
    html = markdown(invoer).lower()

    for gevaarlijk in ["<script", "onerror", "onclick", "onload", "javascript:", "<iframe",
                       "<style", "data:text"]:  # fmt: skip
        assert gevaarlijk not in html


def test_markdown_keeps_ordinary_formatting():
    html = markdown("**vet** en [Platform31](https://www.platform31.nl)\n\n- een\n- twee")

    assert html == (
        '<p><strong>vet</strong> en <a href="https://www.platform31.nl" '
        'rel="noopener noreferrer">Platform31</a></p>\n<ul>\n<li>een</li>\n<li>twee</li>\n</ul>'
    )


TABEL = """| Actie | Wie | Wanneer |
|:---|---|--:|
| Welkomstpakket | Dewi | 1 maart |
"""


def test_markdown_table_keeps_its_cells_and_alignment_in_a_keyboard_scrollable_region():
    html = markdown(TABEL)

    assert html.startswith(
        '<div class="tabel-scroll" tabindex="0" role="region" aria-label="Tabel">\n<table>'
    )
    assert html.endswith("</table>\n</div>")
    assert '<th align="left">Actie</th>' in html
    assert "<th>Wie</th>" in html
    assert '<td align="right">1 maart</td>' in html


def test_every_table_gets_its_own_region_also_a_table_written_in_html():
    html = markdown(TABEL + "\n\n<table><tr><td>los</td></tr></table>\n\n" + TABEL)

    assert html.count('<div class="tabel-scroll"') == 3
    assert html.count("</table>\n</div>") == 3


def test_only_the_renderer_makes_regions_and_alignment_is_left_center_or_right():
    html = markdown(
        '<div class="tabel-scroll" tabindex="0" role="region">x</div>\n\n'
        '<table><tr><td align="javascript:x" style="color:red" onclick="x">a</td></tr></table>'
    )

    assert html.count("tabindex") == 1
    assert "<td>a</td>" in html


def test_markdown_keeps_blockquotes():
    assert (
        markdown("> Wat een bewoner zei")
        == "<blockquote>\n<p>Wat een bewoner zei</p>\n</blockquote>"
    )


def test_headings_in_a_text_start_below_the_heading_it_stands_under():
    tekst = "# Besproken\n\ntekst\n\n## Afspraken\n\n### Wie doet wat\n\n###### Diep"

    assert markdown(tekst, 3) == (
        "<h3>Besproken</h3>\n<p>tekst</p>\n<h4>Afspraken</h4>\n<h5>Wie doet wat</h5>\n<h6>Diep</h6>"
    )
    # A heading in the text never reaches the page's own h1, whatever is asked.
    assert markdown("# Kop", 1) == "<h2>Kop</h2>"
    # Written as HTML, a heading is shifted the same way.
    assert markdown("<h2>Kop</h2>\n\n<h3>Onder</h3>", 4) == "<h4>Kop</h4>\n\n<h5>Onder</h5>"
    assert markdown('<h2 class="x">Kop</h2>', 3) == "<h3>Kop</h3>"


def test_a_text_whose_headings_start_at_two_hashes_skips_no_level():
    """axe's heading-order on a session page: "## Afspraken" under "Verslag" (an h2) was an
    h4."""
    assert markdown("## Afspraken\n\ntekst\n\n### Wie", 3) == (
        "<h3>Afspraken</h3>\n<p>tekst</p>\n<h4>Wie</h4>"
    )


def test_every_template_says_where_the_headings_of_its_texts_start():
    """ "##" in a verslag once became an h2, the level of "Verslag" itself."""
    import re
    from pathlib import Path

    sjablonen = Path(__file__).resolve().parents[2] / "templates"
    zonder = [
        f"{pad.relative_to(sjablonen)}: {regel.strip()}"
        for pad in sjablonen.rglob("*.html")
        for regel in pad.read_text().splitlines()
        if re.search(r"\|markdown(?!:[2-6])", regel)
    ]
    assert zonder == []
