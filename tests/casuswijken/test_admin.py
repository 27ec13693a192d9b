"""The staff tool for sessions, action points and findings: what a begeleider can choose
and do there, without pages they may not open."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from casuswijken.enums import Actiestatus, Zichtbaarheid
from casuswijken.models import Actiepunt, Bijeenkomst
from casuswijken.services import sla_bijeenkomst_op
from tests.conftest import wachtende_mails
from tests.factories import (
    ActiepuntFactory,
    BevindingFactory,
    BijeenkomstFactory,
    CasuswijkFactory,
    DeelnameFactory,
    medewerker,
)

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def moment(dag: int, maand: int = 1) -> datetime:
    return datetime(2027, maand, dag, 14, 0, tzinfo=AMSTERDAM)


@pytest.fixture
def opzet():
    wijk = CasuswijkFactory(naam="Lombok", slug="lombok")
    eerste = BijeenkomstFactory(casuswijk=wijk, titel="Open gesprek 1", begint_op=moment(12))
    tweede = BijeenkomstFactory(
        casuswijk=wijk, titel="Open gesprek 2", begint_op=moment(9, maand=3)
    )
    dewi = DeelnameFactory(casuswijk=wijk, organisatie="Gemeente Utrecht",
                           gebruiker__first_name="Dewi", gebruiker__last_name="Dekker")  # fmt: skip
    DeelnameFactory(casuswijk=wijk, beeindigd=True, gebruiker__first_name="Gijs")
    elders = DeelnameFactory(gebruiker__first_name="Els")
    return {"wijk": wijk, "eerste": eerste, "tweede": tweede, "dewi": dewi.gebruiker,
            "elders": elders}  # fmt: skip


def labels(veld) -> list[str]:
    return [str(label) for waarde, label in veld.choices if waarde != ""]


def bewaar_data(response, **extra) -> dict:
    """The session's change form as it stands, posted back with extra values."""
    formulier = response.context["adminform"].form
    sessie = formulier.instance
    data = {naam: formulier[naam].value() for naam in formulier.fields if formulier[naam].value()}
    data.update({
        "begint_op_0": timezone.localtime(sessie.begint_op).strftime("%d-%m-%Y"),
        "begint_op_1": timezone.localtime(sessie.begint_op).strftime("%H:%M:%S"),
        "eindigt_op_0": timezone.localtime(sessie.eindigt_op).strftime("%d-%m-%Y"),
        "eindigt_op_1": timezone.localtime(sessie.eindigt_op).strftime("%H:%M:%S"),
        "begeleiders": [],
        "actiepunten-TOTAL_FORMS": "0", "actiepunten-INITIAL_FORMS": "0",
        "bijlagen-TOTAL_FORMS": "0", "bijlagen-INITIAL_FORMS": "0",
        # The answers and, from the start, who came without answering (test_antwoorden.py).
        "uitnodigingen-TOTAL_FORMS": "0", "uitnodigingen-INITIAL_FORMS": "0",
        "uitnodigingen-2-TOTAL_FORMS": "0", "uitnodigingen-2-INITIAL_FORMS": "0",
    })  # fmt: skip
    data.update(extra)
    return data


def sessiepagina(sessie: Bijeenkomst) -> str:
    return reverse("admin:casuswijken_bijeenkomst_change", args=[sessie.pk])


def test_an_action_points_owner_is_chosen_from_the_casuswijks_active_participants(client, opzet):
    client.force_login(medewerker("begeleider"))

    response = client.get(sessiepagina(opzet["eerste"]))

    inline = response.context["inline_admin_formsets"][0]
    eigenaar = inline.formset.empty_form.fields["eigenaar"]
    assert labels(eigenaar) == ["Dewi Dekker (Gemeente Utrecht)"]
    assert "/admin/auth/user/" not in response.text


def test_an_owner_of_another_casuswijk_is_refused_on_the_add_page(client, opzet):
    client.force_login(medewerker("begeleider"))

    response = client.post(reverse("admin:casuswijken_actiepunt_add"), {
        "casuswijk": opzet["wijk"].pk, "bijeenkomst": opzet["eerste"].pk,
        "omschrijving": "Bel de school", "eigenaar": opzet["elders"].gebruiker.pk,
        "status": Actiestatus.OPEN,
    })  # fmt: skip

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "eigenaar": ["Deze persoon neemt niet deel aan deze casuswijk."]
    }
    assert Actiepunt.objects.count() == 0


def test_an_action_points_sessions_are_its_casuswijks_labelled_with_their_date(client, opzet):
    BijeenkomstFactory(titel="Elders")
    actiepunt = ActiepuntFactory(bijeenkomst=opzet["eerste"])
    client.force_login(medewerker("begeleider"))

    response = client.get(reverse("admin:casuswijken_actiepunt_change", args=[actiepunt.pk]))

    formulier = response.context["adminform"].form
    verwacht = ["12 januari 2027 – Open gesprek 1", "9 maart 2027 – Open gesprek 2"]
    assert labels(formulier.fields["bijeenkomst"]) == verwacht
    assert labels(formulier.fields["afgerond_in"]) == verwacht
    assert labels(formulier.fields["eigenaar"]) == ["Dewi Dekker (Gemeente Utrecht)"]


def test_a_findings_session_is_chosen_from_its_casuswijks_and_national_ones(client, opzet):
    wijk = opzet["wijk"]
    BijeenkomstFactory(casuswijk=None, oproep=wijk.aanmelding.oproep, titel="Landelijk",
                       zichtbaarheid=Zichtbaarheid.NETWERK,
                       begint_op=moment(2, maand=2))  # fmt: skip
    BijeenkomstFactory(titel="Elders")
    bevinding = BevindingFactory(casuswijk=wijk)
    client.force_login(medewerker("begeleider"))

    response = client.get(reverse("admin:casuswijken_bevinding_change", args=[bevinding.pk]))

    assert labels(response.context["adminform"].form.fields["bijeenkomst"]) == [
        "12 januari 2027 – Open gesprek 1",
        "2 februari 2027 – Landelijk",
        "9 maart 2027 – Open gesprek 2",
    ]
    assert "/admin/auth/user/" not in response.text


def test_the_participants_inline_shows_people_without_the_user_picker(client, opzet):
    client.force_login(medewerker("begeleider"))
    url = reverse("admin:casuswijken_casuswijk_change", args=[opzet["wijk"].pk])

    response = client.get(url)

    assert f"Dewi Dekker ({opzet['dewi'].email})" in response.text
    assert "/admin/auth/user/" not in response.text
    assert 'name="deelnames-0-gebruiker"' not in response.text


def test_a_session_lists_the_open_points_of_earlier_sessions_with_links(client, opzet):
    open_punt = ActiepuntFactory(bijeenkomst=opzet["eerste"], omschrijving="Bel de school",
                                 eigenaar=opzet["dewi"])  # fmt: skip
    ActiepuntFactory(bijeenkomst=opzet["eerste"], afgerond=True, afgerond_in=opzet["eerste"])
    ActiepuntFactory(bijeenkomst=opzet["tweede"], omschrijving="Van nu")
    client.force_login(medewerker("begeleider"))

    response = client.get(sessiepagina(opzet["tweede"]))

    veld = response.context["adminform"].form.fields["afronden"]
    assert list(veld.queryset) == [open_punt]
    link = reverse("admin:casuswijken_actiepunt_change", args=[open_punt.pk])
    assert f'<a href="{link}">Bel de school</a> · Dewi Dekker' in response.text


def test_an_earlier_point_is_closed_in_the_later_session_through_its_page(client, opzet):
    punt = ActiepuntFactory(bijeenkomst=opzet["eerste"])
    client.force_login(medewerker("begeleider"))
    url = sessiepagina(opzet["tweede"])

    response = client.post(url, bewaar_data(client.get(url), afronden=[punt.pk]))

    assert response.status_code == 302
    punt.refresh_from_db()
    assert (punt.status, punt.afgerond_in, punt.afgerond_op) == (
        Actiestatus.AFGEROND, opzet["tweede"], moment(9, maand=3).date()
    )  # fmt: skip


def test_closing_in_a_sessions_inline_records_that_session_and_its_date(client, opzet):
    punt = ActiepuntFactory(bijeenkomst=opzet["eerste"])
    client.force_login(medewerker("begeleider"))
    url = sessiepagina(opzet["eerste"])

    client.post(url, bewaar_data(client.get(url), **{
        "actiepunten-TOTAL_FORMS": "1", "actiepunten-INITIAL_FORMS": "1",
        "actiepunten-0-id": str(punt.pk), "actiepunten-0-bijeenkomst": str(opzet["eerste"].pk),
        "actiepunten-0-omschrijving": punt.omschrijving, "actiepunten-0-status": "afgerond",
    }))  # fmt: skip

    punt.refresh_from_db()
    assert (punt.afgerond_in, punt.afgerond_op) == (opzet["eerste"], moment(12).date())


def test_closing_in_the_action_points_list_records_the_day_and_no_session(client, opzet):
    punt = ActiepuntFactory(bijeenkomst=opzet["eerste"], eigenaar=opzet["dewi"])
    client.force_login(medewerker("begeleider"))
    url = reverse("admin:casuswijken_actiepunt_change", args=[punt.pk])
    velden = {"casuswijk": opzet["wijk"].pk, "bijeenkomst": opzet["eerste"].pk,
              "omschrijving": punt.omschrijving, "eigenaar": opzet["dewi"].pk}  # fmt: skip

    gesloten = client.post(url, {**velden, "status": Actiestatus.AFGEROND})
    punt.refresh_from_db()
    na_sluiten = (punt.afgerond_in, punt.afgerond_op)
    client.post(url, {**velden, "status": Actiestatus.LOOPT})
    punt.refresh_from_db()

    assert gesloten.status_code == 302
    assert na_sluiten == (None, timezone.localdate())
    assert (punt.status, punt.afgerond_in, punt.afgerond_op) == (Actiestatus.LOOPT, None, None)


def test_the_casuswijk_and_session_pages_link_to_what_participants_see(client, opzet):
    wijk = opzet["wijk"]
    landelijk = BijeenkomstFactory(
        casuswijk=None, oproep=wijk.aanmelding.oproep, zichtbaarheid=Zichtbaarheid.NETWERK
    )
    client.force_login(medewerker("begeleider"))

    wijkpagina = client.get(reverse("admin:casuswijken_casuswijk_change", args=[wijk.pk]))
    sessie = client.get(sessiepagina(opzet["eerste"]))
    landelijke = client.get(sessiepagina(landelijk))

    assert '<a href="/wijken/lombok/">Bekijk zoals deelnemers</a>' in wijkpagina.text
    for pagina, pk in [(sessie, opzet["eerste"].pk), (landelijke, landelijk.pk)]:
        assert f'<a href="/wijken/lombok/bijeenkomsten/{pk}/">Bekijk zoals deelnemers</a>' in (
            pagina.text
        )


def test_publishing_records_the_moment_once_and_announces_each_version_once(opzet):
    # Held already: no invitation goes out beside the notes (test_uitnodigen.py).
    sessie = BijeenkomstFactory(casuswijk=opzet["wijk"], gepubliceerd=False, verslag="Versie 1",
                                begint_op=timezone.now() - timedelta(days=1))  # fmt: skip
    assert sla_bijeenkomst_op(bijeenkomst=sessie).totaal == 0

    sessie.gepubliceerd = True
    eerste = sla_bijeenkomst_op(bijeenkomst=sessie).verslag
    gepubliceerd_op = sessie.gepubliceerd_op
    nog_eens = sla_bijeenkomst_op(bijeenkomst=sessie).totaal
    sessie.verslag = "Versie 2"
    bijgewerkt = sla_bijeenkomst_op(bijeenkomst=sessie).verslag

    assert (eerste, nog_eens, bijgewerkt) == (1, 0, 1)
    assert gepubliceerd_op is not None
    assert sessie.gepubliceerd_op == gepubliceerd_op
    assert [mail["aan"] for mail in wachtende_mails()] == [[opzet["dewi"].email]] * 2


@pytest.mark.parametrize(("leden", "bericht"), [(1, "1 coalitielid uitgenodigd"),
                                                 (3, "3 coalitieleden uitgenodigd")])  # fmt: skip
def test_the_invitation_message_counts_in_proper_dutch(client, leden, bericht):
    wijk = CasuswijkFactory()
    for lid in list(wijk.aanmelding.leden.all())[leden:]:
        lid.delete()
    client.force_login(medewerker("begeleider"))

    response = client.post(reverse("admin:casuswijken_casuswijk_changelist"),
                           {"action": "coalitie_uitnodigen", "_selected_action": [wijk.pk]},
                           follow=True)  # fmt: skip

    assert [str(m) for m in response.context["messages"]] == [
        f"{wijk.naam}: {bericht}; wie al deelnam, is overgeslagen."
    ]


def test_publishing_through_the_session_page_says_who_is_mailed(client, opzet):
    sessie = BijeenkomstFactory(casuswijk=opzet["wijk"], gepubliceerd=False, verslag="Notities",
                                begint_op=timezone.now() - timedelta(days=1))  # fmt: skip
    client.force_login(medewerker("begeleider"))
    url = sessiepagina(sessie)

    response = client.post(url, bewaar_data(client.get(url), gepubliceerd="on"), follow=True)

    assert response.status_code == 200
    assert "1 deelnemer krijgt een e-mail dat het verslag online staat." in [
        str(bericht) for bericht in response.context["messages"]
    ]
    assert [mail["aan"] for mail in wachtende_mails()] == [[opzet["dewi"].email]]


def test_a_new_sessions_action_point_cannot_go_to_someone_of_another_casuswijk(client, opzet):
    client.force_login(medewerker("begeleider"))
    url = reverse("admin:casuswijken_bijeenkomst_add")
    data = {
        "oproep": str(opzet["wijk"].aanmelding.oproep_id),
        "casuswijk": str(opzet["wijk"].pk),
        "soort": "open_gesprek",
        "titel": "Derde gesprek",
        "begint_op_0": "12-04-2027", "begint_op_1": "14:00:00",
        "eindigt_op_0": "12-04-2027", "eindigt_op_1": "16:00:00",
        "zichtbaarheid": "wijk",
        "actiepunten-TOTAL_FORMS": "1", "actiepunten-INITIAL_FORMS": "0",
        "actiepunten-0-omschrijving": "Bel de school",
        "actiepunten-0-eigenaar": str(opzet["elders"].gebruiker_id),
        "actiepunten-0-status": "open",
        "bijlagen-TOTAL_FORMS": "0", "bijlagen-INITIAL_FORMS": "0",
    }  # fmt: skip

    response = client.post(url, data)

    assert response.status_code == 200
    assert not Bijeenkomst.objects.filter(titel="Derde gesprek").exists()
    fouten = response.context["inline_admin_formsets"][0].formset.forms[0].errors
    assert fouten["eigenaar"] == ["Deze persoon neemt geen deel aan deze casuswijk."]


def test_facilitators_are_ticked_by_name(client, opzet):
    begeleider = medewerker("begeleider")
    begeleider.first_name, begeleider.last_name = "Bea", "Begeleider"
    begeleider.save()
    client.force_login(begeleider)

    response = client.get(sessiepagina(opzet["eerste"]))

    assert labels(response.context["adminform"].form.fields["begeleiders"]) == ["Bea Begeleider"]


def test_a_session_with_action_points_cannot_move_to_another_casuswijk(client, opzet):
    ActiepuntFactory(bijeenkomst=opzet["eerste"])
    andere = CasuswijkFactory(aanmelding__oproep=opzet["wijk"].aanmelding.oproep)
    client.force_login(medewerker("begeleider"))
    url = sessiepagina(opzet["eerste"])

    response = client.post(url, bewaar_data(client.get(url), casuswijk=str(andere.pk)))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["casuswijk"] == [
        "Deze bijeenkomst heeft actiepunten van haar casuswijk en kan daarom niet naar een "
        "andere casuswijk. Maak zo nodig een nieuwe bijeenkomst."
    ]
    opzet["eerste"].refresh_from_db()
    assert opzet["eerste"].casuswijk == opzet["wijk"]


def test_a_tampered_point_to_close_is_refused_at_the_field(client, opzet):
    client.force_login(medewerker("begeleider"))
    url = sessiepagina(opzet["tweede"])

    response = client.post(url, bewaar_data(client.get(url), afronden=["99999999999999999999"]))

    assert response.status_code == 200
    assert "afronden" in response.context["adminform"].form.errors


def test_an_ended_participation_is_not_reopened_beside_a_new_one(client, opzet):
    oud = DeelnameFactory(casuswijk=opzet["wijk"], beeindigd=True)
    DeelnameFactory(casuswijk=opzet["wijk"], gebruiker=oud.gebruiker)
    client.force_login(medewerker("coördinator"))
    url = reverse("admin:casuswijken_deelname_change", args=[oud.pk])
    formulier = client.get(url).context["adminform"].form

    response = client.post(url, {
        "rol": oud.rol, "organisatie": "", "functie": "",
        "begonnen_op_0": timezone.localtime(oud.begonnen_op).strftime("%d-%m-%Y"),
        "begonnen_op_1": timezone.localtime(oud.begonnen_op).strftime("%H:%M:%S"),
        "beeindigd_op_0": "", "beeindigd_op_1": "",
    })  # fmt: skip

    assert "beeindigd_op" in formulier.fields
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["beeindigd_op"] == [
        "Deze persoon neemt al opnieuw deel aan deze casuswijk; deze eerdere deelname blijft "
        "beëindigd."
    ]
    oud.refresh_from_db()
    assert oud.beeindigd_op is not None
