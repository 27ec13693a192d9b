import pytest

from aanmeldingen.enums import Status
from aanmeldingen.models import Aanmelding
from tests.browser.conftest import ernstige_toegankelijkheidsfouten
from tests.factories import OproepFactory

pytestmark = pytest.mark.django_db(transaction=True)

LEDEN = [
    ("Fatima el Idrissi", "Gemeente Utrecht", "Gemeente", "Fysiek domein", "f@voorbeeld.nl"),
    ("Joost van Dam", "Woonstede", "Woningcorporatie", "Fysiek domein", "j@voorbeeld.nl"),
    ("Anouk Verhoef", "Buurtteam Zuid", "Welzijnsorganisatie", "Sociaal domein", "a@voorbeeld.nl"),
    ("Els Kramer", "Bewonersraad", "Bewonersorganisatie", "Sociaal domein", "e@voorbeeld.nl"),
]


def vul_lid_in(page, index, naam, organisatie, soort, domein, email):
    lid = page.locator("[data-leden] fieldset[data-lid]").nth(index)
    lid.get_by_label("Naam").fill(naam)
    lid.get_by_label("Functie").fill("Adviseur")
    lid.get_by_label("Organisatie", exact=False).first.fill(organisatie)
    lid.get_by_label("Soort organisatie").select_option(label=soort)
    lid.get_by_label("E-mailadres").fill(email)
    lid.get_by_label(domein).check()


def vul_wijk_in(page):
    page.get_by_label("Wijknaam").fill("Kanaleneiland")
    page.get_by_label("Gemeente").fill("Utrecht")
    page.get_by_label("Provincie").select_option(label="Utrecht")
    page.get_by_label("CBS-wijkcode").fill("WK034405")
    page.get_by_label("Beschrijving van de wijk").fill("Veel sociale huur, jonge gezinnen.")
    page.get_by_label("De aanpak waar u voor staat").fill("Sloop en nieuwbouw vanaf 2027.")
    page.get_by_label("Wat verwachten de betrokken partijen").fill("Doorstroming.")
    page.get_by_label("Wat moet een strategie voor menging").fill("Ontmoeting.")
    page.get_by_label("Wat is er nodig om daar te komen").fill("Tijd en geld.")
    page.get_by_label("Welk pakket aan interventies werkt").fill("De volgorde.")


def test_a_coalition_applies_with_four_members(live_server, page):
    oproep = OproepFactory(titel="Casuswijken gezocht")

    page.goto(live_server.url + oproep.get_absolute_url())
    assert ernstige_toegankelijkheidsfouten(page) == []
    page.get_by_role("link", name="Meld uw coalitie aan").first.click()
    assert page.get_by_role("heading", level=1).inner_text() == "Aanmelden voor het leernetwerk"
    assert ernstige_toegankelijkheidsfouten(page) == []

    page.get_by_role("button", name="Aanmelding indienen").click()
    overzicht = page.locator("#foutoverzicht")
    assert overzicht.is_visible()
    assert page.evaluate("document.activeElement.id") == "foutoverzicht"
    assert ernstige_toegankelijkheidsfouten(page) == []
    overzicht.get_by_role("link", name="Vul de naam van de wijk in.").click()
    assert page.evaluate("document.activeElement.id") == "id_wijknaam"

    vul_wijk_in(page)
    page.get_by_role("button", name="Lid toevoegen").click()
    assert page.locator("[data-leden] fieldset[data-lid]").count() == 4
    for index, lid in enumerate(LEDEN):
        vul_lid_in(page, index, *lid)
    page.get_by_label("Ik heb de privacyverklaring").check()
    page.get_by_role("button", name="Aanmelding indienen").click()

    assert page.get_by_role("heading", level=1).inner_text() == (
        "Bedankt, we hebben uw aanmelding ontvangen"
    )
    assert ernstige_toegankelijkheidsfouten(page) == []
    aanmelding = Aanmelding.objects.get()
    assert aanmelding.status == Status.INGEDIEND
    assert [lid.naam for lid in aanmelding.leden.all()] == [lid[0] for lid in LEDEN]
    assert aanmelding.contactpersoon.naam == "Fatima el Idrissi"


def test_removing_a_member_renumbers_the_rest(live_server, page):
    oproep = OproepFactory()
    page.goto(live_server.url + oproep.get_absolute_url() + "aanmelden/")
    page.get_by_role("button", name="Lid toevoegen").click()
    vul_lid_in(page, 1, *LEDEN[1])
    vul_lid_in(page, 3, *LEDEN[3])

    page.get_by_role("button", name="Lid 2 verwijderen").click()

    leden = page.locator("[data-leden] fieldset[data-lid]")
    assert leden.count() == 3
    assert leden.nth(2).get_by_label("Naam").input_value() == "Els Kramer"
    assert leden.nth(2).get_by_label("Naam").get_attribute("name") == "leden-2-naam"
    assert page.locator("input[name='leden-TOTAL_FORMS']").input_value() == "3"
    assert page.get_by_role("button", name="Lid 1 verwijderen").is_hidden()


def test_choosing_a_contact_person_unticks_the_other(live_server, page):
    oproep = OproepFactory()
    page.goto(live_server.url + oproep.get_absolute_url() + "aanmelden/")
    contact = page.get_by_label("Dit lid is de contactpersoon voor deze aanmelding")

    contact.nth(2).check()

    assert [contact.nth(i).is_checked() for i in range(3)] == [False, False, True]


def test_removing_the_contact_person_makes_the_first_member_contact(live_server, page):
    oproep = OproepFactory()
    page.goto(live_server.url + oproep.get_absolute_url() + "aanmelden/")
    page.get_by_role("button", name="Lid toevoegen").click()
    contact = page.get_by_label("Dit lid is de contactpersoon voor deze aanmelding")
    contact.nth(3).check()

    page.get_by_role("button", name="Lid 4 verwijderen").click()

    assert [contact.nth(i).is_checked() for i in range(3)] == [True, False, False]


def test_members_can_be_added_without_javascript(live_server, page_zonder_js):
    page = page_zonder_js
    oproep = OproepFactory()
    page.goto(live_server.url + oproep.get_absolute_url() + "aanmelden/")
    page.get_by_label("Wijknaam").fill("Lombok")

    page.get_by_role("button", name="Lid toevoegen").click()

    assert page.locator("[data-leden] fieldset[data-lid]").count() == 4
    assert page.url.endswith("/aanmelden/#coalitie")
    assert page.get_by_label("Wijknaam").input_value() == "Lombok"
    assert page.locator("#foutoverzicht").count() == 0
    assert Aanmelding.objects.count() == 0


def test_accessibility_check_does_report_a_serious_problem(page):
    page.set_content(
        '<html lang="nl"><head><title>Kaart</title></head>'
        '<body><main><img src="kaart.png"></main></body></html>'
    )

    fouten = ernstige_toegankelijkheidsfouten(page)

    assert [fout.split(" ")[0] for fout in fouten] == ["image-alt"]


def test_pressing_enter_in_a_field_submits_instead_of_removing_a_member(live_server, page):
    oproep = OproepFactory()
    page.goto(live_server.url + oproep.get_absolute_url() + "aanmelden/")
    page.get_by_role("button", name="Lid toevoegen").click()

    page.get_by_label("Wijknaam").fill("Lombok")
    page.get_by_label("Wijknaam").press("Enter")

    assert page.locator("#foutoverzicht").is_visible()
    assert page.locator("[data-leden] fieldset[data-lid]").count() == 4
    assert page.get_by_label("Wijknaam").input_value() == "Lombok"
