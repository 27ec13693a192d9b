"""Races that only a real database server shows. They need PostgreSQL and run in CI."""

import threading
import uuid

import pytest
from django.db import connection

from aanmeldingen.models import Aanmelding, Coalitielid
from aanmeldingen.services import dien_aanmelding_in
from tests.aanmeldingen.test_services import GEGEVENS, LEDEN
from tests.conftest import wachtende_mails
from tests.factories import OproepFactory

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
