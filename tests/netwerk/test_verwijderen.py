"""Deleting a whole in the admin takes the records that go with it: a person with their
answers and reactions, a session with its invitations, an application with its reviews and
decision mails. Records kept as a log are not deleted one by one from their own list."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from aanmeldingen.models import Aanmelding
from casuswijken.models import Bijeenkomst, Reactie, Uitnodiging
from tests.factories import (
    BeoordelingFactory,
    BesluitberichtFactory,
    ReactieFactory,
    StaffFactory,
    UitnodigingFactory,
    medewerker,
)

pytestmark = pytest.mark.django_db


def verwijder(client, model: str, pk: int):
    url = reverse(f"admin:{model}_delete", args=[pk])
    pagina = client.get(url)
    assert pagina.status_code == 200
    assert "geen rechten" not in pagina.text
    return client.post(url, {"post": "yes"})


def test_beheer_deletes_a_person_with_their_answers_and_reactions(client):
    uitnodiging = UitnodigingFactory(antwoord="ja")
    persoon = uitnodiging.gebruiker
    ReactieFactory(bijeenkomst=uitnodiging.bijeenkomst, gebruiker=persoon)
    client.force_login(StaffFactory(beheer=True))

    response = verwijder(client, "auth_user", persoon.pk)

    assert response.status_code == 302
    assert not get_user_model().objects.filter(pk=persoon.pk).exists()
    assert (Uitnodiging.objects.count(), Reactie.objects.count()) == (0, 0)


def test_a_coordinator_deletes_a_session_with_its_invitations(client):
    uitnodiging = UitnodigingFactory(antwoord="nee")
    client.force_login(medewerker("coördinator"))

    response = verwijder(client, "casuswijken_bijeenkomst", uitnodiging.bijeenkomst_id)

    assert response.status_code == 302
    assert (Bijeenkomst.objects.count(), Uitnodiging.objects.count()) == (0, 0)


def test_beheer_deletes_an_application_with_its_reviews_and_decision_mails(client):
    bericht = BesluitberichtFactory()
    BeoordelingFactory(aanmelding=bericht.aanmelding)
    client.force_login(StaffFactory(beheer=True))

    response = verwijder(client, "aanmeldingen_aanmelding", bericht.aanmelding_id)

    assert response.status_code == 302
    assert not Aanmelding.objects.exists()


@pytest.mark.parametrize(
    "lijst",
    [
        "admin:casuswijken_uitnodiging_changelist",
        "admin:aanmeldingen_beoordeling_changelist",
        "admin:aanmeldingen_besluitbericht_changelist",
    ],
)
def test_logged_records_offer_no_bulk_delete_on_their_list(client, lijst):
    client.force_login(StaffFactory(beheer=True))

    response = client.get(reverse(lijst))

    assert "delete_selected" not in response.text
