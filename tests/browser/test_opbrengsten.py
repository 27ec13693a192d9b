"""A visitor goes from a finished call to its public results and a session's notes; the
pages pass axe, on a wide screen and at 320 pixels."""

import pytest

from tests.browser.conftest import ernstige_toegankelijkheidsfouten
from tests.factories import (
    BevindingFactory,
    BijeenkomstFactory,
    CasuswijkFactory,
    InterventieFactory,
    OproepFactory,
    VoorbeeldFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

VERSLAG = "\n".join(
    [
        "## Wat we hoorden",
        "",
        "| Onderwerp | Wat bewoners zeggen | Wat de partners doen |",
        "|---|---|---|",
        "| Wonen | De wachttijd voor een huurwoning is negen jaar | Voorrang bij nieuwbouw |",
        "| Ontmoeting | Nieuwe kopers kennen het buurthuis niet | Een welkomstgesprek |",
    ]
)


@pytest.fixture
def oproep():
    oproep = OproepFactory(gesloten=True, titel="Leernetwerk 2026", slug="ronde-1")
    wijk = CasuswijkFactory(naam="Berflo Es", aanmelding__oproep=oproep,
                            aanmelding__gemeente="Hengelo",
                            aanmelding__besluit_verzonden_op=oproep.deadline)  # fmt: skip
    sessie = BijeenkomstFactory(casuswijk=wijk, titel="Open gesprek", verslag=VERSLAG,
                                zichtbaarheid="openbaar")  # fmt: skip
    InterventieFactory(casuswijk=wijk, naam="Doorstroommakelaar", zichtbaarheid="openbaar",
                       omschrijving="Helpt ouderen kleiner wonen in de eigen buurt.",
                       partners="Gemeente Hengelo, Woonstichting De Es")  # fmt: skip
    BevindingFactory(casuswijk=wijk, bijeenkomst=sessie, zichtbaarheid="openbaar",
                     goed_voorbeeld=True, tekst="Verhuizen vraagt een lange adem.")  # fmt: skip
    VoorbeeldFactory(oproep=oproep, titel="Welkomstteams", zichtbaarheid="openbaar",
                     link="https://voorbeeld.nl/welkom")  # fmt: skip
    return oproep


@pytest.mark.parametrize("breedte", [1280, 320])
def test_a_visitor_reads_the_results_and_a_sessions_notes(live_server, browser, oproep, breedte):
    context = browser.new_context(locale="nl-NL", viewport={"width": breedte, "height": 900})
    page = context.new_page()

    page.goto(f"{live_server.url}/oproepen/ronde-1/")
    page.get_by_role("link", name="Bekijk de opbrengsten van het leernetwerk").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Opbrengsten van het leernetwerk"
    assert page.get_by_role("row", name="Doorstroommakelaar").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= breedte
    assert ernstige_toegankelijkheidsfouten(page) == []

    page.get_by_role("link", name="Open gesprek").click()
    assert page.get_by_role("heading", name="Wat we hoorden").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= breedte
    assert ernstige_toegankelijkheidsfouten(page) == []
    context.close()
