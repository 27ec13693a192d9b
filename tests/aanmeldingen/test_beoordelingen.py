"""Staff review applications in the admin: one review each, others' only after your own."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from aanmeldingen.enums import Advies
from aanmeldingen.models import Beoordeling, Revisie
from tests.factories import AanmeldingFactory, BeoordelingFactory, medewerker

pytestmark = pytest.mark.django_db

LIJST = reverse("admin:aanmeldingen_aanmelding_changelist")
NIEUW = reverse("admin:aanmeldingen_beoordeling_add")
BEOORDELINGEN = reverse("admin:aanmeldingen_beoordeling_changelist")


def wijzigpagina(aanmelding):
    return reverse("admin:aanmeldingen_aanmelding_change", args=[aanmelding.pk])


def beoordeling_data(aanmelding, **velden) -> dict:
    data = {
        "aanmelding": aanmelding.pk,
        "score_coalitie": "5",
        "score_opgave": "4",
        "score_vooravond": "3",
        "score_leervraag": "4",
        "score_netwerk": "4",
        "advies": Advies.SELECTEREN,
        "motivatie": "Sterke coalitie met een heldere leervraag.",
    }
    data.update(velden)
    return data


def rij(response, aanmelding):
    return next(r for r in response.context["cl"].result_list if r.pk == aanmelding.pk)


def test_reviewer_writes_a_review_that_is_theirs(client):
    beoordelaar = medewerker("beoordelaar")
    client.force_login(beoordelaar)
    aanmelding = AanmeldingFactory()

    response = client.post(NIEUW, beoordeling_data(aanmelding))

    assert response.status_code == 302
    beoordeling = Beoordeling.objects.get()
    assert (beoordeling.aanmelding, beoordeling.beoordelaar, beoordeling.gemiddelde) == (
        aanmelding,
        beoordelaar,
        4.0,
    )


def test_a_second_review_of_the_same_application_is_refused_with_a_message(client):
    beoordelaar = medewerker("beoordelaar")
    client.force_login(beoordelaar)
    aanmelding = AanmeldingFactory()
    BeoordelingFactory(aanmelding=aanmelding, beoordelaar=beoordelaar)

    response = client.post(NIEUW, beoordeling_data(aanmelding))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "aanmelding": ["Selecteer een geldige keuze. Deze keuze is niet beschikbaar."]
    }
    assert Beoordeling.objects.count() == 1


def test_the_add_form_offers_only_applications_not_yet_reviewed_by_you(client):
    beoordelaar = medewerker("beoordelaar")
    client.force_login(beoordelaar)
    gedaan = AanmeldingFactory(wijknaam="Gedaan")
    open_ = AanmeldingFactory(wijknaam="Nog te doen")
    AanmeldingFactory(wijknaam="Concept", concept=True)
    BeoordelingFactory(aanmelding=gedaan, beoordelaar=beoordelaar)

    response = client.get(NIEUW)

    keuzes = list(response.context["adminform"].form.fields["aanmelding"].queryset)
    assert keuzes == [open_]


def test_others_reviews_stay_hidden_until_you_wrote_your_own(client):
    aanmelding = AanmeldingFactory()
    ander = BeoordelingFactory(aanmelding=aanmelding, motivatie="Geheime motivatie")
    beoordelaar = medewerker("beoordelaar")
    client.force_login(beoordelaar)

    lijst = client.get(LIJST)
    pagina = client.get(wijzigpagina(aanmelding))
    eigen_lijst = client.get(BEOORDELINGEN)
    andermans = client.get(reverse("admin:aanmeldingen_beoordeling_change", args=[ander.pk]))

    assert (rij(lijst, aanmelding).aantal_beoordelingen, "na uw beoordeling") == (
        1,
        "na uw beoordeling",
    )
    assert "na uw beoordeling" in lijst.text
    assert "Geheime motivatie" not in pagina.text
    assert "Beoordeling schrijven" in pagina.text
    assert list(eigen_lijst.context["cl"].result_list) == []
    assert andermans.status_code == 302

    client.post(NIEUW, beoordeling_data(aanmelding))

    assert "Geheime motivatie" in client.get(wijzigpagina(aanmelding)).text
    assert "Uw beoordeling bekijken of aanpassen" in client.get(wijzigpagina(aanmelding)).text
    assert rij(client.get(LIJST), aanmelding).beoordelingen_zichtbaar is True


def test_the_coordinator_reads_every_review(client):
    aanmelding = AanmeldingFactory()
    BeoordelingFactory(aanmelding=aanmelding, motivatie="Geheime motivatie")
    client.force_login(medewerker("coördinator"))

    assert "Geheime motivatie" in client.get(wijzigpagina(aanmelding)).text
    assert "3,0" in client.get(LIJST).text


def test_nobody_changes_someone_elses_review(client):
    aanmelding = AanmeldingFactory()
    ander = BeoordelingFactory(aanmelding=aanmelding, advies=Advies.AFWIJZEN)
    coordinator = medewerker("coördinator")
    BeoordelingFactory(aanmelding=aanmelding, beoordelaar=coordinator)
    client.force_login(coordinator)

    response = client.post(
        reverse("admin:aanmeldingen_beoordeling_change", args=[ander.pk]),
        beoordeling_data(aanmelding, advies=Advies.SELECTEREN),
    )

    assert response.status_code == 403
    ander.refresh_from_db()
    assert ander.advies == Advies.AFWIJZEN


def test_average_and_advice_tally_in_the_list(client):
    coordinator = medewerker("coördinator")
    client.force_login(coordinator)
    aanmelding = AanmeldingFactory()
    zonder = AanmeldingFactory()
    BeoordelingFactory(aanmelding=aanmelding, advies=Advies.SELECTEREN, score_coalitie=5)
    BeoordelingFactory(
        aanmelding=aanmelding,
        advies=Advies.AFWIJZEN,
        score_coalitie=1,
        score_opgave=1,
        score_vooravond=1,
        score_leervraag=1,
        score_netwerk=1,
    )

    response = client.get(LIJST)

    met = rij(response, aanmelding)
    # (5+3+3+3+3)/5 = 3.4 and 1.0: together 2.2.
    assert (met.aantal_beoordelingen, round(met.gemiddelde, 2)) == (2, 2.2)
    assert (met.advies_selecteren, met.advies_reserve, met.advies_afwijzen) == (1, 0, 1)
    assert "1 / 0 / 1" in response.text
    assert "2,2" in response.text
    leeg = rij(response, zonder)
    assert (leeg.aantal_beoordelingen, leeg.gemiddelde) == (0, None)


def test_a_change_after_the_first_review_is_flagged(client):
    client.force_login(medewerker("coördinator"))
    gewijzigd = AanmeldingFactory()
    BeoordelingFactory(aanmelding=gewijzigd)
    Revisie.objects.create(aanmelding=gewijzigd, wijzigingen=[])
    eerder = AanmeldingFactory()
    Revisie.objects.create(aanmelding=eerder, wijzigingen=[])
    BeoordelingFactory(aanmelding=eerder)

    response = client.get(LIJST)

    assert rij(response, gewijzigd).gewijzigd_na_beoordeling is True
    assert rij(response, eerder).gewijzigd_na_beoordeling is False
    assert response.text.count("(na een beoordeling)") == 1


def test_list_query_count_is_the_same_for_1_and_100_reviewed_applications(
    client, django_assert_max_num_queries
):
    beoordelaar = medewerker("beoordelaar")
    client.force_login(beoordelaar)

    def tel() -> int:
        with django_assert_max_num_queries(100) as context:
            assert client.get(LIJST).status_code == 200
        return len(context.captured_queries)

    BeoordelingFactory(beoordelaar=beoordelaar)
    een = tel()
    for _ in range(99):
        BeoordelingFactory(beoordelaar=beoordelaar)
        BeoordelingFactory()
    assert Beoordeling.objects.values("aanmelding").distinct().count() == 199
    assert tel() == een


def test_a_reviewer_cannot_change_an_application_nor_replace_links(client):
    aanmelding = AanmeldingFactory(gemeente="Utrecht")
    client.force_login(medewerker("beoordelaar"))

    wijzigen = client.post(wijzigpagina(aanmelding), {"gemeente": "Elders"})
    lijst = client.get(LIJST)

    assert wijzigen.status_code == 403
    assert "stuur_link" not in lijst.text
    aanmelding.refresh_from_db()
    assert aanmelding.gemeente == "Utrecht"


def test_a_facilitator_reads_applications_but_does_not_review(client):
    aanmelding = AanmeldingFactory()
    client.force_login(medewerker("begeleider"))

    assert client.get(wijzigpagina(aanmelding)).status_code == 200
    assert client.get(NIEUW).status_code == 403
    assert "Beoordeling schrijven" not in client.get(wijzigpagina(aanmelding)).text


def test_review_text_is_escaped(client):
    aanmelding = AanmeldingFactory()
    BeoordelingFactory(aanmelding=aanmelding, motivatie="<script>alert(1)</script>")
    client.force_login(medewerker("coördinator"))

    response = client.get(wijzigpagina(aanmelding))

    assert "<script>alert(1)</script>" not in response.text
    assert escape("<script>alert(1)</script>") in response.text


def test_sorting_or_filtering_on_scores_reveals_nothing_before_your_own_review(client):
    hoog = AanmeldingFactory(wijknaam="Hoog")
    BeoordelingFactory(aanmelding=hoog, score_coalitie=5, score_opgave=5, score_vooravond=5,
                       score_leervraag=5, score_netwerk=5, advies=Advies.SELECTEREN)  # fmt: skip
    laag = AanmeldingFactory(wijknaam="Laag")
    BeoordelingFactory(aanmelding=laag, score_coalitie=1, score_opgave=1, score_vooravond=1,
                       score_leervraag=1, score_netwerk=1, advies=Advies.AFWIJZEN)  # fmt: skip
    client.force_login(medewerker("beoordelaar"))

    gefilterd = client.get(LIJST, {"gemiddelde__gte": "4"})
    rijen = client.get(LIJST).context["cl"].result_list

    assert [(r.gemiddelde, r.advies_selecteren, r.advies_afwijzen) for r in rijen] == [
        (None, None, None),
        (None, None, None),
    ]
    assert (gefilterd.status_code, list(gefilterd.context["cl"].result_list)) == (200, [])
