"""The network page of a call: its casuswijken compared, who may open it, what each reader
sees on it, bad addresses, and a fixed number of queries."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from aanmeldingen.enums import Leervraag
from casuswijken.models import Casuswijk, Interventie, Interventiecategorie
from casuswijken.vergelijking import gefilterd, vergelijk
from tests.factories import (
    BevindingFactory,
    CasuswijkFactory,
    DeelnameFactory,
    InterventieFactory,
    OproepFactory,
    StaffFactory,
    VoorbeeldFactory,
    medewerker,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def wereld():
    """Call A with casuswijken Lombok (w1) and Zuilen (w2), call B with Kanaleneiland (w3),
    the categories Ontmoeting, Werk and Wonen, and one person of each kind."""
    oproep_a = OproepFactory(titel="Gemengd 2027", slug="gemengd-2027")
    oproep_b = OproepFactory(titel="Andere oproep", slug="andere-oproep")
    w1 = CasuswijkFactory(aanmelding__oproep=oproep_a, naam="Lombok", slug="lombok")
    w2 = CasuswijkFactory(aanmelding__oproep=oproep_a, naam="Zuilen", slug="zuilen")
    w3 = CasuswijkFactory(aanmelding__oproep=oproep_b, naam="Kanaleneiland", slug="kanaleneiland")
    # The categories a migration brings are left out, so that the table is counted by hand.
    Interventiecategorie.objects.all().delete()
    categorieen = {
        naam: Interventiecategorie.objects.create(naam=naam)
        for naam in ["Ontmoeting", "Werk", "Wonen"]
    }
    mensen = {
        "deelnemer_w1": DeelnameFactory(casuswijk=w1).gebruiker,
        "deelnemer_w2": DeelnameFactory(casuswijk=w2).gebruiker,
        "deelnemer_w3": DeelnameFactory(casuswijk=w3).gebruiker,
        "gestopt_w1": DeelnameFactory(casuswijk=w1, beeindigd=True).gebruiker,
        "beoordelaar": medewerker("beoordelaar"),
        "begeleider": medewerker("begeleider"),
        "coordinator": medewerker("coördinator"),
        "beheer": StaffFactory(beheer=True),
    }
    return {
        "a": oproep_a,
        "b": oproep_b,
        "w1": w1,
        "w2": w2,
        "w3": w3,
        "categorie": categorieen,
        "mensen": mensen,
    }


def url(oproep, **params) -> str:
    adres = reverse("leren:netwerk", args=[oproep.slug])
    if params:
        adres += "?" + "&".join(f"{k}={v}" for k, v in params.items())
    return adres


def ids(html: str, soort: str) -> set[int]:
    """The pks of the records of one kind that the page shows (by their anchors)."""
    return {int(pk) for pk in re.findall(rf'id="{soort}-(\d+)"', html)}


# --- (a) the comparison counts -------------------------------------------------------------

# The fixed data set: (casuswijk, categorie, domein, status).
INVENTARIS = [
    ("w1", "Ontmoeting", "fysiek", "idee"),
    ("w1", "Ontmoeting", "sociaal", "loopt"),
    ("w1", "Wonen", "beide", "loopt"),
    ("w2", "Ontmoeting", "beide", "loopt"),
    ("w2", "Werk", "sociaal", "gepland"),
    ("w2", "Werk", "fysiek", "afgerond"),
]


@pytest.fixture
def inventaris(wereld):
    for wijk, categorie, domein, status in INVENTARIS:
        InterventieFactory(
            casuswijk=wereld[wijk],
            categorie=wereld["categorie"][categorie],
            domein=domein,
            status=status,
        )
    return wereld


def als_tabel(vergelijking) -> dict:
    """{categorie: [{status: n} per casuswijk] + [row total]}, plus the column totals."""
    tabel = {
        rij.categorie.naam: [dict(cel.per_status) for cel in rij.cellen] + [rij.totaal]
        for rij in vergelijking.rijen
    }
    tabel["totaal"] = [*vergelijking.totalen, vergelijking.totaal]
    return tabel


# Counted by hand from INVENTARIS; "fysiek" and "sociaal" include "beide".
VERWACHT = {
    "": {
        "Ontmoeting": [{"idee": 1, "loopt": 1}, {"loopt": 1}, 3],
        "Werk": [{}, {"gepland": 1, "afgerond": 1}, 2],
        "Wonen": [{"loopt": 1}, {}, 1],
        "totaal": [3, 3, 6],
    },
    "domein=fysiek": {
        "Ontmoeting": [{"idee": 1}, {"loopt": 1}, 2],
        "Werk": [{}, {"afgerond": 1}, 1],
        "Wonen": [{"loopt": 1}, {}, 1],
        "totaal": [2, 2, 4],
    },
    "domein=sociaal": {
        "Ontmoeting": [{"loopt": 1}, {"loopt": 1}, 2],
        "Werk": [{}, {"gepland": 1}, 1],
        "Wonen": [{"loopt": 1}, {}, 1],
        "totaal": [2, 2, 4],
    },
    "domein=beide": {
        "Ontmoeting": [{}, {"loopt": 1}, 1],
        "Werk": [{}, {}, 0],
        "Wonen": [{"loopt": 1}, {}, 1],
        "totaal": [1, 1, 2],
    },
    "status=loopt": {
        "Ontmoeting": [{"loopt": 1}, {"loopt": 1}, 2],
        "Werk": [{}, {}, 0],
        "Wonen": [{"loopt": 1}, {}, 1],
        "totaal": [2, 1, 3],
    },
    "domein=fysiek&status=afgerond": {
        "Ontmoeting": [{}, {}, 0],
        "Werk": [{}, {"afgerond": 1}, 1],
        "Wonen": [{}, {}, 0],
        "totaal": [0, 1, 1],
    },
}


@pytest.mark.parametrize("filters", sorted(VERWACHT))
def test_the_comparison_counts_what_was_counted_by_hand(inventaris, filters):
    keuze = dict(deel.split("=") for deel in filters.split("&") if deel)

    vergelijking = vergelijk(
        gefilterd(Interventie.objects.all(), **keuze), [inventaris["w1"], inventaris["w2"]]
    )

    assert als_tabel(vergelijking) == VERWACHT[filters]


@pytest.mark.parametrize("filters", sorted(VERWACHT))
def test_the_page_counts_with_the_readers_filters(client, inventaris, filters):
    client.force_login(inventaris["mensen"]["deelnemer_w1"])

    response = client.get(url(inventaris["a"]) + "?" + filters)

    assert als_tabel(response.context["vergelijking"]) == VERWACHT[filters]
    assert response.context["fouten"] == []


def test_a_cell_shows_its_number_and_statuses_and_links_to_its_interventions(client, inventaris):
    client.force_login(inventaris["mensen"]["deelnemer_w1"])
    ontmoeting = inventaris["categorie"]["Ontmoeting"].pk

    html = client.get(url(inventaris["a"], domein="sociaal")).text

    cel = (
        f'<a href="?domein=sociaal&amp;categorie={ontmoeting}&amp;wijk=lombok#interventies-lijst">'
        '1<span class="visually-hidden"> interventie: Ontmoeting in Lombok</span></a>'
    )
    assert cel in html
    assert '<div class="small text-body-secondary">1 loopt</div>' in html
    alles = client.get(url(inventaris["a"])).text
    assert '<div class="small text-body-secondary">1 idee, 1 loopt</div>' in alles


def test_opening_a_cell_lists_its_interventions_with_a_way_back(client, inventaris):
    client.force_login(inventaris["mensen"]["deelnemer_w1"])
    werk = inventaris["categorie"]["Werk"]
    verwacht = set(
        Interventie.objects.filter(
            categorie=werk, casuswijk=inventaris["w2"], domein__in=["fysiek", "beide"]
        ).values_list("pk", flat=True)
    )

    response = client.get(url(inventaris["a"], domein="fysiek", categorie=werk.pk, wijk="zuilen"))

    assert ids(response.text, "interventie") == verwacht
    assert len(verwacht) == 1
    assert '<h3 id="lijst-titel">Interventies in Werk in Zuilen (domein: fysiek (met beide))' in (
        response.text
    )
    assert '<a href="?domein=fysiek#interventies-lijst">Terug naar alle interventies</a>' in (
        response.text
    )
    # The table still counts everything the filters let through.
    assert response.context["vergelijking"].totaal == 4


def test_without_a_cell_every_filtered_intervention_is_listed(client, inventaris):
    client.force_login(inventaris["mensen"]["deelnemer_w1"])

    response = client.get(url(inventaris["a"], status="loopt"))

    assert ids(response.text, "interventie") == set(
        Interventie.objects.filter(status="loopt").values_list("pk", flat=True)
    )
    assert "Terug naar alle interventies" not in response.text


def test_an_intervention_shows_what_the_brief_asks(client, wereld):
    interventie = InterventieFactory(
        casuswijk=wereld["w2"],
        naam="Huiskamer van de wijk",
        domein="beide",
        status="loopt",
        categorie=wereld["categorie"]["Ontmoeting"],
        omschrijving="Elke dinsdag open.",
        partners="Welzijn Utrecht, Portaal",
        ervaringen="Nieuwe bewoners komen via de school.",
    )
    client.force_login(wereld["mensen"]["deelnemer_w1"])

    html = client.get(url(wereld["a"])).text

    blok = html[html.index(f'id="interventie-{interventie.pk}"') :]
    blok = blok[: blok.index("</article>")]
    assert "Huiskamer van de wijk" in blok
    assert "Casuswijk: Zuilen · Categorie: Ontmoeting · Domein: beide · Status: loopt" in blok
    assert "Elke dinsdag open." in blok
    assert "Welzijn Utrecht, Portaal" in blok
    assert "Nieuwe bewoners komen via de school." in blok


# --- (b) who may open it ---------------------------------------------------------------------

MATRIX = {
    "deelnemer_w1": 200,
    "deelnemer_w2": 200,
    "deelnemer_w3": 404,
    "gestopt_w1": 404,
    "beoordelaar": 200,
    "begeleider": 200,
    "coordinator": 200,
    "beheer": 200,
}


def test_anonymous_visitors_are_sent_to_the_login(client, wereld):
    response = client.get(url(wereld["a"]))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account:login"))


@pytest.mark.parametrize("wie", sorted(MATRIX))
def test_each_user_gets_what_the_matrix_says(client, wereld, wie):
    client.force_login(wereld["mensen"][wie])

    response = client.get(url(wereld["a"]))

    assert response.status_code == MATRIX[wie]


@pytest.mark.parametrize("wie", ["deelnemer_w1", "begeleider", "beheer"])
def test_a_call_without_casuswijken_and_an_unknown_slug_answer_404(client, wereld, wie):
    zonder = OproepFactory(slug="nog-niets")
    client.force_login(wereld["mensen"][wie])

    assert client.get(url(zonder)).status_code == 404
    assert client.get("/netwerk/bestaat-niet/").status_code == 404


def test_a_post_is_refused(client, wereld):
    client.force_login(wereld["mensen"]["deelnemer_w1"])

    assert client.post(url(wereld["a"])).status_code == 405


# --- (c) what each reader sees -------------------------------------------------------------


@pytest.fixture
def alle_niveaus(wereld):
    """An intervention, a finding and (for a call) an example at every level, in w1, w2
    and w3; pks by name, "w1-netwerk" and so on."""
    pks = {"interventie": {}, "bevinding": {}, "voorbeeld": {}}
    for wijk in ["w1", "w2", "w3"]:
        for niveau in ["intern", "wijk", "netwerk", "openbaar"]:
            naam = f"{wijk}-{niveau}"
            pks["interventie"][naam] = InterventieFactory(
                casuswijk=wereld[wijk],
                zichtbaarheid=niveau,
                naam=naam,
                categorie=wereld["categorie"]["Wonen"],
            ).pk
            pks["bevinding"][naam] = BevindingFactory(
                casuswijk=wereld[wijk], zichtbaarheid=niveau, tekst=naam
            ).pk
    for oproep in ["a", "b"]:
        for niveau in ["intern", "netwerk", "openbaar"]:
            pks["voorbeeld"][f"{oproep}-{niveau}"] = VoorbeeldFactory(
                oproep=wereld[oproep], zichtbaarheid=niveau
            ).pk
    return pks


def gezien(client, wereld, alle_niveaus, wie, oproep="a") -> dict[str, set[str]]:
    client.force_login(wereld["mensen"][wie])
    html = client.get(url(wereld[oproep])).text
    return {
        soort: {naam for naam, pk in namen.items() if pk in ids(html, soort)}
        for soort, namen in alle_niveaus.items()
    }


def test_a_participant_sees_their_wijk_and_the_networks_share_never_intern(
    client, wereld, alle_niveaus
):
    verwacht = {"w1-wijk", "w1-netwerk", "w1-openbaar", "w2-netwerk", "w2-openbaar"}

    assert gezien(client, wereld, alle_niveaus, "deelnemer_w1") == {
        "interventie": verwacht,
        "bevinding": verwacht,
        "voorbeeld": {"a-netwerk", "a-openbaar"},
    }


def test_a_participant_of_another_call_sees_none_of_this_networks_share(
    client, wereld, alle_niveaus
):
    verwacht = {"w3-wijk", "w3-netwerk", "w3-openbaar"}

    assert gezien(client, wereld, alle_niveaus, "deelnemer_w3", oproep="b") == {
        "interventie": verwacht,
        "bevinding": verwacht,
        "voorbeeld": {"b-netwerk", "b-openbaar"},
    }


def test_the_beoordelaar_sees_only_openbaar(client, wereld, alle_niveaus):
    assert gezien(client, wereld, alle_niveaus, "beoordelaar") == {
        "interventie": {"w1-openbaar", "w2-openbaar"},
        "bevinding": {"w1-openbaar", "w2-openbaar"},
        "voorbeeld": {"a-openbaar"},
    }


def test_the_beoordelaar_is_told_they_see_only_what_is_openbaar(client, wereld):
    client.force_login(wereld["mensen"]["beoordelaar"])
    beoordelaar = client.get(reverse("leren:netwerk", args=[wereld["a"].slug])).content.decode()
    client.force_login(wereld["mensen"]["deelnemer_w1"])
    deelnemer = client.get(reverse("leren:netwerk", args=[wereld["a"].slug])).content.decode()

    assert "alleen wat openbaar is" in beoordelaar
    assert "alleen wat openbaar is" not in deelnemer


@pytest.mark.parametrize("wie", ["begeleider", "coordinator", "beheer"])
def test_staff_who_lead_sessions_see_everything_of_the_call_with_intern_marked(
    client, wereld, alle_niveaus, wie
):
    alles = {
        f"{wijk}-{niveau}"
        for wijk in ["w1", "w2"]
        for niveau in ["intern", "wijk", "netwerk", "openbaar"]
    }

    assert gezien(client, wereld, alle_niveaus, wie) == {
        "interventie": alles,
        "bevinding": alles,
        "voorbeeld": {"a-intern", "a-netwerk", "a-openbaar"},
    }
    assert client.get(url(wereld["a"])).text.count("Intern: alleen medewerkers") == 5


def test_every_casuswijk_of_the_call_is_a_column_also_without_shared_content(client, wereld):
    client.force_login(wereld["mensen"]["deelnemer_w1"])

    response = client.get(url(wereld["a"]))

    assert response.context["vergelijking"].casuswijken == [wereld["w1"], wereld["w2"]]
    assert '<th scope="col">Zuilen</th>' in response.text
    assert "Kanaleneiland" not in response.text


def test_findings_stand_per_learning_question_and_casuswijk_with_good_examples_marked(
    client, wereld
):
    gewoon = BevindingFactory(
        casuswijk=wereld["w1"],
        leervraag=Leervraag.RANDVOORWAARDEN,
        zichtbaarheid="netwerk",
        tekst="Een **vaste** wijkregisseur.",
    )
    goed = BevindingFactory(
        casuswijk=wereld["w2"],
        leervraag=Leervraag.RANDVOORWAARDEN,
        zichtbaarheid="netwerk",
        goed_voorbeeld=True,
        tekst="Eén budget.",
    )
    client.force_login(wereld["mensen"]["deelnemer_w1"])

    response = client.get(url(wereld["a"]))

    koppen = re.findall(r'<h3 id="leervraag-(\w+)">', response.text)
    assert koppen == ["verwachtingen", "opbrengsten", "randvoorwaarden", "interventies"]
    vak = response.context["leervragen"][2]
    assert vak.leervraag == Leervraag.RANDVOORWAARDEN
    assert vak.per_casuswijk == [(wereld["w1"], [gewoon]), (wereld["w2"], [goed])]
    assert [v.aantal for v in response.context["leervragen"]] == [0, 0, 2, 0]
    assert "Een <strong>vaste</strong> wijkregisseur." in response.text
    blok = response.text[response.text.index(f'id="bevinding-{goed.pk}"') :][:400]
    assert '<span class="badge text-bg-success">Goed voorbeeld</span>' in blok
    assert response.context["goede_bevindingen"] == [goed]
    assert f'<a href="#bevinding-{goed.pk}">bij de leervraag</a>' in response.text


def test_an_example_from_elsewhere_shows_where_it_comes_from_and_links_out(client, wereld):
    voorbeeld = VoorbeeldFactory(
        oproep=wereld["a"],
        titel="Buren aan zet",
        organisatie="Woonstichting Elders",
        plaats="Zwolle",
        omschrijving="Buren heten *nieuwe* bewoners welkom.",
        link="https://voorbeeld.nl/buren",
        leervraag=Leervraag.OPBRENGSTEN,
        categorie=wereld["categorie"]["Ontmoeting"],
    )
    client.force_login(wereld["mensen"]["deelnemer_w2"])

    html = client.get(url(wereld["a"])).text

    blok = html[html.index(f'id="voorbeeld-{voorbeeld.pk}"') :]
    blok = blok[: blok.index("</article>")]
    assert "Buren aan zet" in blok
    assert "Woonstichting Elders, Zwolle" in blok
    assert "Leervraag: opbrengsten · Categorie: Ontmoeting" in blok
    assert "Buren heten <em>nieuwe</em> bewoners welkom." in blok
    assert (
        '<a href="https://voorbeeld.nl/buren" rel="noopener noreferrer">Meer over Buren aan zet '
        "(andere website)</a>" in blok
    )


def test_the_casuswijk_page_and_the_overview_link_to_the_network_with_anchors(client, wereld):
    interventie = InterventieFactory(casuswijk=wereld["w1"])
    bevinding = BevindingFactory(casuswijk=wereld["w1"])
    client.force_login(wereld["mensen"]["deelnemer_w1"])
    netwerk = url(wereld["a"])

    wijkpagina = client.get(reverse("casuswijken:casuswijk", args=["lombok"])).text
    overzicht = client.get(reverse("casuswijken:overzicht")).text

    assert f'<tr id="interventie-{interventie.pk}">' in wijkpagina
    assert f'id="bevinding-{bevinding.pk}"' in wijkpagina
    link = f'<a href="{netwerk}">Alle casuswijken van Gemengd 2027 vergeleken</a>'
    assert link in wijkpagina
    assert link in overzicht


# --- (d) bad input ---------------------------------------------------------------------------

SLECHT = {
    "categorie=abc": "Deze categorie bestaat niet (meer).",
    "categorie=999999": "Deze categorie bestaat niet (meer).",
    "categorie=1%00": "Deze categorie bestaat niet (meer).",
    "status=%00": "Kies een status uit de lijst.",
    "status=bijna": "Kies een status uit de lijst.",
    "wijk=onbekend": "Deze casuswijk hoort niet bij dit netwerk.",
    "wijk=kanaleneiland": "Deze casuswijk hoort niet bij dit netwerk.",
    "wijk=%00": "Deze casuswijk hoort niet bij dit netwerk.",
    "domein=" + "x" * 10_000: "Kies een domein uit de lijst.",
    "domein=fysiek%00": "Kies een domein uit de lijst.",
}


@pytest.mark.parametrize("query", sorted(SLECHT), ids=lambda q: q[:30])
def test_a_bad_value_is_ignored_with_a_dutch_message(client, inventaris, query):
    client.force_login(inventaris["mensen"]["begeleider"])

    response = client.get(url(inventaris["a"]) + "?" + query)

    assert response.status_code == 200
    assert [fout.tekst.split(". ")[0] + "." for fout in response.context["fouten"]] == [
        SLECHT[query]
    ]
    assert SLECHT[query] in response.text
    # The bad value is left out: the page shows everything.
    assert als_tabel(response.context["vergelijking"]) == VERWACHT[""]
    assert len(ids(response.text, "interventie")) == 6
    assert "x" * 100 not in response.text


def test_a_bad_filter_is_marked_at_its_field(client, inventaris):
    client.force_login(inventaris["mensen"]["deelnemer_w1"])

    html = client.get(url(inventaris["a"], status="bijna", domein="fysiek")).text

    assert 'aria-describedby="id_status-fout"' in html
    assert 'aria-invalid="true"' in html
    assert '<a href="#id_status">Kies een status uit de lijst.' in html
    # The good filter still applies.
    assert '<option value="fysiek" selected>' in html


# --- (e) queries -----------------------------------------------------------------------------


def _tel(client, adres) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(adres).status_code == 200
    return len(context.captured_queries)


def _vul(wijk, categorieen) -> None:
    for nummer in range(50):
        InterventieFactory(
            casuswijk=wijk, categorie=categorieen[nummer % 3], status=["idee", "loopt"][nummer % 2]
        )
        BevindingFactory(
            casuswijk=wijk,
            zichtbaarheid="netwerk",
            goed_voorbeeld=nummer % 5 == 0,
            leervraag=list(Leervraag)[nummer % 4],
        )


@pytest.mark.parametrize("wie", ["deelnemer_w1", "begeleider", "beoordelaar"])
def test_the_page_costs_the_same_queries_at_one_and_four_casuswijken(client, wereld, wie):
    categorieen = list(wereld["categorie"].values())
    client.force_login(wereld["mensen"][wie])
    _vul(wereld["w1"], categorieen)
    # w2 of the fixture would make two; the call starts with w1 only.
    wereld["w2"].aanmelding.oproep = wereld["b"]
    wereld["w2"].aanmelding.save()
    VoorbeeldFactory(oproep=wereld["a"])
    cel = {"categorie": categorieen[0].pk, "wijk": "lombok", "domein": "fysiek"}
    voor = (_tel(client, url(wereld["a"])), _tel(client, url(wereld["a"], **cel)))

    for _ in range(3):
        _vul(CasuswijkFactory(aanmelding__oproep=wereld["a"]), categorieen)
    VoorbeeldFactory.create_batch(4, oproep=wereld["a"])
    na = (_tel(client, url(wereld["a"])), _tel(client, url(wereld["a"], **cel)))

    assert voor == na
    client.force_login(wereld["mensen"]["begeleider"])
    response = client.get(url(wereld["a"]))
    assert len(response.context["vergelijking"].casuswijken) == 4
    assert response.context["vergelijking"].totaal == 200
    assert sum(vak.aantal for vak in response.context["leervragen"]) == 200


def test_the_casuswijken_of_ones_network_are_those_of_the_calls_one_takes_part_in(wereld):
    verwacht = {
        "deelnemer_w1": {"Lombok", "Zuilen"},
        "deelnemer_w3": {"Kanaleneiland"},
        "gestopt_w1": set(),
        "beoordelaar": {"Lombok", "Zuilen", "Kanaleneiland"},
        "begeleider": {"Lombok", "Zuilen", "Kanaleneiland"},
    }

    gezien = {
        wie: set(
            Casuswijk.objects.in_netwerk_van(wereld["mensen"][wie]).values_list("naam", flat=True)
        )
        for wie in verwacht
    }

    assert gezien == verwacht
