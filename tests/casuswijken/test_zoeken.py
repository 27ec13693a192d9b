"""/zoeken/: who finds what, in which order, with which snippet and link; bad input.

Runs on SQLite and on PostgreSQL (DATABASE_URL); the tests marked postgres check the
full-text search's own parts (stored vector, index, phrase and exclusion).
"""

import pytest
from django.db import connection, transaction
from django.db.models import F
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from casuswijken import zoeken
from casuswijken.models import Bevinding, Bijeenkomst, Interventie, Voorbeeld
from casuswijken.views.toegang import netwerk_of_404
from tests.factories import (
    BevindingFactory,
    BijeenkomstFactory,
    CasuswijkFactory,
    DeelnameFactory,
    InterventieFactory,
    OproepFactory,
    VoorbeeldFactory,
    medewerker,
)

pytestmark = pytest.mark.django_db

op_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL (set DATABASE_URL)"
)


@pytest.fixture
def wereld():
    """Call A (published) with casuswijken w1 and w2, call B with w3, and who is who."""
    oproep_a, oproep_b = OproepFactory(), OproepFactory()
    w1 = CasuswijkFactory(aanmelding__oproep=oproep_a, naam="Lombok", slug="lombok")
    w2 = CasuswijkFactory(aanmelding__oproep=oproep_a, naam="Zuilen", slug="zuilen")
    w3 = CasuswijkFactory(aanmelding__oproep=oproep_b, naam="Transvaal", slug="transvaal")
    mensen = {
        "anoniem": None,
        "deelnemer_w1": DeelnameFactory(casuswijk=w1).gebruiker,
        "deelnemer_w2": DeelnameFactory(casuswijk=w2).gebruiker,
        "gestopt_w1": DeelnameFactory(casuswijk=w1, beeindigd=True).gebruiker,
        "deelnemer_w3": DeelnameFactory(casuswijk=w3).gebruiker,
        "begeleider": medewerker("begeleider"),
        "beoordelaar": medewerker("beoordelaar"),
    }
    return {"a": oproep_a, "b": oproep_b, "w1": w1, "w2": w2, "w3": w3, "mensen": mensen}


def zoek_als(client, gebruiker, q, **parameters):
    client.logout()
    if gebruiker is not None:
        client.force_login(gebruiker)
    return client.get(reverse("leren:zoeken"), {"q": q, **parameters})


def gevonden(response) -> list[str]:
    pagina = response.context["pagina"]
    return [resultaat.titel for resultaat in pagina.object_list] if pagina else []


# Every searchable field of every type, with what else the record needs.
VELDEN = {
    "bijeenkomst": ["titel", "agenda", "verslag"],
    "interventie": ["naam", "omschrijving", "partners", "ervaringen"],
    "bevinding": ["tekst"],
    "voorbeeld": ["titel", "organisatie", "plaats", "omschrijving"],
}


def geheim(*delen: str) -> str:
    """One word, unique per record, that neither stemming nor LIKE mixes up with another."""
    return "qx" + "".join(delen) + "zq"


def maak(soort: str, veld: str, woord: str, *, wijk, niveau: str, sessie_gepubliceerd=True):
    if soort == "bijeenkomst":
        return BijeenkomstFactory(casuswijk=wijk, zichtbaarheid=niveau,
                                  gepubliceerd=sessie_gepubliceerd, **{veld: woord})  # fmt: skip
    if soort == "interventie":
        return InterventieFactory(casuswijk=wijk, zichtbaarheid=niveau, **{veld: woord})
    if soort == "bevinding":
        # From an unpublished session, or from none.
        sessie = (
            None if sessie_gepubliceerd else BijeenkomstFactory(casuswijk=wijk, gepubliceerd=False)
        )
        return BevindingFactory(casuswijk=wijk, zichtbaarheid=niveau, bijeenkomst=sessie,
                                **{veld: woord})  # fmt: skip
    return VoorbeeldFactory(oproep=wijk.aanmelding.oproep, zichtbaarheid=niveau, **{veld: woord})


# Who finds a record of casuswijk w1 (call A) at each level.
VINDERS = {
    "intern": {"begeleider"},
    "wijk": {"deelnemer_w1", "begeleider"},
    "netwerk": {"deelnemer_w1", "deelnemer_w2", "begeleider"},
    # Published at any level in an unpublished session (or, for a finding, from one).
    "ongepubliceerd": {"begeleider"},
    "openbaar": {"anoniem", "deelnemer_w1", "deelnemer_w2", "gestopt_w1", "deelnemer_w3",
                 "begeleider", "beoordelaar"},
}  # fmt: skip


@pytest.mark.parametrize(
    "wie",
    ["anoniem", "deelnemer_w1", "deelnemer_w2", "gestopt_w1", "deelnemer_w3", "begeleider",
     "beoordelaar"],
)  # fmt: skip
def test_each_user_finds_exactly_what_they_may_read_in_every_field(client, wereld, wie):
    verwacht, woorden = set(), []
    for soort, velden in VELDEN.items():
        for veld in velden:
            for niveau, vinders in VINDERS.items():
                if soort == "voorbeeld" and niveau in {"wijk", "ongepubliceerd"}:
                    continue  # no such level for an example from elsewhere
                if niveau == "ongepubliceerd" and soort not in {"bijeenkomst", "bevinding"}:
                    continue
                woord = geheim(soort, veld, niveau)
                maak(soort, veld, woord, wijk=wereld["w1"],
                     niveau="openbaar" if niveau == "ongepubliceerd" else niveau,
                     sessie_gepubliceerd=niveau != "ongepubliceerd")  # fmt: skip
                woorden.append(woord)
                if wie in vinders:
                    verwacht.add(woord)

    gezien = {
        woord
        for woord in woorden
        if zoek_als(client, wereld["mensen"][wie], woord).context["resultaten"].totaal == 1
    }

    assert gezien == verwacht
    assert len(woorden) == 48


def test_a_title_match_comes_before_a_match_in_the_text(client, wereld):
    w1 = wereld["w1"]
    BijeenkomstFactory(casuswijk=w1, titel="Verslag van de avond", zichtbaarheid="openbaar",
                       verslag="Over de moestuin. De moestuin groeit. De moestuin.")  # fmt: skip
    BijeenkomstFactory(casuswijk=w1, titel="De moestuin", zichtbaarheid="openbaar",
                       verslag="Een gesprek.")  # fmt: skip
    InterventieFactory(casuswijk=w1, naam="Buurtkamer", zichtbaarheid="openbaar",
                       ervaringen="De moestuin trekt nieuwe bewoners.")  # fmt: skip

    response = zoek_als(client, None, "moestuin")

    assert gevonden(response)[0] == "De moestuin"
    assert sorted(gevonden(response)) == ["Buurtkamer", "De moestuin", "Verslag van de avond"]


def test_snippets_escape_html_and_mark_the_word(client, wereld):
    BijeenkomstFactory(
        casuswijk=wereld["w1"],
        titel="Avond",
        zichtbaarheid="openbaar",
        verslag="<script>alert('x')</script> De moestuin: kosten < baten & meer. "
        "\x02<b>vet</b>\x03 bloeit.",
    )

    response = zoek_als(client, None, "moestuin")
    html = response.content.decode()

    assert "<script>alert" not in html
    assert "<b>vet" not in html
    assert "<mark>moestuin</mark>: kosten &lt; baten &amp; meer." in html
    fragment = response.context["pagina"].object_list[0].fragment
    assert fragment.count("<mark>") == fragment.count("</mark>")
    zonder_markering = fragment.replace("<mark>", "").replace("</mark>", "")
    assert "<" not in zonder_markering
    assert ">" not in zonder_markering
    # Tags are left out of snippets, as the pages leave them out of the rendered text.
    assert "script&gt;" not in html
    if connection.vendor == "sqlite":
        # The text between them stays, escaped (PostgreSQL's headline may leave it out).
        assert "alert(&#x27;x&#x27;)" in html


def test_snippets_read_as_the_page_does_without_markdown_or_tags(client, wereld):
    BevindingFactory(
        casuswijk=wereld["w1"],
        zichtbaarheid="openbaar",
        tekst="## Kop\n\nDe **moestuin** werkt, zie [het plan](https://voorbeeld.nl/a_(b)) "
        "en <em>de foto's</em>.",
    )

    resultaat = zoek_als(client, None, "moestuin").context["pagina"].object_list[0]

    platte = resultaat.fragment.replace("<mark>", "").replace("</mark>", "")
    assert "**" not in platte
    assert "##" not in platte
    assert "em&gt;" not in platte
    assert "het plan en" in " ".join(platte.split())
    assert ")" not in resultaat.titel


@pytest.mark.parametrize(
    ("database", "hint"), [("sqlite", "alle woorden"), ("postgresql", "minteken")]
)
def test_the_hint_promises_only_what_this_database_searches(client, monkeypatch, database, hint):
    monkeypatch.setattr("casuswijken.views.zoeken.connection.vendor", database)

    assert hint in client.get("/zoeken/").content.decode()


def test_twenty_results_to_a_page_and_the_pages_are_a_navigation(client, wereld):
    for nummer in range(50):
        BijeenkomstFactory(casuswijk=wereld["w1"], titel=f"Moestuin {nummer:02}",
                           zichtbaarheid="openbaar")  # fmt: skip

    eerste = zoek_als(client, None, "moestuin")
    derde = zoek_als(client, None, "moestuin", pagina=3)
    alle = gevonden(eerste) + gevonden(zoek_als(client, None, "moestuin", pagina=2))

    assert len(gevonden(eerste)) == 20
    assert len(gevonden(derde)) == 10
    assert len(set(alle + gevonden(derde))) == 50
    html = derde.content.decode()
    assert '<nav aria-label="Paginering van de zoekresultaten">' in html
    assert 'aria-label="Pagina 3" aria-current="page"' in html
    assert "50 resultaten voor ‘moestuin’" in html


@pytest.mark.parametrize("pagina", ["abc", "0", "-1", "99999999999999999999", "", "2.5", "3"])
def test_a_page_that_is_no_page_gives_the_first_or_the_last(client, wereld, pagina):
    for nummer in range(25):
        BijeenkomstFactory(casuswijk=wereld["w1"], titel=f"Moestuin {nummer}",
                           zichtbaarheid="openbaar")  # fmt: skip

    response = zoek_als(client, None, "moestuin", pagina=pagina)

    assert response.status_code == 200
    laatste = {"0", "-1", "3", "99999999999999999999"}
    assert response.context["pagina"].number == (2 if pagina in laatste else 1)


def test_the_page_costs_the_same_queries_at_one_and_at_fifty_results(client, wereld):
    deelnemer = wereld["mensen"]["deelnemer_w1"]
    w1, w2 = wereld["w1"], wereld["w2"]
    BijeenkomstFactory(casuswijk=w1, titel="Taalcafé")
    client.force_login(deelnemer)
    url = reverse("leren:zoeken")

    def aantal_queries(**parameters) -> int:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, {"q": "taalcafé", **parameters})
        assert response.status_code == 200
        return len(queries.captured_queries)

    bij_een = aantal_queries()
    for nummer in range(12):
        BijeenkomstFactory(casuswijk=w1, titel=f"Taalcafé {nummer}")
        BijeenkomstFactory(casuswijk=None, oproep=w1.aanmelding.oproep, zichtbaarheid="netwerk",
                           titel=f"Landelijk taalcafé {nummer}")  # fmt: skip
        InterventieFactory(casuswijk=w2, naam=f"Taalcafé {nummer}")
        BevindingFactory(casuswijk=w1, tekst=f"Het taalcafé {nummer} werkt.")
    VoorbeeldFactory(oproep=w1.aanmelding.oproep, titel="Taalcafé in Zwolle")

    assert zoek_als(client, deelnemer, "taalcafé").context["resultaten"].totaal == 50
    assert aantal_queries() == bij_een
    assert aantal_queries(pagina=3) == bij_een
    assert aantal_queries(soort="interventie") == bij_een


def test_the_filter_by_type_counts_each_type_and_shows_one(client, wereld):
    w1 = wereld["w1"]
    BijeenkomstFactory(casuswijk=w1, titel="Buurtkamer open", zichtbaarheid="openbaar")
    InterventieFactory(casuswijk=w1, naam="Buurtkamer", zichtbaarheid="openbaar")
    InterventieFactory(casuswijk=w1, naam="Buurtkamer twee", zichtbaarheid="openbaar")

    response = zoek_als(client, None, "buurtkamer", soort="interventie")

    assert response.context["resultaten"].aantallen == {
        "bijeenkomst": 1, "interventie": 2, "bevinding": 0, "voorbeeld": 0
    }  # fmt: skip
    assert sorted(gevonden(response)) == ["Buurtkamer", "Buurtkamer twee"]
    assert 'aria-current="page">Interventies (2)</a>' in response.content.decode()


def test_past_the_most_per_type_the_newest_are_shown_and_it_says_so(client, wereld, monkeypatch):
    monkeypatch.setattr(zoeken, "MAX_PER_SOORT", 3)
    sessies = [BijeenkomstFactory(casuswijk=wereld["w1"], titel=f"Moestuin {n}",
                                  zichtbaarheid="openbaar") for n in range(5)]  # fmt: skip

    response = zoek_als(client, None, "moestuin")

    assert sorted(gevonden(response)) == sorted(sessie.titel for sessie in sessies[2:])
    assert response.context["resultaten"].meer == {"bijeenkomst"}
    assert "Bijeenkomsten (3+)" in response.content.decode()


def test_links_open_where_the_user_may_read_it(client, wereld):
    w1, w2, a = wereld["w1"], wereld["w2"], wereld["a"]
    mensen = wereld["mensen"]
    eigen = BijeenkomstFactory(casuswijk=w1, titel="Sessie eigen", zichtbaarheid="openbaar")
    landelijk = BijeenkomstFactory(casuswijk=None, oproep=a, titel="Sessie landelijk",
                                   zichtbaarheid="openbaar")  # fmt: skip
    gedeeld = BijeenkomstFactory(casuswijk=w2, titel="Sessie gedeeld", zichtbaarheid="netwerk")
    interventie = InterventieFactory(casuswijk=w1, naam="Sessie interventie",
                                     zichtbaarheid="openbaar")  # fmt: skip
    bevinding = BevindingFactory(casuswijk=w1, tekst="Sessie bevinding", zichtbaarheid="openbaar")
    voorbeeld = VoorbeeldFactory(oproep=a, titel="Sessie voorbeeld", zichtbaarheid="openbaar")

    def links(wie) -> dict[str, str]:
        response = zoek_als(client, mensen[wie], "sessie")
        return {r.titel: r.url for r in response.context["pagina"].object_list}

    assert links("deelnemer_w1") == {
        "Sessie eigen": f"/wijken/lombok/bijeenkomsten/{eigen.pk}/",
        "Sessie landelijk": f"/wijken/lombok/bijeenkomsten/{landelijk.pk}/",
        "Sessie gedeeld": f"/wijken/lombok/bijeenkomsten/{gedeeld.pk}/",
        "Sessie interventie": f"/wijken/lombok/#interventie-{interventie.pk}",
        "Sessie bevinding": f"/wijken/lombok/#bevinding-{bevinding.pk}",
        "Sessie voorbeeld": f"/netwerk/{a.slug}/#voorbeeld-{voorbeeld.pk}",
    }
    assert links("deelnemer_w2") == {
        "Sessie eigen": f"/wijken/zuilen/bijeenkomsten/{eigen.pk}/",
        "Sessie landelijk": f"/wijken/zuilen/bijeenkomsten/{landelijk.pk}/",
        "Sessie gedeeld": f"/wijken/zuilen/bijeenkomsten/{gedeeld.pk}/",
        "Sessie interventie": f"/netwerk/{a.slug}/#interventie-{interventie.pk}",
        "Sessie bevinding": f"/netwerk/{a.slug}/#bevinding-{bevinding.pk}",
        "Sessie voorbeeld": f"/netwerk/{a.slug}/#voorbeeld-{voorbeeld.pk}",
    }
    openbaar = f"/oproepen/{a.slug}/opbrengsten/"
    assert links("anoniem") == {
        "Sessie eigen": f"{openbaar}bijeenkomsten/{eigen.pk}/",
        "Sessie landelijk": f"{openbaar}bijeenkomsten/{landelijk.pk}/",
        "Sessie interventie": f"{openbaar}#interventie-{interventie.pk}",
        "Sessie bevinding": f"{openbaar}#bevinding-{bevinding.pk}",
        "Sessie voorbeeld": f"{openbaar}#voorbeeld-{voorbeeld.pk}",
    }
    assert links("deelnemer_w3") == links("anoniem")
    # The session links that go to a casuswijk's own pages open for that user.
    for wie in ["deelnemer_w1", "deelnemer_w2", "begeleider", "beoordelaar"]:
        client.force_login(mensen[wie])
        for url in links(wie).values():
            if "/bijeenkomsten/" in url and url.startswith("/wijken/"):
                assert client.get(url).status_code == 200, (wie, url)


def test_a_link_goes_to_the_network_page_exactly_when_netwerk_of_404_lets_the_user_in(wereld):
    a, w2 = wereld["a"], wereld["w2"]
    InterventieFactory(casuswijk=w2, naam="Buurtkamer", zichtbaarheid="openbaar")
    for wie, gebruiker in wereld["mensen"].items():
        if gebruiker is None:
            continue
        try:
            netwerk_of_404(gebruiker, a.slug)
            mag_netwerk = True
        except Http404:
            mag_netwerk = False
        url = zoeken.zoek(user=gebruiker, zoekterm="buurtkamer").paginator.page(1)[0].url
        assert url.startswith((f"/netwerk/{a.slug}/", "/wijken/")) == mag_netwerk, wie


RARE_INVOER = [
    "",
    "   ",
    '"',
    "'",
    '"moestuin',
    "moestuin'",
    "moestuin & bewoners | !buurt",
    "&|!",
    "<->",
    "moestuin <-> bewoners",
    "moes:*",
    ":*",
    "!!moestuin",
    "(moestuin",
    "moestuin)",
    "-",
    "-moestuin",
    "or",
    "moestuin or",
    "\\",
    "%",
    "_",
    "moestuin\x00bewoners",
    "\x00",
    "🏡",
    "🏡 moestuin",
    "moestuin" * 1250,
    "<script>alert(1)</script>",
    "de het een",
]


@pytest.mark.parametrize("q", RARE_INVOER, ids=range(len(RARE_INVOER)))
def test_the_box_takes_anything(client, wereld, q):
    BijeenkomstFactory(casuswijk=wereld["w1"], titel="De moestuin", zichtbaarheid="openbaar",
                       verslag="Bewoners in de buurt.")  # fmt: skip
    client.force_login(wereld["mensen"]["deelnemer_w1"])

    response = client.get(reverse("leren:zoeken"), {"q": q})

    assert response.status_code == 200
    assert "<script>alert(1)" not in response.content.decode()


def test_a_nul_byte_in_the_address_is_left_out(client, wereld):
    BijeenkomstFactory(casuswijk=wereld["w1"], titel="De moestuin", zichtbaarheid="openbaar")

    response = client.get(reverse("leren:zoeken") + "?q=moes%00tuin%00")

    assert response.context["zoekterm"] == "moes tuin"
    response = client.get(reverse("leren:zoeken") + "?q=%00moestuin")
    assert gevonden(response) == ["De moestuin"]


def test_a_long_search_is_cut_with_a_note(client, wereld):
    BijeenkomstFactory(casuswijk=wereld["w1"], titel="De moestuin", zichtbaarheid="openbaar")

    response = client.get(reverse("leren:zoeken"), {"q": "moestuin " + "x" * 10_000})

    assert len(response.context["zoekterm"]) == zoeken.MAX_LENGTE
    assert "Uw zoekopdracht was langer dan 200 tekens" in response.content.decode()


def test_punctuation_alone_asks_for_a_word_and_an_unknown_type_says_so(client):
    zonder_woord = client.get(reverse("leren:zoeken"), {"q": "&|! <-> 🏡"})
    onbekende_soort = client.get(reverse("leren:zoeken"), {"q": "moestuin", "soort": "x"})

    assert "Typ minstens één woord of getal om op te zoeken." in zonder_woord.content.decode()
    assert "resultaten" not in zonder_woord.context
    assert "Die soort resultaten kennen we niet" in onbekende_soort.content.decode()


def test_the_page_is_open_to_anyone_and_only_answers_get(client):
    assert client.get(reverse("leren:zoeken")).status_code == 200
    assert client.post(reverse("leren:zoeken"), {"q": "x"}).status_code == 405


def test_the_header_links_to_search_for_everyone(client, wereld):
    anoniem = client.get(reverse("aanmeldingen:home")).content.decode()
    client.force_login(wereld["mensen"]["deelnemer_w1"])
    ingelogd = client.get(reverse("leren:zoeken")).content.decode()

    assert f'<a href="{reverse("leren:zoeken")}" class="me-3">Zoeken</a>' in anoniem
    assert f'<a href="{reverse("leren:zoeken")}" class="me-3" aria-current="page">Zoeken</a>' in (
        ingelogd
    )


def test_the_search_field_is_labelled_and_results_are_a_list_of_headings(client, wereld):
    BijeenkomstFactory(casuswijk=wereld["w1"], titel="De moestuin", zichtbaarheid="openbaar")

    html = zoek_als(client, None, "moestuin").content.decode()

    assert '<label for="zoekterm" class="form-label">' in html
    assert '<input type="search" id="zoekterm" name="q" value="moestuin"' in html
    assert '<h2 id="resultaten-titel" class="h4">' in html
    assert '<ol class="list-unstyled zoekresultaten" aria-labelledby="resultaten-titel">' in html
    assert '<h3 class="h5 mb-1"><a href="/oproepen/' in html


@pytest.mark.postgres
@op_postgres
def test_the_stored_vectors_equal_the_search_expression():
    wijk = CasuswijkFactory()
    BijeenkomstFactory(casuswijk=wijk, titel="Titel woorden", agenda="Agenda punten",
                       verslag="Het verslag van de bewoners")  # fmt: skip
    InterventieFactory(casuswijk=wijk, naam="Naam", omschrijving="Omschrijving",
                       partners="Partners", ervaringen="Ervaringen met buren")  # fmt: skip
    BevindingFactory(casuswijk=wijk, tekst="Een bevinding over buren")
    VoorbeeldFactory(titel="Titel", organisatie="Organisatie", plaats="Zwolle",
                     omschrijving="Omschrijving")  # fmt: skip

    for soort in zoeken.SOORTEN.values():
        tabel = soort.model._meta.db_table
        berekend = soort.model.objects.annotate(nummer=F("pk"), v=zoeken.zoekvector(soort))
        berekend = berekend.order_by().values("nummer", "v")
        sql, params = berekend.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT count(*), count(*) FILTER (WHERE t.zoekvector IS DISTINCT FROM b.v) "
                f"FROM ({sql}) b JOIN {tabel} t ON t.id = b.nummer",
                params,
            )
            assert cursor.fetchone() == (1, 0), tabel


@pytest.mark.postgres
@op_postgres
def test_the_match_can_use_the_gin_index():
    gebruiker = medewerker("begeleider")
    for soort in zoeken.SOORTEN.values():
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL enable_seqscan = off")
            plan = zoeken._gevonden(soort, gebruiker, "moestuin").explain()
        assert f"{soort.model._meta.db_table}_zoekvector" in plan, plan


@pytest.mark.postgres
@op_postgres
def test_quotes_search_a_phrase_and_a_minus_leaves_a_word_out(client, wereld):
    w1 = wereld["w1"]
    BijeenkomstFactory(casuswijk=w1, titel="Sociale huur", zichtbaarheid="openbaar")
    BijeenkomstFactory(casuswijk=w1, titel="Huur en sociale contacten", zichtbaarheid="openbaar")

    assert sorted(gevonden(zoek_als(client, None, "sociale huur"))) == [
        "Huur en sociale contacten", "Sociale huur"
    ]  # fmt: skip
    assert gevonden(zoek_als(client, None, '"sociale huur"')) == ["Sociale huur"]
    assert gevonden(zoek_als(client, None, "huur -contacten")) == ["Sociale huur"]


@pytest.mark.postgres
@op_postgres
def test_dutch_stemming_finds_other_forms_of_a_word(client, wereld):
    BijeenkomstFactory(casuswijk=wereld["w1"], titel="Nieuwe bewoners", zichtbaarheid="openbaar")

    assert gevonden(zoek_als(client, None, "bewoner")) == ["Nieuwe bewoners"]


def test_the_models_each_have_a_search_type():
    assert {soort.model for soort in zoeken.SOORTEN.values()} == {
        Bijeenkomst, Interventie, Bevinding, Voorbeeld
    }  # fmt: skip
