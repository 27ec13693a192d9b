"""A participant takes part on their casuswijk's page: closes their own action point with a
note and proposes an intervention, which staff then take into the inventory. The pages
pass axe and fit a phone.

Screenshots at 1280 and 320 px go to $SCHERMAFDRUKKEN when set (to look at), else to the
test's own temporary folder."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from casuswijken.models import Actiepunt, Interventiecategorie, Interventievoorstel
from tests.browser.conftest import ernstige_toegankelijkheidsfouten
from tests.factories import (
    BijeenkomstFactory,
    CasuswijkFactory,
    DeelnameFactory,
    InterventievoorstelFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


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


@pytest.fixture
def map_voor_schermafdrukken(tmp_path) -> Path:
    map_ = Path(os.environ.get("SCHERMAFDRUKKEN") or tmp_path)
    map_.mkdir(parents=True, exist_ok=True)
    return map_


@pytest.fixture
def wijk():
    casuswijk = CasuswijkFactory(naam="Transvaal", slug="transvaal")
    Interventiecategorie.objects.get_or_create(naam="Ontmoeting in de buurt")
    anna = DeelnameFactory(
        casuswijk=casuswijk,
        organisatie="Staedion",
        gebruiker__first_name="Anna",
        gebruiker__last_name="de Vries",
    ).gebruiker
    bert = DeelnameFactory(casuswijk=casuswijk, gebruiker__first_name="Bert",
                           gebruiker__last_name="Bakker").gebruiker  # fmt: skip
    sessie = BijeenkomstFactory(casuswijk=casuswijk, titel="Eerste open gesprek")
    Actiepunt.objects.create(casuswijk=casuswijk, bijeenkomst=sessie, eigenaar=anna,
                             omschrijving="Offerte voor de speeltuin aanvragen")  # fmt: skip
    Actiepunt.objects.create(casuswijk=casuswijk, bijeenkomst=sessie, eigenaar=bert,
                             omschrijving="Bewonersavond plannen")  # fmt: skip
    return {"casuswijk": casuswijk, "anna": anna}


def test_the_owner_closes_their_point_and_proposes_an_intervention(
    live_server, browser, client, wijk, map_voor_schermafdrukken
):
    context, page = ingelogd(browser, live_server, client, wijk["anna"], 1280)
    page.goto(live_server.url + "/wijken/transvaal/")
    acties = page.get_by_role("region", name="Open actiepunten")
    assert acties.locator("details").count() == 1
    acties.get_by_text("Status wijzigen").click()
    assert ernstige_toegankelijkheidsfouten(page) == []
    notitie = acties.get_by_label("Notitie (niet verplicht)")
    notitie.fill("Offerte is binnen en goedgekeurd")
    assert acties.get_by_text("Nog 468 tekens").is_visible()
    page.screenshot(path=map_voor_schermafdrukken / "actiepunt-1280.png", full_page=True)

    acties.get_by_role("combobox", name="Status").select_option("afgerond")
    acties.get_by_role("button", name="Status opslaan").click()

    expect(
        page.get_by_role("status").filter(has_text="is afgerond en staat niet meer")
    ).to_be_visible()
    assert acties.get_by_text("Offerte voor de speeltuin aanvragen").count() == 0
    assert acties.get_by_text("Bewonersavond plannen").is_visible()
    assert ernstige_toegankelijkheidsfouten(page) == []

    page.get_by_role("link", name="Stel een interventie voor").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Interventie voorstellen"
    assert ernstige_toegankelijkheidsfouten(page) == []
    page.get_by_role("button", name="Voorstel indienen").click()
    overzicht = page.locator("#foutoverzicht")
    assert overzicht.evaluate("el => el === document.activeElement")
    expect(page.get_by_text("Vul de naam van de interventie in.").first).to_be_visible()
    assert ernstige_toegankelijkheidsfouten(page) == []

    page.get_by_label("Naam van de interventie").fill("Buurtkamer in de flat")
    page.get_by_label("Categorie").select_option(label="Ontmoeting in de buurt")
    page.get_by_label("Domein").select_option("sociaal")
    page.get_by_label("Omschrijving").fill("Een huiskamer op de begane grond, elke dinsdag.")
    page.screenshot(path=map_voor_schermafdrukken / "voorstel-1280.png", full_page=True)
    page.get_by_role("button", name="Voorstel indienen").click()

    expect(page.get_by_role("heading", name="Uw voorstellen")).to_be_visible()
    assert page.locator("#voorstellen + ul").get_by_text("Voorgesteld", exact=True).is_visible()
    assert ernstige_toegankelijkheidsfouten(page) == []
    page.screenshot(path=map_voor_schermafdrukken / "casuswijk-1280.png", full_page=True)
    context.close()
    assert Interventievoorstel.objects.get().naam == "Buurtkamer in de flat"


def test_staff_take_the_proposal_into_the_inventory(
    live_server, browser, client, wijk, map_voor_schermafdrukken
):
    voorstel = InterventievoorstelFactory(
        casuswijk=wijk["casuswijk"], voorgesteld_door=wijk["anna"], naam="Buurtkamer in de flat"
    )
    staf = StaffFactory(beheer=True)
    context, page = ingelogd(browser, live_server, client, staf, 1280)

    page.goto(f"{live_server.url}/admin/casuswijken/interventie/")
    page.get_by_role("link", name="Voorstellen van deelnemers (1 wacht op een besluit)").click()
    page.get_by_role("link", name="Buurtkamer in de flat").click()
    page.get_by_label("Opnemen in de inventarisatie").check()
    page.screenshot(path=map_voor_schermafdrukken / "voorstel-beheer-1280.png", full_page=True)
    page.get_by_role("button", name="Opslaan", exact=True).click()

    expect(page.get_by_text("Het voorstel is opgenomen in de inventarisatie als")).to_be_visible()
    voorstel.refresh_from_db()
    assert voorstel.interventie.naam == "Buurtkamer in de flat"
    context.close()

    context, page = ingelogd(browser, live_server, client, wijk["anna"], 1280)
    page.goto(live_server.url + "/wijken/transvaal/")
    tabel = page.get_by_role("region", name="Tabel met de interventies")
    assert tabel.get_by_text("Buurtkamer in de flat").is_visible()
    assert (
        page.locator("#voorstellen + ul")
        .get_by_text("Opgenomen in de inventarisatie", exact=True)
        .is_visible()
    )
    context.close()


def test_the_forms_fit_a_phone(live_server, browser, client, wijk, map_voor_schermafdrukken):
    context, page = ingelogd(browser, live_server, client, wijk["anna"], 320)

    page.goto(live_server.url + "/wijken/transvaal/")
    page.get_by_role("region", name="Open actiepunten").get_by_text("Status wijzigen").click()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert ernstige_toegankelijkheidsfouten(page) == []
    page.screenshot(path=map_voor_schermafdrukken / "casuswijk-320.png", full_page=True)

    punt = Actiepunt.objects.get(omschrijving__startswith="Offerte")
    page.goto(f"{live_server.url}/wijken/transvaal/actiepunten/{punt.pk}/")
    page.get_by_label("Notitie (niet verplicht)").fill("Leverancier gebeld")
    page.get_by_role("combobox", name="Status").select_option("loopt")
    page.get_by_role("button", name="Status opslaan").click()
    expect(page.get_by_role("status")).to_be_visible()
    page.goto(f"{live_server.url}/wijken/transvaal/actiepunten/{punt.pk}/")
    assert page.get_by_text("Loopt — door Anna de Vries").first.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert ernstige_toegankelijkheidsfouten(page) == []
    page.screenshot(path=map_voor_schermafdrukken / "actiepunt-320.png", full_page=True)

    page.goto(live_server.url + "/wijken/transvaal/interventies/voorstellen/")
    page.get_by_role("button", name="Voorstel indienen").click()
    expect(page.locator("#foutoverzicht")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert ernstige_toegankelijkheidsfouten(page) == []
    page.screenshot(path=map_voor_schermafdrukken / "voorstel-320.png", full_page=True)
    context.close()
