"""Every response carries the browser policy: a Content-Security-Policy with the directives
that stop injected script, and a Permissions-Policy that switches off what we never use.

The walk reuses the two walks of the project: every staff and participant page over the
demo data as every role (test_rondgang), and every URL pattern with junk in its arguments
(test_rare_invoer, mostly 404s); besides them the redirects, downloads (PDF, .ics, CSV, an
attachment), static files and the answers that middleware gives on its own (400, 403, 405).
A new page is walked without changing this file.
"""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from aanmeldingen.models import Aanmelding
from casuswijken.models import Bijlage, Casuswijk, Deelname
from tests.netwerk import test_rare_invoer, test_rondgang

pytestmark = pytest.mark.django_db

# Each directive with exactly the sources it must have: not merely present, but no wider.
CSP_VEREIST = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
GEWEIGERDE_FUNCTIES = [
    "camera", "microphone", "geolocation", "payment", "usb", "browsing-topics", "interest-cohort",
]  # fmt: skip


def gebreken(response) -> list[str]:
    """What is missing or too wide in the response's policy headers; empty when all is well."""
    fout = []
    beleid = response.get("Content-Security-Policy")
    if beleid is None:
        return ["geen Content-Security-Policy"]
    richtlijnen = dict(
        (deel.strip().split(" ", 1) + [""])[:2] for deel in beleid.split(";") if deel.strip()
    )
    for richtlijn, bronnen in CSP_VEREIST.items():
        if richtlijnen.get(richtlijn) != bronnen:
            fout.append(f"{richtlijn} is {richtlijnen.get(richtlijn)!r}, niet {bronnen!r}")
    if any("unsafe-" in bronnen for bronnen in richtlijnen.values()):
        fout.append(f"unsafe-… in {beleid}")
    functies = response.get("Permissions-Policy", "")
    fout += [
        f"{functie} niet uit"
        for functie in GEWEIGERDE_FUNCTIES
        if not re.search(rf"(^|, ){functie}=\(\)(,|$)", functies)
    ]
    return fout


def nagelopen(client: Client, adressen: list[str]) -> dict[str, tuple[int, list[str]]]:
    """Every address with its status and the policy's gaps, only those with gaps."""
    antwoorden = {adres: client.get(adres) for adres in adressen}
    return {
        adres: (response.status_code, gebreken(response))
        for adres, response in antwoorden.items()
        if gebreken(response)
    }


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("laad_demodata", stdout=io.StringIO())
    settings.DEBUG = False


def test_the_check_finds_a_missing_or_widened_policy(rf):
    """The helper the walks rely on: it must fail a response without the headers, and one
    whose script-src was opened."""
    from django.http import HttpResponse

    kaal = HttpResponse()
    open_gezet = HttpResponse()
    open_gezet["Content-Security-Policy"] = (
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self'; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )
    open_gezet["Permissions-Policy"] = ", ".join(f"{f}=()" for f in GEWEIGERDE_FUNCTIES)

    assert gebreken(kaal) == ["geen Content-Security-Policy"]
    assert gebreken(open_gezet) == [
        "script-src is \"'self' 'unsafe-inline'\", niet \"'self'\"",
        f"unsafe-… in {open_gezet['Content-Security-Policy']}",
    ]


@pytest.mark.parametrize("gebruikersnaam", [*test_rondgang.ROLLEN, None])
def test_every_page_of_the_walk_carries_the_policy(client, demo, gebruikersnaam):
    """As each demo role and anonymously (then nearly every page is a redirect to the
    login): the staff pages, the participant pages and reports, network pages and search."""
    if gebruikersnaam:
        client.force_login(get_user_model().objects.get(username=gebruikersnaam))
    adressen = test_rondgang.adressen()

    assert len(adressen) > 100
    assert nagelopen(client, adressen) == {}


def test_every_url_pattern_with_junk_carries_the_policy():
    """Mostly 404s and 400s, as a visitor and as beheer. Should junk still raise somewhere
    (test_rare_invoer's concern), its 500 must carry the policy too."""
    client = Client(raise_request_exception=False)
    adressen = [
        "/" + test_rare_invoer.ARGUMENT.sub(rotzooi, patroon)
        for patroon in test_rare_invoer.patronen()
        for rotzooi in ["%00", "9" * 30]
    ]
    beheer = get_user_model().objects.create_superuser("beheer-test", "b@example.org", "x")

    assert len(adressen) > 50
    assert nagelopen(client, adressen) == {}
    client.force_login(beheer)
    assert nagelopen(client, adressen) == {}


def test_downloads_redirects_and_answers_of_middleware_carry_the_policy(client, demo, settings):
    # WhiteNoise serves the static files as in production (there from collectstatic).
    settings.WHITENOISE_USE_FINDERS = True
    deelnemer = get_user_model().objects.get(username="deelnemer")
    wijk = Casuswijk.objects.get(deelnames__gebruiker=deelnemer)
    oproep = wijk.aanmelding.oproep
    bijlage = Bijlage.objects.filter(bijeenkomst__casuswijk=wijk).select_related("bijeenkomst")[0]
    aanmelding = Aanmelding.objects.filter(oproep=oproep).first()
    anoniem = Client()

    client.force_login(deelnemer)
    client.post(reverse("casuswijken:agenda_link", args=[wijk.slug]))
    token = Deelname.objects.get(gebruiker=deelnemer, casuswijk=wijk).agenda_token
    antwoorden = {
        "pdf": client.get(reverse("casuswijken:rapport_pdf", args=[wijk.slug])),
        "netwerk-pdf": client.get(reverse("leren:netwerkrapport_pdf", args=[oproep.slug])),
        "ics": anoniem.get(reverse("casuswijken:agenda", args=[wijk.slug, token])),
        "bijlage": client.get(
            reverse("casuswijken:bijlage", args=[wijk.slug, bijlage.bijeenkomst.pk, bijlage.pk])
        ),
        "omleiding naar inloggen": anoniem.get(reverse("casuswijken:overzicht")),
        "favicon": anoniem.get("/favicon.ico"),
        "statisch": anoniem.get("/static/js/formulier.js"),
        "healthz": anoniem.get("/healthz"),
        "readyz": anoniem.get("/readyz"),
        "405": anoniem.delete("/"),
        "onbekende host": anoniem.get("/", headers={"host": "aanvaller.example"}),
        "csrf": Client(enforce_csrf_checks=True).post(reverse("account:login")),
    }
    client.force_login(get_user_model().objects.get(username="beheer"))
    antwoorden["csv"] = client.post(
        reverse("admin:aanmeldingen_aanmelding_changelist"),
        {"action": "exporteer_csv", "_selected_action": [aanmelding.pk]},
    )

    assert {naam: response.status_code for naam, response in antwoorden.items()} == {
        "pdf": 200, "netwerk-pdf": 200, "ics": 200, "bijlage": 200,
        "omleiding naar inloggen": 302, "favicon": 301, "statisch": 200, "healthz": 200,
        "readyz": 200, "405": 405, "onbekende host": 400, "csrf": 403, "csv": 200,
    }  # fmt: skip
    assert antwoorden["csv"]["Content-Type"].startswith("text/csv")
    assert antwoorden["ics"]["Content-Type"].startswith("text/calendar")
    assert {naam: gebreken(r) for naam, r in antwoorden.items() if gebreken(r)} == {}
