"""Two coalitions for the same neighbourhood: warn the applicant, flag both for staff."""

import pytest
from django.urls import reverse

from tests.conftest import wachtende_mails
from tests.factories import AanmeldingFactory, OproepFactory, StaffFactory, aanmeld_data, geef_link

pytestmark = pytest.mark.django_db

WAARSCHUWING = "Er is al een aanmelding voor deze wijk"


def test_second_application_for_the_same_wijk_is_warned_without_details(client, oproep):
    eerste = AanmeldingFactory(oproep=oproep, gemeente="Utrecht", wijknaam="Lombok")
    url = reverse("aanmeldingen:aanmelden", kwargs={"slug": oproep.slug})

    response = client.post(url, aanmeld_data(gemeente=" utrecht", wijknaam="LOMBOK"), follow=True)

    assert WAARSCHUWING in response.text
    assert eerste.contactpersoon.naam not in response.text
    assert eerste.contactpersoon.email not in response.text
    bevestiging = wachtende_mails()[0]
    assert eerste.contactpersoon.email not in bevestiging["tekst"]


def test_the_first_applicant_is_warned_on_their_overview_too(client, oproep):
    eerste = AanmeldingFactory(oproep=oproep, cbs_wijkcode="WK034405", wijknaam="Lombok")
    AanmeldingFactory(oproep=oproep, cbs_wijkcode="WK034405", wijknaam="Lombok-Oost")

    response = client.get(geef_link(eerste))

    assert WAARSCHUWING in response.text


@pytest.mark.parametrize(
    "andere",
    [
        {"wijknaam": "Lombok", "gemeente": "Amersfoort"},
        {"wijknaam": "Lombok", "status": "ingetrokken"},
        {"wijknaam": "Lombok", "status": "concept", "ingediend_op": None},
        {"wijknaam": "Lombok", "oproep": None},
    ],
    ids=["andere-gemeente", "ingetrokken", "concept", "andere-oproep"],
)
def test_no_warning_for_what_is_not_a_live_application_for_the_wijk(client, oproep, andere):
    if andere.get("oproep", oproep) is oproep:
        andere = {**andere, "oproep": oproep}
    else:
        andere = {**andere, "oproep": OproepFactory()}
    AanmeldingFactory(gemeente=andere.pop("gemeente", "Utrecht"), **andere)
    eigen = AanmeldingFactory(oproep=oproep, gemeente="Utrecht", wijknaam="Lombok")

    response = client.get(geef_link(eigen))

    assert WAARSCHUWING not in response.text


def test_admin_flags_both_applications_for_one_wijk(client, oproep):
    client.force_login(StaffFactory(beheer=True))
    a = AanmeldingFactory(oproep=oproep, gemeente="Utrecht", wijknaam="Lombok")
    b = AanmeldingFactory(oproep=oproep, gemeente="utrecht", wijknaam="lombok")
    c = AanmeldingFactory(oproep=oproep, cbs_wijkcode="WK034405", wijknaam="Zuilen")
    d = AanmeldingFactory(oproep=oproep, cbs_wijkcode="WK034405", wijknaam="Zuilen-Noord")
    los = AanmeldingFactory(oproep=oproep, wijknaam="Overvecht")

    response = client.get(reverse("admin:aanmeldingen_aanmelding_changelist"))

    vlaggen = {rij.pk: rij.mogelijk_dubbel for rij in response.context["cl"].result_list}
    assert vlaggen == {a.pk: True, b.pk: True, c.pk: True, d.pk: True, los.pk: False}
