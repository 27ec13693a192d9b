"""A pasted text longer than the limit is kept whole: the counter below the field says how
much is too much, the server refuses it with its message at the field, and nothing typed
is lost (no maxlength cutting it off)."""

import pytest
from playwright.sync_api import expect

from aanmeldingen.models import Aanmelding
from tests.factories import OproepFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_pasted_text_too_long_is_kept_counted_and_refused_with_a_message(live_server, page):
    oproep = OproepFactory()
    page.goto(f"{live_server.url}/oproepen/{oproep.slug}/aanmelden/")
    veld = page.get_by_label("Beschrijving van de wijk")
    teller = page.locator("#id_wijkbeschrijving-teller")
    expect(page.get_by_text("Maximaal 3000 tekens.", exact=False).first).to_be_visible()
    expect(teller).to_have_text("Nog 3.000 tekens")

    veld.focus()
    page.keyboard.insert_text("Veel sociale huur. " * 160 + "Einde.")  # as a paste: 3046 tekens

    assert len(veld.input_value()) == 3046
    expect(teller).to_have_text("46 tekens te veel")
    # Screen readers hear it once typing pauses (an aria-live region beside the counter).
    expect(page.locator("#id_wijkbeschrijving ~ [aria-live=polite]")).to_have_text(
        "46 tekens te veel"
    )

    page.get_by_role("button", name="Opslaan als concept").click()

    expect(page.locator("#foutoverzicht")).to_be_focused()
    veld = page.get_by_label("Beschrijving van de wijk")
    assert veld.input_value().endswith("Einde.")
    assert len(veld.input_value()) == 3046
    melding = page.locator("#id_wijkbeschrijving ~ .invalid-feedback")
    expect(melding).to_contain_text("Deze tekst is 3046 tekens lang; er passen er maximaal 3000")
    expect(page.locator("#id_wijkbeschrijving-teller")).to_have_text("46 tekens te veel")
    assert Aanmelding.objects.count() == 0


def test_near_the_limit_the_counter_is_announced_and_far_from_it_not(live_server, page):
    oproep = OproepFactory()
    page.goto(f"{live_server.url}/oproepen/{oproep.slug}/aanmelden/")
    veld = page.get_by_label("Beschrijving van de wijk")
    voorgelezen = page.locator("#id_wijkbeschrijving ~ [aria-live=polite]")

    veld.fill("Een korte tekst.")
    page.wait_for_timeout(1200)
    expect(page.locator("#id_wijkbeschrijving-teller")).to_have_text("Nog 2.984 tekens")
    expect(voorgelezen).to_have_text("")

    veld.fill("x" * 2990)
    expect(voorgelezen).to_have_text("Nog 10 tekens")


def test_without_javascript_the_field_takes_the_whole_text_and_states_the_limit(
    live_server, page_zonder_js
):
    oproep = OproepFactory()
    page_zonder_js.goto(f"{live_server.url}/oproepen/{oproep.slug}/aanmelden/")
    veld = page_zonder_js.get_by_label("Beschrijving van de wijk")

    veld.fill("x" * 3100)

    assert len(veld.input_value()) == 3100
    expect(page_zonder_js.locator("#id_wijkbeschrijving_helptext")).to_contain_text(
        "Maximaal 3000 tekens."
    )
