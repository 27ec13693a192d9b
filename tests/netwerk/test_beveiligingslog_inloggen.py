"""What logging in, out and resetting a password write in the security log."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from casuswijken.enums import Rol
from casuswijken.services import nodig_uit
from netwerk.models import Beveiligingsgebeurtenis
from netwerk.taken import stuur_wachtwoordlink
from tests.casuswijken.test_uitnodigingen import instel_link
from tests.conftest import voer_uit, wachtende_mails
from tests.factories import CasuswijkFactory, StaffFactory

pytestmark = pytest.mark.django_db

WACHTWOORD = "Transvaal-2027!"
ADRES = "192.0.2.7"


def log() -> list[tuple]:
    return [
        (rij.soort, rij.gebruikersnaam, rij.adres, rij.details)
        for rij in Beveiligingsgebeurtenis.objects.order_by("pk")
    ]


@pytest.fixture
def jansen():
    return get_user_model().objects.create_user(
        username="jansen", email="jansen@voorbeeld.nl", password=WACHTWOORD
    )


def test_a_participants_login_and_logout_are_noted(client, jansen):
    client.post(reverse("account:login"), {"username": "jansen", "password": WACHTWOORD},
                REMOTE_ADDR=ADRES)  # fmt: skip
    client.post(reverse("account:logout"), REMOTE_ADDR=ADRES)

    assert log() == [
        ("ingelogd", "jansen", ADRES, {"login": "deelnemer"}),
        ("uitgelogd", "jansen", ADRES, {}),
    ]


def test_a_staff_login_is_noted_as_beheer(client):
    StaffFactory(username="coordinator")

    client.post(reverse("admin:login"), {"username": "coordinator",
                "password": "geheim-wachtwoord"}, REMOTE_ADDR=ADRES)  # fmt: skip

    assert log() == [("ingelogd", "coordinator", ADRES, {"login": "beheer"})]


def test_a_failure_names_the_account_only_when_it_exists_and_never_what_was_typed(client, jansen):
    url = reverse("account:login")
    client.post(url, {"username": "Jansen", "password": "fout-1"}, REMOTE_ADDR=ADRES)
    client.post(url, {"username": "jansen@VOORBEELD.nl", "password": "fout-2"}, REMOTE_ADDR=ADRES)
    client.post(url, {"username": "Geheim-Getypt-1", "password": "fout-3"}, REMOTE_ADDR=ADRES)

    rijen = list(Beveiligingsgebeurtenis.objects.order_by("pk"))
    assert log() == [
        ("inloggen_mislukt", "jansen", ADRES, {"login": "deelnemer"}),
        ("inloggen_mislukt", "jansen", ADRES, {"login": "deelnemer"}),
        ("inloggen_mislukt", "", ADRES, {"login": "deelnemer"}),
    ]
    assert [rij.gebruiker for rij in rijen] == [jansen, jansen, None]


def test_a_lockout_is_noted_once_when_it_begins(client, jansen, settings):
    settings.AXES_FAILURE_LIMIT = 2
    for _ in range(3):
        client.post(reverse("account:login"), {"username": "jansen", "password": "fout"},
                    REMOTE_ADDR=ADRES)  # fmt: skip

    # axes counts the failure (and signals the block) before the log notes the failure.
    assert [soort for soort, *_ in log()] == [
        "inloggen_mislukt",
        "geblokkeerd",
        "inloggen_mislukt",
        "inloggen_mislukt",
    ]
    assert log()[1] == ("geblokkeerd", "jansen", ADRES, {"login": "deelnemer", "minuten": 15})


def _vraag_wachtwoord(client, email: str, adres: str = ADRES) -> list[str]:
    with CaptureQueriesContext(connection) as vragen:
        response = client.post(reverse("account:password_reset"), {"email": email},
                               REMOTE_ADDR=adres)  # fmt: skip
    assert response.status_code == 302
    return [vraag["sql"].replace(email, "?") for vraag in vragen.captured_queries]


def test_a_reset_request_does_the_same_work_for_a_known_and_an_unknown_address(client, jansen):
    # From two addresses, so that each starts its own count of the rate limit.
    bekend = _vraag_wachtwoord(client, "jansen@voorbeeld.nl", "192.0.2.7")
    onbekend = _vraag_wachtwoord(client, "niemand@voorbeeld.nl", "192.0.2.8")

    assert len(bekend) == len(onbekend)
    assert [_zonder_tijden(v) for v in bekend] == [_zonder_tijden(v) for v in onbekend]
    assert not any("auth_user" in vraag for vraag in bekend)
    assert wachtende_mails() == []


def _zonder_tijden(sql: str) -> str:
    import re

    # The queue's rows and the rate limit's counters carry the moment and an id.
    return re.sub(r"'[^']*'", "'…'", re.sub(r"\d+", "0", sql))


def test_the_worker_mails_only_the_known_address_and_notes_both(client, jansen):
    _vraag_wachtwoord(client, "jansen@voorbeeld.nl")
    _vraag_wachtwoord(client, "niemand@voorbeeld.nl")

    voer_uit(stuur_wachtwoordlink)

    [mail] = wachtende_mails()
    assert mail["aan"] == ["jansen@voorbeeld.nl"]
    assert "/account/wachtwoord-instellen/" in mail["tekst"]
    assert log() == [
        ("wachtwoord_gevraagd", "jansen", ADRES, {}),
        ("wachtwoord_gevraagd", "", ADRES, {}),
    ]


def test_setting_a_password_through_the_link_is_noted_with_its_reason(client):
    nodig_uit(casuswijk=CasuswijkFactory(), email="pia@voorbeeld.nl", naam="Pia Partner",
              rol=Rol.LOKALE_PARTNER)  # fmt: skip
    formulier = client.get(instel_link(wachtende_mails()[0]), follow=True)

    client.post(formulier.redirect_chain[-1][0],
                {"new_password1": WACHTWOORD, "new_password2": WACHTWOORD},
                REMOTE_ADDR=ADRES)  # fmt: skip

    [(soort, _naam, adres, details)] = log()
    assert (soort, adres, details) == ("wachtwoord_ingesteld", ADRES, {"via": "uitnodiging"})
