"""The reminder of a concept a week before the call's deadline (manage.py
stuur_herinneringen), time frozen."""

from datetime import datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from aanmeldingen.models import Aanmelding
from aanmeldingen.services import herinner_aan_concepten
from tests.conftest import wachtende_mails
from tests.factories import AanmeldingFactory, OproepFactory, geef_link

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
NU = datetime(2026, 3, 9, 10, 0, tzinfo=AMSTERDAM)


@pytest.fixture
def klok():
    with time_machine.travel(NU, tick=False) as reiziger:
        yield reiziger


def concept(*, deadline: datetime, **velden) -> Aanmelding:
    oproep = OproepFactory(slug="gemengde-wijk", titel="Gemengde wijk 2026", deadline=deadline)
    aanmelding = AanmeldingFactory(
        oproep=oproep, concept=True, wijknaam="Lombok", gemeente="Utrecht", **velden
    )
    aanmelding.leden.filter(is_contactpersoon=True).update(
        naam="Carla Contact", email="carla@voorbeeld.nl"
    )
    return aanmelding


def stuur() -> str:
    uit = StringIO()
    call_command("stuur_herinneringen", stdout=uit)
    return uit.getvalue().splitlines(keepends=True)[-1]


def uitvoer(concepten: int) -> str:
    return (
        "Herinneringen klaargezet: 0 voor een bijeenkomst binnen 24 uur, "
        "0 voor een actiepunt met de deadline binnen een week, "
        "0 voor een actiepunt met een verstreken deadline, "
        f"{concepten} voor een conceptaanmelding die nog niet is ingediend, "
        "0 voor een beoordelaar met aanmeldingen die nog te beoordelen zijn.\n"
    )


def test_a_concept_is_reminded_of_once_a_week_before_the_deadline(klok, client):
    aanmelding = concept(deadline=datetime(2026, 3, 16, 9, 0, tzinfo=AMSTERDAM))
    link = geef_link(aanmelding)

    assert stuur() == uitvoer(1)
    assert stuur() == uitvoer(0)

    mails = wachtende_mails()
    assert [(mail["aan"], mail["onderwerp"]) for mail in mails] == [
        (
            ["carla@voorbeeld.nl"],
            "Uw conceptaanmelding is nog niet ingediend: de oproep sluit 16 maart",
        )
    ]
    tekst = mails[0]["tekst"]
    assert "Beste Carla Contact," in tekst
    assert "hebt een conceptaanmelding opgeslagen voor Lombok (Utrecht) bij de oproep" in tekst
    assert "Dat concept is nog NIET ingediend." in tekst
    assert "De oproep sluit op maandag 16 maart 2026 om 09:00 uur" in tekst
    # The secret link is stored hashed: the mail sends them to "Link kwijt?" instead.
    assert link not in tekst
    assert "/aanmelding/" not in tekst
    assert "http://127.0.0.1:8000/oproepen/gemengde-wijk/link-kwijt/\n" in tekst
    assert client.get("/oproepen/gemengde-wijk/link-kwijt/").status_code == 200
    aanmelding.refresh_from_db()
    assert aanmelding.herinnerd_op == NU
    # The old link still works: a reminder replaces nothing.
    assert client.get(link).status_code == 200


def test_a_concept_is_not_reminded_of_more_than_a_week_before(klok):
    concept(deadline=NU + timedelta(days=7, minutes=30))

    assert stuur() == uitvoer(0)
    klok.shift(timedelta(hours=1))
    assert stuur() == uitvoer(1)
    assert stuur() == uitvoer(0)


def test_a_concept_of_a_call_whose_deadline_passed_gets_nothing(klok):
    aanmelding = concept(deadline=NU - timedelta(minutes=1))

    assert stuur() == uitvoer(0)
    assert wachtende_mails() == []
    aanmelding.refresh_from_db()
    assert aanmelding.herinnerd_op is None


def test_a_concept_reminded_of_is_not_reminded_again_after_the_deadline_moves(klok):
    aanmelding = concept(deadline=NU + timedelta(days=3))
    stuur()
    aanmelding.oproep.deadline = NU + timedelta(days=5)
    aanmelding.oproep.save()

    assert stuur() == uitvoer(0)
    assert len(wachtende_mails()) == 1


@pytest.mark.parametrize("status", ["ingediend", "ingetrokken"])
def test_a_submitted_or_withdrawn_application_gets_no_concept_reminder(klok, status):
    AanmeldingFactory(oproep__deadline=NU + timedelta(days=3), status=status)

    assert stuur() == uitvoer(0)


def test_a_concept_of_an_unpublished_call_gets_nothing(klok):
    aanmelding = concept(deadline=NU + timedelta(days=3))
    aanmelding.oproep.gepubliceerd = False
    aanmelding.oproep.save()

    assert stuur() == uitvoer(0)


def test_a_concept_submitted_since_it_was_read_is_not_reminded_of(klok, monkeypatch):
    aanmelding = concept(deadline=NU + timedelta(days=3))
    echte_filter = Aanmelding.objects.filter

    def ingediend_tussendoor(*args, **kwargs):
        # The conditional UPDATE filters on the primary key: the applicant submits just
        # after the list of concepts was read, just before the reminder is marked.
        if "pk" in kwargs:
            echte_filter(pk=aanmelding.pk).update(status="ingediend", ingediend_op=NU)
        return echte_filter(*args, **kwargs)

    monkeypatch.setattr(Aanmelding.objects, "filter", ingediend_tussendoor)

    assert herinner_aan_concepten() == 0
    assert wachtende_mails() == []


def test_concept_reminders_read_a_fixed_number_of_queries(klok):
    deadline = NU + timedelta(days=3)
    oproep = OproepFactory(deadline=deadline)
    AanmeldingFactory(oproep=oproep, concept=True)
    with CaptureQueriesContext(connection) as bij_een:
        herinner_aan_concepten()
    AanmeldingFactory.create_batch(5, oproep=OproepFactory(deadline=deadline), concept=True)
    with CaptureQueriesContext(connection) as bij_vijf:
        herinner_aan_concepten()

    def selects(queries) -> int:
        return sum(1 for q in queries if q["sql"].lstrip().upper().startswith("SELECT"))

    assert selects(bij_vijf) == selects(bij_een)
    assert len(wachtende_mails()) == 6
