"""The staff pages next to the lists: reading an application, comparing, exporting."""

import csv
import io

import pytest
from django.urls import reverse

from aanmeldingen.enums import Advies, Provincie, Wijktype
from tests.factories import AanmeldingFactory, BeoordelingFactory, CoalitielidFactory, medewerker

pytestmark = pytest.mark.django_db

LIJST = reverse("admin:aanmeldingen_aanmelding_changelist")


def lezen(aanmelding) -> str:
    return reverse("admin:aanmeldingen_aanmelding_lezen", args=[aanmelding.pk])


def actie(client, naam, aanmeldingen):
    return client.post(LIJST, {"action": naam, "_selected_action": [a.pk for a in aanmeldingen]})


def csv_rijen(response) -> list[dict]:
    tekst = response.content.decode("utf-8")
    assert tekst.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(tekst[1:]), delimiter=";"))


def test_the_read_page_shows_the_whole_application_members_reviews_and_history(client):
    aanmelding = AanmeldingFactory(wijknaam="Lombok", aanpak="Eerst de pleinen.")
    BeoordelingFactory(aanmelding=aanmelding, motivatie="Overtuigend.")
    client.force_login(medewerker("coördinator"))

    response = client.get(lezen(aanmelding))

    assert response.status_code == 200
    assert "Eerst de pleinen." in response.text
    assert aanmelding.contactpersoon.email in response.text
    assert "Overtuigend." in response.text
    assert "Geschiedenis" in response.text


def test_the_read_page_keeps_other_reviews_hidden_until_you_reviewed(client):
    aanmelding = AanmeldingFactory()
    BeoordelingFactory(aanmelding=aanmelding, motivatie="Overtuigend.")
    client.force_login(medewerker("beoordelaar"))

    response = client.get(lezen(aanmelding))

    assert "Overtuigend." not in response.text
    assert "nadat u zelf een beoordeling hebt geschreven" in response.text
    assert "Beoordeling schrijven" in response.text


def test_the_read_page_is_staff_only_and_unknown_ids_answer_404(client):
    aanmelding = AanmeldingFactory()

    anoniem = client.get(lezen(aanmelding))
    client.force_login(medewerker("begeleider"))
    onbekend = client.get(reverse("admin:aanmeldingen_aanmelding_lezen", args=[999999]))

    assert anoniem.status_code == 302
    assert onbekend.status_code == 404


def test_compare_puts_applications_side_by_side_with_scores_per_criterion(client):
    noord = AanmeldingFactory(wijknaam="Noord", provincie=Provincie.GRONINGEN,
                              wijktype=Wijktype.NAOORLOGS)  # fmt: skip
    zuid = AanmeldingFactory(wijknaam="Zuid", provincie=Provincie.LIMBURG)
    BeoordelingFactory(aanmelding=noord, score_coalitie=5, advies=Advies.SELECTEREN)
    BeoordelingFactory(aanmelding=noord, score_coalitie=4, advies=Advies.RESERVE)
    client.force_login(medewerker("coördinator"))

    response = actie(client, "vergelijk", [noord, zuid])

    assert response.status_code == 200
    assert [a.wijknaam for a in response.context["aanmeldingen"]] == ["Noord", "Zuid"]
    rijen = dict(response.context["scorerijen"])
    assert rijen["Coalitie: samenwerking tussen fysiek en sociaal domein"] == ["4,5", "–"]
    assert rijen["Advies (sel. / res. / afw.)"] == ["1 / 1 / 0", "–"]
    assert "Naoorlogse wijk" in response.text
    assert "nog niet ingedeeld" in response.text


def test_compare_hides_scores_from_a_reviewer_who_did_not_review_yet(client):
    aanmelding = AanmeldingFactory()
    BeoordelingFactory(aanmelding=aanmelding)
    client.force_login(medewerker("beoordelaar"))

    response = actie(client, "vergelijk", [aanmelding])

    assert dict(response.context["scorerijen"])["Gemiddeld"] == ["na uw beoordeling"]


def test_compare_query_count_is_the_same_for_1_and_100_applications(
    client, django_assert_max_num_queries
):
    client.force_login(medewerker("coördinator"))

    def tel(aanmeldingen) -> int:
        with django_assert_max_num_queries(100) as context:
            assert actie(client, "vergelijk", aanmeldingen).status_code == 200
        return len(context.captured_queries)

    een = tel([BeoordelingFactory().aanmelding])
    honderd = [BeoordelingFactory().aanmelding for _ in range(100)]
    assert tel(honderd) == een


def test_csv_export_has_the_columns_members_reviews_and_opens_in_excel(client):
    aanmelding = AanmeldingFactory(wijknaam="Kanaleneiland", gemeente="Utrecht")
    BeoordelingFactory(aanmelding=aanmelding, score_coalitie=5, advies=Advies.SELECTEREN,
                       motivatie="Sterk.")  # fmt: skip
    BeoordelingFactory(aanmelding=aanmelding, advies=Advies.AFWIJZEN)
    client.force_login(medewerker("coördinator"))

    response = actie(client, "exporteer_csv", [aanmelding])

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="aanmeldingen-')
    (rij,) = csv_rijen(response)
    assert (rij["wijknaam"], rij["gemeente"], rij["aantal leden"]) == (
        "Kanaleneiland",
        "Utrecht",
        "3",
    )
    assert rij["lid 1 contact"] == "ja"
    assert rij["lid 1 e-mail"] == aanmelding.contactpersoon.email
    assert rij["lid 4 naam"] == ""
    assert rij["aantal beoordelingen"] == "2"
    assert rij["gemiddeld: Coalitie: samenwerking tussen fysiek en sociaal domein"] == "4,0"
    assert (rij["advies selecteren"], rij["advies afwijzen"]) == ("1", "1")
    assert "Sterk." in rij["beoordelingen"]


@pytest.mark.parametrize("gevaarlijk", ['=HYPERLINK("http://x")', "+31 6", "-2+3", "@SUM(A1)"])
def test_csv_export_never_starts_a_cell_with_a_formula(client, gevaarlijk):
    aanmelding = AanmeldingFactory(wijknaam=gevaarlijk[:100])
    CoalitielidFactory(aanmelding=aanmelding, organisatie=gevaarlijk)
    client.force_login(medewerker("coördinator"))

    (rij,) = csv_rijen(actie(client, "exporteer_csv", [aanmelding]))

    assert rij["wijknaam"] == "'" + gevaarlijk[:100]
    assert rij["lid 4 organisatie"] == "'" + gevaarlijk


def test_csv_export_keeps_accents_intact(client):
    aanmelding = AanmeldingFactory(wijknaam="Poptahof-Zuid", gemeente="Súdwest-Fryslân")
    client.force_login(medewerker("coördinator"))

    (rij,) = csv_rijen(actie(client, "exporteer_csv", [aanmelding]))

    assert rij["gemeente"] == "Súdwest-Fryslân"


@pytest.mark.parametrize("rol", ["beoordelaar", "begeleider"])
def test_only_the_coordinator_exports(client, rol):
    aanmelding = AanmeldingFactory()
    client.force_login(medewerker(rol))

    response = actie(client, "exporteer_csv", [aanmelding])

    assert response.get("Content-Type", "").startswith("text/html")
    assert "exporteer_csv" not in client.get(LIJST).text


def test_the_list_shows_the_organisation_types_of_the_coalition(client):
    aanmelding = AanmeldingFactory()
    CoalitielidFactory(aanmelding=aanmelding, organisatietype="woningcorporatie")
    client.force_login(medewerker("begeleider"))

    response = client.get(LIJST)

    assert "gemeente, woningcorporatie" in response.text


@pytest.mark.parametrize(
    ("keuze", "verwacht"), [("beide", ["Gemengd"]), ("fysiek", ["Alleen fysiek"]), ("sociaal", [])]
)
def test_the_list_filters_on_the_domains_covered(client, keuze, verwacht):
    AanmeldingFactory(wijknaam="Gemengd")
    eenzijdig = AanmeldingFactory(wijknaam="Alleen fysiek")
    eenzijdig.leden.update(domein="fysiek")
    client.force_login(medewerker("begeleider"))

    response = client.get(LIJST, {"domeinen": keuze})

    assert [rij.wijknaam for rij in response.context["cl"].result_list] == verwacht


def test_the_read_page_links_to_the_casuswijk_made_at_sending(client):
    from casuswijken.services import maak_casuswijk

    aanmelding = AanmeldingFactory(wijknaam="Lombok", gemeente="Utrecht", geselecteerd=True)
    casuswijk = maak_casuswijk(aanmelding=aanmelding)
    client.force_login(medewerker("coördinator"))

    response = client.get(lezen(aanmelding))

    assert reverse("admin:casuswijken_casuswijk_change", args=[casuswijk.pk]) in response.text
    assert casuswijk.slug == "lombok-utrecht"
