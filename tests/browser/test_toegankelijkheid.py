"""axe-core on every page a visitor, applicant, participant and staff member uses, at 1280
and at 390 px, and the walk checked against the URL list.

The walk is the one of tests/browser/rondgang.py over the demo data, with the states a
page has (a form with its errors, an action's intermediate page): one browser context per
role. After every page, axe-core runs at 1280 px, the window narrows to 390 px (the media
queries apply again; nothing in the portal or Django's admin lays a page out by script from
its width when it loads, so the same page is checked without loading it again) and axe
runs once more. Any violation of impact moderate, serious or critical fails the test.

Staff open the admin's start page, every app page and for every registered model its
list, add page, two change pages (inlines included), history and delete page, the custom
pages (the application's read page, the review form), every action's intermediate page and
a form with errors. Then every URL pattern of the project and of the admin's registered
models must have been visited with an answer below 400, or be listed in NIET_EEN_PAGINA
with the reason; every admin action must have had its page walked, or be listed in
ACTIES_ZONDER_PAGINA. `pytest -s` prints the figures per page type.
"""

import datetime
import re
import time
from collections import defaultdict
from contextlib import contextmanager
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.test import RequestFactory
from django.urls import URLResolver, get_resolver, resolve, reverse
from django.urls.exceptions import Resolver404
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from playwright.sync_api import expect

from aanmeldingen.enums import Status
from aanmeldingen.models import Aanmelding, Beoordeling, Oproep
from aanmeldingen.services import vervang_link
from aanmeldingen.views.aanmelden import _bind
from tests.browser.rondgang import (
    Toezicht,
    actie_op_de_lijst,
    geef_app,
    inloggen_als_deelnemer,
    inloggen_als_medewerker,
)
from tests.factories import BeoordelingFactory, BesluitberichtFactory
from tests.netwerk import test_rondgang

pytestmark = pytest.mark.django_db(transaction=True)

BREEDTES = (1280, 390)
TE_MELDEN = {"moderate", "serious", "critical"}
# And whatever their impact (axe calls it minor): a table header without text.
OOK_TE_MELDEN = {"empty-table-header"}


# URL patterns that are no page to check, with the reason. A pattern here is still
# requested by other tests; it is only not a page a person reads.
NIET_EEN_PAGINA = {
    "favicon.ico": "een afbeelding",
    "healthz": "voor de bewaking, geen pagina",
    "readyz": "voor de bewaking, geen pagina",
    "account/": "stuurt door naar de inlogpagina",
    "account/uitloggen/": "alleen POST; stuurt door naar de inlogpagina (bezocht)",
    "account/tweede-stap/overslaan/": "alleen POST, en alleen waar de tweede stap overslaanbaar is",
    "wijken/<slug:slug>/bijeenkomsten/<int:pk>/antwoord/": "POST; stuurt terug naar de bijeenkomst",
    "wijken/<slug:slug>/bijeenkomsten/<int:pk>/bijlagen/<int:bijlage_pk>/": "een download",
    "wijken/<slug:slug>/agenda-link/": "POST; stuurt terug naar de casuswijk",
    "wijken/<slug:slug>/agenda/<str:token>.ics": "een agenda-bestand",
    "wijken/<slug:slug>/rapport.pdf": "een PDF",
    "netwerk/<slug:slug>/rapport.pdf": "een PDF",
    "admin/logout/": "alleen POST; stuurt door naar de inlogpagina",
    "admin/autocomplete/": "JSON voor de keuzelijsten",
    "admin/jsi18n/": "een script",
    "admin/r/<path:content_type_id>/<path:object_id>/": "stuurt door naar de pagina op de site",
    "admin/(?P<url>.*)$": "onbekende adressen in het beheer: de 404-pagina (bezocht)",
}
# An admin record's bare address only sends on to its change page.
DOORSTUREN = re.compile(r"^admin/[a-z_]+/[a-z_]+/<path:object_id>/$")
# Admin actions that have no page of their own: they do their work and go back to the list
# with a message, or send a file.
ACTIES_ZONDER_PAGINA = {
    "exporteer_csv": "een CSV-bestand",
    "coalitie_uitnodigen": "mailt en gaat terug naar de lijst met een melding",
    "uitnodiging_opnieuw": "mailt en gaat terug naar de lijst met een melding",
    "opnieuw_versturen": "mailt en gaat terug naar de lijst met een melding",
    "laat_rusten": "gaat terug naar de lijst met een melding",
}


class Keuring:
    """Called after every page of the walk: axe-core at both widths, the findings kept per
    page type, and which URL patterns answered with a page."""

    def __init__(self):
        self.axe = Axe()
        self.fouten: list[str] = []
        self.per_soort = defaultdict(
            lambda: {"paginas": 0, "seconden": 0.0, **dict.fromkeys(BREEDTES, 0)}
        )
        self.routes: set[str] = set()
        self.acties: set[str] = set()
        self.status: dict = {}
        self.soort: str | None = None

    def volg(self, context) -> None:
        """Keep the status of each page's last document (after redirects)."""

        def pagina(p):
            p.on("response", lambda r: self._antwoord(p, r))

        context.on("page", pagina)

    def _antwoord(self, pagina, antwoord) -> None:
        if antwoord.request.is_navigation_request() and antwoord.frame == pagina.main_frame:
            self.status[pagina] = antwoord.status

    @contextmanager
    def als(self, soort: str, actie: str | None = None):
        """The pages opened inside are of this type (an action's page, a form with errors)."""
        self.soort = soort
        yield
        self.soort = None
        if actie:
            self.acties.add(actie)

    def __call__(self, pagina) -> None:
        pad = urlsplit(pagina.url).path
        status = self.status.get(pagina, 200)
        try:
            treffer = resolve(pad)
            route, naam = treffer.route, treffer.view_name
        except Resolver404:
            route, naam = None, "404"
        if route is not None and status < 400:
            self.routes.add(route)
        soort = self.soort or paginasoort(naam, status)
        if status in (403, 404) and soort in self.per_soort:
            return  # the same refusal page as before (403.html, 404.html)
        begin = time.monotonic()
        self.per_soort[soort]["paginas"] += 1
        pagina.evaluate(self.axe.axe_script)
        for breedte in BREEDTES:
            pagina.set_viewport_size({"width": breedte, "height": 900})
            resultaat = pagina.evaluate(
                "axe.run(document, {resultTypes: ['violations']}).then(r => r.violations)"
            )
            for fout in resultaat:
                if fout["impact"] in TE_MELDEN or fout["id"] in OOK_TE_MELDEN:
                    self.per_soort[soort][breedte] += 1
                    plekken = ", ".join(str(n["target"]) for n in fout["nodes"][:3])
                    self.fouten.append(
                        f"{pad} ({soort}) bij {breedte} px: {fout['id']} ({fout['impact']}, "
                        f"{len(fout['nodes'])}x): {fout['help']} bij {plekken}"
                    )
        pagina.set_viewport_size({"width": BREEDTES[0], "height": 900})
        self.per_soort[soort]["seconden"] += time.monotonic() - begin

    def samenvatting(self) -> str:
        regels = [
            f"{'paginasoort':<52} pagina's  " + "  ".join(f"{b} px" for b in BREEDTES) + "  axe (s)"
        ]
        for soort, telling in sorted(self.per_soort.items()):
            regels.append(
                f"{soort:<52} {telling['paginas']:>8}  "
                + "  ".join(f"{telling[b]:>6}" for b in BREEDTES)
                + f"  {telling['seconden']:>7.1f}"
            )
        totaal = sum(t["paginas"] for t in self.per_soort.values())
        regels.append(f"{'totaal':<52} {totaal:>8}  " + "  ".join(
            f"{sum(t[b] for t in self.per_soort.values()):>6}" for b in BREEDTES
        ))  # fmt: skip
        return "\n".join(regels)


def paginasoort(naam: str, status: int) -> str:
    """A page's type for the figures: an admin page by what it does (all lists together),
    any other by its URL name, and a refusal by its status."""
    if status in (403, 404):
        return f"weigering ({status})"
    if naam.startswith("admin:"):
        for soort in ("changelist", "add", "change", "history", "delete", "lezen"):
            if naam.endswith(f"_{soort}"):
                return f"beheer: {soort}"
    return naam


def alle_routes(patronen=None, voor: str = ""):
    for patroon in patronen if patronen is not None else get_resolver().url_patterns:
        route = (
            URLResolver._join_route(voor, str(patroon.pattern)) if voor else str(patroon.pattern)
        )
        if isinstance(patroon, URLResolver):
            yield from alle_routes(patroon.url_patterns, route)
        else:
            yield route


def niet_voor_wie_dan_ook(beheer) -> dict[str, str]:
    """Admin pages that even beheer may not open (Django answers 403): no page anyone reads."""
    verzoek = RequestFactory().get("/admin/")
    verzoek.user = beheer
    weg = {}
    for model, modelbeheer in admin.site._registry.items():
        voor = f"admin/{model._meta.app_label}/{model._meta.model_name}/"
        if not modelbeheer.has_add_permission(verzoek):
            weg[voor + "add/"] = "niemand mag hier toevoegen"
        rij = model._default_manager.first()
        if rij is None or not modelbeheer.has_delete_permission(verzoek, rij):
            weg[voor + "<path:object_id>/delete/"] = "niemand mag dit los verwijderen"
    return weg


def alle_acties(beheer) -> set[str]:
    verzoek = RequestFactory().get("/admin/")
    verzoek.user = beheer
    return {
        naam
        for modelbeheer in admin.site._registry.values()
        for naam in modelbeheer.get_actions(verzoek)
    }


def medewerkerspaginas(demo) -> list[str]:
    """The walk of tests/netwerk/test_rondgang.py, and per model its history and delete page,
    the password change and the review form for an application."""
    adressen = test_rondgang.adressen()
    for model in admin.site._registry:
        opts = model._meta
        pk = model._default_manager.order_by("pk").values_list("pk", flat=True).first()
        if pk is not None:
            for soort in ("history", "delete"):
                adressen.append(
                    reverse(f"admin:{opts.app_label}_{opts.model_name}_{soort}", args=[pk])
                )
    adressen += [
        reverse("admin:password_change"),
        reverse("admin:password_change_done"),
        reverse("account:tweede_stap_herstelcodes"),
        reverse("admin:aanmeldingen_beoordeling_add") + f"?aanmelding={demo.ingediend.pk}",
    ]
    return adressen


def test_no_page_has_an_axe_violation_at_either_width(live_server, demo, browser, settings):
    settings.TWEEDE_STAP = "verplicht"
    url = live_server.url
    keuring = Keuring()
    contexten = []

    def kijken():
        context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
        keuring.volg(context)
        toezicht = Toezicht(context, keuring)
        contexten.append(context)
        return toezicht, context.new_page()

    begin = time.monotonic()
    try:
        loop_als_bezoeker(kijken, url, demo, settings)
        loop_als_aanvrager(kijken, url, demo)
        loop_als_deelnemer(kijken, url, demo)
        loop_als_medewerker(kijken, url, demo, keuring)
        loop_als_beoordelaar(kijken, url, demo)
    finally:
        for context in contexten:
            context.close()
        print(f"\nDe rondgang met axe-core duurde {time.monotonic() - begin:.0f} s.")
        print(keuring.samenvatting())
        print("\n".join(keuring.fouten))

    beheer = get_user_model().objects.get(username="beheer")
    uitgezonderd = {**NIET_EEN_PAGINA, **niet_voor_wie_dan_ook(beheer)}
    ontbrekend = sorted(
        route
        for route in alle_routes()
        if route not in keuring.routes and route not in uitgezonderd and not DOORSTUREN.match(route)
    )
    acties = sorted(alle_acties(beheer) - keuring.acties - ACTIES_ZONDER_PAGINA.keys())
    print("\n".join(f"niet bezocht: {route}" for route in ontbrekend))
    gevonden = {"overtredingen": keuring.fouten, "niet bezocht": ontbrekend, "acties": acties}
    assert gevonden == {"overtredingen": [], "niet bezocht": [], "acties": []}


def loop_als_bezoeker(kijken, url, demo, settings) -> None:
    toezicht, pagina = kijken()
    for adres in demo.bezoekerspaginas():
        toezicht.open(pagina, url + adres)
    # The application form, with a member added in place, then sent empty: its errors.
    toezicht.open(pagina, url + reverse("aanmeldingen:aanmelden", args=[demo.open_oproep.slug]))
    leden = pagina.locator("[data-lid]")
    aantal = leden.count()
    pagina.get_by_role("button", name="Lid toevoegen").click()
    expect(leden).to_have_count(aantal + 1)
    toezicht.lees(pagina)
    with pagina.expect_navigation():
        pagina.locator("button[name='actie'][value='indienen']:visible").click()
    expect(pagina.locator("#foutoverzicht")).to_be_visible()
    toezicht.lees(pagina)
    # "Link kwijt?" and the forgotten password, sent empty and then filled in.
    for adres in [
        reverse("aanmeldingen:link_kwijt", args=[demo.open_oproep.slug]),
        reverse("account:password_reset"),
    ]:
        toezicht.open(pagina, url + adres)
        with pagina.expect_navigation():
            pagina.locator("main form button[type='submit']").click()
        expect(pagina.locator("#foutoverzicht")).to_be_visible()
        toezicht.lees(pagina)
        pagina.locator("main form input[type='email']").fill("iemand@voorbeeld.nl")
        with pagina.expect_navigation():
            pagina.locator("main form button[type='submit']").click()
        toezicht.lees(pagina)
    # Setting a password from the mail's link, and the page after.
    deelnemer = get_user_model().objects.get(username="partner")
    uid = urlsafe_base64_encode(force_bytes(deelnemer.pk))
    token = default_token_generator.make_token(deelnemer)
    toezicht.open(pagina, url + reverse("account:password_reset_confirm", args=[uid, token]))
    toezicht.open(pagina, url + reverse("account:password_reset_complete"))
    # Wrong passwords until the login is locked: the error, then the page that says so.
    for _ in range(settings.AXES_FAILURE_LIMIT):
        toezicht.open(pagina, url + "/account/inloggen/")
        pagina.get_by_label("E-mailadres of gebruikersnaam").fill("begeleider")
        pagina.get_by_label("Wachtwoord").fill("niet-het-wachtwoord")
        with pagina.expect_navigation():
            pagina.get_by_role("button", name="Inloggen").click()
        toezicht.lees(pagina)
    expect(pagina.get_by_role("heading", name="Even geduld")).to_be_visible()


def loop_als_aanvrager(kijken, url, demo) -> None:
    """Through the secret link: the overview, changing, withdrawing; and the pages after
    saving, which this browser sees because it saved the application."""
    toezicht, pagina = kijken()
    for aanmelding in [demo.ingediend, demo.concept]:
        link = urlsplit(vervang_link(aanmelding=aanmelding)).path
        toezicht.open(pagina, url + link)
        toezicht.open(pagina, url + link + "wijzigen/")
    toezicht.open(
        pagina, url + urlsplit(vervang_link(aanmelding=demo.ingediend)).path + "intrekken/"
    )
    for aanmelding, naam in [(demo.ingediend, "ontvangen"), (demo.concept, "concept_opgeslagen")]:
        bind_aan_browser(pagina, url, aanmelding)
        toezicht.open(pagina, url + reverse(f"aanmeldingen:{naam}", args=[demo.open_oproep.slug]))
        expect(pagina.locator("main h1")).to_be_visible()


def bind_aan_browser(pagina, url: str, aanmelding: Aanmelding) -> None:
    """The session of a browser that just saved this application (as the form's POST does)."""
    from importlib import import_module

    from django.conf import settings

    sessie = import_module(settings.SESSION_ENGINE).SessionStore()

    class Verzoek:
        session = sessie

    _bind(Verzoek, aanmelding)
    sessie.create()
    pagina.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": sessie.session_key, "url": url}]
    )


def loop_als_deelnemer(kijken, url, demo) -> None:
    toezicht, pagina = kijken()
    inloggen_als_deelnemer(toezicht, pagina, url)
    for adres in demo.deelnemerspaginas():
        toezicht.open(pagina, url + adres)
    # The forms after a mistake: a reaction and a proposal sent empty.
    slug = demo.wijk.slug
    toezicht.open(pagina, url + reverse("casuswijken:reactie", args=[slug, demo.concept_sessie.pk]))
    pagina.get_by_role("button", name="Reactie plaatsen").click()
    expect(pagina.locator("#foutoverzicht")).to_be_focused()
    toezicht.lees(pagina)
    toezicht.open(pagina, url + reverse("casuswijken:voorstel", args=[slug]))
    with pagina.expect_navigation():
        pagina.locator("main form button[type='submit']").last.click()
    expect(pagina.locator("#foutoverzicht")).to_be_visible()
    toezicht.lees(pagina)
    with pagina.expect_navigation():
        pagina.get_by_role("button", name="Uitloggen").click()
    toezicht.lees(pagina)


def loop_als_medewerker(kijken, url, demo, keuring) -> None:
    # The demo sent no decision yet: one decision mail, so that its pages are there.
    BesluitberichtFactory()
    toezicht, pagina = kijken()
    inloggen_als_medewerker(toezicht, pagina, url, "beheer")
    deelnemer = get_user_model().objects.get(username="deelnemer")
    # A review of beheer's own: others' reviews have no history or delete page for them.
    eigen = BeoordelingFactory(
        aanmelding=Aanmelding.objects.filter(oproep=demo.vorige).first(),
        beoordelaar=get_user_model().objects.get(username="beheer"),
    )
    for adres in [
        *medewerkerspaginas(demo),
        reverse("admin:auth_user_password_change", args=[deelnemer.pk]),
        reverse("admin:aanmeldingen_beoordeling_history", args=[eigen.pk]),
        reverse("admin:aanmeldingen_beoordeling_delete", args=[eigen.pk]),
    ]:
        toezicht.open(pagina, url + adres)
    toezicht.open(pagina, url + "/admin/bestaat-niet/")
    # A change form with an inline, saved with a mistake.
    with keuring.als("beheer: change met fouten"):
        toezicht.open(
            pagina, url + reverse("admin:aanmeldingen_aanmelding_change", args=[demo.ingediend.pk])
        )
        pagina.locator("#id_wijknaam").fill("")
        with pagina.expect_navigation():
            pagina.locator("input[name='_continue']").click()
        expect(pagina.locator(".errornote")).to_be_visible()
        toezicht.lees(pagina)

    # Every action's page: comparing, a link, the three decisions, deleting, a partner.
    lijst = demo.aanmeldingenlijst()
    aanmeldingen = list(
        Aanmelding.objects.filter(oproep=demo.open_oproep, status=Status.INGEDIEND)
        .order_by("pk")
        .values_list("wijknaam", flat=True)[:4]
    )
    with keuring.als("beheer: actie vergelijken", "vergelijk"):
        actie_op_de_lijst(
            toezicht, pagina, url, lijst, aanmeldingen[:2], "Vergelijken (naast elkaar)"
        )
    with keuring.als("beheer: actie nieuwe link", "stuur_link"):
        actie_op_de_lijst(toezicht, pagina, url, lijst, aanmeldingen[:1],
                          "Nieuwe link sturen naar de contactpersoon")  # fmt: skip
    with keuring.als("beheer: actie verwijderen", "delete_selected"):
        toezicht.open(pagina, url + reverse("admin:casuswijken_interventie_changelist"))
        pagina.locator("input.action-select").first.check()
        pagina.locator("select[name='action']").select_option(value="delete_selected")
        with pagina.expect_navigation():
            pagina.get_by_role("button", name="Uitvoeren").click()
        toezicht.lees(pagina)
    Oproep.objects.filter(pk=demo.open_oproep.pk).update(
        deadline=timezone.now() - datetime.timedelta(days=1)
    )
    for index, (naam, besluit) in enumerate(
        [
            ("besluit_reserve", "reserve"),
            ("besluit_afgewezen", "afgewezen"),
            ("besluit_geselecteerd", "geselecteerd"),
        ]  # fmt: skip
    ):
        with keuring.als("beheer: actie besluit vastleggen", naam):
            actie_op_de_lijst(toezicht, pagina, url, lijst, [aanmeldingen[index + 1]],
                              f"Besluit vastleggen: {besluit}")  # fmt: skip
    pagina.locator("textarea").first.fill("Een sterke coalitie aan de vooravond van de aanpak.")
    with pagina.expect_navigation():
        pagina.get_by_role("button", name="Besluit vastleggen").click()
    expect(pagina.locator("ul.messagelist")).to_be_visible()
    toezicht.lees(pagina)
    with keuring.als("beheer: actie besluiten versturen", "besluiten_versturen"):
        oproepen = reverse("admin:aanmeldingen_oproep_changelist")
        actie_op_de_lijst(toezicht, pagina, url, oproepen, [demo.open_oproep.titel],
                          "Besluiten versturen (eerst een voorbeeld)")  # fmt: skip
    expect(pagina.locator("pre.mailtekst")).to_have_count(1)
    with keuring.als("beheer: actie partner uitnodigen", "partner_uitnodigen"):
        actie_op_de_lijst(toezicht, pagina, url, reverse("admin:casuswijken_casuswijk_changelist"),
                          [demo.wijk.naam], "Een lokale partner uitnodigen")  # fmt: skip


def loop_als_beoordelaar(kijken, url, demo) -> None:
    """A reviewer with an app set up earlier: the second step's code, and the admin as a
    reviewer sees it (read-only pages, the review form, a page refused)."""
    geef_app("beoordelaar")
    toezicht, pagina = kijken()
    inloggen_als_medewerker(toezicht, pagina, url, "beoordelaar")
    aanmelding = demo.ingediend.pk
    for adres in [
        reverse("admin:aanmeldingen_aanmelding_changelist"),
        reverse("admin:aanmeldingen_aanmelding_change", args=[aanmelding]),
        reverse("admin:aanmeldingen_aanmelding_lezen", args=[aanmelding]),
        reverse("admin:aanmeldingen_beoordeling_add") + f"?aanmelding={aanmelding}",
        reverse("admin:auth_user_changelist"),
    ]:
        toezicht.open(pagina, url + adres)
    # Their own review, which only they may change.
    beoordelaar = get_user_model().objects.get(username="beoordelaar")
    eigen = Beoordeling.objects.filter(beoordelaar=beoordelaar).first() or BeoordelingFactory(
        aanmelding=demo.ingediend, beoordelaar=beoordelaar
    )
    toezicht.open(pagina, url + reverse("admin:aanmeldingen_beoordeling_change", args=[eigen.pk]))
