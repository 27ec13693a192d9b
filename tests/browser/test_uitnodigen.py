"""A begeleider calls off an invited session in the admin; the participant then finds it
marked "gaat niet door" on the session's page and in the lists, on a wide screen and on a
phone; the pages pass axe."""

from datetime import timedelta

import pytest
from django.utils import timezone

from casuswijken.services import sla_bijeenkomst_op
from netwerk.rechten import Rol
from tests.browser.conftest import ernstige_toegankelijkheidsfouten
from tests.conftest import wachtende_mails
from tests.factories import BijeenkomstFactory, CasuswijkFactory, DeelnameFactory, StaffFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _log_in(page, live_server, naam: str, wachtwoord: str) -> None:
    page.goto(live_server.url + "/account/inloggen/")
    page.get_by_label("E-mailadres of gebruikersnaam").fill(naam)
    page.get_by_label("Wachtwoord").fill(wachtwoord)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(lambda adres: "/inloggen/" not in adres)


def test_a_cancelled_session_is_marked_for_the_participant(live_server, browser, tmp_path):
    wijk = CasuswijkFactory(naam="Transvaal", slug="transvaal")
    deelname = DeelnameFactory(casuswijk=wijk, gebruiker__username="dewi",
                               gebruiker__email="dewi@voorbeeld.nl")  # fmt: skip
    deelname.gebruiker.set_password("Transvaal-2027!")
    deelname.gebruiker.save()
    StaffFactory(username="bea", password="Begeleider-2027!", rol=Rol.BEGELEIDER)
    sessie = BijeenkomstFactory(casuswijk=wijk, titel="Tweede open gesprek",
                                locatie="Buurthuis De Mussen", gepubliceerd=False,
                                begint_op=timezone.now() + timedelta(days=5))  # fmt: skip
    sessie.gepubliceerd = True
    sla_bijeenkomst_op(bijeenkomst=sessie)
    assert [mail["aan"] for mail in wachtende_mails()] == [["dewi@voorbeeld.nl"]]

    staf = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    beheer = staf.new_page()
    _log_in(beheer, live_server, "bea", "Begeleider-2027!")
    beheer.goto(f"{live_server.url}/admin/casuswijken/bijeenkomst/{sessie.pk}/change/")
    beheer.get_by_label("Geannuleerd").check()
    beheer.screenshot(path=tmp_path / "beheer-formulier.png", full_page=True)
    beheer.get_by_role("button", name="Opslaan", exact=True).click()
    beheer.wait_for_url(f"{live_server.url}/admin/casuswijken/bijeenkomst/")
    assert beheer.get_by_text(
        "1 deelnemer krijgt bericht dat de bijeenkomst niet doorgaat."
    ).is_visible()
    beheer.screenshot(path=tmp_path / "beheer-lijst.png", full_page=True)
    staf.close()
    assert [mail["onderwerp"].split(":")[0] for mail in wachtende_mails()] == [
        "Uitnodiging",
        "Gaat niet door",
    ]

    for breedte in (1280, 320):
        context = browser.new_context(locale="nl-NL", viewport={"width": breedte, "height": 900})
        page = context.new_page()
        _log_in(page, live_server, "dewi", "Transvaal-2027!")
        page.goto(live_server.url + "/wijken/transvaal/")
        regel = page.get_by_role("article").filter(has_text="Tweede open gesprek")
        assert regel.get_by_text("gaat niet door").is_visible()
        assert ernstige_toegankelijkheidsfouten(page) == []
        page.screenshot(path=tmp_path / f"casuswijk-{breedte}.png", full_page=True)

        page.get_by_role("link", name="Tweede open gesprek").click()
        melding = page.locator("#gaat-niet-door")
        assert melding.inner_text().startswith("Gaat niet door. Deze bijeenkomst is afgezegd op ")
        assert page.title().startswith("Gaat niet door: Tweede open gesprek")
        assert page.evaluate("document.documentElement.scrollWidth") <= breedte
        assert ernstige_toegankelijkheidsfouten(page) == []
        page.screenshot(path=tmp_path / f"bijeenkomst-{breedte}.png", full_page=True)
        context.close()
