"""Reminders of sessions and action points (manage.py stuur_herinneringen), time frozen."""

import threading
from datetime import date, datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from casuswijken.enums import Actiestatus
from casuswijken.herinneringen import (
    _herinner_eigenaars,
    _te_herinneren_actiepunten,
    herinner_aan_deadlines,
    herinner_aan_verlopen_actiepunten,
)
from casuswijken.models import Actiepunt, Uitnodiging
from casuswijken.services import sla_actiepunt_op
from tests.conftest import wachtende_mails
from tests.factories import (
    AanmeldingFactory,
    ActiepuntFactory,
    BijeenkomstFactory,
    CasuswijkFactory,
    DeelnameFactory,
    UitnodigingFactory,
)

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# A Monday morning.
NU = datetime(2026, 3, 9, 10, 0, tzinfo=AMSTERDAM)
VANDAAG = date(2026, 3, 9)


@pytest.fixture
def klok():
    with time_machine.travel(NU, tick=False) as reiziger:
        yield reiziger


@pytest.fixture
def wijk(klok):
    lombok = CasuswijkFactory(naam="Lombok", slug="lombok")
    zuilen = CasuswijkFactory(
        naam="Zuilen", slug="zuilen", aanmelding__oproep=lombok.aanmelding.oproep
    )
    return {
        "lombok": lombok,
        "zuilen": zuilen,
        "anna": DeelnameFactory(
            casuswijk=lombok,
            gebruiker__email="anna@voorbeeld.nl",
            gebruiker__first_name="Anna",
            gebruiker__last_name="de Vries",
        ).gebruiker,
        "gestopt": DeelnameFactory(
            casuswijk=lombok, beeindigd=True, gebruiker__email="gestopt@voorbeeld.nl"
        ).gebruiker,
        "zuilen_lid": DeelnameFactory(
            casuswijk=zuilen, gebruiker__email="z@voorbeeld.nl"
        ).gebruiker,
    }


def stuur() -> str:
    """The command's line on reminders; the line before it is on invitations still owed
    (the sessions here were made without them), tested in test_uitnodigen.py."""
    uit = StringIO()
    call_command("stuur_herinneringen", stdout=uit)
    return uit.getvalue().splitlines(keepends=True)[-1]


def herinneringen() -> list[dict]:
    """The queued mails but the invitations, which carry their calendar attachment."""
    return [mail for mail in wachtende_mails() if not mail["bijlagen"]]


def ontvangers() -> list[tuple[str, str]]:
    return [(mail["aan"][0], mail["onderwerp"]) for mail in herinneringen()]


def uitvoer(*, bijeenkomsten=0, deadlines=0, verlopen=0, concepten=0) -> str:
    return (
        f"Herinneringen klaargezet: {bijeenkomsten} voor een bijeenkomst binnen 24 uur, "
        f"{deadlines} voor een actiepunt met de deadline binnen een week, "
        f"{verlopen} voor een actiepunt met een verstreken deadline, "
        f"{concepten} voor een conceptaanmelding die nog niet is ingediend, "
        "0 voor een beoordelaar met aanmeldingen die nog te beoordelen zijn.\n"
    )


# The day before a session


def test_a_session_is_reminded_of_once_the_day_before(wijk):
    sessie = BijeenkomstFactory(
        casuswijk=wijk["lombok"],
        titel="Tweede gesprek",
        begint_op=NU + timedelta(hours=20),
        eindigt_op=NU + timedelta(hours=22),
        locatie="Buurthuis De Speeltuin",
    )

    eerste = stuur()
    tweede = stuur()

    assert eerste == uitvoer(bijeenkomsten=1)
    assert tweede == uitvoer()
    assert ontvangers() == [
        ("anna@voorbeeld.nl", "Herinnering: Tweede gesprek, dinsdag 10 maart om 06:00 uur")
    ]
    tekst = herinneringen()[0]["tekst"]
    assert "Beste Anna de Vries," in tekst
    assert "Wanneer: dinsdag 10 maart 2026, 06:00 tot 08:00 uur" in tekst
    assert "Waar: Buurthuis De Speeltuin" in tekst
    assert "U hebt nog niet laten weten of u komt." in tekst
    assert f"http://127.0.0.1:8000/wijken/lombok/bijeenkomsten/{sessie.pk}/" in tekst
    # The row of the participant who was never invited is made, and marked.
    uitnodiging = Uitnodiging.objects.get(bijeenkomst=sessie, gebruiker=wijk["anna"])
    assert (uitnodiging.antwoord, uitnodiging.herinnerd_op) == ("", NU)


def test_a_session_is_not_reminded_of_before_the_day_before(wijk, klok):
    BijeenkomstFactory(casuswijk=wijk["lombok"], begint_op=NU + timedelta(hours=24, minutes=1))

    assert stuur() == uitvoer()
    klok.shift(timedelta(hours=1))
    assert stuur() == uitvoer(bijeenkomsten=1)
    assert stuur() == uitvoer()
    assert [aan for aan, _ in ontvangers()] == ["anna@voorbeeld.nl"]


def test_a_session_that_started_is_not_reminded_of(wijk):
    BijeenkomstFactory(casuswijk=wijk["lombok"], begint_op=NU - timedelta(minutes=1))

    assert stuur() == uitvoer()
    assert herinneringen() == []


@pytest.mark.parametrize(
    ("antwoord", "herinnerd"), [("ja", True), ("", True), ("nee", False), ("misschien", False)]
)
def test_who_said_no_is_not_reminded_of_a_session(wijk, antwoord, herinnerd):
    sessie = BijeenkomstFactory(casuswijk=wijk["lombok"], begint_op=NU + timedelta(hours=3))
    UitnodigingFactory(bijeenkomst=sessie, gebruiker=wijk["anna"], antwoord=antwoord)

    stuur()

    assert len(herinneringen()) == (1 if herinnerd else 0)
    uitnodiging = Uitnodiging.objects.get(bijeenkomst=sessie, gebruiker=wijk["anna"])
    assert uitnodiging.herinnerd_op == (NU if herinnerd else None)


def test_who_said_yes_is_told_so_in_the_reminder(wijk):
    sessie = BijeenkomstFactory(casuswijk=wijk["lombok"], begint_op=NU + timedelta(hours=3))
    UitnodigingFactory(bijeenkomst=sessie, gebruiker=wijk["anna"], antwoord="ja")

    stuur()

    assert "U hebt laten weten dat u komt. Kunt u toch niet?" in herinneringen()[0]["tekst"]


def test_an_ended_participation_is_not_reminded_of_a_session(wijk):
    sessie = BijeenkomstFactory(casuswijk=wijk["lombok"], begint_op=NU + timedelta(hours=3))
    UitnodigingFactory(bijeenkomst=sessie, gebruiker=wijk["gestopt"], antwoord="ja")

    stuur()

    assert [aan for aan, _ in ontvangers()] == ["anna@voorbeeld.nl"]
    assert Uitnodiging.objects.get(gebruiker=wijk["gestopt"]).herinnerd_op is None


@pytest.mark.parametrize(
    "velden",
    [
        {"zichtbaarheid": "intern"},
        {"gepubliceerd": False},
        {"geannuleerd": True},
    ],
    ids=["intern", "niet-gepubliceerd", "geannuleerd"],
)
def test_an_intern_unpublished_or_cancelled_session_is_not_reminded_of(wijk, velden):
    BijeenkomstFactory(casuswijk=wijk["lombok"], begint_op=NU + timedelta(hours=3), **velden)

    assert stuur() == uitvoer()
    assert herinneringen() == []


def test_a_national_session_reminds_every_casuswijk_through_its_own_page(wijk):
    sessie = BijeenkomstFactory(
        casuswijk=None,
        oproep=wijk["lombok"].aanmelding.oproep,
        zichtbaarheid="netwerk",
        titel="Landelijke dag",
        begint_op=NU + timedelta(hours=3),
    )

    assert stuur() == uitvoer(bijeenkomsten=2)

    links = {
        mail["aan"][0]: next(r for r in mail["tekst"].splitlines() if "/bijeenkomsten/" in r)
        for mail in herinneringen()
    }
    assert links == {
        "anna@voorbeeld.nl": f"http://127.0.0.1:8000/wijken/lombok/bijeenkomsten/{sessie.pk}/",
        "z@voorbeeld.nl": f"http://127.0.0.1:8000/wijken/zuilen/bijeenkomsten/{sessie.pk}/",
    }


# Action points


def test_an_action_point_is_reminded_of_once_a_week_before_its_deadline(wijk):
    ActiepuntFactory(
        bijeenkomst__casuswijk=wijk["lombok"],
        bijeenkomst__titel="Eerste gesprek",
        bijeenkomst__begint_op=NU - timedelta(days=14),
        omschrijving="Buurtbudget navragen bij de gemeente",
        eigenaar=wijk["anna"],
        deadline=VANDAAG + timedelta(days=7),
    )

    assert stuur() == uitvoer(deadlines=1)
    assert stuur() == uitvoer()

    assert ontvangers() == [
        ("anna@voorbeeld.nl", "Herinnering: uw actiepunt heeft deadline maandag 16 maart")
    ]
    tekst = herinneringen()[0]["tekst"]
    assert "Over 7 dagen is de deadline van een actiepunt" in tekst
    assert "in casuswijk Lombok" in tekst
    assert '"Buurtbudget navragen bij de gemeente"' in tekst
    assert "Deadline: maandag 16 maart 2026" in tekst
    assert "Afgesproken in: Eerste gesprek (23 februari 2026)" in tekst
    assert "http://127.0.0.1:8000/wijken/lombok/\n" in tekst
    assert Actiepunt.objects.get().herinnerd_vooraf_op == NU


def test_an_action_point_is_not_reminded_of_more_than_a_week_before(wijk, klok):
    ActiepuntFactory(
        bijeenkomst__casuswijk=wijk["lombok"],
        eigenaar=wijk["anna"],
        deadline=VANDAAG + timedelta(days=8),
    )

    assert stuur() == uitvoer()
    klok.shift(timedelta(days=1))
    assert stuur() == uitvoer(deadlines=1)


def test_an_overdue_action_point_is_reminded_of_once_more(wijk, klok):
    punt = ActiepuntFactory(
        bijeenkomst__casuswijk=wijk["lombok"], eigenaar=wijk["anna"], deadline=VANDAAG
    )

    assert stuur() == uitvoer(deadlines=1)
    assert "Vandaag is de deadline" in herinneringen()[0]["tekst"]
    klok.shift(timedelta(hours=13))  # 23:00, still the day of the deadline
    assert stuur() == uitvoer()
    klok.shift(timedelta(hours=2))  # the next day
    assert stuur() == uitvoer(verlopen=1)
    assert stuur() == uitvoer()

    assert [onderwerp for _, onderwerp in ontvangers()] == [
        "Herinnering: uw actiepunt heeft deadline maandag 9 maart",
        "Deadline verstreken: uw actiepunt in Lombok",
    ]
    assert (
        "was maandag 9 maart 2026, en het staat nog niet op afgerond"
        in (herinneringen()[1]["tekst"])
    )
    punt.refresh_from_db()
    assert punt.herinnerd_verlopen_op == datetime(2026, 3, 10, 1, 0, tzinfo=AMSTERDAM)


def test_an_action_point_overdue_when_first_seen_gets_only_the_overdue_reminder(wijk):
    ActiepuntFactory(
        bijeenkomst__casuswijk=wijk["lombok"],
        eigenaar=wijk["anna"],
        deadline=VANDAAG - timedelta(days=30),
    )

    assert stuur() == uitvoer(verlopen=1)
    assert stuur() == uitvoer()
    assert [onderwerp for _, onderwerp in ontvangers()] == [
        "Deadline verstreken: uw actiepunt in Lombok"
    ]


def test_an_action_point_that_is_under_way_is_reminded_of(wijk):
    ActiepuntFactory(
        bijeenkomst__casuswijk=wijk["lombok"],
        eigenaar=wijk["anna"],
        deadline=VANDAAG + timedelta(days=2),
        status=Actiestatus.LOOPT,
    )

    assert stuur() == uitvoer(deadlines=1)
    assert "Status: loopt" in herinneringen()[0]["tekst"]


@pytest.mark.parametrize("dagen", [3, -3])
def test_a_closed_action_point_is_not_reminded_of(wijk, dagen):
    ActiepuntFactory(
        bijeenkomst__casuswijk=wijk["lombok"],
        eigenaar=wijk["anna"],
        deadline=VANDAAG + timedelta(days=dagen),
        afgerond=True,
        afgerond_in=None,
    )

    assert stuur() == uitvoer()
    assert herinneringen() == []


@pytest.mark.parametrize("dagen", [3, -3])
def test_an_owner_whose_participation_ended_is_not_reminded(wijk, dagen):
    ActiepuntFactory(
        bijeenkomst__casuswijk=wijk["lombok"],
        eigenaar=wijk["gestopt"],
        deadline=VANDAAG + timedelta(days=dagen),
    )

    assert stuur() == uitvoer()
    assert herinneringen() == []


def test_an_owner_taking_part_only_in_another_casuswijk_is_not_reminded(wijk):
    ActiepuntFactory(
        bijeenkomst__casuswijk=wijk["lombok"],
        eigenaar=wijk["zuilen_lid"],
        deadline=VANDAAG + timedelta(days=3),
    )

    assert stuur() == uitvoer()


def test_an_inactive_account_is_not_reminded(wijk):
    wijk["anna"].is_active = False
    wijk["anna"].save()
    ActiepuntFactory(
        bijeenkomst__casuswijk=wijk["lombok"],
        eigenaar=wijk["anna"],
        deadline=VANDAAG + timedelta(days=3),
    )

    assert stuur() == uitvoer()


def test_a_typed_owner_without_an_account_is_not_mailed(wijk):
    ActiepuntFactory(
        bijeenkomst__casuswijk=wijk["lombok"],
        eigenaar_naam="Wethouder Jansen",
        deadline=VANDAAG + timedelta(days=3),
    )

    assert stuur() == uitvoer()


def test_an_action_point_the_owner_cannot_see_is_not_reminded_of(wijk):
    # Agreed in an intern session: not on the owner's casuswijk page either.
    ActiepuntFactory(
        bijeenkomst__casuswijk=wijk["lombok"],
        bijeenkomst__zichtbaarheid="intern",
        eigenaar=wijk["anna"],
        deadline=VANDAAG + timedelta(days=3),
    )

    assert stuur() == uitvoer()


def test_a_changed_deadline_is_reminded_of_again(wijk, klok):
    punt = ActiepuntFactory(
        bijeenkomst__casuswijk=wijk["lombok"],
        eigenaar=wijk["anna"],
        deadline=VANDAAG + timedelta(days=2),
    )
    stuur()
    klok.shift(timedelta(days=3))
    stuur()
    assert len(herinneringen()) == 2

    punt.refresh_from_db()
    punt.deadline = VANDAAG + timedelta(days=6)  # three days from the new today
    sla_actiepunt_op(actiepunt=punt)

    punt.refresh_from_db()
    assert (punt.herinnerd_vooraf_op, punt.herinnerd_verlopen_op) == (None, None)
    assert stuur() == uitvoer(deadlines=1)
    assert "Over 3 dagen is de deadline" in herinneringen()[2]["tekst"]


def test_saving_an_action_point_without_a_new_deadline_keeps_its_reminders(wijk):
    punt = ActiepuntFactory(
        bijeenkomst__casuswijk=wijk["lombok"],
        eigenaar=wijk["anna"],
        deadline=VANDAAG + timedelta(days=2),
    )
    verouderd = Actiepunt.objects.get(pk=punt.pk)  # a form opened before the reminder
    stuur()

    verouderd.omschrijving = "Anders verwoord"
    sla_actiepunt_op(actiepunt=verouderd)

    punt.refresh_from_db()
    assert punt.herinnerd_vooraf_op == NU
    assert stuur() == uitvoer()


def test_a_reminder_sent_by_another_run_meanwhile_is_not_sent_again(wijk):
    ActiepuntFactory(
        bijeenkomst__casuswijk=wijk["lombok"],
        eigenaar=wijk["anna"],
        deadline=VANDAAG + timedelta(days=2),
    )
    # This run read the list before the other run marked the point.
    gelezen = list(_te_herinneren_actiepunten().filter(herinnerd_vooraf_op__isnull=True))
    assert herinner_aan_deadlines() == 1

    assert (
        _herinner_eigenaars(
            gelezen, markering="herinnerd_vooraf_op", sjabloon="herinnering_actiepunt", nu=NU
        )
        == 0
    )
    assert len(herinneringen()) == 1


def selects(functie) -> int:
    with CaptureQueriesContext(connection) as queries:
        functie()
    return sum(1 for query in queries if query["sql"].lstrip().upper().startswith("SELECT"))


@pytest.mark.parametrize(
    ("functie", "dagen"), [(herinner_aan_deadlines, 3), (herinner_aan_verlopen_actiepunten, -3)]
)
def test_action_point_reminders_read_a_fixed_number_of_queries(wijk, functie, dagen):
    sessie = BijeenkomstFactory(casuswijk=wijk["lombok"])
    ActiepuntFactory(
        bijeenkomst=sessie, eigenaar=wijk["anna"], deadline=VANDAAG + timedelta(days=dagen)
    )
    bij_een = selects(functie)
    for nummer in range(5):
        eigenaar = DeelnameFactory(casuswijk=wijk["lombok"]).gebruiker
        ActiepuntFactory(
            bijeenkomst=sessie if nummer % 2 else BijeenkomstFactory(casuswijk=wijk["lombok"]),
            eigenaar=eigenaar,
            deadline=VANDAAG + timedelta(days=dagen),
        )

    assert selects(functie) == bij_een
    assert len(herinneringen()) == 6


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (set DATABASE_URL)")
def test_two_runs_at_the_same_moment_send_each_reminder_once(wijk):
    BijeenkomstFactory(casuswijk=wijk["lombok"], begint_op=NU + timedelta(hours=3))
    ActiepuntFactory(bijeenkomst__casuswijk=wijk["lombok"], eigenaar=wijk["anna"], deadline=VANDAAG)
    ActiepuntFactory(
        bijeenkomst__casuswijk=wijk["lombok"],
        eigenaar=wijk["anna"],
        deadline=VANDAAG - timedelta(days=1),
    )
    AanmeldingFactory(oproep__deadline=NU + timedelta(days=3), concept=True)
    start = threading.Barrier(4)
    uitvoeren, fouten = [], []

    def draai():
        try:
            start.wait()
            uitvoeren.append(stuur())
        except Exception as fout:  # noqa: BLE001 - reported by the assertion below
            fouten.append(fout)
        finally:
            connection.close()

    draden = [threading.Thread(target=draai) for _ in range(4)]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join()

    assert fouten == []
    assert len(herinneringen()) == 4
    assert sorted(mail["onderwerp"].split(":")[0] for mail in herinneringen()) == [
        "Deadline verstreken",
        "Herinnering",
        "Herinnering",
        "Uw conceptaanmelding is nog niet ingediend",
    ]


def test_the_command_first_sends_the_invitations_still_owed(wijk):
    sessie = BijeenkomstFactory(casuswijk=wijk["lombok"], begint_op=NU + timedelta(hours=20),
                                eindigt_op=NU + timedelta(hours=22))  # fmt: skip
    uit = StringIO()

    call_command("stuur_herinneringen", stdout=uit)
    call_command("stuur_herinneringen", stdout=uit)

    assert uit.getvalue().splitlines() == [
        "Uitnodigingen en afzeggingen die nog weg moesten: 1.",
        uitvoer(bijeenkomsten=1).strip(),
        "Uitnodigingen en afzeggingen die nog weg moesten: 0.",
        uitvoer().strip(),
    ]
    # Invitation, then reminder, to the one participant who may read it.
    mails = wachtende_mails()
    assert [(mail["aan"], bool(mail["bijlagen"])) for mail in mails] == [
        (["anna@voorbeeld.nl"], True), (["anna@voorbeeld.nl"], False)]  # fmt: skip
    assert Uitnodiging.objects.get(bijeenkomst=sessie).gemelde_versie == 0
