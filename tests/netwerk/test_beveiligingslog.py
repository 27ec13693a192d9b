"""The security log: a row and a JSON log line per event, never a secret, kept a year."""

import io
import json
import logging

import pytest
import time_machine
from django.core.management import call_command
from django.test import RequestFactory

from netwerk.beveiliging import Soort, noteer
from netwerk.models import Beveiligingsgebeurtenis
from netwerk.rechten import Recht, Rol, mag
from tests.factories import StaffFactory, medewerker

pytestmark = pytest.mark.django_db


def test_noteer_writes_a_row_and_one_json_line(caplog):
    gebruiker = StaffFactory(username="jansen")
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.7")
    with caplog.at_level(logging.INFO, logger="netwerk.beveiliging"):
        noteer(Soort.INGELOGD, request=request, gebruiker=gebruiker, login="deelnemer")

    rij = Beveiligingsgebeurtenis.objects.get()
    assert (rij.soort, rij.gebruiker, rij.gebruikersnaam, rij.adres, rij.details) == (
        "ingelogd",
        gebruiker,
        "jansen",
        "192.0.2.7",
        {"login": "deelnemer"},
    )
    [regel] = [r.getMessage() for r in caplog.records if r.name == "netwerk.beveiliging"]
    assert json.loads(regel) == {
        "gebeurtenis": "ingelogd",
        "account": gebruiker.pk,
        "adres": "192.0.2.7",
        "login": "deelnemer",
    }


def test_an_unknown_account_is_not_named():
    noteer(Soort.INLOGGEN_MISLUKT, gebruiker=None)
    rij = Beveiligingsgebeurtenis.objects.get()
    assert (rij.gebruiker, rij.gebruikersnaam) == (None, "")


def test_entries_older_than_the_term_are_verouderd(settings):
    settings.BEVEILIGINGSLOG_DAGEN = 365
    with time_machine.travel("2025-11-30 12:00 +01:00", tick=False):
        oud = noteer(Soort.UITGELOGD)
    with time_machine.travel("2025-12-02 12:00 +01:00", tick=False):
        nieuw = noteer(Soort.UITGELOGD)
    with time_machine.travel("2026-12-01 12:00 +01:00", tick=False):
        assert list(Beveiligingsgebeurtenis.objects.verouderd()) == [oud]
    assert nieuw.pk


def test_only_beheer_reads_the_log():
    assert mag(medewerker(Rol.BEHEER), Recht.LEES_BEVEILIGINGSLOG)
    for rol in (Rol.COORDINATOR, Rol.BEGELEIDER, Rol.BEOORDELAAR):
        assert not mag(medewerker(rol), Recht.LEES_BEVEILIGINGSLOG)


def test_a_task_passes_the_address_it_was_given():
    assert noteer(Soort.WACHTWOORD_GEVRAAGD, adres="198.51.100.4").adres == "198.51.100.4"


def test_the_daily_command_deletes_what_is_verouderd_and_keeps_the_rest(settings):
    settings.BEVEILIGINGSLOG_DAGEN = 365
    with time_machine.travel("2025-11-30 12:00 +01:00", tick=False):
        noteer(Soort.UITGELOGD)
    with time_machine.travel("2025-12-02 12:00 +01:00", tick=False):
        nieuw = noteer(Soort.UITGELOGD)
    uitvoer = io.StringIO()

    with time_machine.travel("2026-12-01 12:00 +01:00", tick=False):
        call_command("pas_bewaartermijnen_toe", stdout=uitvoer)

    assert list(Beveiligingsgebeurtenis.objects.all()) == [nieuw]
    assert uitvoer.getvalue().splitlines()[-1] == (
        "Beveiligingslog (365 dagen, BEVEILIGINGSLOG_DAGEN): 1 record verwijderd."
    )


def test_the_admin_reads_the_details_in_words(client):
    noteer(Soort.TWEEDE_STAP_MISLUKT, middel="herstelcode", te_vaak=False)
    noteer(Soort.INGELOGD, login="beheer")
    client.force_login(medewerker(Rol.BEHEER))

    tekst = client.get("/admin/netwerk/beveiligingsgebeurtenis/").text

    assert "met: herstelcode; te vaak geprobeerd: nee" in tekst
    assert "inlogpagina: van het beheer (/admin/)" in tekst
