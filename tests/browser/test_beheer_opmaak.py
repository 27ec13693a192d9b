"""The admin lists of this issue at full width and on a phone: the link to the proposals
that wait stays clear of the page's title, and the answers list shows every column without
scrolling at 1280 px."""

import datetime
from pathlib import Path

import pytest

from tests.browser.conftest import ernstige_toegankelijkheidsfouten
from tests.factories import (
    BijeenkomstFactory,
    CasuswijkFactory,
    DeelnameFactory,
    InterventievoorstelFactory,
    UitnodigingFactory,
    medewerker,
)

pytestmark = pytest.mark.django_db(transaction=True)

SCHERMAFDRUKKEN = Path(__file__).resolve().parents[2] / "test-artifacts"


def inloggen(browser, live_server, breedte: int):
    context = browser.new_context(locale="nl-NL", viewport={"width": breedte, "height": 900})
    pagina = context.new_page()
    pagina.set_default_timeout(10_000)
    pagina.goto(f"{live_server.url}/admin/login/")
    pagina.locator("input[name='username']").fill(medewerker("coördinator").username)
    pagina.locator("input[name='password']").fill("geheim-wachtwoord")
    pagina.locator("input[type='submit']").click()
    pagina.locator("#site-name").wait_for()
    return context, pagina


def overlappen(a: dict, b: dict) -> bool:
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


@pytest.mark.parametrize("breedte", [1280, 320])
def test_the_link_to_waiting_proposals_stays_clear_of_the_title(live_server, browser, breedte):
    InterventievoorstelFactory()
    context, pagina = inloggen(browser, live_server, breedte)

    pagina.goto(f"{live_server.url}/admin/casuswijken/interventie/")

    link = pagina.get_by_role("link", name="Voorstellen van deelnemers (1 wacht op een besluit)")
    SCHERMAFDRUKKEN.mkdir(exist_ok=True)
    pagina.screenshot(path=SCHERMAFDRUKKEN / f"interventies-beheer-{breedte}.png")
    # The title's text, not its box (a heading is as wide as the page).
    titel = pagina.locator("#content > h1").evaluate(
        "h => { const r = document.createRange(); r.selectNodeContents(h);"
        " const b = r.getBoundingClientRect();"
        " return {x: b.x, y: b.y, width: b.width, height: b.height}; }"
    )
    for knop in [link, pagina.get_by_role("link", name="Interventie toevoegen")]:
        assert not overlappen(titel, knop.bounding_box())
    assert not overlappen(
        link.bounding_box(), pagina.get_by_role("link", name="Interventie toevoegen").bounding_box()
    )
    assert ernstige_toegankelijkheidsfouten(pagina) == []
    context.close()


def test_the_answers_list_shows_every_column_at_1280_px(live_server, browser):
    wijk = CasuswijkFactory(naam="Heechterp-Schieringen")
    sessie = BijeenkomstFactory(casuswijk=wijk, titel="Open gesprek met bewoners en partners",
                                begint_op=datetime.datetime(2026, 12, 15, 19, 30,
                                                            tzinfo=datetime.UTC))  # fmt: skip
    september = datetime.datetime(2026, 9, 29, 12, tzinfo=datetime.UTC)
    for naam in ["Dewi de Deelnemer", "Pim Partner"]:
        voornaam, achternaam = naam.split(" ", 1)
        gebruiker = DeelnameFactory(
            casuswijk=wijk, gebruiker__first_name=voornaam, gebruiker__last_name=achternaam,
            # No place to break: the column is as wide as the address.
            gebruiker__email=f"{voornaam.lower()}{len(achternaam)}@voorbeeldgemeente.nl",
        ).gebruiker  # fmt: skip
        UitnodigingFactory(bijeenkomst=sessie, gebruiker=gebruiker, antwoord="misschien",
                           beantwoord_op=september, aanwezig=True)  # fmt: skip
    context, pagina = inloggen(browser, live_server, 1280)

    pagina.goto(f"{live_server.url}/admin/casuswijken/uitnodiging/")

    SCHERMAFDRUKKEN.mkdir(exist_ok=True)
    pagina.screenshot(path=SCHERMAFDRUKKEN / "uitnodigingen-beheer-1280.png")
    resultaten = pagina.locator("#changelist-form .results")
    breedtes = resultaten.evaluate("r => [r.scrollWidth, r.clientWidth]")
    assert breedtes[0] <= breedtes[1]
    assert pagina.locator("#result_list th.column-aanwezig").is_visible()
    # The address on a second line, the date short: what makes the columns fit.
    assert pagina.locator(".field-persoon_in_lijst").first.inner_text() == (
        "Dewi de Deelnemer\ndewi12@voorbeeldgemeente.nl"
    )
    assert pagina.locator("td.field-beantwoord").first.inner_text() == "29 sep 2026, 14:00"
    assert ernstige_toegankelijkheidsfouten(pagina) == []
    context.close()
