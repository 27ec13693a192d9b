"""No secret link in a log line: a 404 on an applicant's link logs its path without the
token, and so does every other address that carries a secret."""

import logging
import sys

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from netwerk.logfilter import VERBORGEN, VerbergGeheimen, verberg_geheimen

pytestmark = pytest.mark.django_db

TOKEN = "Zq7Geheim-Token_abc123XYZ"


def berichten(caplog, logger: str) -> list[str]:
    return [record.getMessage() for record in caplog.records if record.name == logger]


def test_a_404_on_an_applicants_link_logs_the_path_without_the_token(client, caplog):
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = client.get(f"/aanmelding/{TOKEN}/wijzigen/")

    assert response.status_code == 404
    assert berichten(caplog, "django.request") == [f"Not Found: /aanmelding/{VERBORGEN}/wijzigen/"]
    assert TOKEN not in caplog.text


def test_a_404_on_a_calendar_feed_logs_the_path_without_the_token(client, caplog):
    with caplog.at_level(logging.WARNING, logger="django.request"):
        client.get(f"/wijken/lombok/agenda/{TOKEN}.ics")

    assert berichten(caplog, "django.request") == [
        f"Not Found: /wijken/lombok/agenda/{VERBORGEN}.ics"
    ]


def test_runservers_request_line_is_masked_too():
    regel = (f"GET /aanmelding/{TOKEN}/ HTTP/1.1", "200", "512")
    record = logging.LogRecord("django.server", logging.INFO, __file__, 1, '"%s" %s %s', regel,
                               None)  # fmt: skip
    [filter_] = logging.getLogger("django.server").filters

    filter_.filter(record)

    assert isinstance(filter_, VerbergGeheimen)
    assert record.getMessage() == f'"GET /aanmelding/{VERBORGEN}/ HTTP/1.1" 200 512'


def _patronen(resolver, voor=""):
    for patroon in resolver.url_patterns:
        if isinstance(patroon, URLResolver):
            namespace = f"{voor}{patroon.namespace}:" if patroon.namespace else voor
            yield from _patronen(patroon, namespace)
        elif isinstance(patroon, URLPattern) and patroon.name:
            yield f"{voor}{patroon.name}", patroon


def test_every_address_that_carries_a_token_is_masked():
    met_geheim = {
        naam: patroon
        for naam, patroon in _patronen(get_resolver())
        if "token" in patroon.pattern.converters
    }
    argumenten = {"token": TOKEN, "slug": "lombok", "uidb64": "MTIz"}

    adressen = {
        naam: reverse(naam, kwargs={k: argumenten[k] for k in patroon.pattern.converters})
        for naam, patroon in met_geheim.items()
    }

    assert sorted(adressen) == [
        "aanmeldingen:aanmelding",
        "aanmeldingen:aanmelding_bewerken",
        "aanmeldingen:aanmelding_intrekken",
        "account:password_reset_confirm",
        "casuswijken:agenda",
    ]
    assert {naam: TOKEN in verberg_geheimen(f"GET {adres}?x=1") for naam, adres in
            adressen.items()} == dict.fromkeys(adressen, False)  # fmt: skip


def test_ordinary_paths_are_left_as_they_are():
    assert verberg_geheimen("Not Found: /wijken/lombok/rapport/") == (
        "Not Found: /wijken/lombok/rapport/"
    )


@pytest.mark.parametrize(
    "regel",
    [
        # Where the login and the second step send someone on: the link in ?next=.
        f"GET /account/inloggen/?next=%2Faanmelding%2F{TOKEN}%2F HTTP/1.1",
        f"GET /account/tweede-stap/?next=%252Faanmelding%252F{TOKEN}%252F HTTP/1.1",
        # An encoded letter routes like the plain one.
        f"GET /%61anmelding/{TOKEN}/ HTTP/1.1",
        f"GET /wijken/lombok/agenda/{TOKEN}%2Eics HTTP/1.1",
    ],
)
def test_an_encoded_secret_link_is_masked_too(regel):
    veilig = verberg_geheimen(regel)

    assert TOKEN not in veilig
    assert VERBORGEN in veilig


@pytest.mark.parametrize(
    "regel",
    [
        "GET /account/inloggen/?email=lid.een+x@voorbeeld.nl HTTP/1.1",
        "GET /zoeken/?q=lid.een%2Bx%40voorbeeld.nl HTTP/1.1",
        "{'lid.een+x@voorbeeld.nl': (550, b'5.1.1 Unknown user')}",
        "To: <lid.een+x@voorbeeld.nl>",
    ],
)
def test_an_email_address_is_masked_plain_or_encoded(regel):
    veilig = verberg_geheimen(regel)

    assert "voorbeeld.nl" not in veilig
    assert "[e-mailadres]" in veilig


def test_the_traceback_of_a_record_is_masked_too():
    try:
        raise ValueError(f"geweigerd: lid@voorbeeld.nl via /aanmelding/{TOKEN}/")
    except ValueError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "Mislukt", None, sys.exc_info())

    VerbergGeheimen().filter(record)
    regel = logging.Formatter().format(record)

    assert "Traceback" in regel
    assert "lid@voorbeeld.nl" not in regel
    assert TOKEN not in regel


def test_djangos_own_handlers_do_not_write_past_the_filter():
    # Django's defaults (a console handler under DEBUG, mail to ADMINS) would write its
    # records unfiltered besides the console handler of ours.
    assert logging.getLogger("django").handlers == []
    [console] = [h for h in logging.getLogger().handlers if type(h) is logging.StreamHandler]
    assert any(isinstance(filter_, VerbergGeheimen) for filter_ in console.filters)
