"""Logging in: only failures count, and they lock one account from one address only."""

import datetime
import json

import pytest
import time_machine
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils.html import strip_tags

from netwerk.models import Beveiligingsgebeurtenis
from netwerk.rechten import Rol
from tests.factories import StaffFactory, medewerker

pytestmark = pytest.mark.django_db

WACHTWOORD = "Transvaal-2027!"


def deelnemer(naam: str):
    return get_user_model().objects.create_user(
        username=naam, email=f"{naam}@voorbeeld.nl", password=WACHTWOORD
    )


def inloggen(client, naam: str, wachtwoord: str = WACHTWOORD, **meta):
    return client.post(reverse("account:login"), {"username": naam, "password": wachtwoord}, **meta)


def test_successful_logins_from_one_address_never_count(client):
    # A venue's NAT: many participants log in from one address, one of them mistypes.
    for nummer in range(25):
        deelnemer(f"deelnemer{nummer}")
        assert inloggen(client, f"deelnemer{nummer}").status_code == 302
        client.logout()
    for _ in range(3):
        assert inloggen(client, "deelnemer0", "verkeerd-wachtwoord").status_code == 200

    response = inloggen(client, "deelnemer0")

    assert response.status_code == 302
    assert response.url == reverse("casuswijken:overzicht")


AANVALLER = "203.0.113.9"
ELDERS = "198.51.100.7"


def blokkeer(client, naam: str, *, url: str = "", **meta):
    """Wrong passwords until axes locks the pair: the last one answers 429."""
    antwoorden = [
        client.post(
            url or reverse("account:login"),
            {"username": naam, "password": "verkeerd-wachtwoord"},
            **meta,
        ).status_code
        for _ in range(settings.AXES_FAILURE_LIMIT)
    ]
    return antwoorden


def test_an_attacker_locks_only_the_pair_of_their_address_and_the_account(client, settings):
    settings.AXES_FAILURE_LIMIT = 5
    deelnemer("slachtoffer")

    antwoorden = blokkeer(client, "slachtoffer", REMOTE_ADDR=AANVALLER)

    assert antwoorden == [200, 200, 200, 200, 429]
    assert inloggen(client, "slachtoffer", REMOTE_ADDR=AANVALLER).status_code == 429
    assert inloggen(client, "slachtoffer", REMOTE_ADDR=ELDERS).status_code == 302


def test_an_attacker_locked_on_one_account_may_still_use_another(client):
    deelnemer("slachtoffer")
    deelnemer("ander")
    blokkeer(client, "slachtoffer", REMOTE_ADDR=AANVALLER)

    assert inloggen(client, "ander", REMOTE_ADDR=AANVALLER).status_code == 302


def test_a_good_login_clears_the_failures_before_it(client, settings):
    settings.AXES_FAILURE_LIMIT = 3
    deelnemer("vergeetachtig")
    for _ in range(2):
        inloggen(client, "vergeetachtig", "verkeerd-wachtwoord")
    assert inloggen(client, "vergeetachtig").status_code == 302
    client.logout()

    antwoorden = [
        inloggen(client, "vergeetachtig", "verkeerd-wachtwoord").status_code for _ in range(2)
    ]

    assert antwoorden == [200, 200]
    assert inloggen(client, "vergeetachtig").status_code == 302


def test_the_username_counts_in_any_case_and_as_the_accounts_address(client, settings):
    settings.AXES_FAILURE_LIMIT = 3
    deelnemer("coordinator")

    antwoorden = [
        inloggen(client, naam, "verkeerd-wachtwoord").status_code
        for naam in ["Coordinator", "coordinator", "COORDINATOR@voorbeeld.nl"]
    ]

    assert antwoorden == [200, 200, 429]
    assert inloggen(client, "coordinator").status_code == 429


def test_the_locked_page_says_when_to_try_again_and_that_a_new_password_works(client, settings):
    settings.AXES_FAILURE_LIMIT = 2
    settings.AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
    deelnemer("slachtoffer")

    with time_machine.travel("2026-12-01 14:20 +01:00", tick=False):
        blokkeer(client, "slachtoffer")
        response = inloggen(client, "slachtoffer")

    assert response.status_code == 429
    tekst = " ".join(strip_tags(response.text).split())
    assert "2 keer een verkeerd wachtwoord" in tekst
    assert "Probeer het na 14:35 uur opnieuw (over 15 minuten)" in tekst
    assert f'<a href="{reverse("account:password_reset")}">Wachtwoord vergeten</a>' in (
        response.text
    )


def test_the_admin_login_is_throttled_the_same_way(client):
    StaffFactory(username="coordinator")
    url = reverse("admin:login")

    antwoorden = blokkeer(client, "coordinator", url=url, REMOTE_ADDR=AANVALLER)
    echt = {"username": "coordinator", "password": "geheim-wachtwoord"}

    assert antwoorden[-1] == 429
    assert set(antwoorden[:-1]) == {200}
    assert client.post(url, echt, REMOTE_ADDR=AANVALLER).status_code == 429
    assert client.post(url, echt, REMOTE_ADDR=ELDERS).status_code == 302


def test_behind_our_proxy_each_visitor_is_counted_by_their_own_address(client, settings):
    settings.VERTROUWDE_PROXIES = 1
    deelnemer("slachtoffer")
    blokkeer(client, "slachtoffer", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=AANVALLER)

    response = inloggen(client, "slachtoffer", REMOTE_ADDR="10.0.0.2",
                        HTTP_X_FORWARDED_FOR=ELDERS)  # fmt: skip

    assert response.status_code == 302


def test_without_trusted_proxies_a_forwarded_for_header_changes_nothing(client, settings):
    settings.VERTROUWDE_PROXIES = 0
    deelnemer("slachtoffer")
    blokkeer(client, "slachtoffer", REMOTE_ADDR=AANVALLER)

    response = inloggen(client, "slachtoffer", REMOTE_ADDR=AANVALLER,
                        HTTP_X_FORWARDED_FOR=ELDERS)  # fmt: skip

    assert response.status_code == 429


def test_what_was_typed_for_an_unknown_account_is_not_stored(client):
    inloggen(client, "Mijn-Geheime-Wachtwoord-2027", "nog-iets")
    inloggen(client, "mijn-geheime-wachtwoord-2027", "nog-iets")

    [poging] = AccessAttempt.objects.all()
    opgeslagen = json.dumps(
        [list(AccessAttempt.objects.values()), list(Beveiligingsgebeurtenis.objects.values())],
        default=str,
    ).lower()
    assert poging.failures_since_start == 2
    assert poging.username.startswith("onbekend-")
    assert "geheime" not in opgeslagen
    assert "nog-iets" not in opgeslagen


def test_beheer_sees_the_blocks_in_dutch_and_lifts_one_by_deleting_it(client):
    deelnemer("slachtoffer")
    blokkeer(client, "slachtoffer", REMOTE_ADDR=AANVALLER)
    poging = AccessAttempt.objects.get()
    beheer = Client()
    beheer.force_login(StaffFactory(beheer=True))

    lijst = beheer.get(reverse("admin:axes_accessattempt_changelist"))
    beheer.post(reverse("admin:axes_accessattempt_delete", args=[poging.pk]), {"post": "yes"})

    tekst = " ".join(strip_tags(lijst.text).split())
    assert "Inlogblokkades" in tekst
    assert "Gebruikersnaam Internetadres Mislukte pogingen Laatste poging Status" in tekst
    assert "geblokkeerd tot" in tekst
    assert inloggen(client, "slachtoffer", REMOTE_ADDR=AANVALLER).status_code == 302


def test_only_beheer_sees_the_blocks(client):
    client.force_login(medewerker(Rol.COORDINATOR))

    response = client.get(reverse("admin:axes_accessattempt_changelist"))

    assert response.status_code == 403


def test_an_ipv6_visitor_is_counted_by_their_network(client):
    deelnemer("slachtoffer")
    blokkeer(client, "slachtoffer", REMOTE_ADDR="2001:db8:1:2::5")

    zelfde_netwerk = inloggen(client, "slachtoffer", REMOTE_ADDR="2001:db8:1:2::9")
    ander_netwerk = inloggen(client, "slachtoffer", REMOTE_ADDR="2001:db8:1:3::5")

    assert (zelfde_netwerk.status_code, ander_netwerk.status_code) == (429, 302)
    assert AccessAttempt.objects.get().ip_address == "2001:db8:1:2::"
