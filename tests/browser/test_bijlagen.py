"""Staff attach a PDF to a session in the admin; a participant finds it on the session page
and downloads it; the page passes axe at full width and on a phone."""

from pathlib import Path

import pytest

from casuswijken.models import Bijlage
from tests.browser.conftest import ernstige_toegankelijkheidsfouten
from tests.factories import (
    KLEINE_PDF,
    BijeenkomstFactory,
    CasuswijkFactory,
    DeelnameFactory,
    medewerker,
)

pytestmark = pytest.mark.django_db(transaction=True)

SCHERMAFDRUKKEN = Path(__file__).resolve().parents[2] / "test-artifacts"


def test_staff_attach_a_pdf_and_a_participant_downloads_it(live_server, browser):
    wijk = CasuswijkFactory(naam="Transvaal", slug="transvaal")
    sessie = BijeenkomstFactory(casuswijk=wijk, titel="Eerste open gesprek",
                                verslag="We spraken over de buurthuizen.")  # fmt: skip
    deelname = DeelnameFactory(casuswijk=wijk, gebruiker__username="dewi")
    deelname.gebruiker.set_password("Transvaal-2027!")
    deelname.gebruiker.save()
    begeleider = medewerker("begeleider")

    staf = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    pagina = staf.new_page()
    pagina.set_default_timeout(10_000)
    wijzigen = f"/admin/casuswijken/bijeenkomst/{sessie.pk}/change/"
    pagina.goto(f"{live_server.url}/admin/login/?next={wijzigen}")
    pagina.locator("input[name='username']").fill(begeleider.username)
    pagina.locator("input[name='password']").fill("geheim-wachtwoord")
    pagina.locator("input[type='submit']").click()
    pagina.locator("input[name='bijlagen-0-bestand']").set_input_files(
        files=[{"name": "Dia's open gesprek.pdf", "mimeType": "application/pdf",
                "buffer": KLEINE_PDF}]
    )  # fmt: skip
    pagina.locator("input[name='_continue']").click()
    pagina.locator(".messagelist .success").wait_for()
    bijlage = Bijlage.objects.get()
    assert (bijlage.naam, bijlage.inhoudstype) == ("Dia's open gesprek.pdf", "application/pdf")
    SCHERMAFDRUKKEN.mkdir(exist_ok=True)
    pagina.locator("#bijlagen-group").screenshot(path=SCHERMAFDRUKKEN / "bijlagen-beheer.png")
    staf.close()

    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(live_server.url + "/account/inloggen/")
    page.get_by_label("E-mailadres of gebruikersnaam").fill("dewi")
    page.get_by_label("Wachtwoord").fill("Transvaal-2027!")
    page.get_by_role("button", name="Inloggen").click()
    page.goto(f"{live_server.url}/wijken/transvaal/bijeenkomsten/{sessie.pk}/")

    assert page.get_by_role("heading", name="Bijlagen").is_visible()
    assert page.get_by_text("· PDF, 1 kB").is_visible()
    assert ernstige_toegankelijkheidsfouten(page) == []
    page.screenshot(path=SCHERMAFDRUKKEN / "bijlagen-1280.png", full_page=True)
    with page.expect_download() as download:
        page.get_by_role("link", name="Dia's open gesprek.pdf").click()
    assert download.value.suggested_filename == "Dia's open gesprek.pdf"
    assert Path(download.value.path()).read_bytes() == KLEINE_PDF

    page.set_viewport_size({"width": 320, "height": 800})
    assert ernstige_toegankelijkheidsfouten(page) == []
    page.screenshot(path=SCHERMAFDRUKKEN / "bijlagen-320.png", full_page=True)
    # Nothing sticks out sideways on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    context.close()
