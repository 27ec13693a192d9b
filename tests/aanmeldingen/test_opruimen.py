from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from aanmeldingen.enums import Status
from aanmeldingen.models import Aanmelding, Coalitielid, Statuswijziging
from aanmeldingen.services import trek_in
from tests.factories import AanmeldingFactory, OproepFactory

pytestmark = pytest.mark.django_db


def test_withdrawn_applications_are_deleted_within_three_months_of_withdrawal(capsys):
    nu = timezone.now()
    oud = AanmeldingFactory(wijknaam="Oud")
    recent = AanmeldingFactory(wijknaam="Recent")
    with time_machine.travel(nu - timedelta(days=86)):
        trek_in(aanmelding=oud)
    with time_machine.travel(nu - timedelta(days=84)):
        trek_in(aanmelding=recent)
    blijft = AanmeldingFactory(wijknaam="Ingediend")

    call_command("ruim_aanmeldingen_op")

    assert sorted(Aanmelding.objects.values_list("wijknaam", flat=True)) == [
        "Ingediend",
        "Recent",
    ]
    assert Coalitielid.objects.filter(aanmelding_id=oud.pk).count() == 0
    assert Statuswijziging.objects.filter(aanmelding_id=oud.pk).count() == 0
    assert blijft.leden.count() == 3
    assert "Verwijderd: 1 ingetrokken aanmelding(en), 0 concept(en)." in capsys.readouterr().out


def test_concepts_are_deleted_within_three_months_of_their_call_closing():
    nu = timezone.now()
    lang_gesloten = OproepFactory(deadline=nu - timedelta(days=86))
    net_gesloten = OproepFactory(deadline=nu - timedelta(days=84))
    AanmeldingFactory(oproep=lang_gesloten, concept=True, wijknaam="Weg")
    AanmeldingFactory(oproep=net_gesloten, concept=True, wijknaam="Concept blijft")
    AanmeldingFactory(oproep=lang_gesloten, wijknaam="Ingediend blijft")

    call_command("ruim_aanmeldingen_op")

    assert sorted(Aanmelding.objects.values_list("wijknaam", "status")) == [
        ("Concept blijft", Status.CONCEPT),
        ("Ingediend blijft", Status.INGEDIEND),
    ]
