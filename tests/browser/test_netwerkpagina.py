"""A participant compares the casuswijken of their call: from /wijken/ to the network page,
into one cell of the table and back; the page passes axe on a wide screen and on a phone."""

import pytest

from aanmeldingen.enums import Leervraag
from casuswijken.models import Interventiecategorie
from tests.browser.conftest import ernstige_toegankelijkheidsfouten
from tests.factories import (
    BevindingFactory,
    CasuswijkFactory,
    DeelnameFactory,
    InterventieFactory,
    OproepFactory,
    VoorbeeldFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def netwerk():
    oproep = OproepFactory(titel="Gemengd 2027", slug="gemengd-2027")
    ontmoeting, wonen = (
        Interventiecategorie.objects.get_or_create(naam=naam)[0]
        for naam in ["Ontmoeting in de buurt", "Wonen en doorstroming"]
    )
    wijken = [
        CasuswijkFactory(aanmelding__oproep=oproep, naam=naam, slug=naam.lower())
        for naam in ["Lombok", "Zuilen", "Overvecht", "Kanaleneiland"]
    ]
    for nummer, wijk in enumerate(wijken):
        InterventieFactory(
            casuswijk=wijk,
            categorie=ontmoeting,
            naam=f"Huiskamer {wijk.naam}",
            status="loopt",
            domein="beide",
            partners="Welzijn, corporatie",
        )
        for _ in range(nummer):
            InterventieFactory(casuswijk=wijk, categorie=wonen, status="idee", domein="fysiek")
        for leervraag in Leervraag:
            BevindingFactory(
                casuswijk=wijk,
                leervraag=leervraag,
                zichtbaarheid="netwerk",
                goed_voorbeeld=nummer == 1,
                tekst=f"In {wijk.naam} maken **vaste gezichten** het verschil.",
            )
    VoorbeeldFactory(
        oproep=oproep,
        titel="Buren aan zet",
        link="https://voorbeeld.nl/buren",
        zichtbaarheid="netwerk",
    )
    return {"oproep": oproep, "deelnemer": DeelnameFactory(casuswijk=wijken[0]).gebruiker}


def ingelogd(browser, live_server, client, gebruiker, breedte: int):
    """A browser page logged in as this user (the session of Django's test client)."""
    client.force_login(gebruiker)
    context = browser.new_context(locale="nl-NL", viewport={"width": breedte, "height": 900})
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    return context, page


def test_a_participant_opens_a_cell_and_comes_back(live_server, browser, client, netwerk):
    context, page = ingelogd(browser, live_server, client, netwerk["deelnemer"], 1280)

    page.goto(live_server.url + "/wijken/")
    page.get_by_role("link", name="Alle casuswijken van Gemengd 2027 vergeleken").click()
    assert page.get_by_role("heading", level=1).inner_text() == (
        "De casuswijken van Gemengd 2027 vergeleken"
    )
    assert ernstige_toegankelijkheidsfouten(page) == []

    page.get_by_label("Domein", exact=True).select_option("fysiek")
    page.get_by_role("button", name="Filter toepassen").click()
    page.get_by_role("link", name="2 interventies: Wonen en doorstroming in Overvecht").click()
    lijst = page.locator("#interventies-lijst")
    assert lijst.get_by_role("heading", level=3).inner_text() == (
        "Interventies in Wonen en doorstroming in Overvecht (domein: fysiek (met beide))"
    )
    assert lijst.locator("article").count() == 2
    assert page.get_by_label("Domein", exact=True).input_value() == "fysiek"
    assert ernstige_toegankelijkheidsfouten(page) == []

    page.get_by_role("link", name="Terug naar alle interventies").click()
    assert lijst.locator("article").count() == 10
    context.close()


def test_the_network_page_fits_a_phone_and_passes_axe(live_server, browser, client, netwerk):
    context, page = ingelogd(browser, live_server, client, netwerk["deelnemer"], 320)

    page.goto(live_server.url + "/netwerk/gemengd-2027/?status=%00&wijk=onbekend")

    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert page.get_by_text("Kies een status uit de lijst.").first.is_visible()
    kader = page.get_by_role("region", name="Aantal interventies per categorie en casuswijk")
    assert kader.evaluate("el => el.scrollWidth > el.clientWidth")
    # Stacked on a phone: the casuswijken of a learning question one under the other.
    # Both boxes read at one moment: the page may still be scrolling to the error summary
    # that took the focus.
    eerste, tweede = page.evaluate(
        """() => [...document.querySelectorAll("#bevindingen .netwerk-kolom")].slice(0, 2)
            .map((kolom) => kolom.getBoundingClientRect().toJSON())"""
    )
    assert tweede["x"] == eerste["x"]
    assert tweede["y"] > eerste["y"] + eerste["height"] - 1
    assert ernstige_toegankelijkheidsfouten(page) == []
    context.close()


def test_on_a_wide_screen_the_casuswijken_stand_side_by_side(live_server, browser, client, netwerk):
    context, page = ingelogd(browser, live_server, client, netwerk["deelnemer"], 1280)

    page.goto(live_server.url + "/netwerk/gemengd-2027/")

    kolommen = page.locator("#bevindingen .netwerk-kolom")
    vakken = [kolommen.nth(k).bounding_box() for k in range(4)]
    assert len({round(vak["y"]) for vak in vakken}) == 1
    assert page.locator("#bevindingen").get_by_text("Goed voorbeeld").count() == 4
    context.close()
