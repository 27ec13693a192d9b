"""Interventions, findings and action points as CSV from the admin's lists, in the form
Dutch Excel opens; and the admin of good examples from elsewhere."""

import csv
import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.timezone import localdate

from aanmeldingen.enums import Leervraag
from casuswijken.enums import Interventiestatus, Zichtbaarheid
from casuswijken.models import Bevinding, Interventie, Interventiecategorie, Voorbeeld
from tests.factories import (
    ActiepuntFactory,
    BevindingFactory,
    BijeenkomstFactory,
    CasuswijkFactory,
    DeelnameFactory,
    InterventieFactory,
    OproepFactory,
    StaffFactory,
    VoorbeeldFactory,
    medewerker,
)

pytestmark = pytest.mark.django_db

UTC = ZoneInfo("UTC")
LIJSTEN = ["interventie", "bevinding", "actiepunt"]


def lijst(model: str) -> str:
    return reverse(f"admin:casuswijken_{model}_changelist")


def exporteer(client, model: str, records, **extra):
    return client.post(
        lijst(model),
        {"action": "exporteer_csv", "_selected_action": [r.pk for r in records], **extra},
    )


def csv_rijen(response) -> list[list[str]]:
    tekst = response.content.decode("utf-8")
    assert tekst.startswith("\ufeff")
    return list(csv.reader(io.StringIO(tekst[1:], newline=""), delimiter=";"))


@pytest.fixture
def lombok():
    return CasuswijkFactory(naam="Lombok", aanmelding__gemeente="Utrecht")


@pytest.fixture
def begeleider(client):
    client.force_login(medewerker("begeleider"))


def test_interventions_export_as_dutch_excel_reads_them(client, begeleider, lombok):
    interventie = InterventieFactory(
        casuswijk=lombok,
        categorie=Interventiecategorie.objects.create(naam="Woningtoewijzing"),
        naam="Voorrang voor buurtbewoners",
        domein="fysiek",
        status=Interventiestatus.LOOPT,
        zichtbaarheid=Zichtbaarheid.NETWERK,
        omschrijving="Eerst de eigen buurt; dan de stad.",
        partners="Mitros, gemeente",
        ervaringen="Werkt,\nmaar traag.",
    )

    response = exporteer(client, "interventie", [interventie])

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.decode("utf-8") == (
        "\ufeffcasuswijk;gemeente;categorie;naam;domein;status;zichtbaarheid;omschrijving;"
        "partners;ervaringen\r\n"
        "Lombok;Utrecht;Woningtoewijzing;Voorrang voor buurtbewoners;Fysiek;Loopt;netwerk;"
        '"Eerst de eigen buurt; dan de stad.";Mitros, gemeente;"Werkt,\nmaar traag."\r\n'
    )


def test_findings_export_with_their_session_and_date(client, begeleider, lombok):
    sessie = BijeenkomstFactory(
        casuswijk=lombok, titel="Open gesprek 1", begint_op=datetime(2027, 1, 12, 13, tzinfo=UTC)
    )
    bevinding = BevindingFactory(
        casuswijk=lombok,
        bijeenkomst=sessie,
        leervraag=Leervraag.RANDVOORWAARDEN,
        goed_voorbeeld=True,
        zichtbaarheid=Zichtbaarheid.OPENBAAR,
        tekst="Een vaste **kwartiermaker**.",
    )
    Bevinding.objects.filter(pk=bevinding.pk).update(
        aangemaakt=datetime(2027, 1, 13, 9, 5, tzinfo=UTC)
    )

    response = exporteer(client, "bevinding", [bevinding])

    assert response.content.decode("utf-8") == (
        "\ufeffcasuswijk;leervraag;goed voorbeeld;zichtbaarheid;bijeenkomst;datum;tekst\r\n"
        "Lombok;Randvoorwaarden;ja;openbaar;Open gesprek 1 (2027-01-12);2027-01-13 10:05;"
        "Een vaste **kwartiermaker**.\r\n"
    )


def test_action_points_export_with_owner_sessions_and_dates(client, begeleider, lombok):
    eerste = BijeenkomstFactory(
        casuswijk=lombok, titel="Open gesprek 1", begint_op=datetime(2027, 1, 12, 13, tzinfo=UTC)
    )
    tweede = BijeenkomstFactory(
        casuswijk=lombok, titel="Open gesprek 2", begint_op=datetime(2027, 3, 9, 13, tzinfo=UTC)
    )
    dewi = DeelnameFactory(
        casuswijk=lombok, gebruiker__first_name="Dewi", gebruiker__last_name="Dekker"
    ).gebruiker
    afgerond = ActiepuntFactory(
        bijeenkomst=eerste,
        omschrijving="Buurtschouw plannen",
        eigenaar=dewi,
        deadline=date(2027, 2, 1),
        afgerond=True,
        afgerond_in=tweede,
    )
    open_ = ActiepuntFactory(
        bijeenkomst=eerste, omschrijving="Huurders uitnodigen", eigenaar_naam="Bewonersraad"
    )

    response = exporteer(client, "actiepunt", [afgerond, open_])

    assert response.content.decode("utf-8") == (
        "\ufeffcasuswijk;omschrijving;eigenaar;deadline;status;afgesproken in;afgerond in;"
        "afgerond op\r\n"
        "Lombok;Buurtschouw plannen;Dewi Dekker;2027-02-01;Afgerond;Open gesprek 1 (2027-01-12);"
        "Open gesprek 2 (2027-03-09);2027-03-09\r\n"
        "Lombok;Huurders uitnodigen;Bewonersraad;;Open;Open gesprek 1 (2027-01-12);;\r\n"
    )


@pytest.mark.parametrize(
    ("model", "naam"),
    [("interventie", "interventies"), ("bevinding", "bevindingen"), ("actiepunt", "actiepunten")],
)
def test_the_file_is_named_after_its_contents_and_today(client, begeleider, model, naam):
    (record,) = _rijen(model, 1)

    response = exporteer(client, model, [record])

    vandaag = localdate().strftime("%Y-%m-%d")
    assert response["Content-Disposition"] == f'attachment; filename="{naam}-{vandaag}.csv"'


GEVAARLIJK = ['=HYPERLINK("http://x.example","klik")', "+31 6 1234", "-2+3", "@SUM(A1)",
              "\tTab", "\rRegel"]  # fmt: skip


@pytest.mark.parametrize("gevaarlijk", GEVAARLIJK)
def test_no_cell_starts_with_a_formula(client, begeleider, gevaarlijk):
    wijk = CasuswijkFactory(naam=gevaarlijk)
    interventie = InterventieFactory(casuswijk=wijk, naam=gevaarlijk, partners=gevaarlijk,
                                     omschrijving=gevaarlijk, ervaringen=gevaarlijk)  # fmt: skip
    bevinding = BevindingFactory(casuswijk=wijk, tekst=gevaarlijk)
    actiepunt = ActiepuntFactory(bijeenkomst__casuswijk=wijk, bijeenkomst__titel=gevaarlijk,
                                 omschrijving=gevaarlijk, eigenaar_naam=gevaarlijk)  # fmt: skip
    veilig = "'" + gevaarlijk

    (_, interventierij) = csv_rijen(exporteer(client, "interventie", [interventie]))
    (_, bevindingrij) = csv_rijen(exporteer(client, "bevinding", [bevinding]))
    (_, actierij) = csv_rijen(exporteer(client, "actiepunt", [actiepunt]))

    assert [interventierij[i] for i in (0, 3, 7, 8, 9)] == [veilig] * 5
    assert [bevindingrij[i] for i in (0, 6)] == [veilig] * 2
    assert [actierij[i] for i in (0, 1, 2)] == [veilig] * 3
    assert actierij[5].startswith(veilig + " (")


def test_moments_are_in_dutch_time(client, begeleider, lombok):
    # 23:30 UTC on New Year's Eve is already the first of January in Amsterdam.
    oudjaar = datetime(2026, 12, 31, 23, 30, tzinfo=UTC)
    sessie = BijeenkomstFactory(casuswijk=lombok, titel="Nieuwjaar", begint_op=oudjaar)
    bevinding = BevindingFactory(casuswijk=lombok, bijeenkomst=sessie)
    Bevinding.objects.filter(pk=bevinding.pk).update(aangemaakt=oudjaar)

    (_, rij) = csv_rijen(exporteer(client, "bevinding", [bevinding]))

    assert rij[4:6] == ["Nieuwjaar (2027-01-01)", "2027-01-01 00:30"]


def test_accents_survive(client, begeleider):
    wijk = CasuswijkFactory(naam="Poptahof-Zuid", aanmelding__gemeente="Súdwest-Fryslân")
    interventie = InterventieFactory(casuswijk=wijk, naam="Coördinatie één loket", partners="Ñ")

    response = exporteer(client, "interventie", [interventie])

    assert "Súdwest-Fryslân".encode() in response.content
    (_, rij) = csv_rijen(response)
    assert (rij[1], rij[3], rij[8]) == ("Súdwest-Fryslân", "Coördinatie één loket", "Ñ")


def test_all_chosen_across_pages_exports_the_whole_filtered_list(client, begeleider, monkeypatch):
    lombok, elders = CasuswijkFactory(naam="Lombok"), CasuswijkFactory(naam="Elders")
    eerste, *_ = [InterventieFactory(casuswijk=lombok, naam=f"I{n}") for n in range(3)]
    InterventieFactory(casuswijk=elders)
    monkeypatch.setattr(admin.site._registry[Interventie], "list_per_page", 2)

    response = client.post(
        f"{lijst('interventie')}?casuswijk__id__exact={lombok.pk}",
        {"action": "exporteer_csv", "_selected_action": [eerste.pk], "select_across": "1"},
    )

    assert sorted(rij[3] for rij in csv_rijen(response)[1:]) == ["I0", "I1", "I2"]


def _rijen(model: str, aantal: int) -> list:
    """Rows that each have a casuswijk, sessions and an owner of their own."""
    if model == "interventie":
        return [InterventieFactory() for _ in range(aantal)]
    if model == "bevinding":
        return [BevindingFactory(bijeenkomst=BijeenkomstFactory()) for _ in range(aantal)]
    return [
        ActiepuntFactory(
            eigenaar=DeelnameFactory().gebruiker,
            afgerond=True,
            afgerond_in=BijeenkomstFactory(),
        )
        for _ in range(aantal)
    ]


@pytest.mark.parametrize("model", LIJSTEN)
def test_the_export_costs_the_same_queries_for_1_and_30_rows(client, begeleider, model):
    def tel(records) -> int:
        with CaptureQueriesContext(connection) as context:
            response = exporteer(client, model, records)
        assert len(csv_rijen(response)) == len(records) + 1
        return len(context.captured_queries)

    een = tel(_rijen(model, 1))
    assert tel(_rijen(model, 30)) == een


@pytest.mark.parametrize("model", LIJSTEN)
def test_a_reviewer_cannot_export_what_they_may_not_read(client, model):
    record = _rijen(model, 1)
    client.force_login(medewerker("beoordelaar"))

    response = exporteer(client, model, record)

    assert response.status_code == 403


@pytest.mark.parametrize("model", LIJSTEN)
def test_without_the_right_to_read_the_action_is_neither_offered_nor_run(client, model):
    # Changing and deleting without reading opens the list, but not the export.
    record = _rijen(model, 1)
    gebruiker = StaffFactory()
    gebruiker.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="casuswijken",
            codename__in=[f"change_{model}", f"delete_{model}"],
        )
    )
    client.force_login(gebruiker)

    lijstpagina = client.get(lijst(model))
    response = exporteer(client, model, record)

    keuzes = lijstpagina.context["action_form"].fields["action"].choices
    assert {naam for naam, _ in keuzes if naam} == {"delete_selected"}
    assert (response.status_code, response.url) == (302, lijst(model))


def voorbeeld_data(oproep, **velden) -> dict:
    return {
        "oproep": oproep.pk,
        "titel": "Welkomstgesprek",
        "organisatie": "Woonstichting Elders",
        "plaats": "Zwolle",
        "omschrijving": "Buren heten nieuwe bewoners welkom.",
        "link": "",
        "leervraag": Leervraag.INTERVENTIES,
        "categorie": "",
        "zichtbaarheid": Zichtbaarheid.NETWERK,
        **velden,
    }


def test_a_coordinator_adds_and_changes_a_good_example_from_elsewhere(client):
    oproep = OproepFactory()
    client.force_login(medewerker("coördinator"))
    toevoegen = reverse("admin:casuswijken_voorbeeld_add")

    pagina = client.get(toevoegen)
    opgeslagen = client.post(toevoegen, voorbeeld_data(oproep, link="elders.example/welkom"))
    voorbeeld = Voorbeeld.objects.get()
    wijzigpagina = client.get(reverse("admin:casuswijken_voorbeeld_change", args=[voorbeeld.pk]))

    assert pagina.status_code == 200
    assert opgeslagen.status_code == 302
    assert voorbeeld.link == "https://elders.example/welkom"
    assert wijzigpagina.status_code == 200
    keuzes = wijzigpagina.context["adminform"].form.fields["zichtbaarheid"].choices
    assert [waarde for waarde, _ in keuzes] == ["intern", "netwerk", "openbaar"]


def test_a_good_example_from_elsewhere_cannot_be_for_one_casuswijk(client):
    voorbeeld = VoorbeeldFactory()
    client.force_login(medewerker("coördinator"))

    response = client.post(
        reverse("admin:casuswijken_voorbeeld_change", args=[voorbeeld.pk]),
        voorbeeld_data(voorbeeld.oproep, zichtbaarheid=Zichtbaarheid.WIJK),
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["zichtbaarheid"] == [
        "Selecteer een geldige keuze. wijk is geen beschikbare keuze."
    ]
    voorbeeld.refresh_from_db()
    assert voorbeeld.zichtbaarheid == Zichtbaarheid.NETWERK
