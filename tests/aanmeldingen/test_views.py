import pytest
from django.urls import reverse

from tests.factories import OproepFactory, StaffFactory

pytestmark = pytest.mark.django_db


def test_home_lists_open_published_calls_and_closed_ones_apart(client):
    OproepFactory(titel="Open oproep")
    OproepFactory(titel="Verlopen oproep", gesloten=True)
    OproepFactory(titel="Geheime oproep", ongepubliceerd=True)

    response = client.get(reverse("aanmeldingen:home"))

    assert response.status_code == 200
    assert [o.titel for o in response.context["open_oproepen"]] == ["Open oproep"]
    assert [o.titel for o in response.context["gesloten_oproepen"]] == ["Verlopen oproep"]
    assert "Geheime oproep" not in response.text


def test_home_without_calls_says_so(client):
    response = client.get(reverse("aanmeldingen:home"))

    assert "Er staat op dit moment geen oproep open." in response.text


def test_home_shows_unpublished_calls_to_staff_with_a_warning(client):
    OproepFactory(titel="Concept-oproep", ongepubliceerd=True)
    client.force_login(StaffFactory(beheer=True))

    response = client.get(reverse("aanmeldingen:home"))

    assert [o.titel for o in response.context["open_oproepen"]] == ["Concept-oproep"]
    assert "Nog niet gepubliceerd" in response.text


@pytest.mark.parametrize("aantal", [1, 50])
def test_home_query_count_does_not_grow_with_calls(client, django_assert_num_queries, aantal):
    OproepFactory.create_batch(aantal)

    with django_assert_num_queries(1):
        response = client.get(reverse("aanmeldingen:home"))

    assert len(response.context["open_oproepen"]) == aantal


def test_call_page_shows_deadline_questions_commitment_and_action(client):
    oproep = OproepFactory(
        titel="Leernetwerk 2027",
        deadline="2027-01-15T11:00:00+00:00",
        gevraagde_inzet="Twee **landelijke** bijeenkomsten.",
    )

    response = client.get(oproep.get_absolute_url())

    assert response.status_code == 200
    assert "Aanmelden kan tot en met vrijdag 15 januari 2027 om 12:00 uur." in response.text
    assert "Randvoorwaarden:</strong> Wat is er nodig om daar te komen" in response.text
    assert "Twee <strong>landelijke</strong> bijeenkomsten." in response.text
    assert f'href="{reverse("aanmeldingen:aanmelden", args=[oproep.slug])}"' in response.text


def test_closed_call_page_has_no_application_button(client):
    oproep = OproepFactory(gesloten=True)

    response = client.get(oproep.get_absolute_url())

    assert "De aanmelding is gesloten sinds" in response.text
    assert reverse("aanmeldingen:aanmelden", args=[oproep.slug]) not in response.text


def test_unpublished_call_answers_404_to_visitors(client):
    oproep = OproepFactory(ongepubliceerd=True)

    response = client.get(oproep.get_absolute_url())

    assert response.status_code == 404
    assert "Deze pagina bestaat niet (meer)" in response.text


def test_unpublished_call_is_visible_to_staff(client):
    oproep = OproepFactory(ongepubliceerd=True)
    client.force_login(StaffFactory(beheer=True))

    response = client.get(oproep.get_absolute_url())

    assert response.status_code == 200
    assert "Deze oproep is nog niet gepubliceerd." in response.text


def test_call_introduction_markdown_is_sanitised(client):
    oproep = OproepFactory(inleiding="Hallo <script>alert(1)</script> [klik](javascript:alert(1))")

    response = client.get(oproep.get_absolute_url())

    assert "<script>alert(1)</script>" not in response.text
    assert "javascript:" not in response.text
