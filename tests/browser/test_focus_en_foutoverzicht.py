"""Where the keyboard is, and what went wrong: a focus ring on form fields that stands out
(3:1 or more against the page), and the error summary on the login and password pages with
the label still in view after a jump to the field."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.factories import OproepFactory

pytestmark = pytest.mark.django_db(transaction=True)

SCHERMAFDRUKKEN = Path(__file__).resolve().parents[2] / "test-artifacts"


def ring(pagina, selector: str) -> dict:
    return pagina.locator(selector).evaluate(
        """(el) => {
            const s = getComputedStyle(el);
            return {stijl: s.outlineStyle, breedte: parseFloat(s.outlineWidth),
                    schaduw: s.boxShadow};
        }"""
    )


def test_a_form_field_with_the_focus_has_the_portals_ring(live_server, page):
    page.goto(f"{live_server.url}/account/inloggen/")
    page.keyboard.press("Tab")  # the skip link first, then through the page
    page.locator("#id_username").focus()
    page.wait_for_timeout(400)  # Bootstrap eases the field's shadow in over 0.15 s

    gezien = ring(page, "#id_username")

    # Bootstrap's own field focus is "outline: 0" with a pale blue glow (about 1.4:1).
    assert gezien["stijl"] == "solid"
    assert gezien["breedte"] >= 3
    assert "rgb(0, 0, 0) 0px 0px 0px 5px" in gezien["schaduw"]


@pytest.mark.parametrize(
    ("adres", "knop", "veld"),
    [
        ("/account/inloggen/", "Inloggen", "#id_username"),
        ("/account/wachtwoord-vergeten/", "Stuur de link", "#id_email"),
        ("/oproepen/{oproep}/link-kwijt/", "Stuur een nieuwe link", "#id_email"),
    ],
)
def test_the_login_and_password_pages_have_the_error_summary(live_server, page, adres, knop, veld):
    page.set_viewport_size({"width": 390, "height": 700})
    page.goto(live_server.url + adres.format(oproep=OproepFactory().slug))
    page.get_by_role("button", name=knop).click()

    overzicht = page.locator("#foutoverzicht")
    expect(overzicht).to_be_focused()
    eerste = overzicht.get_by_role("link").first
    assert eerste.get_attribute("href") == veld
    eerste.click()

    expect(page.locator(veld)).to_be_focused()
    page.wait_for_timeout(400)
    # A field with an error keeps the black ring too (Bootstrap gives it a pale red glow).
    assert "rgb(0, 0, 0) 0px 0px 0px 5px" in ring(page, veld)["schaduw"]
    label = page.locator(f"label[for='{veld[1:]}']")
    assert label.bounding_box()["y"] >= 0  # the label is not scrolled out of view
    if "inloggen" in adres:
        SCHERMAFDRUKKEN.mkdir(exist_ok=True)
        page.screenshot(path=SCHERMAFDRUKKEN / "inloggen-foutoverzicht-390.png")
