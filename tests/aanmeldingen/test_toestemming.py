"""Consent to the privacy statement: asked unticked and recorded at every save."""

import pytest
from django.urls import reverse

from aanmeldingen.enums import Status
from aanmeldingen.models import Aanmelding, Revisie, Toestemming
from netwerk.rechten import Rol
from tests.aanmeldingen.test_aanvrager import bewerk_data, concept_data, wijzig
from tests.conftest import wachtende_mails
from tests.factories import AanmeldingFactory, StaffFactory, aanmeld_data, geef_link, link_uit_mail

pytestmark = pytest.mark.django_db

FOUT = "Geef toestemming om de aanmelding te kunnen verwerken."


def _vinkje(html: str) -> str:
    """The consent box's own <input ...> tag."""
    return html.split('name="privacy_akkoord"')[1].split(">")[0]


def _toestemmingen(aanmelding: Aanmelding) -> list[tuple[str, str]]:
    return list(aanmelding.toestemmingen.values_list("versie", "moment"))


@pytest.mark.parametrize("status", [Status.CONCEPT, Status.INGEDIEND])
def test_edit_form_asks_for_consent_with_the_box_unticked(client, status):
    aanmelding = AanmeldingFactory(status=status)
    link = geef_link(aanmelding)

    response = client.get(wijzig(link))

    assert response.status_code == 200
    assert response.context["form"]["privacy_akkoord"].value() in (None, False)
    assert "checked" not in _vinkje(response.text)


def _zoals_getoond(response) -> dict:
    """What a browser sends back from the form as the page showed it: a box counts only
    when it was ticked."""
    data = {}
    formset = response.context["formset"]
    for form in [response.context["form"], *formset.forms, formset.management_form]:
        for veld in form:
            waarde = veld.value()
            if isinstance(waarde, bool) or waarde is None:
                if waarde:
                    data[veld.html_name] = "on"
            else:
                data[veld.html_name] = str(waarde)
    return data


def test_change_without_consent_shows_the_error_at_the_box_and_saves_nothing(client):
    aanmelding = AanmeldingFactory(wijknaam="Oud-Zuid")
    link = geef_link(aanmelding)
    versie, akkoord_op = aanmelding.versie, aanmelding.privacy_akkoord_op
    # The applicant changes one answer in the form as it opened, and sends it.
    data = _zoals_getoond(client.get(wijzig(link))) | {"wijknaam": "Nieuw-Zuid"}

    response = client.post(wijzig(link), {**data, "actie": "opslaan"})

    assert response.status_code == 422
    assert response.context["form"].errors["privacy_akkoord"] == [FOUT]
    # Next to the box: the message follows the input in the page, linked to it.
    na_het_vakje = response.text.split('name="privacy_akkoord"')[1]
    assert FOUT in na_het_vakje.split("</div>")[0] + na_het_vakje.split("</div>")[1]
    assert 'aria-invalid="true"' in _vinkje(response.text)
    assert (FOUT, "#id_privacy_akkoord") in [
        (fout.tekst, fout.anker) for fout in response.context["fouten"]
    ]
    aanmelding.refresh_from_db()
    assert (aanmelding.wijknaam, aanmelding.versie, aanmelding.privacy_akkoord_op) == (
        "Oud-Zuid",
        versie,
        akkoord_op,
    )
    assert Revisie.objects.count() == 0
    assert Toestemming.objects.count() == 0
    assert wachtende_mails() == []


def test_concept_saved_without_consent_is_refused_too(client, url):
    data = concept_data()
    del data["privacy_akkoord"]

    response = client.post(url, data)

    assert response.status_code == 422
    assert response.context["form"].errors["privacy_akkoord"] == [FOUT]
    assert Aanmelding.objects.count() == Toestemming.objects.count() == 0


def test_every_save_records_a_consent_with_the_version_of_that_moment(client, url, settings):
    settings.PRIVACYVERKLARING_VERSIE = "v1"
    client.post(url, concept_data())
    aanmelding = Aanmelding.objects.get()
    link = link_uit_mail(wachtende_mails()[0])
    assert _toestemmingen(aanmelding) == [("v1", "concept")]

    settings.PRIVACYVERKLARING_VERSIE = "v2"
    client.post(wijzig(link), bewerk_data(aanmelding, actie="concept"))
    assert _toestemmingen(aanmelding) == [("v1", "concept"), ("v2", "concept")]

    aanmelding.refresh_from_db()
    settings.PRIVACYVERKLARING_VERSIE = "v3"
    response = client.post(
        wijzig(link), aanmeld_data(versie=str(aanmelding.versie), actie="indienen")
    )
    assert response.status_code == 302
    aanmelding.refresh_from_db()
    assert aanmelding.status == Status.INGEDIEND

    settings.PRIVACYVERKLARING_VERSIE = "v4"
    client.post(wijzig(link), bewerk_data(aanmelding, wijknaam="Anders", actie="opslaan"))
    # Saved again without a change: that too is a save with the box ticked.
    aanmelding.refresh_from_db()
    client.post(wijzig(link), bewerk_data(aanmelding, actie="opslaan"))

    assert _toestemmingen(aanmelding) == [
        ("v1", "concept"),
        ("v2", "concept"),
        ("v3", "indienen"),
        ("v4", "wijziging"),
        ("v4", "wijziging"),
    ]
    aanmelding.refresh_from_db()
    laatste = aanmelding.toestemmingen.last()
    assert aanmelding.privacyverklaring_versie == "v4"
    assert aanmelding.privacy_akkoord_op == laatste.tijdstip


def test_submission_from_the_public_form_records_its_consent(client, url, settings):
    settings.PRIVACYVERKLARING_VERSIE = "v9"

    client.post(url, aanmeld_data())

    aanmelding = Aanmelding.objects.get()
    assert _toestemmingen(aanmelding) == [("v9", "indienen")]
    assert aanmelding.privacyverklaring_versie == "v9"


def test_the_same_browser_sending_the_public_form_again_records_another_consent(client, url):
    data = concept_data()
    client.post(url, data)

    client.post(url, {**data, "wijknaam": "Lombok"})

    assert list(Toestemming.objects.values_list("moment", flat=True)) == ["concept", "concept"]


def test_staff_read_the_consents_on_the_application_without_changing_them(client):
    aanmelding = AanmeldingFactory()
    Toestemming.objects.create(aanmelding=aanmelding, versie="2026-06-01", moment="indienen")
    client.force_login(StaffFactory(rol=Rol.BEOORDELAAR))

    response = client.get(reverse("admin:aanmeldingen_aanmelding_change", args=[aanmelding.pk]))

    assert response.status_code == 200
    assert "Toestemmingen met de privacyverklaring" in response.text
    assert "2026-06-01" in response.text
    assert 'name="toestemmingen-0-versie"' not in response.text
