"""The retention terms of applications that never became a casuswijk, with frozen time:
kept one day before the term ends, gone one day after (netwerk/bewaartermijnen.py)."""

import io

import pytest
import time_machine
from django.core.management import call_command

from aanmeldingen.enums import Status
from aanmeldingen.models import Aanmelding, Besluitbericht, Coalitielid, Revisie, Statuswijziging
from aanmeldingen.services import trek_in
from tests.factories import AanmeldingFactory, BesluitberichtFactory, OproepFactory

pytestmark = pytest.mark.django_db


def pas_toe(op: str) -> str:
    uitvoer = io.StringIO()
    with time_machine.travel(op, tick=False):
        call_command("pas_bewaartermijnen_toe", stdout=uitvoer)
    return uitvoer.getvalue()


def wijknamen() -> list[str]:
    return sorted(Aanmelding.objects.values_list("wijknaam", flat=True))


def test_a_withdrawn_application_goes_three_months_after_withdrawal_with_its_history():
    oud = AanmeldingFactory(wijknaam="Ingetrokken")
    with time_machine.travel("2026-01-15 12:00 +01:00", tick=False):
        trek_in(aanmelding=oud)
    AanmeldingFactory(wijknaam="Ingediend")
    rijen = 1 + sum(
        model.objects.filter(aanmelding_id=oud.pk).count()
        for model in (Coalitielid, Statuswijziging, Revisie)
    )

    pas_toe("2026-04-14 12:00 +02:00")
    assert wijknamen() == ["Ingediend", "Ingetrokken"]

    uitvoer = pas_toe("2026-04-16 12:00 +02:00")

    assert wijknamen() == ["Ingediend"]
    assert Coalitielid.objects.filter(aanmelding_id=oud.pk).count() == 0
    assert Statuswijziging.objects.filter(aanmelding_id=oud.pk).count() == 0
    assert Revisie.objects.filter(aanmelding_id=oud.pk).count() == 0
    assert uitvoer.splitlines()[1] == (
        f"Ingetrokken aanmeldingen (3 maanden, BEWAREN_INGETROKKEN_MAANDEN): {rijen} records "
        "verwijderd."
    )


def test_a_concept_goes_three_months_after_its_call_closed():
    gesloten = OproepFactory(deadline="2026-01-10 12:00 +01:00")
    AanmeldingFactory(oproep=gesloten, concept=True, wijknaam="Concept")
    AanmeldingFactory(oproep=gesloten, wijknaam="Ingediend")

    pas_toe("2026-04-09 12:00 +02:00")
    assert wijknamen() == ["Concept", "Ingediend"]

    pas_toe("2026-04-11 12:00 +02:00")
    assert sorted(Aanmelding.objects.values_list("wijknaam", "status")) == [
        ("Ingediend", Status.INGEDIEND)
    ]


@pytest.mark.parametrize("besluit", ["afgewezen", "reserve"])
def test_an_application_not_chosen_goes_twelve_months_after_the_decision_was_sent(besluit):
    bericht = BesluitberichtFactory(
        aanmelding__wijknaam="Niet gekozen",
        aanmelding__status=besluit,
        aanmelding__besluit_verzonden_op="2025-03-10 12:00 +01:00",
    )
    AanmeldingFactory(
        oproep=bericht.aanmelding.oproep,
        geselecteerd=True,
        besluit_verzonden_op="2025-03-10 12:00 +01:00",
        wijknaam="Gekozen",
    )

    pas_toe("2026-03-09 12:00 +01:00")
    assert wijknamen() == ["Gekozen", "Niet gekozen"]

    pas_toe("2026-03-11 12:00 +01:00")
    assert wijknamen() == ["Gekozen"]
    assert Besluitbericht.objects.count() == 0


def test_a_decision_not_sent_yet_keeps_the_application():
    AanmeldingFactory(afgewezen=True, wijknaam="Afgewezen, niet verstuurd")

    pas_toe("2030-01-01 12:00 +01:00")

    assert wijknamen() == ["Afgewezen, niet verstuurd"]


def test_the_terms_are_settings(settings):
    settings.BEWAREN_INGETROKKEN_MAANDEN = 1
    aanmelding = AanmeldingFactory()
    with time_machine.travel("2026-01-15 12:00 +01:00", tick=False):
        trek_in(aanmelding=aanmelding)

    pas_toe("2026-02-16 12:00 +01:00")

    assert wijknamen() == []
