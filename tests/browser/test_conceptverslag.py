"""A participant reacts on a concept verslag, with the counter in view; staff mark the verslag
final in the admin, and the session page shows it final with the reaction kept. The pages
pass axe, at 1280 and at 320 pixels wide.

With SCHERMAFDRUKKEN=<folder> the test leaves its screenshots there, to look at.
"""

import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from casuswijken.enums import Verslagstatus
from casuswijken.models import Bijeenkomst, Reactie
from casuswijken.services import sla_bijeenkomst_op
from netwerk.rechten import Rol
from tests.browser.conftest import ernstige_toegankelijkheidsfouten
from tests.factories import BijeenkomstFactory, CasuswijkFactory, DeelnameFactory, StaffFactory

pytestmark = pytest.mark.django_db(transaction=True)

VERSLAG = "\n".join(
    [
        "## Wat we hoorden",
        "",
        "Nieuwe bewoners kennen de buurthuizen niet. De corporatie en het opbouwwerk willen "
        "samen een welkomstpakket maken.",
        "",
        "## Afspraken",
        "",
        "- Welkomstpakket uitwerken",
        "- Ontmoetingsplekken in kaart brengen",
    ]
)


def schermafdruk(page, naam: str, tmp_path: Path) -> None:
    map_ = Path(os.environ.get("SCHERMAFDRUKKEN") or tmp_path)
    map_.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(map_ / f"{naam}.png"), full_page=True)


def log_in(page, live_server, gebruikersnaam: str, wachtwoord: str) -> None:
    page.goto(live_server.url + "/account/inloggen/")
    page.get_by_label("E-mailadres of gebruikersnaam").fill(gebruikersnaam)
    page.get_by_label("Wachtwoord").fill(wachtwoord)
    page.get_by_role("button", name="Inloggen").click()


@pytest.fixture
def sessie():
    wijk = CasuswijkFactory(naam="Transvaal", slug="transvaal")
    deelname = DeelnameFactory(
        casuswijk=wijk,
        gebruiker__username="dewi",
        gebruiker__first_name="Dewi",
        gebruiker__last_name="Dekker",
    )
    deelname.gebruiker.set_password("Transvaal-2027!")
    deelname.gebruiker.save()
    StaffFactory(username="bea", password="Begeleider-2027!", rol=Rol.BEGELEIDER)
    sessie = BijeenkomstFactory(
        casuswijk=wijk,
        titel="Eerste open gesprek",
        begint_op=timezone.now() - timedelta(days=3),
        verslag=VERSLAG,
        verslagstatus=Verslagstatus.CONCEPT,
    )
    sla_bijeenkomst_op(bijeenkomst=sessie)  # the readers are told of the concept
    return sessie


def test_a_participant_reacts_on_a_concept_and_staff_make_it_final(
    live_server, browser, sessie, tmp_path
):
    adres = f"{live_server.url}/wijken/transvaal/bijeenkomsten/{sessie.pk}/"
    deelnemer = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    page = deelnemer.new_page()
    page.set_default_timeout(10_000)
    log_in(page, live_server, "dewi", "Transvaal-2027!")
    page.goto(adres)

    assert page.get_by_role("heading", name="Verslag (concept)").is_visible()
    assert page.get_by_text(
        "Dit is een conceptverslag. Reageer hieronder als u iets wilt aanvullen of verbeteren."
    ).is_visible()
    teller = page.locator("#id_tekst-teller")
    assert teller.inner_text() == "Nog 2.000 tekens"
    veld = page.get_by_role("textbox", name="Uw reactie")
    veld.fill("Vergeten: de moskee doet ook mee.\nEn de speeltuinvereniging.")
    assert teller.is_visible()
    assert teller.inner_text() == "Nog 1.940 tekens"
    assert ernstige_toegankelijkheidsfouten(page) == []
    schermafdruk(page, "concept-1280", tmp_path)

    page.get_by_role("button", name="Reactie plaatsen").click()

    assert page.get_by_text("Uw reactie is geplaatst. Dank u wel.").is_visible()
    reactie = page.locator(f"#reactie-{Reactie.objects.get().pk}")
    assert "Dewi Dekker" in reactie.inner_text()
    assert reactie.locator(".reactie-tekst").inner_html() == (
        "Vergeten: de moskee doet ook mee.<br>En de speeltuinvereniging."
    )
    assert ernstige_toegankelijkheidsfouten(page) == []

    page.set_viewport_size({"width": 320, "height": 700})
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    schermafdruk(page, "concept-320", tmp_path)

    # An empty reaction comes back with the message at the field, on the reaction page.
    page.get_by_role("button", name="Reactie plaatsen").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Reageren op het verslag"
    assert page.get_by_role("link", name="Schrijf uw reactie.").is_visible()
    assert ernstige_toegankelijkheidsfouten(page) == []
    schermafdruk(page, "fout-320", tmp_path)

    medewerker = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    beheer = medewerker.new_page()
    beheer.set_default_timeout(10_000)
    beheer.goto(f"{live_server.url}/admin/casuswijken/bijeenkomst/{sessie.pk}/change/")
    beheer.get_by_label("Gebruikersnaam").fill("bea")
    beheer.get_by_label("Wachtwoord").fill("Begeleider-2027!")
    beheer.get_by_role("button", name="Inloggen").click()
    reactietekst = beheer.locator("#reacties-group td.field-tekst")
    assert (
        reactietekst.inner_text() == "Vergeten: de moskee doet ook mee.\nEn de speeltuinvereniging."
    )
    schermafdruk(beheer, "beheer-1280", tmp_path)
    beheer.get_by_label("Vastgesteld", exact=True).check()
    beheer.get_by_role("button", name="Opslaan", exact=True).click()
    # Waits for the page after the save, as inner_text() right after the click did not.
    expect(beheer.locator(".messagelist li").first).to_have_text(
        "1 deelnemer krijgt een e-mail dat het verslag is vastgesteld."
    )
    assert Bijeenkomst.objects.get().verslagstatus == Verslagstatus.VASTGESTELD
    medewerker.close()

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(adres)
    assert page.get_by_role("heading", name="Verslag", exact=True).is_visible()
    assert not page.get_by_text("Dit is een conceptverslag.").count()
    assert page.get_by_role("heading", name="Reacties op het concept").is_visible()
    assert page.get_by_text("Vergeten: de moskee doet ook mee.").is_visible()
    assert not page.get_by_role("button", name="Reactie plaatsen").count()
    assert ernstige_toegankelijkheidsfouten(page) == []
    schermafdruk(page, "vastgesteld-1280", tmp_path)
    page.set_viewport_size({"width": 320, "height": 700})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    schermafdruk(page, "vastgesteld-320", tmp_path)
    deelnemer.close()
