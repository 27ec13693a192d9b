"""Races that only a real database server shows. They need PostgreSQL and run in CI."""

import threading
import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from aanmeldingen.enums import Status
from aanmeldingen.models import (
    Aanmelding,
    Besluitbericht,
    Besluitsjabloon,
    Coalitielid,
    Oproep,
    Revisie,
    Toewijzing,
)
from aanmeldingen.services import (
    BesluitAlVerzonden,
    SelectieVol,
    VerouderdFormulier,
    dien_aanmelding_in,
    herinner_aan_beoordelingen,
    neem_besluit,
    sla_oproep_op,
    verstuur_besluiten,
    werk_aanmelding_bij,
    wijs_toe,
)
from netwerk.rechten import Rol
from tests.aanmeldingen.test_services import GEGEVENS, LEDEN
from tests.conftest import wachtende_mails
from tests.factories import AanmeldingFactory, OproepFactory, StaffFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL (set DATABASE_URL)"
    ),
]


def test_the_same_submission_at_the_same_moment_gives_one_application():
    oproep = OproepFactory()
    sleutel = uuid.uuid4()
    start = threading.Barrier(4)
    uitkomsten, fouten = [], []

    def dien_in():
        try:
            start.wait()
            aanmelding, nieuw = dien_aanmelding_in(
                oproep=oproep, gegevens=GEGEVENS, leden=LEDEN, indieningssleutel=sleutel
            )
            uitkomsten.append((aanmelding.pk, nieuw))
        except Exception as fout:  # noqa: BLE001 - reported by the assertion below
            fouten.append(fout)
        finally:
            connection.close()

    draden = [threading.Thread(target=dien_in) for _ in range(4)]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join()

    assert fouten == []
    assert Aanmelding.objects.count() == 1
    assert Coalitielid.objects.count() == 3
    assert len(wachtende_mails()) == 3
    assert {pk for pk, _ in uitkomsten} == {Aanmelding.objects.get().pk}
    assert sorted(nieuw for _, nieuw in uitkomsten) == [False, False, False, True]


def test_two_saves_from_the_same_version_at_the_same_moment_let_one_win():
    aanmelding = AanmeldingFactory()
    start = threading.Barrier(4)
    gelukt, verouderd, fouten = [], [], []

    def sla_op(nummer):
        try:
            start.wait()
            werk_aanmelding_bij(
                aanmelding=Aanmelding.objects.get(pk=aanmelding.pk),
                versie=1,
                gegevens={**GEGEVENS, "wijknaam": f"Versie {nummer}"},
                leden=LEDEN,
                indienen=False,
                token="token",
            )
            gelukt.append(nummer)
        except VerouderdFormulier:
            verouderd.append(nummer)
        except Exception as fout:  # noqa: BLE001 - reported by the assertion below
            fouten.append(fout)
        finally:
            connection.close()

    draden = [threading.Thread(target=sla_op, args=(nummer,)) for nummer in range(4)]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join()

    assert fouten == []
    assert len(gelukt) == 1
    assert len(verouderd) == 3
    aanmelding.refresh_from_db()
    assert (aanmelding.wijknaam, aanmelding.versie) == (f"Versie {gelukt[0]}", 2)
    assert aanmelding.leden.count() == 3
    assert Revisie.objects.filter(aanmelding=aanmelding).count() == 1


def test_coordinators_selecting_at_the_same_moment_end_with_at_most_max_wijken():
    oproep = OproepFactory(gesloten=True, max_wijken=4)
    coordinator = StaffFactory(beheer=True)
    for aanmelding in AanmeldingFactory.create_batch(3, oproep=oproep):
        neem_besluit(aanmelding=aanmelding, besluit=Status.GESELECTEERD, door=coordinator,
                     toelichting="")  # fmt: skip
    kandidaten = AanmeldingFactory.create_batch(6, oproep=oproep)
    start = threading.Barrier(len(kandidaten))
    gelukt, vol, fouten = [], [], []

    def selecteer(aanmelding):
        try:
            start.wait()
            neem_besluit(aanmelding=aanmelding, besluit=Status.GESELECTEERD, door=coordinator,
                         toelichting="")  # fmt: skip
            gelukt.append(aanmelding.pk)
        except SelectieVol:
            vol.append(aanmelding.pk)
        except Exception as fout:  # noqa: BLE001 - reported by the assertion below
            fouten.append(fout)
        finally:
            connection.close()

    draden = [threading.Thread(target=selecteer, args=(a,)) for a in kandidaten]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join()

    assert fouten == []
    assert (len(gelukt), len(vol)) == (1, 5)
    oproep.refresh_from_db()
    assert oproep.aantal_geselecteerd == 4
    assert oproep.aanmeldingen.filter(status=Status.GESELECTEERD).count() == 4


def test_deciding_while_the_decisions_are_sent_waits_instead_of_deadlocking():
    coordinator = StaffFactory(beheer=True)
    for soort, onderwerp in [
        (Status.GESELECTEERD, "Ja"),
        (Status.RESERVE, "Reserve"),
        (Status.AFGEWEZEN, "Nee"),
    ]:
        Besluitsjabloon.objects.get_or_create(
            besluit=soort, defaults={"onderwerp": onderwerp, "tekst": onderwerp}
        )
    for _ in range(5):
        _besluit_tijdens_versturen(coordinator)


def _besluit_tijdens_versturen(coordinator):
    oproep = OproepFactory(gesloten=True, min_wijken=1)
    gekozen = AanmeldingFactory(oproep=oproep)
    ander = AanmeldingFactory(oproep=oproep)
    neem_besluit(aanmelding=gekozen, besluit=Status.GESELECTEERD, door=coordinator, toelichting="")
    neem_besluit(aanmelding=ander, besluit=Status.AFGEWEZEN, door=coordinator, toelichting="")
    start = threading.Barrier(2)
    fouten = []

    def stuur():
        try:
            start.wait()
            verstuur_besluiten(oproep=oproep, door=coordinator)
        except Exception as fout:  # noqa: BLE001 - reported by the assertion below
            fouten.append(fout)
        finally:
            connection.close()

    def beslis():
        try:
            start.wait()
            neem_besluit(aanmelding=ander, besluit=Status.RESERVE, door=coordinator, toelichting="")
        except BesluitAlVerzonden:
            pass
        except Exception as fout:  # noqa: BLE001 - reported by the assertion below
            fouten.append(fout)
        finally:
            connection.close()

    draden = [threading.Thread(target=stuur), threading.Thread(target=beslis)]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join()

    assert fouten == []
    ander.refresh_from_db()
    assert Besluitbericht.objects.get(aanmelding=ander).besluit == ander.status


def test_two_coordinators_assigning_at_the_same_moment_give_no_application_too_many():
    oproep = OproepFactory()
    aanmeldingen = AanmeldingFactory.create_batch(3, oproep=oproep)
    beoordelaars = [StaffFactory(rol=Rol.BEOORDELAAR) for _ in range(4)]
    start = threading.Barrier(4)
    fouten = []

    def wijs_toe_(nummer):
        try:
            start.wait()
            # Each coördinator chose the reviewers in another order.
            keuze = beoordelaars[nummer:] + beoordelaars[:nummer]
            wijs_toe(aanmeldingen=aanmeldingen, beoordelaars=keuze, aantal=2, door=None)
        except Exception as fout:  # noqa: BLE001 - reported by the assertion below
            fouten.append(fout)
        finally:
            connection.close()

    draden = [threading.Thread(target=wijs_toe_, args=[nummer]) for nummer in range(4)]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join()

    assert fouten == []
    assert [a.toewijzingen.count() for a in aanmeldingen] == [2, 2, 2]


def test_a_reminder_run_and_a_new_review_deadline_at_the_same_moment_leave_it_to_come():
    """The run locks the call before marking, as saving a new deadline does: either the
    reminder went before the change (and the marks are cleared), or it sees the new
    deadline and waits for it; never marks that hold for the old deadline."""
    nu = timezone.now()
    oproep = OproepFactory(beoordeling_deadline=nu + timedelta(days=2))
    beoordelaar = StaffFactory(rol=Rol.BEOORDELAAR)
    Toewijzing.objects.create(aanmelding=AanmeldingFactory(oproep=oproep), beoordelaar=beoordelaar)
    start = threading.Barrier(2)
    fouten = []

    def herinner():
        try:
            start.wait()
            herinner_aan_beoordelingen(nu=nu)
        except Exception as fout:  # noqa: BLE001 - reported by the assertion below
            fouten.append(fout)
        finally:
            connection.close()

    def verschuif():
        try:
            start.wait()
            nieuw = Oproep.objects.get(pk=oproep.pk)
            nieuw.beoordeling_deadline = nu + timedelta(days=20)
            sla_oproep_op(oproep=nieuw)
        except Exception as fout:  # noqa: BLE001 - reported by the assertion below
            fouten.append(fout)
        finally:
            connection.close()

    draden = [threading.Thread(target=herinner), threading.Thread(target=verschuif)]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join()

    assert fouten == []
    assert Toewijzing.objects.get().herinnerd_op is None
