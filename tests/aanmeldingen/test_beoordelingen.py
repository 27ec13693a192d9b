"""Staff review applications in the admin: one review each, others' only after your own."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from aanmeldingen.enums import Advies, Status
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
        "aanmelding": [
            "U hebt deze aanmelding al beoordeeld. Pas uw eerdere beoordeling aan in plaats "
            "van een tweede te schrijven."
        ]
    }
    assert Beoordeling.objects.count() == 1


def test_the_add_form_offers_only_applications_under_review_not_yet_reviewed_by_you(client):
    beoordelaar = medewerker("beoordelaar")
    client.force_login(beoordelaar)
    gedaan = AanmeldingFactory(wijknaam="Gedaan")
    in_behandeling = AanmeldingFactory(wijknaam="In behandeling", in_behandeling=True)
    open_ = AanmeldingFactory(wijknaam="Nog te doen")
    AanmeldingFactory(wijknaam="Concept", concept=True)
    AanmeldingFactory(wijknaam="Ingetrokken", ingetrokken=True)
    AanmeldingFactory(wijknaam="Besloten", afgewezen=True, besluit_verzonden_op=timezone.now())
    BeoordelingFactory(aanmelding=gedaan, beoordelaar=beoordelaar)

    response = client.get(NIEUW)

    keuzes = [keuze for _, keuze in response.context["adminform"].form.fields["aanmelding"].choices]
    assert keuzes == ["---------", str(open_), str(in_behandeling)]


@pytest.mark.parametrize(
    ("status", "melding"),
    [
        ({"ingetrokken": True}, "Deze aanmelding is ingetrokken en wordt niet meer beoordeeld."),
        (
            {"afgewezen": True, "besluit_verzonden_op": timezone.now()},
            "Over deze aanmelding is al besloten; ze wordt niet meer beoordeeld.",
        ),
        ({"concept": True}, "Deze aanmelding is nog niet ingediend."),
    ],
)
def test_a_review_of_an_application_not_under_review_is_refused_at_the_field(
    client, status, melding
):
    client.force_login(medewerker("beoordelaar"))
    aanmelding = AanmeldingFactory(**status)

    response = client.post(NIEUW, beoordeling_data(aanmelding))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {"aanmelding": [melding]}
    assert Beoordeling.objects.count() == 0


def test_your_own_review_of_a_withdrawn_application_cannot_be_changed(client):
    beoordelaar = medewerker("beoordelaar")
    client.force_login(beoordelaar)
    aanmelding = AanmeldingFactory()
    eigen = BeoordelingFactory(aanmelding=aanmelding, beoordelaar=beoordelaar)
    aanmelding.status = Status.INGETROKKEN
    aanmelding.save()

    response = client.post(
        reverse("admin:aanmeldingen_beoordeling_change", args=[eigen.pk]),
        beoordeling_data(aanmelding, advies=Advies.SELECTEREN),
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors() == [
        "Deze aanmelding is ingetrokken; uw beoordeling verandert niet meer."
    ]
    eigen.refresh_from_db()
    assert eigen.advies == Advies.RESERVE


def test_a_withdrawn_application_shows_no_average_nor_advice_anywhere(client):
    client.force_login(medewerker("coördinator"))
    ingetrokken = AanmeldingFactory(wijknaam="Ingetrokken")
    BeoordelingFactory(aanmelding=ingetrokken, advies=Advies.SELECTEREN)
    ingetrokken.status = Status.INGETROKKEN
    ingetrokken.save()
    lopend = AanmeldingFactory(wijknaam="Lopend")
    BeoordelingFactory(aanmelding=lopend, advies=Advies.SELECTEREN)
    selectie = {"_selected_action": [ingetrokken.pk, lopend.pk]}

    lijst = client.get(LIJST, {"status": "alle"})
    # Actions work on the rows the list shows, so on those of its filters.
    vergelijken = client.post(f"{LIJST}?status=alle", {"action": "vergelijk", **selectie})
    export = client.post(f"{LIJST}?status=alle", {"action": "exporteer_csv", **selectie})

    assert [
        (r.wijknaam, r.gemiddelde, r.advies_selecteren) for r in lijst.context["cl"].result_list
    ] == [
        ("Lopend", 3.0, 1),
        ("Ingetrokken", None, None),
    ]
    assert dict(vergelijken.context["scorerijen"])["Gemiddeld"] == ["ingetrokken", "3,0"]
    rijen = {
        rij["wijknaam"]: (
            rij["aantal beoordelingen"],
            rij["gemiddeld totaal"],
            rij["advies selecteren"],
        )
        for rij in csv.DictReader(io.StringIO(export.content.decode()[1:]), delimiter=";")
    }
    assert rijen == {"Ingetrokken": ("1", "", ""), "Lopend": ("1", "3,0", "1")}


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


def test_the_review_page_shows_the_application_beside_the_scores(client):
    client.force_login(medewerker("beoordelaar"))
    aanmelding = AanmeldingFactory(
        wijknaam="Lombok", aanpak="Eerst de pleinen.", leervraag_interventies="Wat werkt waar?"
    )

    response = client.get(NIEUW, {"aanmelding": aanmelding.pk})

    assert response.context["getoonde_aanmelding"] == aanmelding
    assert response.context["adminform"].form.initial["aanmelding"] == aanmelding.pk
    assert '<section class="beoordelen-aanmelding lezen"' in response.text
    for tekst in ["Lombok (Utrecht)", "Eerst de pleinen.", "Wat werkt waar?"]:
        assert escape(tekst) in response.text
    assert escape(aanmelding.leden.first().naam) in response.text


def test_the_review_page_without_a_choice_shows_the_next_application_to_review(client):
    beoordelaar = medewerker("beoordelaar")
    client.force_login(beoordelaar)
    BeoordelingFactory(beoordelaar=beoordelaar)
    volgende = AanmeldingFactory()

    response = client.get(NIEUW)

    assert response.context["getoonde_aanmelding"] == volgende


def test_the_score_and_advice_choices_have_no_empty_option(client):
    client.force_login(medewerker("beoordelaar"))

    formulier = client.get(NIEUW, {"aanmelding": AanmeldingFactory().pk}).context["adminform"].form

    assert [list(formulier.fields[veld].choices) for veld in ["score_coalitie", "advies"]] == [
        [(1, "1"), (2, "2"), (3, "3"), (4, "4"), (5, "5")],
        [("selecteren", "Selecteren"), ("reserve", "Reserve"), ("afwijzen", "Afwijzen")],
    ]


def test_saving_a_review_opens_the_next_application_you_have_not_reviewed(client):
    beoordelaar = medewerker("beoordelaar")
    client.force_login(beoordelaar)
    eerste = AanmeldingFactory()
    gedaan = AanmeldingFactory()
    BeoordelingFactory(aanmelding=gedaan, beoordelaar=beoordelaar)
    AanmeldingFactory(ingetrokken=True)
    volgende = AanmeldingFactory(oproep=eerste.oproep)

    response = client.post(NIEUW, beoordeling_data(eerste))

    assert (response.status_code, response.url) == (302, f"{NIEUW}?aanmelding={volgende.pk}")


def test_saving_the_last_review_returns_to_the_list_with_a_message(client):
    client.force_login(medewerker("beoordelaar"))
    aanmelding = AanmeldingFactory(wijknaam="Lombok")

    response = client.post(NIEUW, beoordeling_data(aanmelding), follow=True)

    assert response.redirect_chain == [(LIJST, 302)]
    assert [str(melding) for melding in response.context["messages"]] == [
        "Uw beoordeling van Lombok (Utrecht) is opgeslagen.",
        "U hebt alle aanmeldingen beoordeeld.",
    ]


def test_asking_to_review_what_you_reviewed_opens_your_own_review(client):
    beoordelaar = medewerker("beoordelaar")
    client.force_login(beoordelaar)
    eigen = BeoordelingFactory(beoordelaar=beoordelaar)

    response = client.get(NIEUW, {"aanmelding": eigen.aanmelding_id})

    assert response.url == reverse("admin:aanmeldingen_beoordeling_change", args=[eigen.pk])


def test_the_read_page_offers_a_review_only_for_an_application_under_review(client):
    client.force_login(medewerker("beoordelaar"))
    lopend = AanmeldingFactory()
    ingetrokken = AanmeldingFactory(ingetrokken=True)

    def lezen(aanmelding):
        return client.get(reverse("admin:aanmeldingen_aanmelding_lezen", args=[aanmelding.pk]))

    assert f"{NIEUW}?aanmelding={lopend.pk}" in lezen(lopend).text
    assert "Beoordeling schrijven" not in lezen(ingetrokken).text
