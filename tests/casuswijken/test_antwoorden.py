"""Ik kom, ik kom niet, misschien: a participant answers a session's invitation on its page
until it begins; readers see the counts, and those who may see the people the names;
staff record afterwards who was there, and the verslag lists them."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from casuswijken.enums import Zichtbaarheid
from casuswijken.models import Bijeenkomst, Uitnodiging
from casuswijken.services import lezers
from tests.casuswijken.test_admin import bewaar_data
from tests.factories import (
    BijeenkomstFactory,
    CasuswijkFactory,
    DeelnameFactory,
    UitnodigingFactory,
    medewerker,
)

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
NU = datetime(2027, 3, 1, 10, 0, tzinfo=AMSTERDAM)
BEGIN = datetime(2027, 3, 8, 14, 0, tzinfo=AMSTERDAM)
NA_HET_BEGIN = BEGIN + timedelta(hours=3)


@pytest.fixture(autouse=True)
def nu():
    with time_machine.travel(NU, tick=False) as reis:
        yield reis


@pytest.fixture
def opzet():
    wijk = CasuswijkFactory(naam="Lombok", slug="lombok")
    andere = CasuswijkFactory(
        naam="Zuilen", slug="zuilen", aanmelding__oproep=wijk.aanmelding.oproep
    )
    sessie = BijeenkomstFactory(casuswijk=wijk, titel="Open gesprek", begint_op=BEGIN)
    dewi = DeelnameFactory(casuswijk=wijk, organisatie="Gemeente Utrecht",
                           gebruiker__first_name="Dewi", gebruiker__last_name="Dekker")  # fmt: skip
    return {
        "wijk": wijk,
        "andere": andere,
        "sessie": sessie,
        "dewi": dewi.gebruiker,
        "andere_wijk": DeelnameFactory(casuswijk=andere, gebruiker__first_name="Zoë").gebruiker,
    }


def antwoord_url(sessie, slug: str = "lombok") -> str:
    return reverse("casuswijken:antwoord", args=[slug, sessie.pk])


def sessie_url(sessie, slug: str = "lombok") -> str:
    return reverse("casuswijken:bijeenkomst", args=[slug, sessie.pk])


def persoon(casuswijk, voornaam: str, organisatie: str = "Woonstad"):
    deelname = DeelnameFactory(casuswijk=casuswijk, organisatie=organisatie,
                               gebruiker__first_name=voornaam, gebruiker__last_name="")  # fmt: skip
    return deelname.gebruiker


def landelijke_sessie(opzet, begint_op=BEGIN):
    """A national session of the call of Lombok and Zuilen, for the network."""
    return BijeenkomstFactory(casuswijk=None, oproep=opzet["wijk"].aanmelding.oproep,
                              zichtbaarheid=Zichtbaarheid.NETWERK, begint_op=begint_op)  # fmt: skip


def antwoorden(sessie) -> list[tuple[str, str]]:
    return sorted(
        Uitnodiging.objects.filter(bijeenkomst=sessie).values_list(
            "gebruiker__first_name", "antwoord"
        )
    )


# Answering.


def test_a_participant_answers_and_changes_their_answer_until_the_start(client, opzet, nu):
    sessie = opzet["sessie"]
    client.force_login(opzet["dewi"])

    eerst = client.post(antwoord_url(sessie), {"antwoord": "ja"})
    nu.move_to(BEGIN - timedelta(minutes=1))
    daarna = client.post(antwoord_url(sessie), {"antwoord": "misschien"}, follow=True)

    assert eerst.status_code == 302
    assert eerst.url == sessie_url(sessie)
    uitnodiging = Uitnodiging.objects.get(bijeenkomst=sessie)
    assert (uitnodiging.gebruiker, uitnodiging.antwoord) == (opzet["dewi"], "misschien")
    assert uitnodiging.beantwoord_op == BEGIN - timedelta(minutes=1)
    assert "Uw antwoord is opgeslagen: misschien." in daarna.text
    assert "Uw antwoord: <strong>Misschien</strong>" in daarna.text
    assert daarna.context["antwoorden"]["formulier"]["antwoord"].value() == "misschien"


def test_the_page_offers_the_three_answers_to_a_participant_who_has_not_answered(client, opzet):
    client.force_login(opzet["dewi"])

    response = client.get(sessie_url(opzet["sessie"]))

    formulier = response.context["antwoorden"]["formulier"]
    assert [str(label) for _, label in formulier.fields["antwoord"].choices] == [
        "Ik kom", "Ik kom niet", "Misschien",
    ]  # fmt: skip
    assert f'action="{antwoord_url(opzet["sessie"])}"' in response.text
    assert "U hebt nog niet laten weten of u komt." in response.text


def test_an_answer_after_the_start_is_refused_and_changes_nothing(client, opzet, nu):
    sessie = opzet["sessie"]
    UitnodigingFactory(bijeenkomst=sessie, gebruiker=opzet["dewi"], antwoord="ja")
    client.force_login(opzet["dewi"])
    nu.move_to(BEGIN)

    response = client.post(antwoord_url(sessie), {"antwoord": "nee"}, follow=True)

    assert antwoorden(sessie) == [("Dewi", "ja")]
    assert ("Deze bijeenkomst is al begonnen: antwoorden of een antwoord wijzigen kan niet "
            "meer.") in response.text  # fmt: skip
    assert response.context["antwoorden"]["formulier"] is None
    assert antwoord_url(sessie) not in response.text
    assert "Uw antwoord: <strong>Ik kom</strong>" in response.text


def test_a_cancelled_session_takes_no_answer(client, opzet):
    sessie = opzet["sessie"]
    Bijeenkomst.objects.filter(pk=sessie.pk).update(geannuleerd=True)
    client.force_login(opzet["dewi"])

    response = client.post(antwoord_url(sessie), {"antwoord": "ja"}, follow=True)

    assert antwoorden(sessie) == []
    assert "Deze bijeenkomst gaat niet door: antwoorden is niet meer mogelijk." in response.text
    assert antwoord_url(sessie) not in response.text


def test_an_unpublished_session_takes_no_answer_even_from_a_staff_participant(client, opzet):
    sessie = opzet["sessie"]
    Bijeenkomst.objects.filter(pk=sessie.pk).update(gepubliceerd=False)
    begeleider = medewerker("begeleider")
    DeelnameFactory(casuswijk=opzet["wijk"], gebruiker=begeleider)
    client.force_login(begeleider)

    response = client.post(antwoord_url(sessie), {"antwoord": "ja"}, follow=True)

    assert antwoorden(sessie) == []
    assert "Deze bijeenkomst is nog niet gepubliceerd: antwoorden kan pas daarna." in response.text
    assert antwoord_url(sessie) not in response.text


@pytest.mark.parametrize("waarde", ["kom-wel", "\x00", "JA", "a" * 5000])
def test_a_forged_answer_gets_a_message_at_the_field_and_changes_nothing(client, opzet, waarde):
    sessie = opzet["sessie"]
    UitnodigingFactory(bijeenkomst=sessie, gebruiker=opzet["dewi"], antwoord="nee")
    client.force_login(opzet["dewi"])

    response = client.post(antwoord_url(sessie), {"antwoord": waarde})

    assert response.status_code == 422
    assert response.context["form"].errors == {
        "antwoord": ["Kies of u komt, niet komt of misschien komt."]
    }
    assert [fout.tekst for fout in response.context["fouten"]] == [
        "Kies of u komt, niet komt of misschien komt."
    ]
    assert 'href="#id_antwoord_0"' in response.text
    assert antwoorden(sessie) == [("Dewi", "nee")]


def test_a_missing_answer_gets_the_same_message(client, opzet):
    client.force_login(opzet["dewi"])

    response = client.post(antwoord_url(opzet["sessie"]), {})

    assert response.status_code == 422
    assert response.context["form"].errors == {
        "antwoord": ["Kies of u komt, niet komt of misschien komt."]
    }
    assert antwoorden(opzet["sessie"]) == []


def test_another_casuswijks_session_answers_404(client, opzet):
    elders = BijeenkomstFactory(casuswijk=opzet["andere"], zichtbaarheid=Zichtbaarheid.WIJK)
    andere_oproep = BijeenkomstFactory(zichtbaarheid=Zichtbaarheid.NETWERK)
    client.force_login(opzet["dewi"])

    via_eigen_wijk = client.post(antwoord_url(elders), {"antwoord": "ja"})
    via_hun_wijk = client.post(antwoord_url(elders, "zuilen"), {"antwoord": "ja"})
    andere_roepnaam = client.post(antwoord_url(andere_oproep), {"antwoord": "ja"})

    assert [via_eigen_wijk.status_code, via_hun_wijk.status_code,
            andere_roepnaam.status_code] == [404, 404, 404]  # fmt: skip
    assert Uitnodiging.objects.count() == 0


def test_an_anonymous_visitor_is_sent_to_the_login(client, opzet):
    response = client.post(antwoord_url(opzet["sessie"]), {"antwoord": "ja"})

    assert response.status_code == 302
    assert response.url.startswith(reverse("account:login"))
    assert Uitnodiging.objects.count() == 0


def test_a_participant_who_may_not_see_an_intern_session_gets_404(client, opzet):
    intern = BijeenkomstFactory(casuswijk=opzet["wijk"], zichtbaarheid=Zichtbaarheid.INTERN)
    client.force_login(opzet["dewi"])

    response = client.post(antwoord_url(intern), {"antwoord": "ja"})

    assert response.status_code == 404
    assert Uitnodiging.objects.count() == 0


def test_a_get_of_the_answer_address_goes_to_the_session_and_changes_nothing(client, opzet):
    # A visitor who answered while logged out comes back here by GET after logging in.
    client.force_login(opzet["dewi"])
    sessie = opzet["sessie"]

    response = client.get(antwoord_url(sessie), {"antwoord": "ja"})

    assert response.status_code == 302
    assert response["Location"] == reverse("casuswijken:bijeenkomst", args=["lombok", sessie.pk])
    assert Uitnodiging.objects.count() == 0


@pytest.fixture
def mensen(opzet):
    wijk = opzet["wijk"]
    return {
        "deelnemer": opzet["dewi"],
        "andere_wijk": DeelnameFactory(casuswijk=CasuswijkFactory()).gebruiker,
        "gestopt": DeelnameFactory(casuswijk=wijk, beeindigd=True).gebruiker,
        "begeleider": medewerker("begeleider"),
        "beoordelaar": medewerker("beoordelaar"),
    }


# The access rows of this POST, as test_paginas.MATRIX has them for the pages: a participant
# is sent back to the page with their answer saved; staff without a participation back with a
# message and nothing saved; everyone else who may not see the session gets 404.
TOEGANG = {"deelnemer": (302, 1), "andere_wijk": (404, 0), "gestopt": (404, 0),
           "begeleider": (302, 0), "beoordelaar": (404, 0)}  # fmt: skip


@pytest.mark.parametrize("wie", sorted(TOEGANG))
def test_who_may_answer(client, opzet, mensen, wie):
    client.force_login(mensen[wie])

    response = client.post(antwoord_url(opzet["sessie"]), {"antwoord": "ja"})

    assert (response.status_code, Uitnodiging.objects.count()) == TOEGANG[wie]


def test_staff_without_a_participation_see_the_answers_but_cannot_answer(client, opzet):
    UitnodigingFactory(bijeenkomst=opzet["sessie"], gebruiker=opzet["dewi"], antwoord="ja")
    client.force_login(medewerker("begeleider"))

    pagina = client.get(sessie_url(opzet["sessie"]))
    poging = client.post(antwoord_url(opzet["sessie"]), {"antwoord": "nee"}, follow=True)

    assert pagina.context["antwoorden"]["kan_antwoorden"] is False
    assert antwoord_url(opzet["sessie"]) not in pagina.text
    assert "Dewi Dekker" in pagina.text
    assert ("Alleen deelnemers die deze bijeenkomst mogen zien, antwoorden op de "
            "uitnodiging.") in poging.text  # fmt: skip
    assert antwoorden(opzet["sessie"]) == [("Dewi", "ja")]


# Who comes: counts for every reader, names for those who may see the people.


def test_the_counts_and_the_names_with_their_answer(client, opzet):
    sessie, wijk = opzet["sessie"], opzet["wijk"]
    UitnodigingFactory(bijeenkomst=sessie, gebruiker=opzet["dewi"], antwoord="ja")
    UitnodigingFactory(bijeenkomst=sessie, gebruiker=persoon(wijk, "Anna"), antwoord="ja")
    UitnodigingFactory(bijeenkomst=sessie, gebruiker=persoon(wijk, "Bram"), antwoord="nee")
    UitnodigingFactory(bijeenkomst=sessie, gebruiker=persoon(wijk, "Cas"), antwoord="misschien")
    UitnodigingFactory(bijeenkomst=sessie, gebruiker=persoon(wijk, "Eva"))  # invited, no answer
    persoon(wijk, "Fien")  # a lezer, not invited yet
    DeelnameFactory(casuswijk=wijk, beeindigd=True)  # no lezer
    client.force_login(opzet["dewi"])

    response = client.get(sessie_url(sessie))

    telling = response.context["antwoorden"]["telling"]
    assert (telling.komt, telling.komt_niet, telling.misschien, telling.geen_antwoord) == (
        2, 1, 1, 2,
    )  # fmt: skip
    groepen = response.context["antwoorden"]["per_antwoord"]
    assert [(g.label, [(p.naam, p.organisatie) for p in g.mensen]) for g in groepen] == [
        ("Ik kom", [("Anna", "Woonstad"), ("Dewi Dekker", "Gemeente Utrecht")]),
        ("Ik kom niet", [("Bram", "Woonstad")]),
        ("Misschien", [("Cas", "Woonstad")]),
    ]
    assert "Dewi Dekker (u)" in response.text


def test_a_beoordelaar_sees_the_counts_of_a_public_session_and_no_names(client, opzet):
    sessie = opzet["sessie"]
    Bijeenkomst.objects.filter(pk=sessie.pk).update(zichtbaarheid=Zichtbaarheid.OPENBAAR)
    UitnodigingFactory(bijeenkomst=sessie, gebruiker=opzet["dewi"], antwoord="ja")
    client.force_login(medewerker("beoordelaar"))

    response = client.get(sessie_url(sessie))

    assert response.context["antwoorden"]["telling"].komt == 1
    assert response.context["antwoorden"]["per_antwoord"] == []
    assert "Dewi" not in response.text
    assert response.context["antwoorden"]["formulier"] is None


def test_a_national_session_shows_each_participant_only_their_own_casuswijks_names(client, opzet):
    landelijk = landelijke_sessie(opzet)
    UitnodigingFactory(bijeenkomst=landelijk, gebruiker=opzet["dewi"], antwoord="ja")
    UitnodigingFactory(bijeenkomst=landelijk, gebruiker=opzet["andere_wijk"], antwoord="ja")
    client.force_login(opzet["dewi"])

    deelnemer = client.get(sessie_url(landelijk))
    client.force_login(medewerker("begeleider"))
    begeleider = client.get(sessie_url(landelijk))

    assert deelnemer.context["antwoorden"]["telling"].komt == 2
    (groep,) = deelnemer.context["antwoorden"]["per_antwoord"]
    assert [(p.naam, p.casuswijk) for p in groep.mensen] == [("Dewi Dekker", "Lombok")]
    assert "Zoë" not in deelnemer.text
    (groep,) = begeleider.context["antwoorden"]["per_antwoord"]
    assert [(p.naam, p.casuswijk) for p in groep.mensen] == [
        ("Dewi Dekker", "Lombok"), ("Zoë", "Zuilen"),
    ]  # fmt: skip


def test_a_participant_of_another_casuswijk_answers_a_national_session(client, opzet):
    landelijk = landelijke_sessie(opzet)
    client.force_login(opzet["andere_wijk"])

    client.post(antwoord_url(landelijk, "zuilen"), {"antwoord": "nee"})

    assert antwoorden(landelijk) == [("Zoë", "nee")]


@pytest.mark.parametrize("zichtbaarheid", list(Zichtbaarheid))
@pytest.mark.parametrize("gepubliceerd", [True, False])
@pytest.mark.parametrize("landelijk", [True, False])
def test_lezers_are_who_their_participation_lets_through_person_by_person(
    opzet, zichtbaarheid, gepubliceerd, landelijk
):
    if landelijk and zichtbaarheid == Zichtbaarheid.WIJK:
        pytest.skip("Een landelijke bijeenkomst hoort bij geen wijk.")
    wijk, andere = opzet["wijk"], opzet["andere"]
    begeleider, beoordelaar = medewerker("begeleider"), medewerker("beoordelaar")
    for gebruiker, casuswijk in [(begeleider, wijk), (beoordelaar, andere)]:
        DeelnameFactory(casuswijk=casuswijk, gebruiker=gebruiker)
    DeelnameFactory(casuswijk=andere, gebruiker=opzet["dewi"])  # in both
    DeelnameFactory(casuswijk=wijk, beeindigd=True)
    DeelnameFactory(casuswijk=wijk, gebruiker__is_active=False)
    sessie = BijeenkomstFactory(
        casuswijk=None if landelijk else wijk,
        oproep=wijk.aanmelding.oproep,
        zichtbaarheid=zichtbaarheid,
        gepubliceerd=gepubliceerd,
    )
    kandidaten = {
        deelname.gebruiker
        for deelname in wijk.deelnames.actief() | andere.deelnames.actief()
        if deelname.gebruiker.is_active
    }

    gevonden = {deelname.gebruiker for deelname in lezers(sessie)}

    assert gevonden == {
        gebruiker
        for gebruiker in kandidaten
        if Bijeenkomst.objects.zichtbaar_voor(gebruiker, als_deelnemer=True)
        .filter(pk=sessie.pk)
        .exists()
    }
    # Staff who take part are readers as participants: never of an intern session.
    assert (begeleider in gevonden) == (gepubliceerd and zichtbaarheid != Zichtbaarheid.INTERN)


# Staff: the answers on the session's admin page, attendance afterwards.


def admin_url(sessie) -> str:
    return reverse("admin:casuswijken_bijeenkomst_change", args=[sessie.pk])


def inline(response, naam: str):
    return next(
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.prefix == naam
    )


def aanwezigheid_data(response, **vinkjes) -> dict:
    """The answers inline as the page shows it (boxes as pre-filled), with the boxes of the
    people named (by first name) ticked (True) or not (False)."""
    formset = inline(response, "uitnodigingen")
    data = {"uitnodigingen-TOTAL_FORMS": str(len(formset.forms)),
            "uitnodigingen-INITIAL_FORMS": str(len(formset.forms))}  # fmt: skip
    for form in formset.forms:
        data[f"{form.prefix}-id"] = str(form.instance.pk)
        data[f"{form.prefix}-bijeenkomst"] = str(form.instance.bijeenkomst_id)
        aangevinkt = vinkjes.get(form.instance.gebruiker.first_name, form["aanwezig"].value())
        if aangevinkt:
            data[f"{form.prefix}-aanwezig"] = "on"
    return data


@pytest.fixture
def met_antwoorden(opzet):
    sessie, wijk = opzet["sessie"], opzet["wijk"]
    UitnodigingFactory(bijeenkomst=sessie, gebruiker=opzet["dewi"], antwoord="ja")
    UitnodigingFactory(bijeenkomst=sessie, gebruiker=persoon(wijk, "Anna"), antwoord="ja")
    UitnodigingFactory(bijeenkomst=sessie, gebruiker=persoon(wijk, "Bram"), antwoord="nee")
    UitnodigingFactory(bijeenkomst=sessie, gebruiker=persoon(wijk, "Cas"), antwoord="misschien")
    return sessie


def test_before_the_start_staff_see_the_answers_and_the_counts_without_attendance(
    client, opzet, met_antwoorden
):
    persoon(opzet["wijk"], "Fien")
    client.force_login(medewerker("begeleider"))

    response = client.get(admin_url(met_antwoorden))

    formset = inline(response, "uitnodigingen")
    assert [(f.instance.gebruiker.first_name, f.instance.antwoord) for f in formset.forms] == [
        ("Anna", "ja"), ("Bram", "nee"), ("Cas", "misschien"), ("Dewi", "ja"),
    ]  # fmt: skip
    assert "aanwezig" not in formset.forms[0].fields
    assert [i.formset.prefix for i in response.context["inline_admin_formsets"]] == [
        "actiepunten", "bijlagen", "uitnodigingen",
    ]  # fmt: skip
    assert "2 komen, 1 komt niet, 1 misschien, 1 nog geen antwoord" in response.text


def test_after_the_start_attendance_is_prefilled_from_the_answers_and_saved(
    client, opzet, met_antwoorden, nu
):
    nu.move_to(NA_HET_BEGIN)
    client.force_login(medewerker("begeleider"))
    pagina = client.get(admin_url(met_antwoorden))

    vooraf = {
        f.instance.gebruiker.first_name: f["aanwezig"].value()
        for f in inline(pagina, "uitnodigingen").forms
    }
    response = client.post(admin_url(met_antwoorden), bewaar_data(
        pagina, **aanwezigheid_data(pagina, Anna=False, Cas=True)))  # fmt: skip

    assert response.status_code == 302
    assert vooraf == {"Anna": True, "Bram": False, "Cas": False, "Dewi": True}
    assert sorted(Uitnodiging.objects.values_list("gebruiker__first_name", "aanwezig")) == [
        ("Anna", False),
        ("Bram", False),
        ("Cas", True),
        ("Dewi", True),
    ]
    opnieuw = client.get(admin_url(met_antwoorden))
    assert {
        f.instance.gebruiker.first_name: f["aanwezig"].value()
        for f in inline(opnieuw, "uitnodigingen").forms
    } == {"Anna": False, "Bram": False, "Cas": True, "Dewi": True}
    assert "2 komen, 1 komt niet, 1 misschien, 0 nog geen antwoord; 2 aanwezig" in opnieuw.text


def test_attendance_is_not_recorded_for_a_session_moved_into_the_future(
    client, opzet, met_antwoorden, nu
):
    nu.move_to(NA_HET_BEGIN)
    client.force_login(medewerker("begeleider"))
    pagina = client.get(admin_url(met_antwoorden))
    data = bewaar_data(pagina, **aanwezigheid_data(pagina))
    data.update({"begint_op_0": "01-04-2027", "eindigt_op_0": "01-04-2027"})

    response = client.post(admin_url(met_antwoorden), data)

    assert response.status_code == 200
    assert inline(response, "uitnodigingen").non_form_errors() == [
        "Wie er was, legt u vast vanaf het begin van de bijeenkomst."
    ]
    assert set(Uitnodiging.objects.values_list("aanwezig", flat=True)) == {None}


def kandidaat_data(*gebruikers) -> dict:
    data = {"uitnodigingen-2-TOTAL_FORMS": str(len(gebruikers)),
            "uitnodigingen-2-INITIAL_FORMS": "0"}  # fmt: skip
    for nummer, gebruiker in enumerate(gebruikers):
        data[f"uitnodigingen-2-{nummer}-gebruiker"] = str(gebruiker)
    return data


def test_staff_add_a_participant_who_came_without_answering(client, opzet, met_antwoorden, nu):
    wijk = opzet["wijk"]
    fien = persoon(wijk, "Fien", organisatie="Buurtwerk")
    DeelnameFactory(casuswijk=wijk, beeindigd=True, gebruiker__first_name="Gijs")
    nu.move_to(NA_HET_BEGIN)
    client.force_login(medewerker("begeleider"))
    pagina = client.get(admin_url(met_antwoorden))

    keuzes = inline(pagina, "uitnodigingen-2").empty_form.fields["gebruiker"].choices
    response = client.post(admin_url(met_antwoorden), bewaar_data(
        pagina, **aanwezigheid_data(pagina), **kandidaat_data(fien.pk)))  # fmt: skip

    assert [str(label) for waarde, label in keuzes if waarde != ""] == ["Fien (Buurtwerk)"]
    assert response.status_code == 302
    fien_uitnodiging = Uitnodiging.objects.get(gebruiker=fien)
    assert (fien_uitnodiging.antwoord, fien_uitnodiging.aanwezig) == ("", True)
    # Nobody left to add: no empty list to choose from.
    opnieuw = client.get(admin_url(met_antwoorden))
    assert [i.formset.prefix for i in opnieuw.context["inline_admin_formsets"]] == [
        "actiepunten",
        "bijlagen",
        "uitnodigingen",
    ]


def test_a_national_sessions_attendees_come_from_every_casuswijk_of_the_call(client, opzet, nu):
    landelijk = landelijke_sessie(opzet)
    DeelnameFactory(casuswijk=CasuswijkFactory(), gebruiker__first_name="Elders")
    nu.move_to(NA_HET_BEGIN)
    client.force_login(medewerker("begeleider"))

    pagina = client.get(admin_url(landelijk))

    keuzes = inline(pagina, "uitnodigingen-2").empty_form.fields["gebruiker"].choices
    assert [str(label) for waarde, label in keuzes if waarde != ""] == [
        "Dewi Dekker (Gemeente Utrecht, Lombok)", "Zoë (Zuilen)",
    ]  # fmt: skip


@pytest.mark.parametrize("wie", ["elders", "gestopt", "al_uitgenodigd", "onzin"])
def test_someone_who_cannot_have_been_there_is_refused_at_the_field(
    client, opzet, met_antwoorden, nu, wie
):
    gebruiker = {
        "elders": opzet["andere_wijk"].pk,
        "gestopt": DeelnameFactory(casuswijk=opzet["wijk"], beeindigd=True).gebruiker_id,
        "al_uitgenodigd": opzet["dewi"].pk,
        "onzin": "9" * 30,
    }[wie]
    persoon(opzet["wijk"], "Fien")  # someone who can be added: the inline is there
    nu.move_to(NA_HET_BEGIN)
    client.force_login(medewerker("begeleider"))
    pagina = client.get(admin_url(met_antwoorden))

    response = client.post(admin_url(met_antwoorden), bewaar_data(
        pagina, **aanwezigheid_data(pagina), **kandidaat_data(gebruiker)))  # fmt: skip

    assert response.status_code == 200
    fouten = inline(response, "uitnodigingen-2").forms[0].errors
    assert list(fouten) == ["gebruiker"]
    assert set(Uitnodiging.objects.values_list("aanwezig", flat=True)) == {None}


def _tel(client, url, django_assert_max_num_queries) -> int:
    with django_assert_max_num_queries(200) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_the_admin_page_costs_the_same_with_1_and_with_30_answers(
    client, opzet, nu, django_assert_max_num_queries
):
    sessie, wijk = opzet["sessie"], opzet["wijk"]
    persoon(wijk, "Nog niet uitgenodigd")
    UitnodigingFactory(bijeenkomst=sessie, gebruiker=opzet["dewi"], antwoord="ja")
    nu.move_to(NA_HET_BEGIN)
    client.force_login(medewerker("begeleider"))
    een = _tel(client, admin_url(sessie), django_assert_max_num_queries)

    for nummer in range(29):
        UitnodigingFactory(bijeenkomst=sessie, gebruiker=persoon(wijk, f"Lid {nummer}"),
                           antwoord=["ja", "nee", "misschien"][nummer % 3])  # fmt: skip
        persoon(wijk, f"Kandidaat {nummer}")
    dertig = _tel(client, admin_url(sessie), django_assert_max_num_queries)

    assert dertig == een


def test_the_list_of_answers_is_for_staff_to_read(client, opzet, met_antwoorden):
    client.force_login(medewerker("begeleider"))
    lijst = reverse("admin:casuswijken_uitnodiging_changelist")

    alle = client.get(lijst)
    ja = client.get(lijst + "?antwoord__exact=ja")
    uitnodiging = Uitnodiging.objects.get(gebruiker=opzet["dewi"])
    wijzigen = client.post(
        reverse("admin:casuswijken_uitnodiging_change", args=[uitnodiging.pk]),
        {"aanwezig": "true", "antwoord": "nee"},
    )

    assert alle.status_code == 200
    assert ja.context["cl"].result_count == 2
    assert client.get(reverse("admin:casuswijken_uitnodiging_add")).status_code == 403
    assert wijzigen.status_code == 403
    uitnodiging.refresh_from_db()
    assert (uitnodiging.antwoord, uitnodiging.aanwezig) == ("ja", None)


# The attendees in the verslag.


def test_the_verslag_lists_the_attendees_with_their_organisation(client, opzet, nu):
    sessie, wijk = opzet["sessie"], opzet["wijk"]
    Bijeenkomst.objects.filter(pk=sessie.pk).update(verslag="We spraken over de pleinen.")
    UitnodigingFactory(bijeenkomst=sessie, gebruiker=opzet["dewi"], antwoord="ja", aanwezig=True)
    UitnodigingFactory(bijeenkomst=sessie, gebruiker=persoon(wijk, "Anna"), antwoord="ja",
                       aanwezig=False)  # fmt: skip
    UitnodigingFactory(bijeenkomst=sessie, gebruiker=persoon(wijk, "Fien", "Buurtwerk"),
                       aanwezig=True)  # fmt: skip
    nu.move_to(NA_HET_BEGIN)
    client.force_login(opzet["dewi"])

    response = client.get(sessie_url(sessie))

    assert [(p.naam, p.organisatie) for p in response.context["antwoorden"]["aanwezig"]] == [
        ("Dewi Dekker", "Gemeente Utrecht"), ("Fien", "Buurtwerk"),
    ]  # fmt: skip
    tekst = " ".join(response.text.split())
    assert '<h3 class="h5" id="aanwezig-titel">Aanwezig</h3>' in tekst
    assert 'Fien <span class="text-body-secondary">· Buurtwerk</span>' in tekst
    assert tekst.index("We spraken over de pleinen.") < tekst.index("aanwezig-titel")


def test_no_attendee_list_before_attendance_is_recorded(client, opzet):
    UitnodigingFactory(bijeenkomst=opzet["sessie"], gebruiker=opzet["dewi"], antwoord="ja")
    client.force_login(opzet["dewi"])

    response = client.get(sessie_url(opzet["sessie"]))

    assert "aanwezig-titel" not in response.text


def test_a_national_verslag_names_the_own_casuswijks_attendees_and_counts_the_others(client, opzet):
    landelijk = landelijke_sessie(opzet, begint_op=NU - timedelta(days=1))
    UitnodigingFactory(bijeenkomst=landelijk, gebruiker=opzet["dewi"], aanwezig=True)
    UitnodigingFactory(bijeenkomst=landelijk, gebruiker=opzet["andere_wijk"], aanwezig=True)
    client.force_login(opzet["dewi"])

    response = client.get(sessie_url(landelijk))

    assert [p.naam for p in response.context["antwoorden"]["aanwezig"]] == ["Dewi Dekker"]
    assert "Zoë" not in response.text
    assert "En 1 andere deelnemer." in response.text


# The session page costs the same whatever the number of people.


@pytest.mark.parametrize("wie", ["deelnemer", "begeleider"])
def test_the_session_page_costs_the_same_with_1_and_with_50_answers_and_attendees(
    client, opzet, nu, wie, django_assert_max_num_queries
):
    sessie, wijk = opzet["sessie"], opzet["wijk"]
    Bijeenkomst.objects.filter(pk=sessie.pk).update(
        begint_op=NU - timedelta(days=1), eindigt_op=NU - timedelta(hours=20)
    )
    lezer = opzet["dewi"] if wie == "deelnemer" else medewerker("begeleider")
    client.force_login(lezer)
    UitnodigingFactory(bijeenkomst=sessie, gebruiker=opzet["dewi"], antwoord="ja", aanwezig=True)
    een = _tel(client, sessie_url(sessie), django_assert_max_num_queries)

    for nummer in range(49):
        UitnodigingFactory(bijeenkomst=sessie, gebruiker=persoon(wijk, f"Lid {nummer}"),
                           antwoord=["ja", "nee", "misschien"][nummer % 3],
                           aanwezig=nummer % 2 == 0)  # fmt: skip
        persoon(wijk, f"Zonder antwoord {nummer}")
    vijftig = _tel(client, sessie_url(sessie), django_assert_max_num_queries)

    response = client.get(sessie_url(sessie))
    assert len(response.context["antwoorden"]["aanwezig"]) == 26
    assert response.context["antwoorden"]["telling"].geen_antwoord == 49
    assert vijftig == een


def test_the_casuswijk_page_shows_the_participants_own_answer_beside_each_coming_session(
    client, opzet
):
    wijk, dewi = opzet["wijk"], opzet["dewi"]
    later = BijeenkomstFactory(casuswijk=wijk, titel="Tweede gesprek",
                               begint_op=BEGIN + timedelta(days=7))  # fmt: skip
    BijeenkomstFactory(casuswijk=wijk, titel="Gaat niet door", geannuleerd=True,
                       begint_op=BEGIN + timedelta(days=8))  # fmt: skip
    UitnodigingFactory(bijeenkomst=later, gebruiker=dewi, antwoord="misschien")
    client.force_login(dewi)

    response = client.get(reverse("casuswijken:casuswijk", args=["lombok"]))

    assert [(b.titel, b.eigen_antwoord) for b in response.context["komend"]] == [
        ("Open gesprek", ""),
        ("Tweede gesprek", "Misschien"),
        ("Gaat niet door", None),
    ]
    assert "Uw antwoord: <strong>Misschien</strong>" in response.text
    assert response.text.count("Laat weten of u komt") == 1


def test_staff_who_take_no_part_get_no_answer_beside_the_sessions(client, opzet):
    client.force_login(medewerker("begeleider"))

    response = client.get(reverse("casuswijken:casuswijk", args=["lombok"]))

    assert [b.eigen_antwoord for b in response.context["komend"]] == [None]
    assert "Laat weten of u komt" not in response.text
