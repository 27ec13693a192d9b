import pytest
from django.urls import reverse

from aanmeldingen.enums import Domein
from tests.factories import AanmeldingFactory, CoalitielidFactory, OproepFactory, StaffFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:aanmeldingen_aanmelding_changelist")


@pytest.fixture
def staff_client(client):
    client.force_login(StaffFactory())
    return client


def _queries_for_changelist(client, django_assert_max_num_queries) -> int:
    with django_assert_max_num_queries(100) as context:
        response = client.get(CHANGELIST)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_changelist_query_count_is_the_same_for_1_and_50_rows(
    staff_client, django_assert_max_num_queries
):
    oproep = OproepFactory()
    AanmeldingFactory(oproep=oproep)
    een = _queries_for_changelist(staff_client, django_assert_max_num_queries)

    AanmeldingFactory.create_batch(49, oproep=oproep)
    vijftig = _queries_for_changelist(staff_client, django_assert_max_num_queries)

    assert een == vijftig


def test_changelist_shows_member_count_and_domains(staff_client):
    aanmelding = AanmeldingFactory(wijknaam="Lombok")
    CoalitielidFactory(aanmelding=aanmelding, domein=Domein.SOCIAAL)

    response = staff_client.get(CHANGELIST)

    rij = response.context["cl"].result_list[0]
    assert (rij.wijknaam, rij.aantal_leden, rij.aantal_fysiek, rij.aantal_sociaal) == (
        "Lombok",
        4,
        2,
        2,
    )
    assert "fysiek 2, sociaal 2" in response.text


def test_search_on_member_name_finds_the_application_once_with_true_counts(staff_client):
    aanmelding = AanmeldingFactory(wijknaam="Transvaal")
    CoalitielidFactory(aanmelding=aanmelding, naam="Jansen A")
    CoalitielidFactory(aanmelding=aanmelding, naam="Jansen B")
    AanmeldingFactory(wijknaam="Elders")

    response = staff_client.get(CHANGELIST, {"q": "Jansen"})

    rijen = list(response.context["cl"].result_list)
    assert [(rij.wijknaam, rij.aantal_leden) for rij in rijen] == [("Transvaal", 5)]


def test_change_page_shows_members_and_history(staff_client):
    aanmelding = AanmeldingFactory()

    response = staff_client.get(
        reverse("admin:aanmeldingen_aanmelding_change", args=[aanmelding.pk])
    )

    assert response.status_code == 200
    assert aanmelding.leden.first().naam in response.text
    assert "geschiedenis van de status" in response.text.lower()


def test_changelist_is_closed_to_anonymous_visitors(client):
    response = client.get(CHANGELIST)

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
