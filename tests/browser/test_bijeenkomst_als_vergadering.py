"""A year in one go: a participant answers a session's invitation, closes their own action
point, proposes an intervention and reacts on the concept notes of an earlier session;
staff take the proposal into the inventory and make the notes final. Every participant
page and the proposal's admin page pass axe (no serious or critical violations)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from casuswijken.enums import Verslagstatus
from casuswijken.models import Actiepunt, Bijeenkomst, Interventiecategorie, Uitnodiging
from tests.browser.conftest import ernstige_toegankelijkheidsfouten
from tests.factories import (
    BijeenkomstFactory,
    CasuswijkFactory,
    DeelnameFactory,
    ReactieFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


def ingelogd(browser, live_server, client, gebruiker):
    """A browser page with this user's session (made by Django's test client)."""
    client.force_login(gebruiker)
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    return context, page


def zonder_ernstige_fouten(page) -> None:
    assert ernstige_toegankelijkheidsfouten(page) == [], page.url


@pytest.fixture
def jaar():
    wijk = CasuswijkFactory(naam="Transvaal", slug="transvaal")
    Interventiecategorie.objects.get_or_create(naam="Ontmoeting in de buurt")
    dewi = DeelnameFactory(
        casuswijk=wijk, gebruiker__first_name="Dewi", gebruiker__last_name="Dekker"
    ).gebruiker
    nu = timezone.now()
    eerste = BijeenkomstFactory(
        casuswijk=wijk,
        titel="Eerste open gesprek",
        begint_op=nu - timedelta(days=14),
        eindigt_op=nu - timedelta(days=14) + timedelta(hours=2),
        verslag="## Wat we hoorden\n\nNieuwe bewoners kennen de buurthuizen niet.",
        verslagstatus=Verslagstatus.CONCEPT,
    )
    tweede = BijeenkomstFactory(casuswijk=wijk, titel="Tweede open gesprek")
    Actiepunt.objects.create(casuswijk=wijk, bijeenkomst=eerste, eigenaar=dewi,
                             omschrijving="Welkomstpakket uitwerken")  # fmt: skip
    return {"wijk": wijk, "dewi": dewi, "eerste": eerste, "tweede": tweede}


def test_a_participant_takes_part_and_staff_finish_what_they_started(
    live_server, browser, client, jaar
):
    eerste, tweede = jaar["eerste"], jaar["tweede"]
    context, page = ingelogd(browser, live_server, client, jaar["dewi"])

    # Ik kom.
    page.goto(f"{live_server.url}/wijken/transvaal/bijeenkomsten/{tweede.pk}/")
    zonder_ernstige_fouten(page)
    page.get_by_role("group", name="Komt u?").get_by_label("Ik kom", exact=True).check()
    page.get_by_role("button", name="Antwoord versturen").click()
    expect(page.get_by_text("Uw antwoord is opgeslagen: ik kom.")).to_be_visible()
    zonder_ernstige_fouten(page)

    # Their own action point, closed from the casuswijk page.
    page.goto(f"{live_server.url}/wijken/transvaal/")
    acties = page.get_by_role("region", name="Open actiepunten")
    acties.get_by_text("Status wijzigen").click()
    zonder_ernstige_fouten(page)
    acties.get_by_label("Notitie (niet verplicht)").fill("Pakket ligt bij de makelaars")
    acties.get_by_role("combobox", name="Status").select_option("afgerond")
    acties.get_by_role("button", name="Status opslaan").click()
    expect(page.get_by_role("status").filter(has_text="is afgerond")).to_be_visible()
    zonder_ernstige_fouten(page)

    # A proposal for the inventory.
    page.get_by_role("link", name="Stel een interventie voor").click()
    zonder_ernstige_fouten(page)
    page.get_by_label("Naam van de interventie").fill("Buurtkrant voor nieuwe kopers")
    page.get_by_label("Categorie").select_option(label="Ontmoeting in de buurt")
    page.get_by_label("Domein").select_option("sociaal")
    page.get_by_role("button", name="Voorstel indienen").click()
    expect(page.get_by_role("heading", name="Uw voorstellen")).to_be_visible()
    zonder_ernstige_fouten(page)

    # A reaction on the concept notes of the first session.
    page.goto(f"{live_server.url}/wijken/transvaal/bijeenkomsten/{eerste.pk}/")
    expect(page.get_by_role("heading", name="Verslag (concept)")).to_be_visible()
    zonder_ernstige_fouten(page)
    page.get_by_role("textbox", name="Uw reactie").fill("Ook de moskee doet mee.")
    page.get_by_role("button", name="Reactie plaatsen").click()
    expect(page.get_by_text("Uw reactie is geplaatst. Dank u wel.")).to_be_visible()
    zonder_ernstige_fouten(page)
    context.close()

    # Staff: the proposal into the inventory, the notes final.
    context, beheer = ingelogd(browser, live_server, client, StaffFactory(beheer=True))
    beheer.goto(f"{live_server.url}/admin/casuswijken/interventie/")
    beheer.get_by_role("link", name="Voorstellen van deelnemers (1 wacht op een besluit)").click()
    beheer.get_by_role("link", name="Buurtkrant voor nieuwe kopers").click()
    zonder_ernstige_fouten(beheer)
    beheer.get_by_label("Opnemen in de inventarisatie").check()
    beheer.get_by_role("button", name="Opslaan", exact=True).click()
    expect(beheer.get_by_text("Het voorstel is opgenomen in de inventarisatie als")).to_be_visible()

    # The session's change form is not checked with axe here: Django's tabular inlines and
    # split date fields still lack labels, an open defect of the admin as a whole (the
    # issue on accessibility in the admin).
    beheer.goto(f"{live_server.url}/admin/casuswijken/bijeenkomst/{eerste.pk}/change/")
    beheer.get_by_label("Vastgesteld", exact=True).check()
    beheer.get_by_role("button", name="Opslaan", exact=True).click()
    expect(beheer.locator(".messagelist")).to_contain_text("is gewijzigd")
    context.close()

    # What the participant then reads.
    context, page = ingelogd(browser, live_server, client, jaar["dewi"])
    page.goto(f"{live_server.url}/wijken/transvaal/bijeenkomsten/{eerste.pk}/")
    expect(page.get_by_role("heading", name="Verslag", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Reacties op het concept")).to_be_visible()
    assert page.get_by_text("Ook de moskee doet mee.").is_visible()
    zonder_ernstige_fouten(page)
    page.goto(f"{live_server.url}/wijken/transvaal/")
    tabel = page.get_by_role("region", name="Tabel met de interventies")
    assert tabel.get_by_text("Buurtkrant voor nieuwe kopers").is_visible()
    zonder_ernstige_fouten(page)
    context.close()

    assert Uitnodiging.objects.get(bijeenkomst=tweede).antwoord == "ja"
    assert Actiepunt.objects.get().status == "afgerond"
    assert Bijeenkomst.objects.get(pk=eerste.pk).verslagstatus == Verslagstatus.VASTGESTELD


def test_a_long_link_in_a_reaction_or_the_notes_does_not_widen_the_page_on_a_phone(
    live_server, browser, client, jaar
):
    link = "https://teams.microsoft.com/l/meetup-join/" + "19%3ameeting_" + "A" * 300
    eerste = jaar["eerste"]
    Bijeenkomst.objects.filter(pk=eerste.pk).update(verslag=f"Opname: {link}")
    ReactieFactory(bijeenkomst=eerste, gebruiker=jaar["dewi"], tekst=f"Zie {link}")
    client.force_login(jaar["dewi"])
    context = browser.new_context(locale="nl-NL", viewport={"width": 320, "height": 800})
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page = context.new_page()

    page.goto(f"{live_server.url}/wijken/transvaal/bijeenkomsten/{eerste.pk}/")

    assert page.get_by_text("Zie https://teams").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    context.close()
