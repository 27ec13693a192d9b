"""The public results of a call: what anyone may read there, and nothing more, whoever is
logged in."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from aanmeldingen.enums import Leervraag
from casuswijken.models import Actiepunt
from tests.factories import (
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

GEHEIM = "Zq7-geheim"
NIET_OPENBAAR = ["intern", "wijk", "netwerk"]


def geheime_sessie(casuswijk, zichtbaarheid, gepubliceerd=True):
    """A session with the secret in every field the public pages show."""
    return BijeenkomstFactory(
        casuswijk=casuswijk,
        titel=f"{GEHEIM} titel",
        locatie=f"{GEHEIM} locatie",
        agenda=f"{GEHEIM} agenda",
        verslag=f"{GEHEIM} verslag",
        zichtbaarheid=zichtbaarheid,
        gepubliceerd=gepubliceerd,
    )


@pytest.fixture
def wereld():
    """A published, closed call with a casuswijk: one of each public kind, and the secret
    at every other level and in an unpublished session."""
    oproep = OproepFactory(gesloten=True, slug="ronde-1")
    wijk = CasuswijkFactory(
        naam="Transvaal",
        slug="transvaal",
        aanmelding__oproep=oproep,
        aanmelding__gemeente="Den Haag",
        aanmelding__provincie="zuid_holland",
        aanmelding__wijkbeschrijving=f"{GEHEIM} beschrijving",
    )
    deelnemer = DeelnameFactory(
        casuswijk=wijk,
        gebruiker__first_name="Dewi",
        gebruiker__last_name="Deelnemersnaam",
        organisatie=f"{GEHEIM} organisatie",
    ).gebruiker
    begeleider = medewerker("begeleider")
    begeleider.first_name, begeleider.last_name = "Bea", "Begeleidersnaam"
    begeleider.save()

    openbaar = BijeenkomstFactory(
        casuswijk=wijk,
        titel="Open gesprek in Transvaal",
        verslag="## Wat we hoorden\n\nNieuwe bewoners kennen de buurthuizen niet.",
        zichtbaarheid="openbaar",
    )
    openbaar.begeleiders.add(begeleider)
    landelijk = BijeenkomstFactory(
        casuswijk=None, oproep=oproep, titel="Landelijke leerdag", zichtbaarheid="openbaar"
    )
    Actiepunt.objects.create(casuswijk=wijk, bijeenkomst=openbaar, eigenaar=deelnemer,
                             omschrijving=f"{GEHEIM} actiepunt")  # fmt: skip
    Actiepunt.objects.create(casuswijk=wijk, bijeenkomst=openbaar, omschrijving="Cijfers",
                             eigenaar_naam="Erik Eigenaarsnaam")  # fmt: skip
    InterventieFactory(casuswijk=wijk, naam="Buurtmoestuin", zichtbaarheid="openbaar")
    BevindingFactory(casuswijk=wijk, bijeenkomst=openbaar, zichtbaarheid="openbaar",
                     goed_voorbeeld=True, leervraag=Leervraag.INTERVENTIES,
                     tekst="Buren heten nieuwe buren welkom.")  # fmt: skip
    VoorbeeldFactory(oproep=oproep, titel="Welkom in de Schilderswijk", zichtbaarheid="openbaar")

    for niveau in NIET_OPENBAAR:
        geheime_sessie(wijk, niveau)
        InterventieFactory(casuswijk=wijk, zichtbaarheid=niveau, naam=f"{GEHEIM} naam",
                           omschrijving=f"{GEHEIM} omschrijving", partners=f"{GEHEIM} partners",
                           ervaringen=f"{GEHEIM} ervaringen")  # fmt: skip
        BevindingFactory(casuswijk=wijk, zichtbaarheid=niveau, tekst=f"{GEHEIM} bevinding")
        if niveau != "wijk":
            VoorbeeldFactory(oproep=oproep, zichtbaarheid=niveau, titel=f"{GEHEIM} titel",
                             organisatie=f"{GEHEIM} organisatie", plaats=f"{GEHEIM} plaats",
                             omschrijving=f"{GEHEIM} omschrijving",
                             link="https://voorbeeld.nl/zq7-geheim")  # fmt: skip
    geheime_sessie(wijk, "openbaar", gepubliceerd=False)
    BijeenkomstFactory(casuswijk=None, oproep=oproep, titel=f"{GEHEIM} landelijk netwerk",
                       zichtbaarheid="netwerk")  # fmt: skip
    # Openbaar, but from a session the public may not see: it stays with the session.
    for sessie in [geheime_sessie(wijk, "intern"), geheime_sessie(wijk, "openbaar", False)]:
        BevindingFactory(casuswijk=wijk, bijeenkomst=sessie, zichtbaarheid="openbaar",
                         tekst=f"{GEHEIM} uit een gesloten sessie")  # fmt: skip
    # Public, but of another call.
    ander = CasuswijkFactory(naam=f"{GEHEIM} andere wijk", aanmelding__oproep__gesloten=True)
    andere_sessie = BijeenkomstFactory(casuswijk=ander, titel=f"{GEHEIM} andere oproep",
                                       zichtbaarheid="openbaar")  # fmt: skip
    InterventieFactory(casuswijk=ander, naam=f"{GEHEIM} andere oproep", zichtbaarheid="openbaar")
    return {
        "oproep": oproep,
        "wijk": wijk,
        "openbaar": openbaar,
        "landelijk": landelijk,
        "andere_sessie": andere_sessie,
        "mensen": {
            "deelnemer": deelnemer,
            "begeleider": begeleider,
            "beheer": StaffFactory(beheer=True),
        },
    }


def openbare_paginas(wereld) -> list[str]:
    slug = wereld["oproep"].slug
    return [
        reverse("leren:opbrengsten", args=[slug]),
        reverse("leren:openbare_bijeenkomst", args=[slug, wereld["openbaar"].pk]),
        reverse("leren:openbare_bijeenkomst", args=[slug, wereld["landelijk"].pk]),
    ]


def tekst_van(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.parametrize("wie", ["anoniem", "deelnemer", "begeleider", "beheer"])
def test_nothing_below_openbaar_or_unpublished_reaches_the_public_pages(client, wereld, wie):
    if wie != "anoniem":
        client.force_login(wereld["mensen"][wie])

    paginas = {url: tekst_van(client, url) for url in openbare_paginas(wereld)}

    assert [url for url, html in paginas.items() if GEHEIM.lower() in html.lower()] == []
    overzicht = paginas[openbare_paginas(wereld)[0]]
    for openbaar in ["Transvaal", "Den Haag", "Zuid-Holland", "Open gesprek in Transvaal",
                     "Landelijke leerdag", "Buurtmoestuin", "Buren heten nieuwe buren welkom.",
                     "Welkom in de Schilderswijk"]:  # fmt: skip
        assert openbaar in overzicht, openbaar
    assert "Nieuwe bewoners kennen de buurthuizen niet." in paginas[openbare_paginas(wereld)[1]]


@pytest.mark.parametrize("wie", ["anoniem", "deelnemer", "beheer"])
def test_no_person_is_named_on_the_public_pages(client, wereld, wie):
    if wie != "anoniem":
        client.force_login(wereld["mensen"][wie])
    namen = ["Deelnemersnaam", "Begeleidersnaam", "Eigenaarsnaam"] + list(
        wereld["wijk"].aanmelding.leden.values_list("naam", flat=True)
    )

    paginas = [tekst_van(client, url) for url in openbare_paginas(wereld)]

    assert [naam for naam in namen if any(naam in html for html in paginas)] == []


def test_the_overview_anchors_findings_interventions_and_examples_and_marks_good_ones(
    client, wereld
):
    wijk = wereld["wijk"]
    bevinding = wijk.bevindingen.get(zichtbaarheid="openbaar", bijeenkomst=wereld["openbaar"])
    interventie = wijk.interventies.get(zichtbaarheid="openbaar")
    voorbeeld = wereld["oproep"].voorbeelden.get(zichtbaarheid="openbaar")

    response = client.get(reverse("leren:opbrengsten", args=["ronde-1"]))

    html = response.content.decode()
    for anker in [f"bevinding-{bevinding.pk}", f"interventie-{interventie.pk}",
                  f"voorbeeld-{voorbeeld.pk}"]:  # fmt: skip
        assert f'id="{anker}"' in html
    assert [
        (vraag.value, [b.tekst for b in lijst]) for vraag, lijst in response.context["bevindingen"]
    ] == [
        ("verwachtingen", []),
        ("opbrengsten", []),
        ("randvoorwaarden", []),
        ("interventies", ["Buren heten nieuwe buren welkom."]),
    ]
    assert 'Uit Transvaal <span class="badge text-bg-success">goed voorbeeld</span>' in html


@pytest.mark.parametrize("wie", ["anoniem", "beheer"])
def test_an_unpublished_call_has_no_public_results_not_even_for_staff(client, wereld, wie):
    oproep = wereld["oproep"]
    oproep.gepubliceerd = False
    oproep.save()
    if wie != "anoniem":
        client.force_login(wereld["mensen"][wie])

    statussen = [client.get(url).status_code for url in openbare_paginas(wereld)]

    assert statussen == [404, 404, 404]


def test_an_unknown_call_answers_404(client):
    assert client.get(reverse("leren:opbrengsten", args=["bestaat-niet"])).status_code == 404


def test_a_session_of_another_call_answers_404_under_this_calls_address(client, wereld):
    andere = wereld["andere_sessie"]

    hier = client.get(reverse("leren:openbare_bijeenkomst", args=["ronde-1", andere.pk]))
    daar = client.get(reverse("leren:openbare_bijeenkomst", args=[andere.oproep.slug, andere.pk]))

    assert (hier.status_code, daar.status_code) == (404, 200)


@pytest.mark.parametrize("wie", ["anoniem", "begeleider"])
def test_a_session_that_is_not_openbaar_and_published_answers_404(client, wereld, wie):
    if wie != "anoniem":
        client.force_login(wereld["mensen"][wie])
    niet_openbaar = wereld["oproep"].bijeenkomsten.exclude(
        pk__in=[wereld["openbaar"].pk, wereld["landelijk"].pk]
    )

    statussen = {
        sessie.titel: client.get(
            reverse("leren:openbare_bijeenkomst", args=["ronde-1", sessie.pk])
        ).status_code
        for sessie in niet_openbaar
    }

    assert len(niet_openbaar) == 7
    assert set(statussen.values()) == {404}


def test_post_is_refused(client, wereld):
    assert client.post(reverse("leren:opbrengsten", args=["ronde-1"])).status_code == 405


def meer_openbaar(oproep, aantal: int) -> None:
    for _ in range(aantal):
        wijk = CasuswijkFactory(aanmelding__oproep=oproep)
        sessie = BijeenkomstFactory(casuswijk=wijk, zichtbaarheid="openbaar")
        InterventieFactory(casuswijk=wijk, zichtbaarheid="openbaar")
        BevindingFactory(casuswijk=wijk, bijeenkomst=sessie, zichtbaarheid="openbaar")
        VoorbeeldFactory(oproep=oproep, zichtbaarheid="openbaar")


def aantal_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


def test_the_overview_costs_the_same_queries_for_one_row_or_many(client):
    oproep = OproepFactory(gesloten=True)
    meer_openbaar(oproep, 1)
    url = reverse("leren:opbrengsten", args=[oproep.slug])
    een = aantal_queries(client, url)

    meer_openbaar(oproep, 5)
    veel = aantal_queries(client, url)

    # The call, then casuswijken, sessions, findings, interventions and examples.
    assert (een, veel) == (6, 6)
    assert len(client.get(url).context["bijeenkomsten"]) == 6


def test_the_call_page_links_to_its_results_and_says_what_there_is(client, wereld):
    response = client.get(reverse("aanmeldingen:oproep", args=["ronde-1"]))

    assert response.context["opbrengsten"].omschrijving == (
        "2 bijeenkomsten, 1 bevinding, 1 interventie en 1 goed voorbeeld van elders"
    )
    assert reverse("leren:opbrengsten", args=["ronde-1"]) in response.content.decode()


def test_the_call_page_counts_what_is_public_in_one_query_whatever_the_numbers(client):
    oproep = OproepFactory(gesloten=True)
    meer_openbaar(oproep, 1)
    url = reverse("aanmeldingen:oproep", args=[oproep.slug])
    een = aantal_queries(client, url)

    meer_openbaar(oproep, 4)
    veel = aantal_queries(client, url)

    # The call, whether decisions were sent, and what is public.
    assert (een, veel) == (3, 3)
    assert client.get(url).context["opbrengsten"].omschrijving == (
        "5 bijeenkomsten, 5 bevindingen, 5 interventies en 5 goede voorbeelden van elders"
    )


def test_the_call_page_has_no_results_link_while_nothing_is_public(client, wereld):
    oproep = OproepFactory(gesloten=True, slug="leeg")
    CasuswijkFactory(aanmelding__oproep=oproep)
    BijeenkomstFactory(casuswijk=None, oproep=oproep, zichtbaarheid="netwerk")

    response = client.get(reverse("aanmeldingen:oproep", args=["leeg"]))

    assert not response.context["opbrengsten"]
    assert "/opbrengsten/" not in response.content.decode()


def test_staff_see_no_results_link_on_an_unpublished_call(client, wereld):
    oproep = wereld["oproep"]
    oproep.gepubliceerd = False
    oproep.save()
    client.force_login(wereld["mensen"]["beheer"])

    response = client.get(reverse("aanmeldingen:oproep", args=["ronde-1"]))

    assert response.status_code == 200
    assert response.context["opbrengsten"] is None
    assert "/opbrengsten/" not in response.content.decode()
