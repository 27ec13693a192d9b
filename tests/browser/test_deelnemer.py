"""A participant logs in from the header, reads their casuswijk and a session; the pages
pass axe."""

import pytest
from playwright.sync_api import expect

from casuswijken.models import Actiepunt
from tests.browser.conftest import ernstige_toegankelijkheidsfouten
from tests.factories import BijeenkomstFactory, CasuswijkFactory, DeelnameFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_participant_logs_in_and_reads_the_notes(live_server, page):
    wijk = CasuswijkFactory(naam="Transvaal", slug="transvaal")
    deelname = DeelnameFactory(casuswijk=wijk, gebruiker__username="dewi",
                               gebruiker__first_name="Dewi")  # fmt: skip
    deelname.gebruiker.set_password("Transvaal-2027!")
    deelname.gebruiker.save()
    sessie = BijeenkomstFactory(
        casuswijk=wijk,
        titel="Eerste open gesprek",
        verslag="## Wat we hoorden\n\nNieuwe bewoners kennen de buurthuizen niet.",
    )
    Actiepunt.objects.create(casuswijk=wijk, bijeenkomst=sessie, eigenaar=deelname.gebruiker,
                             omschrijving="Welkomstpakket uitwerken")  # fmt: skip

    page.goto(live_server.url + "/")
    page.get_by_role("navigation", name="Account").get_by_role("link", name="Inloggen").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Inloggen"
    assert ernstige_toegankelijkheidsfouten(page) == []
    page.get_by_label("E-mailadres of gebruikersnaam").fill("dewi")
    page.get_by_label("Wachtwoord").fill("Transvaal-2027!")
    page.get_by_role("button", name="Inloggen").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Mijn casuswijken"
    nav = page.get_by_role("navigation", name="Account")
    assert nav.get_by_role("link", name="Mijn casuswijken").get_attribute("aria-current") == "page"
    page.get_by_role("link", name="Transvaal").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Transvaal"
    assert page.get_by_text("Welkomstpakket uitwerken").is_visible()
    assert ernstige_toegankelijkheidsfouten(page) == []

    page.get_by_role("link", name="Eerste open gesprek", exact=True).click()
    assert page.get_by_role("heading", name="Wat we hoorden").is_visible()
    assert ernstige_toegankelijkheidsfouten(page) == []

    page.get_by_role("button", name="Uitloggen").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Inloggen"


BREDE_TABEL = "\n".join(
    [
        "Wat we afspraken:",
        "",
        "| Actie | Wie | Wanneer | Waar | Toelichting |",
        "|---|---|---|---|---|",
        "| Welkomstpakket uitwerken voor nieuwe bewoners | Woningcorporatie Staedion "
        "| 1 maart 2027 | Buurthuis De Mussen | Samen met het opbouwwerk en de bewoners |",
        "| Ontmoetingsplekken in kaart brengen | Gemeente Den Haag | 15 april 2027 "
        "| Transvaalkwartier | Ook de speeltuinen en de moskee |",
        "",
        "> Nieuwe bewoners kennen de buurthuizen niet.",
    ]
)


def test_a_wide_table_in_the_notes_scrolls_in_its_own_box_on_a_phone(live_server, browser):
    wijk = CasuswijkFactory(naam="Transvaal", slug="transvaal")
    deelname = DeelnameFactory(casuswijk=wijk, gebruiker__username="dewi")
    deelname.gebruiker.set_password("Transvaal-2027!")
    deelname.gebruiker.save()
    sessie = BijeenkomstFactory(casuswijk=wijk, titel="Eerste open gesprek", verslag=BREDE_TABEL)
    context = browser.new_context(locale="nl-NL", viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.goto(live_server.url + "/account/inloggen/")
    page.get_by_label("E-mailadres of gebruikersnaam").fill("dewi")
    page.get_by_label("Wachtwoord").fill("Transvaal-2027!")
    page.get_by_role("button", name="Inloggen").click()

    page.goto(f"{live_server.url}/wijken/transvaal/bijeenkomsten/{sessie.pk}/")

    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    kader = page.get_by_role("region", name="Tabel")
    assert kader.evaluate("el => el.scrollWidth > el.clientWidth")
    kader.focus()
    page.keyboard.press("ArrowRight")
    # Not wait_for_function: its polling needs eval, which the content security policy refuses.
    expect(kader).not_to_have_js_property("scrollLeft", 0)
    cel = page.get_by_role("cell", name="Gemeente Den Haag")
    assert cel.evaluate("el => parseFloat(getComputedStyle(el).paddingLeft)") >= 4
    assert cel.evaluate("el => getComputedStyle(el).borderBottomStyle") != "none"
    citaat = page.locator(".opgemaakt blockquote")
    assert citaat.evaluate("el => getComputedStyle(el).borderLeftStyle") != "none"
    assert ernstige_toegankelijkheidsfouten(page) == []
    context.close()
