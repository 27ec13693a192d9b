"""The focus ring on everything the keyboard reaches, not only on form fields: Tab through
representative portal pages and look at each focused element's computed style. The ring is
the portal's own (static/css/portaal.css): a yellow outline of 3px around a black band, which
stands out (3:1 or more) on the light page and in the dark header alike."""

import pytest

from casuswijken.models import Actiepunt
from tests.factories import (
    BijeenkomstFactory,
    CasuswijkFactory,
    DeelnameFactory,
    InterventieFactory,
    OproepFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

GEEL = "rgb(255, 191, 71)"
ZWARTE_BAND = "rgb(0, 0, 0) 0px 0px 0px 5px"
MAX_TABS = 120

# What the focused element is and how its ring looks, read in the page.
GEFOCUST = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const s = getComputedStyle(el);
    const vak = el.getBoundingClientRect();
    let soort = el.tagName.toLowerCase();
    if (soort === "input") soort += "[" + el.type + "]";
    if (el.closest(".pagination")) soort = "paginering";
    if (el.classList.contains("skiplink")) soort = "skiplink";
    if (el.closest(".portaal-kop")) soort += " in de kop";
    return {soort, tekst: (el.innerText || el.name || el.id || "").trim().slice(0, 40),
            stijl: s.outlineStyle, breedte: parseFloat(s.outlineWidth), kleur: s.outlineColor,
            schaduw: s.boxShadow, zichtbaar: vak.width > 0 && vak.height > 0};
}"""


def tab_door(page) -> list[dict]:
    """Every element Tab reaches on the page, from the top until focus leaves the page."""
    page.locator("body").focus()
    gezien = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        page.wait_for_timeout(30)
        element = page.evaluate(GEFOCUST)
        if element is None or (gezien and element == gezien[0]):
            break
        gezien.append(element)
    return gezien


def zonder_ring(elementen: list[dict]) -> list[dict]:
    return [
        el
        for el in elementen
        if not (
            el["zichtbaar"]
            and el["stijl"] == "solid"
            and el["breedte"] >= 3
            and el["kleur"] == GEEL
            and ZWARTE_BAND in el["schaduw"]
        )
    ]


def ingelogd(browser, live_server, client, gebruiker):
    client.force_login(gebruiker)
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    return context, page


def test_every_element_on_the_public_pages_shows_the_ring(live_server, page):
    oproep = OproepFactory()
    wijk = CasuswijkFactory(naam="Transvaal", slug="transvaal")
    for nummer in range(24):
        BijeenkomstFactory(casuswijk=wijk, titel=f"Open gesprek {nummer + 1}",
                           zichtbaarheid="openbaar", verslag="De moestuin.")  # fmt: skip
    InterventieFactory(casuswijk=wijk, naam="Buurtmoestuin", zichtbaarheid="openbaar")

    gezien = []
    for adres in [
        "/",
        oproep.get_absolute_url(),
        f"/oproepen/{oproep.slug}/aanmelden/",
        "/zoeken/?q=moestuin",
        "/account/inloggen/",
        "/toegankelijkheid/",
    ]:
        page.goto(live_server.url + adres)
        elementen = tab_door(page)
        assert elementen, adres
        assert (adres, zonder_ring(elementen)) == (adres, [])
        gezien += elementen

    soorten = {el["soort"] for el in gezien}
    for soort in [
        "skiplink",
        "a in de kop",
        "a",
        "button",
        "input[text]",
        "input[checkbox]",
        "input[radio]",
        "select",
        "textarea",
        "paginering",
    ]:
        assert soort in soorten, soort


def test_every_element_on_a_participants_casuswijk_page_shows_the_ring(
    live_server, browser, client
):
    wijk = CasuswijkFactory(naam="Transvaal", slug="transvaal")
    deelname = DeelnameFactory(casuswijk=wijk)
    sessie = BijeenkomstFactory(casuswijk=wijk, titel="Eerste open gesprek")
    Actiepunt.objects.create(casuswijk=wijk, bijeenkomst=sessie, eigenaar=deelname.gebruiker,
                             omschrijving="Welkomstpakket uitwerken")  # fmt: skip
    context, page = ingelogd(browser, live_server, client, deelname.gebruiker)
    page.goto(f"{live_server.url}/wijken/{wijk.slug}/")
    # Open the details, so that Tab reaches its form; a click would move Tab's start there.
    page.locator("details.actiepunt-wijzigen").evaluate("(el) => { el.open = true; }")

    elementen = tab_door(page)

    assert zonder_ring(elementen) == []
    soorten = {el["soort"] for el in elementen}
    assert {"summary", "button in de kop", "select", "textarea"} <= soorten
    context.close()
