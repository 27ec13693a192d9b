"""The staff start page in chromium, at full width and on a phone: no moderate, serious or
critical accessibility violation (axe), every chart an SVG with a title, and each chart's
numbers the same as in the table under it."""

from pathlib import Path

import pytest

from tests import dashboard_gegevens as hand
from tests.browser.conftest import MATIG_EN_ERNSTIGER, ernstige_toegankelijkheidsfouten

pytestmark = pytest.mark.django_db(transaction=True)

SCHERMAFDRUKKEN = Path(__file__).resolve().parents[2] / "test-artifacts"


def inloggen(browser, live_server, gebruiker, breedte: int):
    context = browser.new_context(locale="nl-NL", viewport={"width": breedte, "height": 900})
    pagina = context.new_page()
    pagina.set_default_timeout(10_000)
    pagina.goto(f"{live_server.url}/admin/login/")
    pagina.locator("input[name='username']").fill(gebruiker.username)
    pagina.locator("input[name='password']").fill("geheim-wachtwoord")
    pagina.locator("input[type='submit']").click()
    pagina.locator("#site-name").wait_for()
    return context, pagina


def getallen_in_tabel(tabel) -> dict[str, int]:
    """A figures table (label, number) as {label: number}."""
    return {
        rij.locator("th").inner_text().strip(): int(rij.locator("td").inner_text())
        for rij in tabel.locator("tbody tr").all()
    }


@pytest.mark.parametrize("breedte", [1280, 390])
def test_the_start_page_is_accessible_and_its_charts_hold_the_tables_numbers(
    live_server, browser, breedte
):
    gegevens = hand.maak()
    context, pagina = inloggen(browser, live_server, gegevens.coordinator, breedte)

    pagina.goto(f"{live_server.url}/admin/")

    pagina.locator("#dashboard").wait_for()
    SCHERMAFDRUKKEN.mkdir(exist_ok=True)
    pagina.screenshot(path=SCHERMAFDRUKKEN / f"startpagina-{breedte}.png", full_page=True)
    assert ernstige_toegankelijkheidsfouten(pagina, MATIG_EN_ERNSTIGER) == []
    grafieken = pagina.locator("svg.dashboard-grafiek")
    assert grafieken.count() == 5
    for grafiek in grafieken.all():
        assert grafiek.get_attribute("role") == "img"
        titel_id, desc_id = grafiek.get_attribute("aria-labelledby").split()
        assert grafiek.locator(f"title#{titel_id}").text_content().strip()
        assert grafiek.locator(f"desc#{desc_id}").text_content().strip()
        # Not beyond the page: it scales down on a phone.
        assert grafiek.bounding_box()["width"] <= breedte
    # Each chart against the table in the same figure.
    status = pagina.get_by_role("img", name="Aanmeldingen per status: Oproep in beoordeling")
    uit_svg = {
        g.get_attribute("data-label"): int(g.get_attribute("data-aantal"))
        for g in status.locator("g[data-label]").all()
    }
    figuur = pagina.locator("figure").filter(has=status)
    assert uit_svg == getallen_in_tabel(figuur.locator("table")) == hand.PER_STATUS
    kaart = pagina.locator("svg[aria-labelledby^='oproep-'][aria-labelledby*='provincie']")
    uit_kaart = {
        g.locator("title").text_content().split(":")[0]: int(g.get_attribute("data-aantal"))
        for g in kaart.locator("g[data-provincie]").all()
    }
    tabel = getallen_in_tabel(pagina.locator("figure").filter(has=kaart).locator("table"))
    assert uit_kaart == tabel
    assert {naam: aantal for naam, aantal in tabel.items() if aantal} == hand.PER_PROVINCIE
    per_aanmelding = pagina.locator("svg[aria-labelledby*='per-aanmelding']")
    assert {
        g.get_attribute("data-label"): int(g.get_attribute("data-aantal"))
        for g in per_aanmelding.locator("g[data-label]").all()
    } == getallen_in_tabel(pagina.locator("figure").filter(has=per_aanmelding).locator("table"))
    scores = pagina.locator("svg[aria-labelledby*='scores']")
    for rij in pagina.locator("tr[data-criterium]").all():
        criterium = rij.get_attribute("data-criterium")
        for cel in rij.locator("td[data-score]").all():
            punt = scores.locator(
                f"g[data-criterium='{criterium}'] g[data-score='{cel.get_attribute('data-score')}']"
            )
            assert punt.get_attribute("data-aantal") == cel.inner_text().strip()
    beoordelaars = pagina.locator("svg[aria-labelledby*='beoordelaars']")
    for naam, (toegewezen, gedaan) in hand.BEOORDELAARS.items():
        staaf = beoordelaars.locator(f"g[data-label='{naam}']")
        assert (staaf.get_attribute("data-aantal"), staaf.get_attribute("data-waarvan")) == (
            str(toegewezen),
            str(gedaan),
        )
        rij = pagina.get_by_role("row", name=naam)
        assert [cel.inner_text() for cel in rij.locator("td").all()] == [
            str(toegewezen), str(gedaan), str(toegewezen - gedaan)
        ]  # fmt: skip
    # The casuswijken table: a number opens its list.
    pagina.get_by_role("region", name="Tabel: lopende casuswijken").focus()
    rij = pagina.get_by_role("row").filter(has_text="Teststad-Noord")
    rij.locator("td").nth(1).get_by_role("link").click()
    pagina.locator("#result_list").wait_for()
    assert pagina.locator("#result_list tbody tr").count() == hand.CASUSWIJK["te_schrijven"]
    context.close()
