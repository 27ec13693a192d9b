"""The staff start page (netwerk.dashboard): its figures against hand-computed ones, each
figure equal to the length of the list it links to, who sees what, and a fixed number of
queries."""

import re
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from aanmeldingen.models import Toewijzing
from casuswijken.enums import Interventiestatus
from netwerk.rechten import Rol
from tests import dashboard_gegevens as hand
from tests.factories import (
    AanmeldingFactory,
    ActiepuntFactory,
    BeoordelingFactory,
    BijeenkomstFactory,
    CasuswijkFactory,
    InterventieFactory,
    OproepFactory,
    StaffFactory,
    medewerker,
)

pytestmark = pytest.mark.django_db


def startpagina(client, gebruiker):
    client.force_login(gebruiker)
    response = client.get("/admin/")
    assert response.status_code == 200
    return response


class Rijen(HTMLParser):
    """Counts the rows in the body of an admin list's table (#result_list)."""

    def __init__(self):
        super().__init__()
        self.in_lijst = self.in_body = False
        self.rijen = 0

    def handle_starttag(self, tag, attrs):
        if tag == "table" and dict(attrs).get("id") == "result_list":
            self.in_lijst = True
        elif self.in_lijst and tag == "tbody":
            self.in_body = True
        elif self.in_body and tag == "tr":
            self.rijen += 1

    def handle_endtag(self, tag):
        if tag == "tbody":
            self.in_body = False
        elif tag == "table":
            self.in_lijst = False


def rijen_in(client, url: str) -> int:
    response = client.get(url)
    # A filter the list does not know sends Django's list to ?e=1 with a redirect.
    assert response.status_code == 200, (url, response.status_code)
    teller = Rijen()
    teller.feed(response.content.decode())
    return teller.rijen


def _tellingen(blok):
    c = blok.cijfers
    return {t.label: t.aantal for t in c.per_status}, {
        t.label: t.aantal for t in c.per_provincie if t.aantal
    }


def test_the_figures_of_a_call_match_those_counted_by_hand(client):
    gegevens = hand.maak()

    response = startpagina(client, gegevens.coordinator)

    [blok] = response.context["oproepen"]
    c = blok.cijfers
    assert c.oproep == gegevens.oproep
    assert c.dagen_tot_deadline == (timezone.localdate(gegevens.oproep.deadline)
                                    - timezone.localdate()).days  # fmt: skip
    per_status, per_provincie = _tellingen(blok)
    assert per_status == hand.PER_STATUS
    assert per_provincie == hand.PER_PROVINCIE
    assert {b.naam: (b.toegewezen, b.gedaan) for b in c.beoordelaars} == hand.BEOORDELAARS
    assert {t.label: t.aantal for t in c.beoordelingen_per_aanmelding} == (
        hand.PER_AANTAL_BEOORDELINGEN
    )
    assert c.scores[0].per_score == hand.COALITIE_VOOR_COORDINATOR
    assert c.scores[0].gemiddelde == pytest.approx((4 + 2 + 5 + 3) / 4)
    assert c.scores[1].per_score == {1: 0, 2: 0, 3: 2, 4: 0, 5: 2}  # opgave: 5, 5, 3, 3
    assert {t.label: t.aantal for t in c.selectie_provincie} == hand.SELECTIE_PROVINCIE
    assert {t.label: t.aantal for t in c.selectie_wijktype} == hand.SELECTIE_WIJKTYPE
    assert {t.label: t.aantal for t in c.selectie_organisatietype} == (
        hand.SELECTIE_ORGANISATIETYPE
    )


def test_the_figures_of_a_running_casuswijk_match_those_counted_by_hand(client):
    gegevens = hand.maak()

    response = startpagina(client, gegevens.coordinator)

    [wijk] = response.context["casuswijken"]  # not the one whose network ended
    assert wijk.casuswijk == gegevens.casuswijk
    assert {
        "komend": wijk.komend.aantal,
        "te_schrijven": wijk.verslag_te_schrijven.aantal,
        "open": wijk.open_actiepunten.aantal,
        "verlopen": wijk.verlopen_actiepunten.aantal,
    } == hand.CASUSWIJK
    assert wijk.volgende_titel == "Tweede gesprek"
    assert {t.label: t.aantal for t in wijk.interventies} == hand.INTERVENTIES
    # The last thing that happened: the session half an hour ago, which began latest.
    moment, wat = wijk.laatste_activiteit
    assert wat == "bijeenkomst gehouden"
    assert timezone.now() - timedelta(minutes=31) < moment < timezone.now()
    assert "Afgelopen-Oost" not in response.content.decode()


def test_every_figure_is_the_length_of_the_list_it_opens(client):
    gegevens = hand.maak()
    response = startpagina(client, gegevens.coordinator)
    [blok] = response.context["oproepen"]
    [wijk] = response.context["casuswijken"]
    c = blok.cijfers
    tellingen = [
        *c.per_status,
        *c.per_provincie,
        *c.beoordelingen_per_aanmelding,
        *c.selectie_provincie,
        *c.selectie_wijktype,
        *c.selectie_organisatietype,
        wijk.komend,
        wijk.verslag_te_schrijven,
        wijk.open_actiepunten,
        wijk.verlopen_actiepunten,
        *wijk.interventies,
    ]
    for b in c.beoordelaars:
        tellingen += [(b.toegewezen, b.url_toegewezen), (b.gedaan, b.url_gedaan),
                      (b.open, b.url_open)]  # fmt: skip
    gevolgd = 0
    for telling in tellingen:
        aantal, url = (telling.aantal, telling.url) if hasattr(telling, "url") else telling
        assert rijen_in(client, url) == aantal, url
        gevolgd += aantal > 0
    assert gevolgd >= 20  # the lists hold rows, not only empty ones
    # And every number on the page is one of these links.
    html = response.content.decode()
    assert html.count('class="telling"') == len([t for t in tellingen if hasattr(t, "url")])


def test_a_reviewer_sees_the_review_figures_of_what_they_may_read_and_no_casuswijk(client):
    gegevens = hand.maak()

    response = startpagina(client, gegevens.beoordelaar_twee)

    [blok] = response.context["oproepen"]
    assert {b.naam: (b.toegewezen, b.gedaan) for b in blok.cijfers.beoordelaars} == (
        hand.BEOORDELAARS
    )
    assert blok.cijfers.scores[0].per_score == hand.COALITIE_VOOR_BERT
    assert response.context["casuswijken"] == []
    html = response.content.decode()
    assert "Per beoordelaar" in html
    assert "Lopende casuswijken" not in html
    assert gegevens.casuswijk.naam not in html


def test_a_begeleider_sees_the_casuswijken_and_no_reviews(client):
    gegevens = hand.maak()

    response = startpagina(client, medewerker(Rol.BEGELEIDER))

    [blok] = response.context["oproepen"]
    assert blok.cijfers.beoordelaars is None
    assert blok.cijfers.scores is None
    html = response.content.decode()
    assert "Per beoordelaar" not in html
    assert "Spreiding van de scores" not in html
    assert gegevens.casuswijk.naam in html


def test_staff_without_rights_see_no_figures(client):
    hand.maak()

    response = startpagina(client, StaffFactory())

    assert response.context["oproepen"] == []
    assert response.context["casuswijken"] == []
    assert 'id="dashboard"' not in response.content.decode()


def test_the_numbers_of_each_chart_are_in_its_svg_with_a_title(client):
    gegevens = hand.maak()

    html = startpagina(client, gegevens.coordinator).content.decode()

    svgs = re.findall(r'<svg[^>]*class="dashboard-grafiek".*?</svg>', html, flags=re.S)
    assert len(svgs) == 5
    for svg in svgs:
        assert 'role="img"' in svg
        assert re.search(r"<title id=[^>]+>[^<]+</title>", svg)
        assert re.search(r"<desc id=[^>]+>[^<]+</desc>", svg)
    status = re.findall(r'<g data-label="([^"]+)" data-aantal="(\d+)"', svgs[0])
    assert {label: int(aantal) for label, aantal in status} == hand.PER_STATUS
    provincies = dict(re.findall(r'data-provincie="(\w+)" data-aantal="(\d+)"', svgs[1]))
    assert provincies["utrecht"] == "2"
    assert provincies["zeeland"] == "0"


# A fixed number of queries, however many applications and casuswijken.


def _oproep_met(aantal: int, oproep, beoordelaar) -> None:
    for aanmelding in AanmeldingFactory.create_batch(aantal, oproep=oproep, leden=None):
        Toewijzing.objects.create(aanmelding=aanmelding, beoordelaar=beoordelaar)
        BeoordelingFactory(aanmelding=aanmelding, beoordelaar=beoordelaar)


def _casuswijken(aantal: int, oproep) -> None:
    nu = timezone.now()
    for _ in range(aantal):
        casuswijk = CasuswijkFactory(
            aanmelding__oproep=oproep, aanmelding__besluit_verzonden_op=nu, aanmelding__leden=None
        )
        voorbij = BijeenkomstFactory(casuswijk=casuswijk, begint_op=nu - timedelta(days=3))
        BijeenkomstFactory(casuswijk=casuswijk)
        ActiepuntFactory(bijeenkomst=voorbij, deadline=timezone.localdate() - timedelta(days=1))
        InterventieFactory(casuswijk=casuswijk, status=Interventiestatus.GEPLAND)


def _queries(client, gebruiker) -> int:
    client.force_login(gebruiker)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/admin/").status_code == 200
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_applications(
    client, django_assert_num_queries
):
    coordinator = medewerker(Rol.COORDINATOR)
    beoordelaar = medewerker(Rol.BEOORDELAAR)
    oproep = OproepFactory()
    _oproep_met(1, oproep, beoordelaar)
    bij_een = _queries(client, coordinator)
    _oproep_met(99, oproep, beoordelaar)

    with django_assert_num_queries(bij_een):
        response = client.get("/admin/")

    assert response.context["oproepen"][0].cijfers.per_status[1].aantal == 100


def test_the_number_of_queries_does_not_grow_with_the_casuswijken(
    client, django_assert_num_queries
):
    coordinator = medewerker(Rol.COORDINATOR)
    oproep = OproepFactory(gesloten=True)
    _casuswijken(1, oproep)
    bij_een = _queries(client, coordinator)
    _casuswijken(19, oproep)

    with django_assert_num_queries(bij_een):
        response = client.get("/admin/")

    assert len(response.context["casuswijken"]) == 20
    assert all(w.verlopen_actiepunten.aantal == 1 for w in response.context["casuswijken"])


def test_a_reviewer_who_reviewed_nothing_sees_no_scores_yet(client):
    hand.maak()

    response = startpagina(client, medewerker(Rol.BEOORDELAAR))

    [blok] = response.context["oproepen"]
    assert all(spreiding.aantal == 0 for spreiding in blok.cijfers.scores)
    html = response.content.decode()
    assert "Nog geen beoordelingen die u mag lezen." in html
    assert "Spreiding van de scores per criterium:" not in html  # the chart's title
