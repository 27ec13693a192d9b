"""A participant answers "Ik kom" on a session's page, sees their answer and the count, and
the page passes axe, on a wide screen and on a phone."""

from datetime import timedelta

import pytest
from django.utils import timezone

from casuswijken.models import Uitnodiging
from tests.browser.conftest import ernstige_toegankelijkheidsfouten
from tests.factories import BijeenkomstFactory, CasuswijkFactory, DeelnameFactory

pytestmark = pytest.mark.django_db(transaction=True)


def inloggen(page, live_server) -> None:
    page.goto(live_server.url + "/account/inloggen/")
    page.get_by_label("E-mailadres of gebruikersnaam").fill("dewi")
    page.get_by_label("Wachtwoord").fill("Transvaal-2027!")
    page.get_by_role("button", name="Inloggen").click()


@pytest.fixture
def sessie():
    wijk = CasuswijkFactory(naam="Transvaal", slug="transvaal")
    deelname = DeelnameFactory(casuswijk=wijk, organisatie="Gemeente Den Haag",
                               gebruiker__username="dewi", gebruiker__first_name="Dewi",
                               gebruiker__last_name="Dekker")  # fmt: skip
    deelname.gebruiker.set_password("Transvaal-2027!")
    deelname.gebruiker.save()
    partner = DeelnameFactory(casuswijk=wijk, organisatie="Staedion", gebruiker__first_name="Pim",
                              gebruiker__last_name="Partner")  # fmt: skip
    sessie = BijeenkomstFactory(
        casuswijk=wijk,
        titel="Tweede open gesprek",
        begint_op=timezone.now() + timedelta(days=10),
        locatie="Buurthuis De Mussen",
        agenda="1. Welkom\n2. Wat we hoorden",
    )
    Uitnodiging.objects.create(bijeenkomst=sessie, gebruiker=partner.gebruiker,
                               antwoord="misschien", beantwoord_op=timezone.now())  # fmt: skip
    return sessie


@pytest.mark.parametrize("breedte", [1280, 320])
def test_a_participant_answers_ik_kom_and_sees_it(live_server, browser, sessie, breedte, tmp_path):
    context = browser.new_context(locale="nl-NL", viewport={"width": breedte, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    inloggen(page, live_server)

    page.goto(f"{live_server.url}/wijken/transvaal/bijeenkomsten/{sessie.pk}/")
    assert page.get_by_text("U hebt nog niet laten weten of u komt.").is_visible()
    assert ernstige_toegankelijkheidsfouten(page) == []
    page.get_by_role("group", name="Komt u?").get_by_label("Ik kom", exact=True).check()
    page.get_by_role("button", name="Antwoord versturen").click()

    assert page.get_by_text("Uw antwoord is opgeslagen: ik kom.").is_visible()
    assert page.get_by_text("Uw antwoord: Ik kom").is_visible()
    assert page.get_by_label("Ik kom", exact=True).is_checked()
    assert page.get_by_role("button", name="Antwoord wijzigen").is_visible()
    ik_kom = page.get_by_role("heading", name="Ik kom (1)")
    assert ik_kom.is_visible()
    assert (
        page.get_by_role("list", name="Ik kom (1)").inner_text()
        == "Dewi Dekker (u) · Gemeente Den Haag"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= breedte
    assert ernstige_toegankelijkheidsfouten(page) == []
    page.screenshot(path=tmp_path / f"antwoord-{breedte}.png", full_page=True)
    assert Uitnodiging.objects.get(bijeenkomst=sessie, gebruiker__username="dewi").antwoord == "ja"
    context.close()
