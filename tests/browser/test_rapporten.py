"""A begeleider opens the reports from the casuswijk's page, takes intern content along,
and reads them on a phone; the pages pass axe and never get wider than the screen."""

from datetime import timedelta

import pytest
from django.utils import timezone

from netwerk.rechten import Rol
from tests.browser.conftest import ernstige_toegankelijkheidsfouten
from tests.factories import (
    ActiepuntFactory,
    BevindingFactory,
    BijeenkomstFactory,
    CasuswijkFactory,
    InterventieFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


def _log_in(page, live_server) -> None:
    page.goto(live_server.url + "/account/inloggen/")
    page.get_by_label("E-mailadres of gebruikersnaam").fill("bea")
    page.get_by_label("Wachtwoord").fill("Begeleider-2027!")
    page.get_by_role("button", name="Inloggen").click()


@pytest.fixture
def wijk():
    wijk = CasuswijkFactory(naam="Transvaal", slug="transvaal")
    sessie = BijeenkomstFactory(casuswijk=wijk, titel="Eerste open gesprek",
                                begint_op=timezone.now() - timedelta(days=3),
                                verslag="De buurthuizen zijn **onbekend**.")  # fmt: skip
    BijeenkomstFactory(casuswijk=wijk, titel="Voorbereiding", zichtbaarheid="intern",
                       begint_op=timezone.now() - timedelta(days=2))  # fmt: skip
    ActiepuntFactory(bijeenkomst=sessie, omschrijving="Welkomstpakket uitwerken voor nieuwe kopers",
                     eigenaar_naam="Haag Wonen", deadline=timezone.localdate())  # fmt: skip
    InterventieFactory(casuswijk=wijk, naam="Huiskamer Transvaal", domein="beide")
    BevindingFactory(casuswijk=wijk, tekst="Ontmoeting ontstaat rond iets te doen.",
                     zichtbaarheid="netwerk")  # fmt: skip
    StaffFactory(username="bea", password="Begeleider-2027!", rol=Rol.BEGELEIDER)
    return wijk


def test_a_begeleider_opens_the_reports_and_takes_intern_content_along(live_server, page, wijk):
    _log_in(page, live_server)
    page.goto(live_server.url + "/wijken/transvaal/")

    page.get_by_role("link", name="Rapport van Transvaal").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Transvaal"
    assert not page.get_by_role("heading", name="Voorbereiding").count()
    assert ernstige_toegankelijkheidsfouten(page) == []
    page.get_by_label("Intern meenemen").check()
    page.get_by_role("button", name="Rapport bijwerken").click()

    assert page.get_by_role("heading", name="Voorbereiding").is_visible()
    pdf = page.get_by_role("link", name="Download als PDF").get_attribute("href")
    assert pdf == "/wijken/transvaal/rapport.pdf?intern=1"

    page.goto(f"{live_server.url}/netwerk/{wijk.aanmelding.oproep.slug}/rapport/")
    assert page.get_by_role("img", name="Interventies per categorie en domein").is_visible()
    assert ernstige_toegankelijkheidsfouten(page) == []


@pytest.mark.parametrize("rapport", ["wijk", "netwerk"])
def test_a_report_fits_a_phone(live_server, browser, wijk, rapport):
    context = browser.new_context(locale="nl-NL", viewport={"width": 320, "height": 700})
    page = context.new_page()
    _log_in(page, live_server)
    adres = "/wijken/transvaal/rapport/" if rapport == "wijk" else (
        f"/netwerk/{wijk.aanmelding.oproep.slug}/rapport/")  # fmt: skip

    page.goto(live_server.url + adres)

    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert ernstige_toegankelijkheidsfouten(page) == []
    context.close()


def test_the_print_view_holds_the_report_and_none_of_the_controls(live_server, page, wijk):
    _log_in(page, live_server)
    page.goto(live_server.url + "/wijken/transvaal/rapport/")

    page.emulate_media(media="print")

    assert page.get_by_role("heading", name="Eerste open gesprek").is_visible()
    assert not page.get_by_role("link", name="Download als PDF").is_visible()
    assert not page.get_by_role("button", name="Rapport bijwerken").is_visible()
    assert not page.get_by_role("navigation", name="Kruimelpad").is_visible()
    assert ernstige_toegankelijkheidsfouten(page) == []
