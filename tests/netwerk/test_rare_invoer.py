"""Junk in any address answers 400 or 404, never 500, on both databases; HEAD works wherever
GET does.

The walk takes every URL pattern of the project (the admin's included), puts junk in its
arguments and its query string (a NUL byte, a number too large for any integer column, a
very long value, an emoji), and asks for it as a visitor, a participant and beheer. A new
page is walked without changing this file.
"""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from aanmeldingen.enums import Status
from aanmeldingen.models import Aanmelding
from aanmeldingen.services import vervang_link
from tests.factories import (
    AanmeldingFactory,
    CasuswijkFactory,
    DeelnameFactory,
    OproepFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db

ROTZOOI = ["%00", "x%00y", "9" * 30, "a" * 2000, "%F0%9F%98%80"]
ZOEKVRAAG = "?q=%00&status=%00&o=%00&p=99999999999999999999&pagina=%00&categorie=%00&e=x%00"
ARGUMENT = re.compile(r"<(?:\w+:)?\w+>")


def patronen(resolver=None, voor: str = "", met_zonder_argumenten: bool = False) -> list[str]:
    """Every route of the project that takes an argument (or every route) as text,
    arguments as <…>; regular expressions (the admin's app lists and its catch-all) are
    left out: they take no argument to fill."""
    gevonden = []
    for patroon in (resolver or get_resolver()).url_patterns:
        tekst = voor + str(patroon.pattern)
        if "^" in tekst or "(?P" in tekst:
            continue
        if isinstance(patroon, URLResolver):
            gevonden += patronen(patroon, tekst, met_zonder_argumenten)
        elif isinstance(patroon, URLPattern) and (met_zonder_argumenten or ARGUMENT.search(tekst)):
            gevonden.append(tekst)
    return gevonden


def adressen() -> list[str]:
    return ["/" + ARGUMENT.sub(rotzooi, patroon) for patroon in patronen() for rotzooi in ROTZOOI]


@pytest.fixture
def mensen():
    wijk = CasuswijkFactory()
    return {
        "bezoeker": None,
        "deelnemer": DeelnameFactory(casuswijk=wijk).gebruiker,
        "beheer": StaffFactory(beheer=True),
    }


@pytest.mark.parametrize("wie", ["bezoeker", "deelnemer", "beheer"])
def test_junk_in_any_address_never_answers_500(client, mensen, wie):
    if mensen[wie]:
        client.force_login(mensen[wie])
    te_proberen = adressen()

    fouten = {}
    for adres in te_proberen:
        for vraag in ["", ZOEKVRAAG]:
            status = client.get(adres + vraag).status_code
            if status >= 500:
                fouten[adres[:120] + vraag] = status

    print(f"\n{wie}: {2 * len(te_proberen)} verzoeken, {len(fouten)} met 5xx")
    assert len(te_proberen) > 100
    assert fouten == {}


def test_junk_in_the_query_string_of_pages_without_arguments_never_answers_500(client, mensen):
    client.force_login(mensen["beheer"])
    zonder = ["/", "/zoeken/", "/wijken/", "/admin/", "/privacy/", "/account/inloggen/"]
    zonder += [
        "/" + str(patroon.pattern)
        for resolver in get_resolver().url_patterns
        if isinstance(resolver, URLResolver) and str(resolver.pattern) == "admin/"
        for patroon in resolver.url_patterns
        if isinstance(patroon, URLResolver)
        for patroon in [patroon]
    ]

    fouten = {adres: client.get(adres + ZOEKVRAAG).status_code for adres in zonder}

    assert {adres: status for adres, status in fouten.items() if status >= 500} == {}


def test_head_works_wherever_get_does(client, mensen):
    """HEAD (link checkers, uptime monitors) answers as GET does, without a body, and a
    form page does not take it for a POST."""
    oproep = OproepFactory(slug="open")
    wijk = mensen["deelnemer"].deelnames.get().casuswijk
    adressen = [
        "/", "/privacy/", "/toegankelijkheid/", "/zoeken/?q=wijk", "/wijken/",
        f"/wijken/{wijk.slug}/", f"/oproepen/{oproep.slug}/", f"/oproepen/{oproep.slug}/aanmelden/",
        f"/oproepen/{oproep.slug}/link-kwijt/", f"/netwerk/{wijk.aanmelding.oproep.slug}/",
        f"/wijken/{wijk.slug}/rapport/", "/account/inloggen/", "/healthz", "/readyz",
    ]  # fmt: skip
    client.force_login(mensen["deelnemer"])
    aanmeldingen = Aanmelding.objects.count()

    antwoorden = {adres: (client.get(adres).status_code, client.head(adres)) for adres in adressen}

    assert {
        a: (get, head.status_code)
        for a, (get, head) in antwoorden.items()
        if get != head.status_code
    } == {}
    assert {a for a, (_, head) in antwoorden.items() if head.content} == set()
    assert Aanmelding.objects.count() == aanmeldingen


@pytest.fixture
def oproep():
    return OproepFactory(slug="open")


def nederlands_400(response) -> bool:
    return (
        response.status_code == 400
        and '<html lang="nl">' in response.text
        and "Dit verzoek kunnen we niet lezen" in response.text
    )


@pytest.mark.parametrize(
    "adres",
    [
        "/aanmelding/%00abcdefghijklmnopqrstuvwxyz/",
        "/wijken/{wijk}/agenda/%00.ics",
        "/wijken/{wijk}/agenda/abc%00def.ics",
        "/admin/casuswijken/actiepunt/?status=%00",
        "/admin/aanmeldingen/aanmelding/?oproep__id__exact=1%00",
        "/admin/casuswijken/bijeenkomst/?q=%00",
    ],
)
def test_a_nul_in_the_address_answers_a_dutch_400(client, mensen, adres):
    client.force_login(mensen["beheer"])
    wijk = mensen["deelnemer"].deelnames.get().casuswijk

    response = client.get(adres.format(wijk=wijk.slug))

    assert nederlands_400(response)


def test_a_nul_in_a_form_field_gets_the_message_at_the_field_and_writes_nothing(client, oproep):
    aanmeldingen = Aanmelding.objects.count()

    response = client.post(
        f"/oproepen/{oproep.slug}/aanmelden/", {"wijknaam": "Noord\x00", "actie": "concept"}
    )

    assert response.status_code == 422
    assert response.context["form"].errors["wijknaam"] == ["Null-tekens zijn niet toegestaan."]
    assert Aanmelding.objects.count() == aanmeldingen


def test_a_nul_in_the_neighbourhood_behind_the_link_gets_the_message_at_the_field(client):
    aanmelding = AanmeldingFactory()
    link = vervang_link(aanmelding=aanmelding).removeprefix(settings.PORTAAL_URL)

    response = client.post(
        link + "wijzigen/",
        {"actie": "opslaan", "gemeente": "Utrecht", "wijknaam": "Noord\x00"},
    )

    assert response.status_code == 422
    assert response.context["form"].errors["wijknaam"] == ["Null-tekens zijn niet toegestaan."]
    aanmelding.refresh_from_db()
    assert aanmelding.wijknaam != "Noord\x00"


def test_a_nul_in_a_decision_reason_in_the_admin_is_refused_at_the_field(client, mensen):
    client.force_login(mensen["beheer"])
    aanmelding = AanmeldingFactory(oproep__gesloten=True)

    response = client.post(
        "/admin/aanmeldingen/aanmelding/",
        {
            "action": "besluit_afgewezen",
            "_selected_action": [aanmelding.pk],
            "bevestigd": "1",
            "toelichting": "x\x00",
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors["toelichting"] == ["Null-tekens zijn niet toegestaan."]
    aanmelding.refresh_from_db()
    assert aanmelding.status == Status.INGEDIEND


def test_a_cookie_holding_a_nul_is_ignored(client):
    client.cookies["sessionid"] = "abcdefghij\x00klmnop"

    response = client.get("/privacy/")

    assert response.status_code == 200
    assert "Inloggen" in response.text


@pytest.mark.parametrize("methode", ["put", "patch", "delete"])
@pytest.mark.parametrize("adres", ["/", "/privacy/", "/account/inloggen/", "/admin/"])
def test_a_method_the_portal_does_not_take_answers_405_with_allow(methode, adres):
    client = Client(enforce_csrf_checks=True)

    response = getattr(client, methode)(adres)

    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, POST"
    assert '<html lang="nl">' in response.text


def test_a_post_without_csrf_token_gets_a_dutch_page(oproep):
    client = Client(enforce_csrf_checks=True)

    response = client.post(f"/oproepen/{oproep.slug}/link-kwijt/", {"email": "a@b.nl"})

    assert response.status_code == 403
    assert '<html lang="nl">' in response.text
    assert "Dit formulier kunnen we niet aannemen" in response.text
    assert "CSRF" not in response.text


def test_a_post_larger_than_the_portal_takes_answers_a_dutch_400(client, oproep, settings):
    veld = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)

    response = client.post(f"/oproepen/{oproep.slug}/aanmelden/", {"wijkbeschrijving": veld})

    assert nederlands_400(response)


def test_an_id_too_large_for_the_database_in_an_admin_address_is_not_a_500(client, mensen):
    client.force_login(mensen["beheer"])
    te_groot = "9" * 23

    antwoorden = {
        adres: client.get(adres).status_code
        for adres in [
            f"/admin/aanmeldingen/aanmelding/{te_groot}/change/",
            f"/admin/aanmeldingen/aanmelding/{te_groot}/lezen/",
            f"/admin/casuswijken/bijeenkomst/{te_groot}/change/",
            f"/admin/casuswijken/bijeenkomst/{te_groot}/delete/",
            f"/admin/casuswijken/bijeenkomst/{te_groot}/history/",
        ]
    }

    assert {adres: status for adres, status in antwoorden.items() if status >= 500} == {}


def test_a_number_too_large_for_the_column_in_an_in_lookup_matches_nothing(mensen):
    beheer = mensen["beheer"]

    gevonden = list(type(beheer).objects.filter(pk__in=[10**30, beheer.pk, -(10**30)]))

    assert gevonden == [beheer]


def test_a_forged_key_in_an_admin_multiple_choice_is_a_field_error(client, mensen):
    client.force_login(mensen["beheer"])

    response = client.post("/admin/auth/group/add/", {"name": "Rol", "permissions": "9" * 30})

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["permissions"] == [
        f"Selecteer een geldige keuze. {'9' * 30} is geen beschikbare keuze."
    ]


@pytest.mark.parametrize(
    "deel",
    [
        {"year": "99999999999"},
        {"year": "9999", "month": "12", "day": "31"},
        {"year": "2026", "month": "13"},
        {"year": "2026", "month": "2", "day": "30"},
        {"year": "0"},
        {"year": "-5"},
        {"year": "٣"},
    ],
)
def test_a_date_out_of_range_in_an_admins_date_hierarchy_is_not_a_500(client, mensen, deel):
    """The date bar above a list (date_hierarchy) filters on year, month and day from the
    address; Django only catches a ValueError there, not a date past the year 9999."""
    from django.contrib import admin

    client.force_login(mensen["beheer"])
    lijsten = [
        (beheer, beheer.date_hierarchy)
        for beheer in admin.site._registry.values()
        if beheer.date_hierarchy
    ]
    assert len(lijsten) >= 5
    for beheer, veld in lijsten:
        opts = beheer.model._meta
        adres = f"/admin/{opts.app_label}/{opts.model_name}/"
        response = client.get(adres, {f"{veld}__{naam}": waarde for naam, waarde in deel.items()})
        assert response.status_code < 500, adres


def test_the_date_bar_still_filters_on_a_real_date(client, mensen):
    from django.contrib import admin

    from netwerk.beheersite import datum_kan

    client.force_login(mensen["beheer"])
    response = client.get(
        "/admin/netwerk/beveiligingsgebeurtenis/",
        {"tijdstip__year": "2026", "tijdstip__month": "12", "tijdstip__day": "1"},
    )

    assert response.status_code == 200
    assert admin.site._registry  # the walk above covers every list with a date bar
    assert datum_kan({"d__year": "2026", "d__month": "2", "d__day": "28"}, "d")
    assert datum_kan({}, "d")
    assert not datum_kan({"d__month": "2"}, "d")
