"""Reviewers assigned to applications: in bulk and by hand, conflicts of interest, "Mijn
beoordelingen" with its Volgende button."""

from collections import Counter

import pytest
from django.urls import reverse

from aanmeldingen.enums import Status
from aanmeldingen.models import Belangenconflict, Beoordeling, Toewijzing
from netwerk.rechten import Rol
from tests.factories import (
    AanmeldingFactory,
    BeoordelingFactory,
    OproepFactory,
    StaffFactory,
    medewerker,
)

pytestmark = pytest.mark.django_db

LIJST = reverse("admin:aanmeldingen_aanmelding_changelist")
MIJN = reverse("admin:aanmeldingen_mijn_beoordelingen")
VOLGENDE = reverse("admin:aanmeldingen_volgende_beoordeling")
BEOORDELEN = reverse("admin:aanmeldingen_beoordeling_add")


def beoordelaar(naam: str):
    return StaffFactory(rol=Rol.BEOORDELAAR, first_name=naam, username=naam.lower())


@pytest.fixture
def coordinator(client):
    gebruiker = medewerker("coördinator")
    client.force_login(gebruiker)
    return gebruiker


def wijs_toe(client, aanmeldingen, beoordelaars, aantal):
    return client.post(
        LIJST,
        {
            "action": "wijs_beoordelaars_toe",
            "_selected_action": [a.pk for a in aanmeldingen],
            "bevestigd": "ja",
            "aantal": str(aantal),
            "beoordelaars": [b.pk for b in beoordelaars],
        },
    )


def toegewezen(aanmelding) -> set[str]:
    return set(aanmelding.toewijzingen.values_list("beoordelaar__first_name", flat=True))


def test_the_action_first_asks_how_many_and_from_whom(client, coordinator):
    aanmelding = AanmeldingFactory()
    anna, bas = beoordelaar("Anna"), beoordelaar("Bas")
    medewerker("begeleider")

    response = client.post(
        LIJST, {"action": "wijs_beoordelaars_toe", "_selected_action": [aanmelding.pk]}
    )

    assert response.status_code == 200
    assert list(response.context["form"].fields["beoordelaars"].queryset) == [anna, bas]
    assert Toewijzing.objects.count() == 0


def test_seven_applications_get_two_reviewers_each_spread_evenly_over_three(client, coordinator):
    oproep = OproepFactory()
    aanmeldingen = AanmeldingFactory.create_batch(7, oproep=oproep)
    drie = [beoordelaar("Anna"), beoordelaar("Bas"), beoordelaar("Cem")]

    response = wijs_toe(client, aanmeldingen, drie, 2)

    assert response.status_code == 302
    assert [len(toegewezen(a)) for a in aanmeldingen] == [2] * 7
    per_beoordelaar = Counter(Toewijzing.objects.values_list("beoordelaar", flat=True))
    assert sorted(per_beoordelaar.values()) == [4, 5, 5]
    assert set(Toewijzing.objects.values_list("toegewezen_door", flat=True)) == {coordinator.pk}


def test_assignments_a_reviewer_already_has_in_the_call_count_in_the_spread(client, coordinator):
    oproep = OproepFactory()
    anna, bas, cem = beoordelaar("Anna"), beoordelaar("Bas"), beoordelaar("Cem")
    for eerder in AanmeldingFactory.create_batch(2, oproep=oproep):
        Toewijzing.objects.create(aanmelding=eerder, beoordelaar=anna)
    nieuw = AanmeldingFactory.create_batch(2, oproep=oproep)

    wijs_toe(client, nieuw, [anna, bas, cem], 1)

    assert [toegewezen(a) for a in nieuw] == [{"Bas"}, {"Cem"}]


def test_existing_assignments_count_and_the_same_pair_is_never_made_twice(client, coordinator):
    aanmelding = AanmeldingFactory()
    anna, bas, cem = beoordelaar("Anna"), beoordelaar("Bas"), beoordelaar("Cem")
    Toewijzing.objects.create(aanmelding=aanmelding, beoordelaar=anna)

    wijs_toe(client, [aanmelding], [anna, bas, cem], 2)
    wijs_toe(client, [aanmelding], [anna, bas, cem], 2)

    assert len(toegewezen(aanmelding)) == 2
    assert "Anna" in toegewezen(aanmelding)


def test_a_reviewer_with_a_declared_conflict_is_never_assigned(client, coordinator):
    oproep = OproepFactory()
    aanmeldingen = AanmeldingFactory.create_batch(4, oproep=oproep)
    anna, bas, cem = beoordelaar("Anna"), beoordelaar("Bas"), beoordelaar("Cem")
    Belangenconflict.objects.create(aanmelding=aanmeldingen[0], beoordelaar=anna)

    wijs_toe(client, aanmeldingen, [anna, bas, cem], 2)

    assert toegewezen(aanmeldingen[0]) == {"Bas", "Cem"}
    assert [len(toegewezen(a)) for a in aanmeldingen] == [2] * 4


def test_when_n_cannot_be_met_nothing_is_assigned_and_the_page_says_why(client, coordinator):
    oproep = OproepFactory()
    lastig = AanmeldingFactory(oproep=oproep, wijknaam="Lombok", gemeente="Utrecht")
    makkelijk = AanmeldingFactory(oproep=oproep)
    anna, bas, cem = beoordelaar("Anna"), beoordelaar("Bas"), beoordelaar("Cem")
    Belangenconflict.objects.create(aanmelding=lastig, beoordelaar=anna)

    response = wijs_toe(client, [lastig, makkelijk], [anna, bas, cem], 3)

    assert response.status_code == 200
    assert [fout.tekst for fout in response.context["fouten"]] == [
        "Niet elke aanmelding kan 3 beoordelaars krijgen. Lombok (Utrecht) heeft er nog 3 "
        "nodig, maar er kunnen nog maar 2 van de gekozen beoordelaars bij (1 van de gekozen "
        "beoordelaars heeft een belangenconflict gemeld). Kies meer beoordelaars of een "
        "kleiner aantal. Er is niets toegewezen."
    ]
    assert Toewijzing.objects.count() == 0


def test_more_reviewers_per_application_than_chosen_is_refused_at_the_field(client, coordinator):
    aanmelding = AanmeldingFactory()

    response = wijs_toe(client, [aanmelding], [beoordelaar("Anna")], 2)

    assert response.context["form"].errors["aantal"] == [
        "U koos 1 beoordelaar; een aanmelding kan er dan niet 2 krijgen. Kies meer "
        "beoordelaars of een kleiner aantal."
    ]
    assert Toewijzing.objects.count() == 0


def test_only_reviewers_can_be_chosen(client, coordinator):
    aanmelding = AanmeldingFactory()
    begeleider = medewerker("begeleider")

    response = wijs_toe(client, [aanmelding], [begeleider], 1)

    assert "beoordelaars" in response.context["form"].errors
    assert Toewijzing.objects.count() == 0


def test_applications_not_under_review_get_no_reviewers(client, coordinator):
    afgewezen = AanmeldingFactory(status=Status.AFGEWEZEN, wijknaam="Lombok", gemeente="Utrecht")

    response = wijs_toe(client, [afgewezen], [beoordelaar("Anna")], 1)

    assert [fout.tekst for fout in response.context["fouten"]] == [
        "Alleen aanmeldingen die in beoordeling zijn krijgen beoordelaars. Niet in "
        "beoordeling: Lombok (Utrecht). Er is niets toegewezen."
    ]


# By hand, on the application's page.


def _wijzigpagina(aanmelding) -> str:
    return reverse("admin:aanmeldingen_aanmelding_change", args=[aanmelding.pk])


def _met_nieuwe_toewijzing(client, aanmelding, beoordelaar_pk) -> dict:
    pagina = client.get(_wijzigpagina(aanmelding))
    data = {}
    formulier = pagina.context["adminform"].form
    for naam in formulier.fields:
        if naam in formulier.initial and naam not in pagina.context["adminform"].readonly_fields:
            data[naam] = formulier[naam].value()
    for inline in pagina.context["inline_admin_formsets"]:
        formset = inline.formset
        for naam, veld in formset.management_form.initial.items():
            data[f"{formset.prefix}-{naam}"] = veld
        for rij in formset.forms:
            for naam in rij.fields:
                waarde = rij[naam].value()
                if waarde not in (None, False):
                    data[rij.add_prefix(naam)] = waarde
    data.update({"toewijzingen-TOTAL_FORMS": "1", "toewijzingen-0-beoordelaar": beoordelaar_pk})
    return {naam: waarde for naam, waarde in data.items() if waarde is not None}


def test_a_coordinator_assigns_one_reviewer_by_hand(client, coordinator):
    aanmelding = AanmeldingFactory()
    anna = beoordelaar("Anna")
    versie = aanmelding.versie

    response = client.post(
        _wijzigpagina(aanmelding), _met_nieuwe_toewijzing(client, aanmelding, anna.pk)
    )

    assert response.status_code == 302
    toewijzing = Toewijzing.objects.get()
    assert (toewijzing.beoordelaar, toewijzing.toegewezen_door) == (anna, coordinator)
    # Assigning is no change to what the applicant wrote: their open form stays valid.
    aanmelding.refresh_from_db()
    assert aanmelding.versie == versie


def test_by_hand_a_reviewer_with_a_conflict_is_refused_at_the_field(client, coordinator):
    aanmelding = AanmeldingFactory()
    anna = beoordelaar("Anna")
    Belangenconflict.objects.create(aanmelding=aanmelding, beoordelaar=anna)

    response = client.post(
        _wijzigpagina(aanmelding), _met_nieuwe_toewijzing(client, aanmelding, anna.pk)
    )

    assert response.status_code == 200
    assert (
        "Anna heeft een belangenconflict gemeld voor deze aanmelding en kan haar niet beoordelen."
        in response.text
    )
    assert Toewijzing.objects.count() == 0


def test_by_hand_only_reviewers_are_offered(client, coordinator):
    aanmelding = AanmeldingFactory()
    anna = beoordelaar("Anna")
    begeleider = medewerker("begeleider")

    response = client.post(
        _wijzigpagina(aanmelding), _met_nieuwe_toewijzing(client, aanmelding, begeleider.pk)
    )

    assert response.status_code == 200
    assert Toewijzing.objects.count() == 0
    keuzes = response.context["inline_admin_formsets"][1].formset.forms[0].fields["beoordelaar"]
    assert list(keuzes.queryset) == [anna]


def test_a_reviewer_does_not_see_the_assignments_on_the_application_page(client):
    aanmelding = AanmeldingFactory()
    Toewijzing.objects.create(aanmelding=aanmelding, beoordelaar=beoordelaar("Anna"))
    client.force_login(medewerker("beoordelaar"))

    response = client.get(_wijzigpagina(aanmelding))

    prefixen = [inline.formset.prefix for inline in response.context["inline_admin_formsets"]]
    assert "toewijzingen" not in prefixen
    assert "belangenconflicten" not in prefixen


# Conflicts of interest.


def test_a_reviewer_declares_a_conflict_from_the_review_page(client):
    aanmelding = AanmeldingFactory()
    anna = beoordelaar("Anna")
    client.force_login(anna)
    melden = reverse("admin:aanmeldingen_belangenconflict_melden", args=[aanmelding.pk])

    pagina = client.get(f"{BEOORDELEN}?aanmelding={aanmelding.pk}")
    response = client.post(melden, {"toelichting": "Ik werk bij de woningcorporatie."})

    assert melden in pagina.text
    assert response.status_code == 302
    conflict = Belangenconflict.objects.get()
    assert (conflict.aanmelding, conflict.beoordelaar, conflict.toelichting) == (
        aanmelding,
        anna,
        "Ik werk bij de woningcorporatie.",
    )


def test_a_reviewer_with_a_conflict_cannot_review_the_application(client):
    aanmelding = AanmeldingFactory()
    anna = beoordelaar("Anna")
    Belangenconflict.objects.create(aanmelding=aanmelding, beoordelaar=anna)
    client.force_login(anna)

    pagina = client.get(f"{BEOORDELEN}?aanmelding={aanmelding.pk}")
    response = client.post(
        BEOORDELEN,
        {
            "aanmelding": aanmelding.pk,
            **{f"score_{c}": "4" for c in ["coalitie", "opgave", "vooravond", "leervraag"]},
            "score_netwerk": "4",
            "advies": "selecteren",
            "motivatie": "Toch geprobeerd.",
        },
    )

    melding = (
        "U hebt voor deze aanmelding een belangenconflict gemeld. U beoordeelt haar daarom niet."
    )
    assert melding in pagina.text
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["aanmelding"] == [melding]
    assert Beoordeling.objects.count() == 0


def test_declaring_a_conflict_after_reviewing_is_refused(client):
    anna = beoordelaar("Anna")
    beoordeling = BeoordelingFactory(beoordelaar=anna)
    client.force_login(anna)

    response = client.post(
        reverse("admin:aanmeldingen_belangenconflict_melden", args=[beoordeling.aanmelding.pk]),
        {"toelichting": ""},
    )

    assert response.status_code == 200
    assert [fout.tekst for fout in response.context["fouten"]] == [
        "U hebt deze aanmelding al beoordeeld. Vertel de coördinator over het "
        "belangenconflict; die beslist wat er met uw beoordeling gebeurt."
    ]
    assert Belangenconflict.objects.count() == 0


def test_a_too_long_explanation_is_refused_at_the_field(client):
    aanmelding = AanmeldingFactory()
    client.force_login(beoordelaar("Anna"))

    response = client.post(
        reverse("admin:aanmeldingen_belangenconflict_melden", args=[aanmelding.pk]),
        {"toelichting": "x" * 1001},
    )

    assert response.context["form"].errors["toelichting"] == [
        "De toelichting mag maximaal 1000 tekens lang zijn; nu zijn het er 1001. Maak haar korter."
    ]
    assert Belangenconflict.objects.count() == 0


def test_a_concept_has_no_conflict_page(client):
    concept = AanmeldingFactory(concept=True)
    client.force_login(beoordelaar("Anna"))

    response = client.get(reverse("admin:aanmeldingen_belangenconflict_melden", args=[concept.pk]))

    assert response.status_code == 404


@pytest.fixture
def beoordeeld_met_conflict():
    """An application reviewed by two others."""
    aanmelding = AanmeldingFactory(wijknaam="Lombok", gemeente="Utrecht")
    BeoordelingFactory(aanmelding=aanmelding, motivatie="Geheime motivatie een.")
    BeoordelingFactory(aanmelding=aanmelding, motivatie="Geheime motivatie twee.")
    return aanmelding


@pytest.mark.parametrize("rol", ["beoordelaar", "coördinator"])
def test_who_declared_a_conflict_sees_none_of_its_reviews_anywhere(
    client, beoordeeld_met_conflict, rol
):
    aanmelding = beoordeeld_met_conflict
    ander = AanmeldingFactory(oproep=aanmelding.oproep)
    gebruiker = medewerker(rol)
    BeoordelingFactory(
        aanmelding=ander, **({"beoordelaar": gebruiker} if rol == "beoordelaar" else {})
    )
    Belangenconflict.objects.create(aanmelding=aanmelding, beoordelaar=gebruiker)
    client.force_login(gebruiker)

    zichtbaar = Beoordeling.objects.zichtbaar_voor(gebruiker)
    lezen = client.get(reverse("admin:aanmeldingen_aanmelding_lezen", args=[aanmelding.pk]))
    wijzigen = client.get(_wijzigpagina(aanmelding))
    lijst = client.get(LIJST)
    beoordelingen = client.get(reverse("admin:aanmeldingen_beoordeling_changelist"))
    vergelijken = client.post(
        LIJST, {"action": "vergelijk", "_selected_action": [aanmelding.pk, ander.pk]}
    )

    assert list(zichtbaar.filter(aanmelding=aanmelding)) == []
    for pagina in [lezen, wijzigen, beoordelingen]:
        assert "Geheime motivatie" not in pagina.text
    rij = next(a for a in lijst.context["cl"].result_list if a.pk == aanmelding.pk)
    assert (rij.gemiddelde, rij.advies_reserve, rij.beoordelingen_zichtbaar) == (None, None, False)
    gemiddeld = dict(vergelijken.context["scorerijen"])["Gemiddeld"]
    assert gemiddeld == ["belangenconflict", "3,0"]


def test_the_export_leaves_out_the_reviews_of_a_conflict(client, beoordeeld_met_conflict):
    coordinator = medewerker("coördinator")
    Belangenconflict.objects.create(aanmelding=beoordeeld_met_conflict, beoordelaar=coordinator)
    ander = BeoordelingFactory(motivatie="Zichtbare motivatie.").aanmelding
    client.force_login(coordinator)

    response = client.post(
        LIJST,
        {"action": "exporteer_csv", "_selected_action": [beoordeeld_met_conflict.pk, ander.pk]},
    )

    tekst = response.content.decode("utf-8-sig")
    assert "Geheime motivatie" not in tekst
    assert "Zichtbare motivatie." in tekst


def test_a_coordinator_sees_the_declared_conflicts(client, coordinator):
    aanmelding = AanmeldingFactory(wijknaam="Lombok", gemeente="Utrecht")
    Belangenconflict.objects.create(
        aanmelding=aanmelding, beoordelaar=beoordelaar("Anna"), toelichting="Mijn zus is lid."
    )

    lijst = client.get(reverse("admin:aanmeldingen_belangenconflict_changelist"))
    lezen = client.get(reverse("admin:aanmeldingen_aanmelding_lezen", args=[aanmelding.pk]))

    assert "Mijn zus is lid." in lijst.text
    assert "Anna, " in lezen.text
    assert "Mijn zus is lid." in lezen.text


def _vragen_voor_de_conflicten(client, django_assert_max_num_queries) -> int:
    with django_assert_max_num_queries(50) as vragen:
        response = client.get(reverse("admin:aanmeldingen_belangenconflict_changelist"))
    assert response.status_code == 200
    return len(vragen.captured_queries)


def test_the_conflicts_list_costs_the_same_queries_for_1_and_n_rows(
    client, coordinator, django_assert_max_num_queries
):
    Belangenconflict.objects.create(aanmelding=AanmeldingFactory(), beoordelaar=beoordelaar("A"))
    een = _vragen_voor_de_conflicten(client, django_assert_max_num_queries)

    for nummer in range(10):
        Belangenconflict.objects.create(
            aanmelding=AanmeldingFactory(), beoordelaar=beoordelaar(f"B{nummer}")
        )
    veel = _vragen_voor_de_conflicten(client, django_assert_max_num_queries)

    assert een == veel


def test_a_decided_application_takes_no_new_reviewers_by_hand(client, coordinator):
    anna = beoordelaar("Anna")
    afgewezen = AanmeldingFactory(status=Status.AFGEWEZEN)

    response = client.post(
        _wijzigpagina(afgewezen), _met_nieuwe_toewijzing(client, afgewezen, anna.pk)
    )

    assert response.status_code == 200
    assert (
        "Deze aanmelding wordt niet meer beoordeeld en krijgt geen beoordelaars meer."
        in response.text
    )
    assert Toewijzing.objects.count() == 0


# Mijn beoordelingen.


def test_my_page_lists_assignments_per_call_with_their_stand(client):
    anna = beoordelaar("Anna")
    oproep = OproepFactory(titel="Gemengde wijk 2027")
    te_doen = AanmeldingFactory(oproep=oproep, wijknaam="Absdorp")
    gedaan = AanmeldingFactory(oproep=oproep, wijknaam="Bergen")
    conflict = AanmeldingFactory(oproep=oproep, wijknaam="Crooswijk")
    for aanmelding in [te_doen, gedaan, conflict]:
        Toewijzing.objects.create(aanmelding=aanmelding, beoordelaar=anna)
    BeoordelingFactory(aanmelding=gedaan, beoordelaar=anna)
    Belangenconflict.objects.create(aanmelding=conflict, beoordelaar=anna)
    Toewijzing.objects.create(aanmelding=AanmeldingFactory(), beoordelaar=beoordelaar("Bas"))
    client.force_login(anna)

    response = client.get(MIJN)

    (groep,) = response.context["oproepen"]
    assert groep["oproep"] == oproep
    assert [(t.aanmelding.wijknaam, t.stand) for t in groep["toewijzingen"]] == [
        ("Absdorp", "te_doen"),
        ("Bergen", "gedaan"),
        ("Crooswijk", "belangenconflict"),
    ]
    assert "1 van 3 gedaan, 1 te doen." in response.text


def test_volgende_skips_done_and_conflicted_assignments(client):
    anna = beoordelaar("Anna")
    oproep = OproepFactory()
    gedaan = AanmeldingFactory(oproep=oproep, wijknaam="Absdorp")
    conflict = AanmeldingFactory(oproep=oproep, wijknaam="Bergen")
    ingetrokken = AanmeldingFactory(oproep=oproep, wijknaam="Crooswijk", ingetrokken=True)
    te_doen = AanmeldingFactory(oproep=oproep, wijknaam="Duindorp")
    for aanmelding in [gedaan, conflict, ingetrokken, te_doen]:
        Toewijzing.objects.create(aanmelding=aanmelding, beoordelaar=anna)
    BeoordelingFactory(aanmelding=gedaan, beoordelaar=anna)
    Belangenconflict.objects.create(aanmelding=conflict, beoordelaar=anna)
    client.force_login(anna)

    response = client.get(VOLGENDE)

    assert response.status_code == 302
    assert response.url == f"{BEOORDELEN}?aanmelding={te_doen.pk}"


def test_volgende_with_nothing_left_says_so(client):
    anna = beoordelaar("Anna")
    gedaan = AanmeldingFactory()
    Toewijzing.objects.create(aanmelding=gedaan, beoordelaar=anna)
    BeoordelingFactory(aanmelding=gedaan, beoordelaar=anna)
    client.force_login(anna)

    response = client.get(VOLGENDE, follow=True)

    assert response.redirect_chain == [(MIJN, 302)]
    assert [str(m) for m in response.context["messages"]] == [
        "U hebt geen toegewezen aanmeldingen meer te beoordelen. Dank u wel!"
    ]
    assert "U hebt alle aanmeldingen beoordeeld die aan u zijn toegewezen." in response.text


def test_saving_a_review_opens_the_next_assigned_one(client):
    anna = beoordelaar("Anna")
    oproep = OproepFactory()
    eerste = AanmeldingFactory(oproep=oproep, wijknaam="Absdorp")
    AanmeldingFactory(oproep=oproep, wijknaam="Bergen")  # not assigned to Anna
    toegewezen_ = AanmeldingFactory(oproep=oproep, wijknaam="Crooswijk")
    for aanmelding in [eerste, toegewezen_]:
        Toewijzing.objects.create(aanmelding=aanmelding, beoordelaar=anna)
    client.force_login(anna)

    response = client.post(
        BEOORDELEN,
        {
            "aanmelding": eerste.pk,
            **{f"score_{c}": "4" for c in ["coalitie", "opgave", "vooravond", "leervraag"]},
            "score_netwerk": "4",
            "advies": "selecteren",
            "motivatie": "Goed.",
        },
    )

    assert response.status_code == 302
    assert response.url == f"{BEOORDELEN}?aanmelding={toegewezen_.pk}"


def _vragen_voor_mijn_pagina(client, django_assert_max_num_queries) -> int:
    with django_assert_max_num_queries(50) as vragen:
        response = client.get(MIJN)
    assert response.status_code == 200
    return len(vragen.captured_queries)


def test_my_page_costs_the_same_queries_for_1_and_n_assignments(
    client, django_assert_max_num_queries
):
    anna = beoordelaar("Anna")
    client.force_login(anna)
    oproep = OproepFactory()
    Toewijzing.objects.create(aanmelding=AanmeldingFactory(oproep=oproep), beoordelaar=anna)
    een = _vragen_voor_mijn_pagina(client, django_assert_max_num_queries)

    tweede_oproep = OproepFactory()
    for nummer in range(12):
        aanmelding = AanmeldingFactory(oproep=oproep if nummer % 2 else tweede_oproep)
        Toewijzing.objects.create(aanmelding=aanmelding, beoordelaar=anna)
        if nummer % 3 == 0:
            BeoordelingFactory(aanmelding=aanmelding, beoordelaar=anna)
        elif nummer % 3 == 1:
            Belangenconflict.objects.create(aanmelding=aanmelding, beoordelaar=anna)
    veel = _vragen_voor_mijn_pagina(client, django_assert_max_num_queries)

    assert een == veel


def test_the_users_links_lead_reviewers_to_their_page(client):
    client.force_login(beoordelaar("Anna"))
    index = client.get(reverse("admin:index"))
    client.force_login(medewerker("begeleider"))
    andere = client.get(reverse("admin:index"))

    assert f'href="{MIJN}"' in index.text
    assert f'href="{MIJN}"' not in andere.text


def test_an_assignment_stands_as_not_needed_once_the_application_is_decided():
    anna = beoordelaar("Anna")
    aanmelding = AanmeldingFactory(status=Status.AFGEWEZEN)
    Toewijzing.objects.create(aanmelding=aanmelding, beoordelaar=anna)

    assert list(Toewijzing.objects.met_stand().values_list("stand", flat=True)) == ["vervallen"]
    assert list(Toewijzing.objects.open()) == []
