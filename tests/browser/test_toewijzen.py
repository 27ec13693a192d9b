"""Reviewers assigned, in chromium: the coördinator's intermediate page, and the reviewer's
"Mijn beoordelingen" with Volgende and a declared conflict of interest; axe finds nothing
serious on either page."""

import pytest
from playwright.sync_api import expect

from aanmeldingen.models import Belangenconflict, Toewijzing
from netwerk.rechten import Rol
from tests.browser.conftest import ernstige_toegankelijkheidsfouten
from tests.factories import AanmeldingFactory, OproepFactory, StaffFactory, medewerker

pytestmark = pytest.mark.django_db(transaction=True)


def inloggen(page, live_server, gebruiker) -> None:
    page.goto(f"{live_server.url}/admin/login/")
    page.locator("input[name='username']").fill(gebruiker.username)
    page.locator("input[name='password']").fill("geheim-wachtwoord")
    page.locator("input[type='submit']").click()
    page.locator("#site-name").wait_for()


def test_a_coordinator_assigns_two_reviewers_to_each_chosen_application(live_server, page):
    oproep = OproepFactory()
    for naam in ["Lombok", "Overvecht", "Zuilen"]:
        AanmeldingFactory(oproep=oproep, wijknaam=naam)
    for naam in ["Anna", "Bas", "Cem"]:
        StaffFactory(rol=Rol.BEOORDELAAR, first_name=naam)
    inloggen(page, live_server, medewerker("coördinator"))

    page.goto(f"{live_server.url}/admin/aanmeldingen/aanmelding/")
    page.locator("#action-toggle").check()
    page.locator("select[name='action']").select_option(label="Beoordelaars toewijzen")
    page.get_by_role("button", name="Uitvoeren").click()
    expect(page.get_by_role("heading", name="Beoordelaars toewijzen")).to_be_visible()
    assert ernstige_toegankelijkheidsfouten(page) == []
    page.get_by_label("Aantal beoordelaars per aanmelding").fill("2")
    page.get_by_role("button", name="Beoordelaars toewijzen").click()
    expect(page.locator("#foutoverzicht")).to_be_focused()
    expect(page.locator("#foutoverzicht")).to_contain_text("Kies minstens één beoordelaar.")
    for naam in ["Anna", "Bas", "Cem"]:
        page.get_by_label(naam, exact=True).check()
    page.get_by_role("button", name="Beoordelaars toewijzen").click()

    expect(page.locator("ul.messagelist")).to_contain_text(
        "6 toewijzingen gemaakt voor 3 aanmeldingen: Anna 2 aanmeldingen, Bas 2 aanmeldingen, "
        "Cem 2 aanmeldingen."
    )
    assert Toewijzing.objects.count() == 6


def test_a_reviewer_goes_to_the_next_one_and_declares_a_conflict(live_server, page):
    anna = StaffFactory(rol=Rol.BEOORDELAAR, first_name="Anna")
    aanmelding = AanmeldingFactory(wijknaam="Lombok", gemeente="Utrecht")
    Toewijzing.objects.create(aanmelding=aanmelding, beoordelaar=anna)
    inloggen(page, live_server, anna)

    page.get_by_role("link", name="Mijn beoordelingen", exact=True).click()
    expect(page.get_by_text("U hebt nog 1 aanmelding te beoordelen.")).to_be_visible()
    assert ernstige_toegankelijkheidsfouten(page) == []
    page.get_by_role("link", name="Volgende", exact=True).click()
    expect(page.get_by_role("heading", name="Lombok (Utrecht), Utrecht")).to_be_visible()
    page.get_by_role("link", name="Belangenconflict melden", exact=True).click()
    page.get_by_label("Toelichting (niet verplicht)").fill("Mijn zus zit in de coalitie.")
    page.get_by_role("button", name="Belangenconflict melden").click()

    expect(page.locator("ul.messagelist")).to_contain_text(
        "U hebt een belangenconflict gemeld voor Lombok (Utrecht)."
    )
    expect(page.get_by_role("cell", name="Belangenconflict gemeld")).to_be_visible()
    assert Belangenconflict.objects.get().toelichting == "Mijn zus zit in de coalitie."
    expect(page.get_by_role("link", name="Volgende", exact=True)).to_have_count(0)
