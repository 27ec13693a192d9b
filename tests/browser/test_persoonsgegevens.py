"""A coördinator looks a person up in the admin, downloads the export and erases the
person after confirming (netwerk.privacyverzoeken)."""

import io
import json
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from aanmeldingen.models import Coalitielid
from tests.browser.conftest import ernstige_toegankelijkheidsfouten
from tests.netwerk.test_persoonsgegevens import (
    FENNA,
    FENNA_NAAM,
    RUBEN,
    twee_personen_in_een_coalitie,
)

pytestmark = pytest.mark.django_db(transaction=True)

SCHERMAFDRUKKEN = Path(__file__).resolve().parents[2] / "test-artifacts"


def test_a_coordinator_looks_up_exports_and_erases_a_person(live_server, page):
    _, _, _, coordinator = twee_personen_in_een_coalitie()
    SCHERMAFDRUKKEN.mkdir(exist_ok=True)
    page.goto(f"{live_server.url}/admin/login/")
    page.locator("input[name='username']").fill(coordinator.username)
    page.locator("input[name='password']").fill("geheim-wachtwoord")
    page.locator("input[type='submit']").click()
    page.locator("#site-name").wait_for()

    page.get_by_role("link", name="Privacyverzoeken", exact=True).click()
    page.get_by_role("link", name="Gegevens van een persoon opzoeken").click()
    page.get_by_label("E-mailadres").fill("Fenna.Vermeulen@Voorbeeld.nl")
    page.get_by_role("button", name="Opzoeken").click()

    expect(page.get_by_role("heading", name="Coalitielid in een aanmelding (1)")).to_be_visible()
    expect(page.get_by_role("heading", name="Reacties op verslagen (1)")).to_be_visible()
    page.screenshot(path=SCHERMAFDRUKKEN / "persoon-opzoeken.png", full_page=True)
    assert ernstige_toegankelijkheidsfouten(page) == []

    with page.expect_download() as download:
        page.get_by_role("button", name="Exporteren als zip").click()
    inhoud = Path(download.value.path()).read_bytes()
    archief = zipfile.ZipFile(io.BytesIO(inhoud))
    gegevens = json.loads(archief.read("gegevens.json"))
    assert gegevens["gegevens"]["coalitieleden"][0]["naam"] == FENNA_NAAM
    assert RUBEN not in json.dumps(gegevens)
    assert download.value.suggested_filename.startswith("persoonsgegevens-")

    page.get_by_role("button", name="Verwijderen…").click()
    expect(page.get_by_role("heading", name="Wordt verwijderd")).to_be_visible()
    page.screenshot(path=SCHERMAFDRUKKEN / "persoon-verwijderen.png", full_page=True)
    assert Coalitielid.objects.filter(naam=FENNA_NAAM).count() == 1
    page.get_by_role("button", name="Ja, verwijder deze gegevens").click()

    expect(page.locator(".messagelist")).to_contain_text("De gegevens zijn verwijderd")
    expect(page.locator("#result_list")).to_contain_text("Verwijdering")
    page.screenshot(path=SCHERMAFDRUKKEN / "privacyverzoeken.png", full_page=True)
    assert Coalitielid.objects.filter(email__iexact=FENNA).count() == 0
    assert Coalitielid.objects.filter(naam="verwijderde deelnemer").count() == 1
