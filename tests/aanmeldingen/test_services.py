import uuid

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from aanmeldingen.enums import Domein, Status
from aanmeldingen.models import Aanmelding, Coalitielid
from aanmeldingen.services import (
    OngeldigeOvergang,
    OproepGesloten,
    dien_aanmelding_in,
    wijzig_status,
)
from tests.conftest import wachtende_mails, werk_wachtrij_af
from tests.factories import AanmeldingFactory, CoalitielidFactory, OproepFactory, StaffFactory

pytestmark = pytest.mark.django_db

GEGEVENS = {
    "wijknaam": "Overvecht",
    "gemeente": "Utrecht",
    "provincie": "utrecht",
    "cbs_wijkcode": "",
    "wijkbeschrijving": "b",
    "aanpak": "a",
    "leervraag_verwachtingen": "v",
    "leervraag_opbrengsten": "o",
    "leervraag_randvoorwaarden": "r",
    "leervraag_interventies": "i",
    "bestaande_interventies": "Huiskamer & moestuin",
}


def _lid(nummer, domein=Domein.FYSIEK, contact=False):
    return {
        "naam": f"Lid {nummer}",
        "organisatie": "Org",
        "organisatietype": "gemeente",
        "domein": domein,
        "functie": "Adviseur",
        "email": f"lid{nummer}@voorbeeld.nl",
        "is_contactpersoon": contact,
    }


LEDEN = [_lid(1, contact=True), _lid(2), _lid(3, Domein.SOCIAAL)]


def test_submit_twice_with_the_same_key_returns_the_first_application():
    oproep = OproepFactory()
    sleutel = uuid.uuid4()

    eerste, eerste_nieuw = dien_aanmelding_in(
        oproep=oproep, gegevens=GEGEVENS, leden=LEDEN, indieningssleutel=sleutel
    )
    tweede, tweede_nieuw = dien_aanmelding_in(
        oproep=oproep, gegevens=GEGEVENS, leden=LEDEN, indieningssleutel=sleutel
    )

    assert (eerste_nieuw, tweede_nieuw) == (True, False)
    assert tweede == eerste
    assert Aanmelding.objects.count() == 1
    assert len(wachtende_mails()) == 3


def test_submit_after_deadline_raises_and_writes_nothing():
    oproep = OproepFactory(gesloten=True)

    with pytest.raises(OproepGesloten):
        dien_aanmelding_in(
            oproep=oproep, gegevens=GEGEVENS, leden=LEDEN, indieningssleutel=uuid.uuid4()
        )

    assert Aanmelding.objects.count() == 0


def test_service_refuses_a_coalition_that_breaks_the_rules_whatever_the_caller():
    oproep = OproepFactory()

    with pytest.raises(ValidationError) as fout:
        dien_aanmelding_in(
            oproep=oproep,
            gegevens=GEGEVENS,
            leden=[_lid(1, contact=True), _lid(2)],
            indieningssleutel=uuid.uuid4(),
        )

    assert [e.code for e in fout.value.error_list] == ["aantal_leden", "domeinen"]
    assert Aanmelding.objects.count() == 0


def test_status_change_writes_history_with_who_and_why():
    aanmelding = AanmeldingFactory()
    medewerker = StaffFactory(beheer=True)

    wijziging = wijzig_status(
        aanmelding=aanmelding,
        naar=Status.IN_BEHANDELING,
        door=medewerker,
        toelichting="Start beoordeling",
    )

    aanmelding.refresh_from_db()
    assert aanmelding.status == Status.IN_BEHANDELING
    assert (wijziging.van, wijziging.naar, wijziging.door, wijziging.toelichting) == (
        Status.INGEDIEND,
        Status.IN_BEHANDELING,
        medewerker,
        "Start beoordeling",
    )


@pytest.mark.parametrize(
    ("van", "naar"),
    [
        ("concept", Status.GESELECTEERD),
        ("geselecteerd", Status.INGEDIEND),
        ("ingetrokken", Status.INGEDIEND),
        ("afgewezen", Status.INGEDIEND),
        ("in_behandeling", Status.CONCEPT),
    ],
)
def test_status_change_that_is_not_allowed_raises_and_changes_nothing(van, naar):
    aanmelding = AanmeldingFactory(**{van: True})

    with pytest.raises(OngeldigeOvergang):
        wijzig_status(aanmelding=aanmelding, naar=naar)

    aanmelding.refresh_from_db()
    assert aanmelding.status == van
    assert aanmelding.statuswijzigingen.count() == 0


def test_status_change_judges_the_stored_status_not_a_stale_copy():
    aanmelding = AanmeldingFactory()
    eerste_kopie = Aanmelding.objects.get(pk=aanmelding.pk)
    tweede_kopie = Aanmelding.objects.get(pk=aanmelding.pk)
    wijzig_status(aanmelding=eerste_kopie, naar=Status.INGETROKKEN)

    with pytest.raises(OngeldigeOvergang):
        wijzig_status(aanmelding=tweede_kopie, naar=Status.INGETROKKEN)

    assert list(aanmelding.statuswijzigingen.values_list("naar", flat=True)) == [Status.INGETROKKEN]
    assert len(wachtende_mails()) == 1


def test_database_refuses_two_contact_persons():
    aanmelding = AanmeldingFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        CoalitielidFactory(aanmelding=aanmelding, is_contactpersoon=True)


def test_database_refuses_the_same_email_twice_in_one_coalition_whatever_the_case():
    aanmelding = AanmeldingFactory()
    bestaand = aanmelding.leden.first().email

    with pytest.raises(IntegrityError), transaction.atomic():
        CoalitielidFactory(aanmelding=aanmelding, email=bestaand.upper())


def test_the_same_email_may_appear_in_two_applications():
    eerste = AanmeldingFactory()
    tweede = AanmeldingFactory()

    CoalitielidFactory(aanmelding=tweede, email=eerste.leden.first().email)

    assert Coalitielid.objects.count() == 7


@pytest.mark.django_db(transaction=True)
def test_queued_mails_are_delivered_by_the_worker(mailoutbox):
    oproep = OproepFactory()
    dien_aanmelding_in(
        oproep=oproep, gegevens=GEGEVENS, leden=LEDEN, indieningssleutel=uuid.uuid4()
    )

    werk_wachtrij_af()

    assert [(mail.to, mail.subject) for mail in mailoutbox] == [
        (["lid1@voorbeeld.nl"], "Aanmelding ontvangen: Overvecht (Utrecht)"),
        (["lid2@voorbeeld.nl"], "U staat in een aanmelding voor het leernetwerk Gemengde Wijk"),
        (["lid3@voorbeeld.nl"], "U staat in een aanmelding voor het leernetwerk Gemengde Wijk"),
    ]
    assert mailoutbox[0].reply_to == ["leernetwerk@platform31.nl"]
    assert "Lid 1 (contactpersoon)" in mailoutbox[0].body
    assert "Huiskamer & moestuin" in mailoutbox[0].body
    assert wachtende_mails() == []


@pytest.mark.django_db(transaction=True)
def test_no_mail_is_queued_when_the_submission_rolls_back(mailoutbox):
    oproep = OproepFactory()

    def indienen_en_dan_mislukken():
        with transaction.atomic():
            dien_aanmelding_in(
                oproep=oproep, gegevens=GEGEVENS, leden=LEDEN, indieningssleutel=uuid.uuid4()
            )
            raise RuntimeError("afgebroken")

    with pytest.raises(RuntimeError):
        indienen_en_dan_mislukken()
    werk_wachtrij_af()

    assert Aanmelding.objects.count() == 0
    assert mailoutbox == []
