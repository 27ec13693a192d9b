import datetime
import io
import re
from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.http import HttpRequest
from django.utils import timezone

from aanmeldingen.enums import Domein, Leervraag, Status
from aanmeldingen.models import (
    Aanmelding,
    Belangenconflict,
    Beoordeling,
    Coalitielid,
    Oproep,
    Statuswijziging,
    Toewijzing,
)
from casuswijken.models import (
    Actiepunt,
    Actiepuntwijziging,
    Bevinding,
    Bijeenkomst,
    Casuswijk,
    Deelname,
    Interventie,
    Interventievoorstel,
    Voorbeeld,
)
from casuswijken.services import sla_bijeenkomst_op

pytestmark = pytest.mark.django_db


def test_demo_data_loads_an_open_call_applications_and_a_login_and_is_idempotent(settings):
    settings.DEBUG = True

    call_command("laad_demodata")
    call_command("laad_demodata")

    oproep = Oproep.objects.get(slug="gemengde-wijk-2027")
    assert oproep.is_open
    assert oproep.gepubliceerd
    aanmeldingen = Aanmelding.objects.filter(oproep=oproep)
    assert (
        sorted(aanmeldingen.values_list("status", flat=True))
        == [Status.CONCEPT] + [Status.INGEDIEND] * 8
    )
    assert len(set(aanmeldingen.values_list("provincie", flat=True))) == 8
    gebruikers = get_user_model().objects
    for naam, rol in [("beheer", "beheer"), ("beoordelaar", "beoordelaar"),
                      ("begeleider", "begeleider"), ("coordinator", "coördinator")]:  # fmt: skip
        gebruiker = gebruikers.get(username=naam)
        assert gebruiker.check_password("demo-leernetwerk")
        assert (gebruiker.is_staff, gebruiker.is_superuser) == (True, False)
        assert list(gebruiker.groups.values_list("name", flat=True)) == [rol]


def test_demo_data_has_a_casuswijk_a_participant_can_use(settings, client):
    settings.DEBUG = True
    call_command("laad_demodata")
    call_command("laad_demodata")

    client.login(request=HttpRequest(), username="deelnemer", password="demo-leernetwerk")
    overzicht = client.get("/wijken/")
    wijk = client.get("/wijken/transvaal-den-haag/")

    assert [c.naam for c in overzicht.context["casuswijken"]] == ["Transvaal"]
    assert [b.titel for b in wijk.context["komend"]] == ["Tweede open gesprek",
                                                          "Landelijke leerbijeenkomst"]  # fmt: skip
    assert [b.titel for b in wijk.context["geweest"]] == [
        "Verkenning van de interventies",
        "Eerste open gesprek",
        "Startbijeenkomst van het leernetwerk",
    ]
    assert [a.omschrijving for a in wijk.context["actiepunten"]] == [
        "Welkomstpakket voor nieuwe kopers uitwerken",
        "Cijfers over doorstroming aanleveren",
    ]


def test_the_finished_call_is_published_closed_and_has_four_selected_casuswijken(settings, client):
    settings.DEBUG = True
    call_command("laad_demodata")

    oproep = Oproep.objects.get(slug="gemengde-wijk-2026")
    aanmeldingen = oproep.aanmeldingen.all()
    pagina = client.get(oproep.get_absolute_url()).content.decode()

    assert (oproep.gepubliceerd, oproep.is_open) == (True, False)
    assert "De selectie is gemaakt: 4 casuswijken doen mee" in pagina
    assert "Meld uw coalitie aan" not in pagina
    assert ("Wie kan zich aanmelden" in pagina, "Voor wie de oproep was" in pagina) == (False, True)
    assert "/oproepen/gemengde-wijk-2026/opbrengsten/" in pagina
    casuswijken = Casuswijk.objects.filter(aanmelding__oproep=oproep).order_by("naam")
    assert list(casuswijken.values_list("naam", "aanmelding__provincie")) == [
        ("Berflo Es", "overijssel"),
        ("Groenewoud", "noord_brabant"),
        ("Heechterp-Schieringen", "friesland"),
        ("Transvaal", "zuid_holland"),
    ]
    assert oproep.aantal_geselecteerd == aanmeldingen.filter(status=Status.GESELECTEERD).count()
    assert oproep.aantal_geselecteerd == 4
    assert not aanmeldingen.filter(besluit_verzonden_op__isnull=True).exists()
    for aanmelding in aanmeldingen:
        leden = list(aanmelding.leden.all())
        assert 3 <= len(leden) <= 5
        assert {lid.domein for lid in leden} == {Domein.FYSIEK, Domein.SOCIAAL}
        assert [lid.is_contactpersoon for lid in leden].count(True) == 1
        historie = aanmelding.statuswijzigingen.order_by("pk").values_list("naar", flat=True)
        assert list(historie) == [Status.IN_BEHANDELING, Status.GESELECTEERD]


def test_the_finished_call_shares_findings_interventions_examples_and_public_notes(
    settings, client
):
    settings.DEBUG = True
    call_command("laad_demodata")

    oproep = Oproep.objects.get(slug="gemengde-wijk-2026")
    bevindingen = Bevinding.objects.filter(casuswijk__aanmelding__oproep=oproep)
    interventies = Interventie.objects.filter(casuswijk__aanmelding__oproep=oproep)
    niveaus = list(interventies.values_list("zichtbaarheid", flat=True))
    openbare_verslagen = oproep.bijeenkomsten.filter(
        zichtbaarheid="openbaar", gepubliceerd=True
    ).exclude(verslag="")

    assert set(bevindingen.values_list("leervraag", flat=True)) == set(Leervraag.values)
    assert len(set(bevindingen.values_list("casuswijk", flat=True))) == 4
    assert set(bevindingen.filter(goed_voorbeeld=True).values_list("zichtbaarheid", flat=True)) == {
        "netwerk", "openbaar"}  # fmt: skip
    assert (niveaus.count("intern"), niveaus.count("wijk")) == (1, 1)
    assert niveaus.count("netwerk") > niveaus.count("openbaar") > 1
    assert set(interventies.values_list("domein", flat=True)) == {"fysiek", "sociaal", "beide"}
    assert set(interventies.values_list("status", flat=True)) == {
        "idee", "gepland", "loopt", "afgerond"}  # fmt: skip
    assert not interventies.filter(categorie__naam="Nog in te delen").exists()
    assert openbare_verslagen.count() >= 2
    assert Voorbeeld.objects.filter(oproep=oproep, zichtbaarheid="openbaar").count() == 2
    openbaar = client.get("/oproepen/gemengde-wijk-2026/opbrengsten/").context
    assert [b.titel for b in openbaar["bijeenkomsten"]] == [
        "Startbijeenkomst van het leernetwerk",
        "Open gesprek met bewoners en partners",
        "Verkenning interventies Groenewoud",
    ]
    assert [len(lijst) > 0 for _, lijst in openbaar["bevindingen"]] == [True] * 4
    assert len(openbaar["voorbeelden"]) == 2


# Renewed on every run by design: the open call's applicant links (the command prints them).
NIEUWE_LINK = {"toegang_selector", "toegang_hash", "toegang_verloopt_op", "gewijzigd"}


def test_a_second_run_changes_nothing(settings):
    settings.DEBUG = True
    modellen = [Oproep, Aanmelding, Coalitielid, Statuswijziging, Casuswijk, Deelname,
                Bijeenkomst, Actiepunt, Interventie, Bevinding, Voorbeeld,
                get_user_model()]  # fmt: skip

    def stand():
        return {
            model.__name__: [
                {veld: waarde for veld, waarde in rij.items()
                 if model is not Aanmelding or veld not in NIEUWE_LINK}
                for rij in model.objects.order_by("pk").values()
            ]
            for model in modellen
        }  # fmt: skip

    call_command("laad_demodata", stdout=io.StringIO())
    eerste = stand()
    call_command("laad_demodata", stdout=io.StringIO())

    assert stand() == eerste
    assert len(eerste["Casuswijk"]) == 4


def test_demo_data_prints_working_applicant_links(settings, client):
    settings.DEBUG = True
    uitvoer = io.StringIO()

    call_command("laad_demodata", stdout=uitvoer)

    links = re.findall(r"(/aanmelding/[A-Za-z0-9_-]+/)", uitvoer.getvalue())
    wijken = [client.get(link).context["aanmelding"].wijknaam for link in links]
    assert wijken == ["Kanaleneiland-Zuid", "Presikhaaf-West"]
    assert "'deelnemer' of 'partner'" in uitvoer.getvalue()


def test_demo_data_refuses_to_run_without_debug(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="alleen met DEBUG=1"):
        call_command("laad_demodata")

    assert Oproep.objects.count() == 0


def test_the_demo_shows_sessions_as_meetings_once_however_often_it_is_loaded(settings):
    settings.DEBUG = True
    call_command("laad_demodata")
    call_command("laad_demodata")

    wijk = Casuswijk.objects.get(slug="transvaal-den-haag")
    tweede = wijk.bijeenkomsten.get(titel="Tweede open gesprek")
    verkenning = wijk.bijeenkomsten.get(titel="Verkenning van de interventies")
    eerste = wijk.bijeenkomsten.get(titel="Eerste open gesprek")

    assert sorted(tweede.uitnodigingen.values_list("gebruiker__username", "antwoord")) == [
        ("deelnemer", "ja"), ("partner", "misschien")]  # fmt: skip
    assert list(eerste.uitnodigingen.values_list("aanwezig", flat=True)) == [True, True]
    assert verkenning.verslag_is_concept
    assert verkenning.reacties.count() == 2
    assert sorted(Interventievoorstel.objects.filter(casuswijk=wijk).values_list(
        "besluit", flat=True)) == ["afgewezen", "voorgesteld"]  # fmt: skip
    bijlage = eerste.bijlagen.get()
    with bijlage.bestand.open("rb") as bestand:
        assert bestand.read(5) == b"%PDF-"
    assert bijlage.grootte == bijlage.bestand.size
    assert Actiepuntwijziging.objects.filter(actiepunt__casuswijk=wijk).count() == 1


def test_demo_data_has_a_concept_verslag_with_reactions(settings, client):
    settings.DEBUG = True
    call_command("laad_demodata")
    call_command("laad_demodata")

    sessie = Bijeenkomst.objects.get(titel="Verkenning van de interventies")
    client.login(request=HttpRequest(), username="partner", password="demo-leernetwerk")
    pagina = client.get(f"/wijken/transvaal-den-haag/bijeenkomsten/{sessie.pk}/")

    assert sessie.verslagstatus == "concept"
    assert sessie.reacties.count() == 2
    assert "Dit is een conceptverslag." in pagina.text
    assert "de gemeente zoekt eerst uit of de grond beschikbaar is" in pagina.text
    assert "Reactie plaatsen" in pagina.text


def test_the_demo_shows_what_participants_did_themselves(settings, client):
    settings.DEBUG = True
    call_command("laad_demodata")
    call_command("laad_demodata")

    client.login(request=HttpRequest(), username="deelnemer", password="demo-leernetwerk")
    deelnemer = client.get("/wijken/transvaal-den-haag/")
    client.login(request=HttpRequest(), username="partner", password="demo-leernetwerk")
    partner = client.get("/wijken/transvaal-den-haag/")

    assert "Loopt — door Dewi de Deelnemer, " in deelnemer.text
    assert ": Eerste versie besproken met Haag Wonen; de makelaars doen mee." in deelnemer.text
    assert [(v.naam, v.besluit) for v in deelnemer.context["voorstellen"]] == [
        ("Buurtkrant voor nieuwe kopers", "voorgesteld")
    ]
    assert [(v.naam, v.besluit) for v in partner.context["voorstellen"]] == [
        ("Boekenkast in de wachtruimte van de huisarts", "afgewezen")
    ]
    assert "Reden: Mooi idee, maar het is geen interventie van de coalitie" in partner.text


def test_saving_a_demo_session_in_the_admin_announces_no_old_notes(settings, client):
    settings.DEBUG = True
    call_command("laad_demodata")
    call_command("laad_demodata")
    verkenning = Bijeenkomst.objects.get(titel="Verkenning van de interventies")
    eerste = Bijeenkomst.objects.get(titel="Eerste open gesprek")

    for sessie in [verkenning, eerste]:
        assert sla_bijeenkomst_op(bijeenkomst=sessie).verslag == 0


def test_the_open_call_is_in_review_with_assignments_some_done_and_a_conflict(settings):
    settings.DEBUG = True

    call_command("laad_demodata", stdout=io.StringIO())
    call_command("laad_demodata", stdout=io.StringIO())

    oproep = Oproep.objects.get(slug="gemengde-wijk-2027")
    assert oproep.beoordeling_deadline == oproep.deadline + datetime.timedelta(days=14)
    standen = Counter(
        Toewijzing.objects.filter(aanmelding__oproep=oproep)
        .met_stand()
        .values_list("beoordelaar__username", "stand")
    )
    assert standen == {
        ("beoordelaar", "gedaan"): 1,
        ("beoordelaar", "te_doen"): 2,
        ("beoordelaar2", "gedaan"): 1,
        ("beoordelaar2", "te_doen"): 2,
    }
    conflict = Belangenconflict.objects.get()
    assert conflict.beoordelaar.username == "beoordelaar"
    assert not Toewijzing.objects.filter(
        aanmelding=conflict.aanmelding, beoordelaar=conflict.beoordelaar
    ).exists()


def test_demo_data_gives_the_start_page_something_to_point_at(settings, client):
    settings.DEBUG = True
    call_command("laad_demodata")
    call_command("laad_demodata")

    client.force_login(get_user_model().objects.get(username="coordinator"))
    response = client.get("/admin/")

    wijken = {w.casuswijk.naam: w for w in response.context["casuswijken"]}
    assert set(wijken) == {"Transvaal", "Berflo Es", "Heechterp-Schieringen", "Groenewoud"}
    assert wijken["Berflo Es"].verslag_te_schrijven.aantal == 1
    assert wijken["Berflo Es"].verlopen_actiepunten.aantal == 1
    assert wijken["Heechterp-Schieringen"].verlopen_actiepunten.aantal == 1
    [oproep] = response.context["oproepen"]
    assert oproep.cijfers.oproep.slug == "gemengde-wijk-2027"
    # Five reviews by the beheer login and one by each reviewer, made once, with scores
    # that differ; every review gives a score on each of the five criteria.
    assert Beoordeling.objects.filter(beoordelaar__username="beheer").count() == 5
    assert sum(s.aantal for s in oproep.cijfers.scores) == 5 * (5 + 2)
    assert len([n for n in oproep.cijfers.scores[0].per_score.values() if n]) > 1


def test_the_running_network_has_an_end_date_and_the_retention_command_keeps_the_demo(settings):
    settings.DEBUG = True
    call_command("laad_demodata")
    netwerk = Oproep.objects.get(slug="gemengde-wijk-2026")
    tellingen = [model.objects.count() for model in (Aanmelding, Casuswijk, Bijeenkomst, Deelname)]

    call_command("pas_bewaartermijnen_toe", stdout=io.StringIO())

    assert netwerk.netwerk_einde > timezone.localdate()
    assert [model.objects.count() for model in (Aanmelding, Casuswijk, Bijeenkomst, Deelname)] == (
        tellingen
    )
    assert get_user_model().objects.filter(is_active=False).count() == 0
