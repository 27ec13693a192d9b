"""Junk in any address answers 400 or 404, never 500, on both databases; HEAD works wherever
GET does.

The walk takes every URL pattern of the project (the admin's included), puts junk in its
arguments and its query string (a NUL byte, a number too large for any integer column, a
very long value, an emoji), and asks for it as a visitor, a participant and beheer. A new
page is walked without changing this file.
"""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from aanmeldingen.models import Aanmelding
from tests.factories import CasuswijkFactory, DeelnameFactory, OproepFactory, StaffFactory

pytestmark = pytest.mark.django_db

ROTZOOI = ["%00", "x%00y", "9" * 30, "a" * 2000, "%F0%9F%98%80"]
ZOEKVRAAG = "?q=%00&status=%00&o=%00&p=99999999999999999999&pagina=%00&categorie=%00&e=x%00"
ARGUMENT = re.compile(r"<(?:\w+:)?\w+>")


def patronen(resolver=None, voor: str = "") -> list[str]:
    """Every route of the project as text, arguments as <…>; regular expressions (the
    admin's app lists and its catch-all) are left out: they take no argument to fill."""
    gevonden = []
    for patroon in (resolver or get_resolver()).url_patterns:
        tekst = voor + str(patroon.pattern)
        if "^" in tekst or "(?P" in tekst:
            continue
        if isinstance(patroon, URLResolver):
            gevonden += patronen(patroon, tekst)
        elif isinstance(patroon, URLPattern) and ARGUMENT.search(tekst):
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
