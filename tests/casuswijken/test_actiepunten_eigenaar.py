"""Action points by their owners: the owner (and staff with the right) set the status with a
short note from the casuswijk page; who and when is recorded and shown."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from casuswijken.enums import Actiestatus
from casuswijken.models import Actiepunt, Actiepuntwijziging
from casuswijken.services import wijzig_actiepunt
from tests.factories import (
    ActiepuntFactory,
    BijeenkomstFactory,
    CasuswijkFactory,
    DeelnameFactory,
    StaffFactory,
    medewerker,
)

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
NU = datetime(2026, 12, 3, 10, 30, tzinfo=AMSTERDAM)


@pytest.fixture(autouse=True)
def bevroren_tijd():
    with time_machine.travel(NU, tick=False):
        yield


@pytest.fixture
def opzet():
    wijk = CasuswijkFactory(naam="Lombok", slug="lombok")
    sessie = BijeenkomstFactory(casuswijk=wijk, titel="Eerste gesprek",
                                begint_op=NU - timedelta(days=20))  # fmt: skip
    anna = DeelnameFactory(casuswijk=wijk, gebruiker__first_name="Anna",
                           gebruiker__last_name="de Vries").gebruiker  # fmt: skip
    bert = DeelnameFactory(casuswijk=wijk, gebruiker__first_name="Bert").gebruiker
    punt = ActiepuntFactory(bijeenkomst=sessie, eigenaar=anna, omschrijving="Offerte speeltuin")
    return {"wijk": wijk, "sessie": sessie, "anna": anna, "bert": bert, "punt": punt}


def url(punt: Actiepunt, slug: str = "lombok") -> str:
    return reverse("casuswijken:actiepunt", args=[slug, punt.pk])


WIJK_URL = "/wijken/lombok/"


def onveranderd(punt: Actiepunt) -> bool:
    punt.refresh_from_db()
    return punt.status == Actiestatus.OPEN and not Actiepuntwijziging.objects.exists()


def test_the_owner_closes_their_own_point_outside_a_session(client, opzet):
    punt = opzet["punt"]
    client.force_login(opzet["anna"])

    response = client.post(url(punt), {"status": "afgerond", "notitie": "Offerte is binnen"})

    assert response.status_code == 302
    assert response.url == WIJK_URL
    punt.refresh_from_db()
    assert (punt.status, punt.afgerond_op, punt.afgerond_in) == (
        Actiestatus.AFGEROND, date(2026, 12, 3), None
    )  # fmt: skip
    rij = Actiepuntwijziging.objects.get()
    assert (rij.actiepunt, rij.door, rij.status, rij.notitie, rij.op) == (
        punt, opzet["anna"], Actiestatus.AFGEROND, "Offerte is binnen", NU
    )  # fmt: skip


def test_a_closed_point_leaves_the_open_list_and_the_page_says_so(client, opzet):
    client.force_login(opzet["anna"])

    response = client.post(url(opzet["punt"]), {"status": "afgerond"}, follow=True)

    assert response.context["actiepunten"] == []
    assert (
        "Het actiepunt “Offerte speeltuin” is afgerond en staat niet meer bij de open "
        "actiepunten." in response.text
    )


def test_the_casuswijk_page_shows_the_status_and_the_last_change(client, opzet):
    client.force_login(opzet["anna"])
    with time_machine.travel(NU - timedelta(days=2), tick=False):
        client.post(url(opzet["punt"]), {"status": "loopt", "notitie": "Leverancier gebeld"})
    client.post(url(opzet["punt"]), {"status": "loopt", "notitie": "offerte aangevraagd"})
    client.force_login(opzet["bert"])

    response = client.get(WIJK_URL)

    assert "Loopt — door Anna de Vries, 3 december 2026: offerte aangevraagd" in response.text
    assert "Leverancier gebeld" not in response.text


def test_the_owner_gets_a_form_beside_their_point_and_others_do_not(client, opzet):
    ander = ActiepuntFactory(bijeenkomst=opzet["sessie"], eigenaar=opzet["bert"])
    client.force_login(opzet["anna"])

    response = client.get(WIJK_URL)

    eigen, van_bert = sorted(response.context["actiepunten"], key=lambda a: a.pk)
    assert eigen.formulier is not None
    assert van_bert.formulier is None
    actie = f'action="{url(opzet["punt"])}"'
    assert actie in response.text
    assert f'action="{url(ander)}"' not in response.text
    assert 'id="actiepunt-{}-notitie"'.format(opzet["punt"].pk) in response.text


def test_the_points_page_shows_the_whole_history_newest_first(client, opzet):
    punt = opzet["punt"]
    client.force_login(opzet["anna"])
    with time_machine.travel(NU - timedelta(days=5), tick=False):
        wijzig_actiepunt(actiepunt=punt, door=opzet["anna"], status="loopt", notitie="Begonnen")
    wijzig_actiepunt(actiepunt=punt, door=opzet["anna"], status="afgerond", notitie="Klaar")

    response = client.get(url(punt))

    assert response.status_code == 200
    assert [(w.status, w.notitie) for w in response.context["wijzigingen"]] == [
        ("afgerond", "Klaar"), ("loopt", "Begonnen")
    ]  # fmt: skip
    assert "Afgerond — door Anna de Vries, 3 december 2026: " in response.text
    assert "Loopt — door Anna de Vries, 28 november 2026: " in response.text
    assert "op 3 december 2026 (buiten een bijeenkomst)" in response.text


def test_another_participant_reads_the_point_without_a_form_and_a_post_answers_404(client, opzet):
    punt = opzet["punt"]
    client.force_login(opzet["bert"])

    pagina = client.get(url(punt))
    response = client.post(url(punt), {"status": "afgerond"})

    assert pagina.status_code == 200
    assert pagina.context["form"] is None
    assert "Status opslaan" not in pagina.text
    assert response.status_code == 404
    assert onveranderd(punt)


def test_another_casuswijks_participant_gets_404(client, opzet):
    punt = opzet["punt"]
    elders = DeelnameFactory(casuswijk=CasuswijkFactory(slug="zuilen")).gebruiker
    client.force_login(elders)

    assert client.get(url(punt)).status_code == 404
    assert client.post(url(punt), {"status": "afgerond"}).status_code == 404
    assert client.post(url(punt, "zuilen"), {"status": "afgerond"}).status_code == 404
    assert onveranderd(punt)


def test_a_point_of_another_casuswijk_answers_404_through_your_own_slug(client, opzet):
    elders = ActiepuntFactory(eigenaar=opzet["anna"])
    client.force_login(opzet["anna"])

    assert client.get(url(elders)).status_code == 404
    assert client.post(url(elders), {"status": "afgerond"}).status_code == 404
    elders.refresh_from_db()
    assert elders.status == Actiestatus.OPEN


def test_anonymous_visitors_are_sent_to_the_login(client, opzet):
    punt = opzet["punt"]

    for response in [client.get(url(punt)), client.post(url(punt), {"status": "afgerond"})]:
        assert response.status_code == 302
        assert response.url.startswith(reverse("account:login"))
    assert onveranderd(punt)


@pytest.mark.parametrize(
    ("data", "veld", "melding"),
    [
        ({"status": "gesloten"}, "status", "Kies een status: open, loopt of afgerond."),
        ({"status": ""}, "status", "Kies een status: open, loopt of afgerond."),
        ({"notitie": "Vergeten"}, "status", "Kies een status: open, loopt of afgerond."),
        ({"status": "afgerond", "notitie": "x" * 501}, "notitie",
         "Deze tekst is 501 tekens lang; er passen er maximaal 500 in. "
         "Maak hem korter: wat u schreef, staat er nog."),
        ({"status": "loopt", "notitie": "Bijna\x00klaar"}, "notitie",
         "Null-tekens zijn niet toegestaan."),
        ({"status": "loopt\x00"}, "status", "Kies een status: open, loopt of afgerond."),
        ({"status": "open"}, "status", "Het actiepunt staat al op open: kies een andere "
         "status, of schrijf een notitie bij deze status."),
        # A note that shows nothing (zero-width and non-breaking spaces) is no note.
        ({"status": "open", "notitie": "\u200b\u00a0\u2060"}, "status", "Het actiepunt staat "
         "al op open: kies een andere status, of schrijf een notitie bij deze status."),
    ],
)  # fmt: skip
def test_bad_input_gets_a_dutch_message_at_the_field_and_changes_nothing(
    client, opzet, data, veld, melding
):
    punt = opzet["punt"]
    client.force_login(opzet["anna"])

    response = client.post(url(punt), data)

    assert response.status_code == 422
    assert response.context["form"].errors == {veld: [melding]}
    assert "Er is 1 punt om te verbeteren" in response.text
    assert onveranderd(punt)


def test_a_note_of_500_characters_with_line_breaks_is_accepted(client, opzet):
    client.force_login(opzet["anna"])
    notitie = ("a" * 249 + "\r\n") * 2

    response = client.post(url(opzet["punt"]), {"status": "loopt", "notitie": notitie})

    assert response.status_code == 302
    assert Actiepuntwijziging.objects.get().notitie == ("a" * 249 + "\n" + "a" * 249)


def test_a_note_alone_records_progress_without_changing_the_status(client, opzet):
    punt = opzet["punt"]
    client.force_login(opzet["anna"])

    response = client.post(url(punt), {"status": "open", "notitie": "Wacht op de gemeente"})

    assert response.status_code == 302
    punt.refresh_from_db()
    assert punt.status == Actiestatus.OPEN
    assert list(Actiepuntwijziging.objects.values_list("status", "notitie")) == [
        ("open", "Wacht op de gemeente")
    ]


def test_the_note_is_shown_as_plain_text(client, opzet):
    client.force_login(opzet["anna"])
    client.post(url(opzet["punt"]), {"status": "loopt", "notitie": "<script>alert(1)</script>"})

    for pagina in [WIJK_URL, url(opzet["punt"])]:
        response = client.get(pagina)
        assert "<script>alert(1)" not in response.text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text


def test_the_owner_reopens_a_point_closed_by_mistake(client, opzet):
    punt = opzet["punt"]
    client.force_login(opzet["anna"])
    client.post(url(punt), {"status": "afgerond"})

    response = client.post(url(punt), {"status": "loopt", "notitie": "Toch nog niet klaar"})

    assert response.status_code == 302
    punt.refresh_from_db()
    assert (punt.status, punt.afgerond_op, punt.afgerond_in) == (Actiestatus.LOOPT, None, None)
    assert list(Actiepuntwijziging.objects.values_list("status", flat=True)) == [
        "loopt", "afgerond"
    ]  # fmt: skip


def test_staff_with_the_right_may_change_any_point(client, opzet):
    begeleider = medewerker("begeleider")
    begeleider.first_name, begeleider.last_name = "Bea", "Begeleider"
    begeleider.save()
    client.force_login(begeleider)

    pagina = client.get(WIJK_URL)
    response = client.post(url(opzet["punt"]), {"status": "loopt", "notitie": "Nagevraagd"})

    assert pagina.context["actiepunten"][0].formulier is not None
    assert response.status_code == 302
    wijziging = Actiepuntwijziging.objects.get()
    assert (wijziging.door, wijziging.status) == (begeleider, Actiestatus.LOOPT)


def test_a_beoordelaar_may_not_change_a_point(client, opzet):
    client.force_login(medewerker("beoordelaar"))

    assert client.post(url(opzet["punt"]), {"status": "afgerond"}).status_code == 404
    assert onveranderd(opzet["punt"])


def test_an_owner_whose_participation_ended_may_not_change_the_point(client, opzet):
    punt = opzet["punt"]
    punt.eigenaar.deelnames.update(beeindigd_op=NU - timedelta(days=1))
    client.force_login(opzet["anna"])

    assert client.get(url(punt)).status_code == 404
    assert client.post(url(punt), {"status": "afgerond"}).status_code == 404
    assert onveranderd(punt)


def test_the_service_refuses_a_forged_status_and_a_change_that_changes_nothing(opzet):
    punt = opzet["punt"]

    with pytest.raises(ValueError, match="Onbekende status"):
        wijzig_actiepunt(actiepunt=punt, door=opzet["anna"], status="weg", notitie="")
    with pytest.raises(ValueError, match="Er verandert niets"):
        wijzig_actiepunt(actiepunt=punt, door=opzet["anna"], status="open", notitie="  ")
    assert onveranderd(punt)


def test_closing_a_point_that_was_closed_in_a_session_keeps_that_session(opzet):
    later = BijeenkomstFactory(casuswijk=opzet["wijk"], begint_op=NU - timedelta(days=3))
    punt = ActiepuntFactory(bijeenkomst=opzet["sessie"], eigenaar=opzet["anna"],
                            afgerond=True, afgerond_in=later)  # fmt: skip

    wijzig_actiepunt(actiepunt=punt, door=opzet["anna"], status="afgerond", notitie="Nagekomen")

    punt.refresh_from_db()
    assert (punt.afgerond_in, punt.afgerond_op) == (later, date(2026, 11, 30))


# Staff in the admin: a change of status leaves a row in the history too.


def test_a_status_changed_on_the_action_points_admin_page_is_recorded(client, opzet):
    punt = opzet["punt"]
    beheer = StaffFactory(beheer=True, first_name="Bea", last_name="Beheer")
    client.force_login(beheer)
    admin_url = reverse("admin:casuswijken_actiepunt_change", args=[punt.pk])
    velden = {"casuswijk": opzet["wijk"].pk, "bijeenkomst": opzet["sessie"].pk,
              "omschrijving": punt.omschrijving, "eigenaar": opzet["anna"].pk}  # fmt: skip

    client.post(admin_url, {**velden, "status": "open", "deadline": "1-2-2027"})
    client.post(admin_url, {**velden, "status": "afgerond", "deadline": "1-2-2027"})

    assert list(Actiepuntwijziging.objects.values_list("door", "status", "notitie")) == [
        (beheer.pk, "afgerond", "")
    ]
    pagina = client.get(admin_url)
    assert "3 december 2026, 10:30 – Bea Beheer: Afgerond" in pagina.text


def test_the_admin_shows_the_history_read_only_and_escaped(client, opzet):
    wijzig_actiepunt(actiepunt=opzet["punt"], door=opzet["anna"], status="loopt",
                     notitie="<b>vet</b>")  # fmt: skip
    client.force_login(medewerker("begeleider"))

    response = client.get(reverse("admin:casuswijken_actiepunt_change", args=[opzet["punt"].pk]))

    assert "3 december 2026, 10:30 – Anna de Vries: Loopt – &lt;b&gt;vet&lt;/b&gt;" in response.text
    assert 'name="notitie"' not in response.text


def test_a_status_changed_in_a_sessions_inline_or_ticked_off_there_is_recorded(client, opzet):
    from tests.casuswijken.test_admin import bewaar_data

    punt, ander = opzet["punt"], ActiepuntFactory(bijeenkomst=opzet["sessie"])
    later = BijeenkomstFactory(casuswijk=opzet["wijk"], begint_op=NU - timedelta(days=1))
    begeleider = medewerker("begeleider")
    client.force_login(begeleider)
    sessie_url = reverse("admin:casuswijken_bijeenkomst_change", args=[opzet["sessie"].pk])
    later_url = reverse("admin:casuswijken_bijeenkomst_change", args=[later.pk])

    client.post(sessie_url, bewaar_data(client.get(sessie_url), **{
        "actiepunten-TOTAL_FORMS": "2", "actiepunten-INITIAL_FORMS": "2",
        "actiepunten-0-id": str(punt.pk), "actiepunten-0-bijeenkomst": str(opzet["sessie"].pk),
        "actiepunten-0-omschrijving": punt.omschrijving, "actiepunten-0-status": "loopt",
        "actiepunten-0-eigenaar": str(opzet["anna"].pk),
        "actiepunten-1-id": str(ander.pk), "actiepunten-1-bijeenkomst": str(opzet["sessie"].pk),
        "actiepunten-1-omschrijving": "Anders verwoord", "actiepunten-1-status": "open",
    }))  # fmt: skip
    client.post(later_url, bewaar_data(client.get(later_url), afronden=[ander.pk]))

    assert sorted(Actiepuntwijziging.objects.values_list("actiepunt", "door", "status")) == [
        (punt.pk, begeleider.pk, "loopt"), (ander.pk, begeleider.pk, "afgerond")
    ]  # fmt: skip


# The casuswijk page costs the same number of queries whatever the number of points.


def _tel(client, django_assert_max_num_queries) -> int:
    with django_assert_max_num_queries(100) as context:
        assert client.get(WIJK_URL).status_code == 200
    return len(context.captured_queries)


def test_the_casuswijk_page_costs_the_same_queries_at_1_and_n_points_with_changes(
    client, opzet, django_assert_max_num_queries
):
    anna = opzet["anna"]
    wijzig_actiepunt(actiepunt=opzet["punt"], door=anna, status="loopt", notitie="Een")
    client.force_login(anna)
    bij_een = _tel(client, django_assert_max_num_queries)

    for nummer in range(20):
        punt = ActiepuntFactory(bijeenkomst=opzet["sessie"],
                                eigenaar=anna if nummer % 2 else opzet["bert"])  # fmt: skip
        for stap in range(3):
            wijzig_actiepunt(actiepunt=punt, door=StaffFactory(), status="open",
                             notitie=f"Stap {stap}")  # fmt: skip
    bij_veel = _tel(client, django_assert_max_num_queries)

    assert bij_veel == bij_een
    response = client.get(WIJK_URL)
    assert len(response.context["actiepunten"]) == 21
    assert {p.laatste_wijziging.notitie for p in response.context["actiepunten"]} == {
        "Een", "Stap 2"
    }  # fmt: skip


def test_a_status_someone_else_set_in_the_meantime_is_said_not_failed(client, opzet, monkeypatch):
    punt = opzet["punt"]
    client.force_login(opzet["anna"])
    echt = wijzig_actiepunt

    def tussendoor(**kwargs):
        # Staff set the same status just before the owner's form arrives.
        echt(actiepunt=Actiepunt.objects.get(pk=punt.pk), door=None, status="loopt", notitie="")
        return echt(**kwargs)

    monkeypatch.setattr("casuswijken.views.actiepunten.wijzig_actiepunt", tussendoor)

    response = client.post(url(punt), {"status": "loopt"})

    assert response.status_code == 422
    assert response.context["form"].non_field_errors() == [
        "Er verandert niets: kies een andere status of schrijf een notitie."
    ]
    assert Actiepuntwijziging.objects.count() == 1


def test_head_answers_as_get_and_changes_nothing(client, opzet):
    client.force_login(opzet["anna"])

    response = client.head(url(opzet["punt"]))

    assert response.status_code == 200
    assert onveranderd(opzet["punt"])
