import pytest
from django.urls import reverse
from icalendar import Calendar

from casuswijken.enums import Zichtbaarheid
from tests.factories import (
    BijeenkomstFactory,
    CasuswijkFactory,
    DeelnameFactory,
    StaffFactory,
    medewerker,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def deelname():
    return DeelnameFactory(casuswijk=CasuswijkFactory(slug="lombok"))


def agenda_adres(client, deelname) -> str:
    client.force_login(deelname.gebruiker)
    client.post(reverse("casuswijken:agenda_link", args=["lombok"]))
    deelname.refresh_from_db()
    return reverse("casuswijken:agenda", args=["lombok", deelname.agenda_token])


def titels(response) -> list[str]:
    kalender = Calendar.from_ical(response.content)
    return sorted(str(onderdeel["summary"]) for onderdeel in kalender.walk("VEVENT"))


def test_the_feed_holds_exactly_the_sessions_the_participant_may_see(client, deelname):
    wijk = deelname.casuswijk
    BijeenkomstFactory(casuswijk=wijk, titel="Wijk", zichtbaarheid="wijk")
    BijeenkomstFactory(casuswijk=wijk, titel="Intern", zichtbaarheid="intern")
    BijeenkomstFactory(casuswijk=wijk, titel="Concept", gepubliceerd=False)
    BijeenkomstFactory(casuswijk=None, oproep=wijk.aanmelding.oproep, titel="Landelijk",
                       zichtbaarheid="netwerk")  # fmt: skip
    BijeenkomstFactory(titel="Elders", zichtbaarheid="wijk")
    adres = agenda_adres(client, deelname)
    client.logout()

    response = client.get(adres)

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert titels(response) == ["Landelijk", "Wijk"]


def test_a_new_address_revokes_the_old_one(client, deelname):
    oud = agenda_adres(client, deelname)

    nieuw = agenda_adres(client, deelname)

    assert oud != nieuw
    assert client.get(oud).status_code == 404
    assert client.get(nieuw).status_code == 200


def test_an_ended_participation_ends_the_feed(client, deelname):
    adres = agenda_adres(client, deelname)
    deelname.beeindigd_op = deelname.begonnen_op
    deelname.save()

    assert client.get(adres).status_code == 404


def test_a_wrong_address_or_another_casuswijks_slug_answers_404(client, deelname):
    adres = agenda_adres(client, deelname)
    CasuswijkFactory(slug="zuilen")

    assert client.get(adres.replace("lombok", "zuilen")).status_code == 404
    assert client.get(reverse("casuswijken:agenda", args=["lombok", "x" * 43])).status_code == 404


def test_only_a_participant_of_the_casuswijk_makes_an_address(client, deelname):
    anderen = [DeelnameFactory().gebruiker, medewerker("begeleider")]
    url = reverse("casuswijken:agenda_link", args=["lombok"])

    anoniem = client.post(url)
    antwoorden = []
    for gebruiker in anderen:
        client.force_login(gebruiker)
        antwoorden.append(client.post(url).status_code)

    assert anoniem.status_code == 302
    assert antwoorden == [404, 302]


def test_a_get_of_the_address_button_makes_no_new_address(client, deelname):
    # As after the login a logged-out participant was sent to: back to the page.
    adres = agenda_adres(client, deelname)
    client.force_login(deelname.gebruiker)

    response = client.get(reverse("casuswijken:agenda_link", args=["lombok"]))

    assert response["Location"] == "/wijken/lombok/#agenda"
    assert client.get(adres).status_code == 200


def test_a_staff_members_own_feed_holds_only_what_participants_may_see(client):
    medewerker = StaffFactory()
    deelname = DeelnameFactory(casuswijk=CasuswijkFactory(slug="lombok"), gebruiker=medewerker)
    BijeenkomstFactory(casuswijk=deelname.casuswijk, titel="Wijk", zichtbaarheid="wijk")
    BijeenkomstFactory(casuswijk=deelname.casuswijk, titel="Intern", zichtbaarheid="intern")
    BijeenkomstFactory(casuswijk=deelname.casuswijk, titel="Concept", gepubliceerd=False)
    adres = agenda_adres(client, deelname)

    assert titels(client.get(adres)) == ["Wijk"]


def test_a_begeleiders_own_feed_holds_only_what_participants_may_see(client):
    begeleider = medewerker("begeleider")
    deelname = DeelnameFactory(casuswijk=CasuswijkFactory(slug="lombok"), gebruiker=begeleider)
    for titel, velden in [("Wijk", {}), ("Intern", {"zichtbaarheid": Zichtbaarheid.INTERN}),
                          ("Concept", {"gepubliceerd": False})]:  # fmt: skip
        BijeenkomstFactory(casuswijk=deelname.casuswijk, titel=titel, **velden)
    BijeenkomstFactory(titel="Elders")
    adres = agenda_adres(client, deelname)

    assert titels(client.get(adres)) == ["Wijk"]
