"""How long a login lasts: staff 30 minutes idle and 12 hours at most, participants 7 days
idle and 14 days at most; then logged out with a Dutch reason and a line in the log."""

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from netwerk import settings as instellingen
from netwerk.beveiliging import Soort
from netwerk.models import Beveiligingsgebeurtenis
from tests.factories import DeelnameFactory, StaffFactory

pytestmark = pytest.mark.django_db

LIMIETEN = [
    "SESSIE_MEDEWERKER_INACTIEF_MINUTEN",
    "SESSIE_MEDEWERKER_MAX_UREN",
    "SESSIE_DEELNEMER_INACTIEF_DAGEN",
    "SESSIE_DEELNEMER_MAX_DAGEN",
]


@pytest.fixture(autouse=True)
def _echte_grenzen(settings):
    """The limits as netwerk/settings.py sets them (tests/conftest.py lifts them for the
    other tests)."""
    for naam in LIMIETEN:
        setattr(settings, naam, getattr(instellingen, naam))


def test_the_default_limits_are_the_documented_ones():
    assert [getattr(instellingen, naam) for naam in LIMIETEN] == [30, 12, 7, 14]


BEGIN = timezone.datetime(2027, 3, 1, 9, 0, tzinfo=timezone.get_current_timezone())
ADMIN = "/admin/"


def om(**tijd):
    return time_machine.travel(BEGIN + timedelta(**tijd), tick=False)


def ingelogd(client, gebruiker):
    with om():
        client.force_login(gebruiker)


def verlopen() -> list[tuple[str, dict]]:
    return [
        (g.soort, g.details)
        for g in Beveiligingsgebeurtenis.objects.filter(soort=Soort.SESSIE_VERLOPEN)
    ]


def test_a_staff_session_lasts_while_used_within_30_minutes(client):
    ingelogd(client, StaffFactory(beheer=True))

    for minuten in (29, 58, 87):
        with om(minutes=minuten):
            assert client.get(ADMIN).status_code == 200

    assert verlopen() == []


def test_a_staff_session_ends_after_30_minutes_without_a_request(client):
    ingelogd(client, StaffFactory(beheer=True))
    with om(minutes=10):
        client.get(ADMIN)

    with om(minutes=41):
        response = client.get(reverse("admin:aanmeldingen_aanmelding_changelist"))
        inlogpagina = client.get(response["Location"])

    assert response.status_code == 302
    assert response["Location"] == (
        f"{reverse('admin:login')}?next=%2Fadmin%2Faanmeldingen%2Faanmelding%2F"
    )
    assert (
        "U bent uitgelogd, omdat u 30 minuten niets op het portaal heeft gedaan. Log opnieuw "
        "in om verder te gaan." in inlogpagina.text
    )
    assert verlopen() == [("sessie_verlopen", {"reden": "inactief", "grenzen": "medewerker"})]
    with om(minutes=42):
        assert client.get(ADMIN).status_code == 302
    assert len(verlopen()) == 1


def test_a_staff_session_ends_12_hours_after_logging_in_however_busy(client):
    ingelogd(client, StaffFactory(beheer=True))
    for kwartier in range(1, 48):
        with om(minutes=15 * kwartier):
            assert client.get(ADMIN).status_code == 200

    with om(hours=12, minutes=1):
        response = client.get(ADMIN, follow=True)

    assert response.redirect_chain == [(f"{reverse('admin:login')}?next=%2Fadmin%2F", 302)]
    assert "U bent uitgelogd, omdat u al 12 uur geleden bent ingelogd." in response.text
    assert verlopen() == [("sessie_verlopen", {"reden": "maximum", "grenzen": "medewerker"})]


def test_a_participants_session_lasts_a_week_without_a_visit(client):
    deelname = DeelnameFactory()
    pagina = reverse("casuswijken:casuswijk", args=[deelname.casuswijk.slug])
    ingelogd(client, deelname.gebruiker)

    with om(days=6, hours=23):
        bezocht = client.get(pagina)
    with om(days=14, hours=22):
        na_een_week = client.get(pagina, follow=True)

    assert bezocht.status_code == 200
    assert na_een_week.redirect_chain[0] == (
        f"{reverse('account:login')}?next={pagina.replace('/', '%2F')}",
        302,
    )
    assert (
        "U bent uitgelogd, omdat u 7 dagen niets op het portaal heeft gedaan." in na_een_week.text
    )
    assert verlopen() == [("sessie_verlopen", {"reden": "inactief", "grenzen": "deelnemer"})]


def test_a_participants_session_ends_14_days_after_logging_in(client):
    deelname = DeelnameFactory()
    pagina = reverse("casuswijken:casuswijk", args=[deelname.casuswijk.slug])
    ingelogd(client, deelname.gebruiker)
    for dag in (5, 10, 13):
        with om(days=dag):
            assert client.get(pagina).status_code == 200

    with om(days=14, minutes=1):
        response = client.get(pagina)

    assert response["Location"].startswith(reverse("account:login"))
    assert verlopen() == [("sessie_verlopen", {"reden": "maximum", "grenzen": "deelnemer"})]


def test_logging_in_again_starts_the_clock_again(client):
    gebruiker = StaffFactory(beheer=True)
    ingelogd(client, gebruiker)
    with om(hours=11, minutes=50):
        client.get(ADMIN)
        client.post(
            reverse("admin:login"),
            {"username": gebruiker.username, "password": "geheim-wachtwoord"},
        )

    with om(hours=12, minutes=10):
        assert client.get(ADMIN).status_code == 200


def test_the_activity_stamp_is_written_at_most_once_a_minute(client):
    ingelogd(client, StaffFactory(beheer=True))
    with om(seconds=30):
        client.get(ADMIN)

    with om(seconds=50), CaptureQueriesContext(connection) as binnen_de_minuut:
        client.get(ADMIN)
    with om(seconds=90), CaptureQueriesContext(connection) as na_een_minuut:
        client.get(ADMIN)

    def sessieschrijven(vastgelegd):
        return [
            q["sql"]
            for q in vastgelegd.captured_queries
            if q["sql"].startswith(("UPDATE", "INSERT")) and "django_session" in q["sql"]
        ]

    assert sessieschrijven(binnen_de_minuut) == []
    assert len(sessieschrijven(na_een_minuut)) == 1


def test_the_limits_are_settings(client, settings):
    settings.SESSIE_MEDEWERKER_INACTIEF_MINUTEN = 5
    ingelogd(client, StaffFactory(beheer=True))

    with om(minutes=6):
        response = client.get(ADMIN, follow=True)

    assert "omdat u 5 minuten niets op het portaal heeft gedaan" in response.text
