"""A staff member's first login in the browser: password, the QR code, a code from the app
(computed here from the device's key, as the phone would), then into the admin."""

from pathlib import Path

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from netwerk.rechten import Rol
from tests.browser.conftest import ernstige_toegankelijkheidsfouten
from tests.factories import medewerker

pytestmark = pytest.mark.django_db(transaction=True)

SCHERMAFDRUKKEN = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.mark.parametrize("breedte", [1280, 390])
def test_a_staff_member_sets_up_the_app_and_lands_in_the_admin(
    live_server, browser, settings, breedte
):
    settings.TWEEDE_STAP = "verplicht"
    gebruiker = medewerker(Rol.COORDINATOR)
    context = browser.new_context(locale="nl-NL", viewport={"width": breedte, "height": 900})
    pagina = context.new_page()
    pagina.set_default_timeout(10_000)

    pagina.goto(f"{live_server.url}/admin/login/?next=/admin/aanmeldingen/aanmelding/")
    pagina.locator("input[name='username']").fill(gebruiker.username)
    pagina.locator("input[name='password']").fill("geheim-wachtwoord")
    pagina.locator("input[type='submit']").click()

    expect(pagina.get_by_role("heading", name="Tweede stap instellen", level=1)).to_be_visible()
    qr = pagina.get_by_role(
        "img", name="QR-code om het leernetwerk toe te voegen aan uw authenticator-app"
    )
    expect(qr).to_be_visible()
    assert qr.bounding_box()["width"] >= 180
    assert pagina.get_by_role("button", name="Tweede stap overslaan").count() == 0
    assert ernstige_toegankelijkheidsfouten(pagina) == []
    SCHERMAFDRUKKEN.mkdir(exist_ok=True)
    pagina.screenshot(path=SCHERMAFDRUKKEN / f"tweede-stap-instellen-{breedte}.png", full_page=True)

    apparaat = TOTPDevice.objects.get(user=gebruiker)
    sleutel = pagina.locator("#geheime-sleutel").inner_text().replace(" ", "")
    assert f"secret={sleutel}" in apparaat.config_url
    goed = f"{totp(apparaat.bin_key, step=apparaat.step, t0=apparaat.t0):06d}"
    pagina.get_by_label("Code uit de app").fill("000000" if goed != "000000" else "111111")
    pagina.get_by_role("button", name="App instellen").click()
    expect(pagina.locator("#foutoverzicht")).to_contain_text("Deze code klopt niet.")
    pagina.screenshot(path=SCHERMAFDRUKKEN / f"tweede-stap-fout-{breedte}.png", full_page=True)

    # The throttle wants a second after a wrong code before the next one is looked at.
    pagina.wait_for_timeout(1100)
    code = f"{totp(apparaat.bin_key, step=apparaat.step, t0=apparaat.t0):06d}"
    pagina.get_by_label("Code uit de app").fill(code)
    pagina.get_by_role("button", name="App instellen").click()

    expect(pagina.get_by_role("heading", name="Uw herstelcodes")).to_be_visible()
    expect(pagina.locator(".herstelcodes li")).to_have_count(10)
    pagina.screenshot(
        path=SCHERMAFDRUKKEN / f"tweede-stap-herstelcodes-{breedte}.png", full_page=True
    )
    pagina.get_by_role("link", name="Verder", exact=True).click()

    expect(pagina.locator("#site-name")).to_be_visible()
    assert pagina.url == f"{live_server.url}/admin/aanmeldingen/aanmelding/"
    expect(pagina.get_by_role("link", name="Tweede stap", exact=True)).to_be_visible()
    context.close()
