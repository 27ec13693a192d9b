"""A visitor searches from the header, reads the results, pages on; a phone-wide screen too.
The page passes axe."""

import pytest

from tests.browser.conftest import ernstige_toegankelijkheidsfouten
from tests.factories import BijeenkomstFactory, CasuswijkFactory, InterventieFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def openbaar():
    wijk = CasuswijkFactory(naam="Transvaal", slug="transvaal")
    for nummer in range(24):
        BijeenkomstFactory(
            casuswijk=wijk,
            titel=f"Open gesprek {nummer + 1}",
            zichtbaarheid="openbaar",
            verslag="Nieuwe bewoners kennen de buurthuizen niet; de moestuin <b>trekt</b> "
            "wel mensen uit de koopwoningen.",
        )
    InterventieFactory(casuswijk=wijk, naam="Buurtmoestuin Hobbemaplein", zichtbaarheid="openbaar",
                       omschrijving="Een moestuin op het plein.")  # fmt: skip
    return wijk


def test_a_visitor_searches_from_the_header_and_pages_through_the_results(
    live_server, page, openbaar
):
    page.goto(live_server.url + "/")
    page.get_by_role("navigation", name="Account").get_by_role("link", name="Zoeken").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Zoeken"
    assert ernstige_toegankelijkheidsfouten(page) == []

    veld = page.get_by_role("searchbox", name="Zoek in bijeenkomsten, interventies")
    veld.fill("moestuin")
    veld.press("Enter")

    kop = page.get_by_role("heading", level=2)
    assert kop.inner_text().strip() == "25 resultaten voor ‘moestuin’"
    resultaten = page.get_by_role("list", name="25 resultaten voor ‘moestuin’")
    assert resultaten.get_by_role("listitem").count() == 20
    assert resultaten.get_by_role("heading", level=3).count() == 20
    assert page.locator("mark", has_text="moestuin").count() >= 20
    assert page.locator("main b").count() == 0
    assert ernstige_toegankelijkheidsfouten(page) == []

    paginering = page.get_by_role("navigation", name="Paginering van de zoekresultaten")
    paginering.get_by_role("link", name="Pagina 2").click()
    assert paginering.get_by_role("link", name="Pagina 2").get_attribute("aria-current") == "page"
    assert page.get_by_role("list", name="25 resultaten").get_by_role("listitem").count() == 5

    page.get_by_role("navigation", name="Soort resultaat").get_by_role(
        "link", name="Interventies (1)"
    ).click()
    assert page.get_by_role("heading", name="Buurtmoestuin Hobbemaplein").is_visible()
    assert ernstige_toegankelijkheidsfouten(page) == []


def test_the_results_fit_a_phone(live_server, browser, openbaar):
    context = browser.new_context(locale="nl-NL", viewport={"width": 320, "height": 700})
    page = context.new_page()

    page.goto(live_server.url + "/zoeken/?q=moestuin")

    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert page.get_by_role("searchbox").is_visible()
    assert ernstige_toegankelijkheidsfouten(page) == []
    context.close()
