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
