"""The error summary on every portal form, with the keyboard only: after a bad submission
the summary has the focus and says what did not happen on that page, Tab reaches its first
link, Enter puts the focus in the field, and the field's label is still in view."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from casuswijken.enums import Verslagstatus
from casuswijken.models import Actiepunt, Uitnodiging
from casuswijken.services import sla_bijeenkomst_op
from tests.factories import (
    AanmeldingFactory,
    BijeenkomstFactory,
    CasuswijkFactory,
    DeelnameFactory,
    OproepFactory,
    geef_link,
)

pytestmark = pytest.mark.django_db(transaction=True)

NIETS_OPGESLAGEN = "Er is nog niets opgeslagen."
WIJZIGINGEN = "Uw wijzigingen zijn nog niet opgeslagen."


def door_het_overzicht(page, veld: str, uitleg: str) -> None:
    """With the keyboard from the summary to the field it names first."""
    overzicht = page.locator("#foutoverzicht")
    expect(overzicht).to_be_focused()
    expect(overzicht).to_contain_text(uitleg)
    page.keyboard.press("Tab")
    eerste = overzicht.get_by_role("link").first
    expect(eerste).to_be_focused()
    assert eerste.get_attribute("href") == veld
    page.keyboard.press("Enter")
    expect(page.locator(veld)).to_be_focused()
    # Bootstrap scrolls smoothly: wait for the scroll to end, then the whole label shows.
    expect(page.locator(f"label[for='{veld[1:]}']")).to_be_in_viewport(ratio=1)


def als(browser, live_server, client, gebruiker):
    client.force_login(gebruiker)
    context = browser.new_context(locale="nl-NL", viewport={"width": 390, "height": 700})
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    return page


@pytest.fixture
def deelnemer():
    wijk = CasuswijkFactory(naam="Transvaal", slug="transvaal")
    deelname = DeelnameFactory(casuswijk=wijk)
    return deelname.gebruiker


def test_the_application_form_a_first_submission(live_server, page):
    oproep = OproepFactory()
    page.set_viewport_size({"width": 390, "height": 700})
    page.goto(f"{live_server.url}/oproepen/{oproep.slug}/aanmelden/")
    page.get_by_role("button", name="Aanmelding indienen").click()

    door_het_overzicht(page, "#id_wijknaam", "Uw aanmelding is nog niet ingediend of opgeslagen.")


def test_the_application_form_when_changing_a_submitted_one(live_server, page):
    aanmelding = AanmeldingFactory()
    page.set_viewport_size({"width": 390, "height": 700})
    page.goto(f"{live_server.url}{geef_link(aanmelding)}wijzigen/")
    page.get_by_label("Gemeente").fill("")
    page.get_by_role("button", name="Wijzigingen opslaan").click()

    door_het_overzicht(page, "#id_gemeente", WIJZIGINGEN)


def test_the_contact_address_after_a_concept(live_server, page):
    oproep = OproepFactory()
    page.goto(f"{live_server.url}/oproepen/{oproep.slug}/aanmelden/")
    lid = page.locator("[data-leden] fieldset[data-lid]").first
    lid.get_by_label("Naam").fill("Fatima el Idrissi")
    lid.get_by_label("E-mailadres").fill("f@voorbeeld.nl")
    page.get_by_label("Ik heb de privacyverklaring", exact=False).check()
    page.get_by_role("button", name="Opslaan als concept").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw conceptaanmelding is opgeslagen")
    page.set_viewport_size({"width": 390, "height": 700})
    page.get_by_label("Juiste e-mailadres van de contactpersoon").fill("geen adres")
    page.get_by_role("button", name="Verbeter het adres en stuur de link opnieuw").click()

    door_het_overzicht(page, "#id_email", "Het e-mailadres is nog niet verbeterd.")


def test_a_reaction_on_a_concept(live_server, browser, client, deelnemer):
    sessie = BijeenkomstFactory(
        casuswijk=deelnemer.deelnames.get().casuswijk,
        begint_op=timezone.now() - timedelta(days=3),
        verslag="Wat we hoorden.",
        verslagstatus=Verslagstatus.CONCEPT,
    )
    sla_bijeenkomst_op(bijeenkomst=sessie)
    page = als(browser, live_server, client, deelnemer)
    page.goto(f"{live_server.url}/wijken/transvaal/bijeenkomsten/{sessie.pk}/")
    page.get_by_role("button", name="Reactie plaatsen").click()

    door_het_overzicht(page, "#id_tekst", "Uw reactie is nog niet geplaatst.")


def test_the_status_of_an_action_point(live_server, browser, client, deelnemer):
    wijk = deelnemer.deelnames.get().casuswijk
    punt = Actiepunt.objects.create(casuswijk=wijk, bijeenkomst=BijeenkomstFactory(casuswijk=wijk),
                                    eigenaar=deelnemer, omschrijving="Welkomstpakket")  # fmt: skip
    page = als(browser, live_server, client, deelnemer)
    page.goto(f"{live_server.url}/wijken/transvaal/actiepunten/{punt.pk}/")
    page.get_by_role("button", name="Status opslaan").click()  # the same status, no note

    door_het_overzicht(page, f"#actiepunt-{punt.pk}-status", WIJZIGINGEN)


def test_a_proposal(live_server, browser, client, deelnemer):
    page = als(browser, live_server, client, deelnemer)
    page.goto(f"{live_server.url}/wijken/transvaal/interventies/voorstellen/")
    page.get_by_role("button", name="Voorstel indienen").click()

    door_het_overzicht(page, "#id_naam", "Uw voorstel is nog niet ingediend.")


def test_an_answer_to_an_invitation(live_server, browser, client, deelnemer):
    sessie = BijeenkomstFactory(casuswijk=deelnemer.deelnames.get().casuswijk,
                                begint_op=timezone.now() + timedelta(days=10))  # fmt: skip
    Uitnodiging.objects.create(bijeenkomst=sessie, gebruiker=deelnemer)
    page = als(browser, live_server, client, deelnemer)
    page.goto(f"{live_server.url}/wijken/transvaal/bijeenkomsten/{sessie.pk}/")
    page.get_by_role("button", name="Antwoord versturen").click()  # nothing chosen

    door_het_overzicht(page, "#id_antwoord_0", "Uw antwoord is nog niet opgeslagen.")


def test_the_search(live_server, page):
    page.set_viewport_size({"width": 390, "height": 700})
    page.goto(f"{live_server.url}/zoeken/")
    page.get_by_role("searchbox").fill("!!!")
    page.get_by_role("button", name="Zoeken", exact=True).click()

    door_het_overzicht(page, "#zoekterm", "Er is nog niet gezocht.")
