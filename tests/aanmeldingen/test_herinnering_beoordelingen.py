"""The reminder to reviewers with open assignments three days before the call's review
deadline (manage.py stuur_herinneringen), time frozen."""

from datetime import datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from aanmeldingen.models import Belangenconflict, Oproep, Toewijzing
from aanmeldingen.services import herinner_aan_beoordelingen, sla_oproep_op
from netwerk.rechten import Rol
from tests.conftest import wachtende_mails
from tests.factories import AanmeldingFactory, BeoordelingFactory, OproepFactory, StaffFactory

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
DEADLINE = datetime(2026, 3, 20, 17, 0, tzinfo=AMSTERDAM)


@pytest.fixture
def klok():
    with time_machine.travel(DEADLINE - timedelta(days=10), tick=False) as reiziger:
        yield reiziger


@pytest.fixture
def oproep(klok):
    return OproepFactory(titel="Gemengde wijk 2026", beoordeling_deadline=DEADLINE)


def beoordelaar(naam: str):
    return StaffFactory(
        rol=Rol.BEOORDELAAR, first_name=naam, username=naam.lower(), email=f"{naam.lower()}@p31.nl"
    )


def wijs_toe(oproep, gebruiker, *wijknamen):
    aanmeldingen = [AanmeldingFactory(oproep=oproep, wijknaam=naam) for naam in wijknamen]
    for aanmelding in aanmeldingen:
        Toewijzing.objects.create(aanmelding=aanmelding, beoordelaar=gebruiker)
    return aanmeldingen


def stuur() -> str:
    uit = StringIO()
    call_command("stuur_herinneringen", stdout=uit)
    return uit.getvalue().splitlines()[-1]


def herinneringen() -> list[tuple[str, str]]:
    return [
        (mail["aan"][0], mail["onderwerp"])
        for mail in wachtende_mails()
        if mail["onderwerp"].startswith("Nog ")
    ]


def test_a_reviewer_is_reminded_once_three_days_before_the_deadline(klok, oproep):
    anna = beoordelaar("Anna")
    wijs_toe(oproep, anna, "Lombok", "Kanaleneiland")

    klok.move_to(DEADLINE - timedelta(days=3, minutes=1))
    te_vroeg = herinneringen_na_een_run()
    klok.move_to(DEADLINE - timedelta(days=3))
    op_tijd = stuur()
    klok.move_to(DEADLINE - timedelta(days=2))
    nog_eens = stuur()

    assert te_vroeg == []
    assert op_tijd.endswith(
        "0 voor een conceptaanmelding die nog niet is ingediend, "
        "1 voor een beoordelaar met aanmeldingen die nog te beoordelen zijn."
    )
    assert nog_eens.endswith("0 voor een beoordelaar met aanmeldingen die nog te beoordelen zijn.")
    assert herinneringen() == [("anna@p31.nl", "Nog 2 aanmeldingen te beoordelen voor 20 maart")]
    tekst = wachtende_mails()[-1]["tekst"]
    assert "vrijdag 20 maart 2026 om 17:00 uur" in tekst
    assert "- Kanaleneiland (Utrecht)\n- Lombok (Utrecht)\n" in tekst
    assert reverse("admin:aanmeldingen_mijn_beoordelingen") in tekst


def herinneringen_na_een_run() -> list:
    stuur()
    return herinneringen()


def test_only_open_assignments_are_reminded_of(klok, oproep):
    anna, bas, cem = beoordelaar("Anna"), beoordelaar("Bas"), beoordelaar("Cem")
    (gedaan,) = wijs_toe(oproep, anna, "Lombok")
    BeoordelingFactory(aanmelding=gedaan, beoordelaar=anna)
    (conflict,) = wijs_toe(oproep, bas, "Overvecht")
    Belangenconflict.objects.create(aanmelding=conflict, beoordelaar=bas)
    wijs_toe(oproep, cem, "Zuilen")
    (ingetrokken,) = wijs_toe(oproep, beoordelaar("Dirk"), "Hoograven")
    ingetrokken.status = "ingetrokken"
    ingetrokken.save()
    klok.move_to(DEADLINE - timedelta(days=1))

    aantal = herinner_aan_beoordelingen()

    assert aantal == 1
    assert herinneringen() == [("cem@p31.nl", "Nog 1 aanmelding te beoordelen voor 20 maart")]


def test_an_assignment_added_after_the_reminder_brings_no_second_mail(klok, oproep):
    anna = beoordelaar("Anna")
    wijs_toe(oproep, anna, "Lombok")
    klok.move_to(DEADLINE - timedelta(days=2))
    herinner_aan_beoordelingen()

    wijs_toe(oproep, anna, "Zuilen")
    herinner_aan_beoordelingen()

    assert len(herinneringen()) == 1


def test_no_reminder_after_the_deadline_or_without_one(klok, oproep):
    wijs_toe(oproep, beoordelaar("Anna"), "Lombok")
    zonder = OproepFactory(beoordeling_deadline=None)
    wijs_toe(zonder, beoordelaar("Bas"), "Zuilen")
    klok.move_to(DEADLINE + timedelta(minutes=1))

    assert herinner_aan_beoordelingen() == 0
    assert herinneringen() == []


def test_a_changed_deadline_brings_the_reminder_again(klok, oproep):
    anna = beoordelaar("Anna")
    wijs_toe(oproep, anna, "Lombok")
    klok.move_to(DEADLINE - timedelta(days=2))
    herinner_aan_beoordelingen()

    nieuwe_deadline = DEADLINE + timedelta(days=7)
    oproep.beoordeling_deadline = nieuwe_deadline
    sla_oproep_op(oproep=oproep)
    direct = herinner_aan_beoordelingen()
    klok.move_to(nieuwe_deadline - timedelta(days=3))
    opnieuw = herinner_aan_beoordelingen()

    assert (direct, opnieuw) == (0, 1)
    assert herinneringen() == [
        ("anna@p31.nl", "Nog 1 aanmelding te beoordelen voor 20 maart"),
        ("anna@p31.nl", "Nog 1 aanmelding te beoordelen voor 27 maart"),
    ]


def test_saving_a_call_with_the_same_deadline_keeps_the_marks(klok, oproep):
    anna = beoordelaar("Anna")
    wijs_toe(oproep, anna, "Lombok")
    klok.move_to(DEADLINE - timedelta(days=2))
    herinner_aan_beoordelingen()

    oproep.titel = "Gemengde wijk 2026 (nieuwe titel)"
    sla_oproep_op(oproep=oproep)

    assert herinner_aan_beoordelingen() == 0
    assert Toewijzing.objects.filter(herinnerd_op__isnull=True).count() == 0


def test_the_call_admin_clears_the_marks_when_the_deadline_changes(client, klok, oproep):
    client.force_login(StaffFactory(rol=Rol.COORDINATOR))
    anna = beoordelaar("Anna")
    wijs_toe(oproep, anna, "Lombok")
    klok.move_to(DEADLINE - timedelta(days=2))
    herinner_aan_beoordelingen()
    url = reverse("admin:aanmeldingen_oproep_change", args=[oproep.pk])
    pagina = client.get(url)
    formulier = pagina.context["adminform"].form
    data = {
        naam: waarde
        for naam, waarde in formulier.initial.items()
        if naam in formulier.fields and waarde is not None
    }
    data["deadline_0"], data["deadline_1"] = "10-03-2026", "12:00:00"
    data["beoordeling_deadline_0"], data["beoordeling_deadline_1"] = "27-03-2026", "17:00:00"
    data["gepubliceerd"] = "on"

    response = client.post(url, data)

    assert response.status_code == 302
    assert Oproep.objects.get().beoordeling_deadline == DEADLINE + timedelta(days=7)
    assert Toewijzing.objects.get().herinnerd_op is None
