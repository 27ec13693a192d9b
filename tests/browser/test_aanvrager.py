"""The applicant saves a concept, comes back through the e-mailed link and submits."""

import pytest

from aanmeldingen.enums import Status
from aanmeldingen.models import Aanmelding
from tests.browser.conftest import ernstige_toegankelijkheidsfouten
from tests.browser.test_aanmelden import LEDEN, vul_lid_in, vul_wijk_in
from tests.conftest import wachtende_mails
from tests.factories import AanmeldingFactory, OproepFactory, geef_link, link_uit_mail

pytestmark = pytest.mark.django_db(transaction=True)


def test_concept_saved_then_finished_and_submitted_through_the_mailed_link(live_server, page):
    oproep = OproepFactory(titel="Casuswijken gezocht")
    page.goto(live_server.url + oproep.get_absolute_url() + "aanmelden/")

    page.get_by_label("Wijknaam").fill("Kanaleneiland")
    vul_lid_in(page, 0, *LEDEN[0])
    page.get_by_label("Ik heb de privacyverklaring").check()
    page.get_by_role("button", name="Opslaan als concept").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Uw conceptaanmelding is opgeslagen"
    assert page.get_by_text("De link is de sleutel tot uw aanmelding").is_visible()
    assert ernstige_toegankelijkheidsfouten(page) == []
    aanmelding = Aanmelding.objects.get()
    assert aanmelding.status == Status.CONCEPT

    page.goto(live_server.url + link_uit_mail(wachtende_mails()[0]))
    assert page.get_by_text("Concept: nog niet ingediend").is_visible()
    assert ernstige_toegankelijkheidsfouten(page) == []
    page.get_by_role("link", name="Verder invullen en indienen").click()

    assert page.get_by_label("Wijknaam").input_value() == "Kanaleneiland"
    vul_wijk_in(page)
    for index, lid in enumerate(LEDEN[1:3], start=1):
        vul_lid_in(page, index, *lid)
    page.get_by_label("Ik heb de privacyverklaring").check()
    page.get_by_role("button", name="Aanmelding indienen").click()

    assert page.get_by_text("Uw aanmelding is ingediend.").is_visible()
    assert page.get_by_text("Ingediend: wij hebben uw aanmelding ontvangen").is_visible()
    assert ernstige_toegankelijkheidsfouten(page) == []
    aanmelding.refresh_from_db()
    assert aanmelding.status == Status.INGEDIEND
    assert [lid.naam for lid in aanmelding.leden.all()] == [lid[0] for lid in LEDEN[:3]]


def test_withdrawing_asks_first_and_then_shows_the_withdrawn_status(live_server, page):
    link = geef_link(AanmeldingFactory(wijknaam="Lombok"))
    page.goto(live_server.url + link)

    page.get_by_role("link", name="Aanmelding intrekken").click()
    assert ernstige_toegankelijkheidsfouten(page) == []
    page.get_by_role("button", name="Ja, trek de aanmelding in").click()

    assert page.get_by_text("Uw aanmelding is ingetrokken.").is_visible()
    assert page.get_by_role("link", name="Aanmelding wijzigen").count() == 0
    assert Aanmelding.objects.get().status == Status.INGETROKKEN
