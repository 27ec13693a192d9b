"""Under the content security policy every page works and nothing is refused.

Over the demo data, chromium opens the pages a visitor, an applicant (through the secret
link), a participant and a staff member use, and fails on any CSP violation, any
Permissions-Policy complaint and any script error. Staff open every admin page of the
walk in tests/netwerk/test_rondgang.py (start page, every list, add page and two change
pages per model, the read page), pass the action bar to the compare and decision pages and
the decisions' preview, and use the admin's own JavaScript: the calendar, "add another" in
an inline, the popup that adds a related record, and a selection filter. A second test
injects script into a page and shows the policy refuses it, so the collector is known to
see what it is for.
"""

import datetime
import importlib
import io
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from aanmeldingen.enums import Status
from aanmeldingen.management.commands.laad_demodata import (
    CONCEPT_DEMO,
    DEMO_WACHTWOORD,
    INGEDIENDE_DEMO,
)
from aanmeldingen.models import Aanmelding, Oproep
from aanmeldingen.services import vervang_link
from casuswijken.enums import Verslagstatus, Zichtbaarheid
from casuswijken.models import Actiepunt, Bijeenkomst, Casuswijk
from tests.netwerk import test_rondgang

pytestmark = pytest.mark.django_db(transaction=True)

SCHERMAFDRUKKEN = Path(__file__).resolve().parents[2] / "test-artifacts"

# Runs in every document before its own scripts: a violation the browser reports to the
# page is kept where the test reads it, and said on the console for pages that navigate on.
LUISTERAAR = """
window.__overtredingen = [];
document.addEventListener("securitypolicyviolation", (e) => {
  const tekst = `CSP: ${e.violatedDirective} weigerde ${e.blockedURI || "inline"} `
    + `(${e.sourceFile || e.documentURI}:${e.lineNumber})`;
  window.__overtredingen.push(tekst);
  console.error(tekst);
});
"""
KLACHT = re.compile(r"Content Security Policy|Refused to|Permissions-Policy|^CSP: ")


class Toezicht:
    """Watches a browser context: every page it opens (popups included), every CSP
    violation, policy complaint on the console and script error."""

    def __init__(self, context):
        self.klachten: list[str] = []
        self.geopend: list[str] = []
        context.add_init_script(LUISTERAAR)
        context.on("console", self._console)
        context.on("weberror", lambda fout: self.klachten.append(f"scriptfout: {fout.error}"))
        context.on("page", self._pagina)

    def _pagina(self, pagina) -> None:
        pagina.set_default_timeout(15_000)
        pagina.on(
            "framenavigated",
            lambda frame: frame == pagina.main_frame and self.geopend.append(frame.url),
        )

    def _console(self, bericht) -> None:
        if KLACHT.search(bericht.text):
            self.klachten.append(f"{bericht.text} op {bericht.page.url if bericht.page else '?'}")

    def open(self, pagina, adres: str) -> None:
        """Open the address and wait until the page's own violations have been dispatched."""
        pagina.goto(adres)
        self.lees(pagina)

    def lees(self, pagina) -> None:
        for tekst in pagina.evaluate("window.__overtredingen || []"):
            if not any(tekst in klacht for klacht in self.klachten):
                self.klachten.append(f"{tekst} op {pagina.url}")


@pytest.fixture
def demo(settings, besluitsjablonen):
    # A transactional test's flush emptied what the data migrations made (besluitsjablonen
    # makes the decision mail templates again): the shared categories too.
    migratie = importlib.import_module("casuswijken.migrations.0003_categorieen_en_rechten")
    migratie.vul_in(apps, None)
    settings.DEBUG = True
    call_command("laad_demodata", stdout=io.StringIO())
    settings.DEBUG = False


@pytest.fixture
def kijken(browser):
    """A fresh browser context under watch, and its first page."""
    contexten = []

    def nieuw():
        context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
        toezicht = Toezicht(context)
        contexten.append(context)
        return toezicht, context.new_page()

    yield nieuw
    for context in contexten:
        context.close()


def inloggen_als_medewerker(toezicht, pagina, url: str, gebruikersnaam: str) -> None:
    """The staff login as production asks it: the password, then the second step's pages,
    setting up the app with a code computed from its key, as the phone would."""
    toezicht.open(pagina, f"{url}/admin/login/")
    pagina.locator("input[name='username']").fill(gebruikersnaam)
    pagina.locator("input[name='password']").fill(DEMO_WACHTWOORD)
    with pagina.expect_navigation():
        pagina.locator("input[type='submit']").click()
    expect(pagina.get_by_role("heading", name="Tweede stap instellen", level=1)).to_be_visible()
    toezicht.lees(pagina)
    apparaat = TOTPDevice.objects.get(user__username=gebruikersnaam)
    code = f"{totp(apparaat.bin_key, step=apparaat.step, t0=apparaat.t0):06d}"
    pagina.get_by_label("Code uit de app").fill(code)
    pagina.get_by_role("button", name="App instellen").click()
    expect(pagina.get_by_role("heading", name="Uw herstelcodes")).to_be_visible()
    toezicht.lees(pagina)
    pagina.get_by_role("link", name="Verder", exact=True).click()
    expect(pagina.locator("#user-tools")).to_be_visible()
    toezicht.lees(pagina)


def actie_op_de_lijst(toezicht, pagina, url: str, lijst: str, namen: list[str], actie: str):
    """On an admin list: tick the rows by their link text, choose the action, run it."""
    toezicht.open(pagina, url + lijst)
    for naam in namen:
        pagina.get_by_role("row").filter(
            has=pagina.get_by_role("link", name=naam, exact=True)
        ).locator("input.action-select").check()
    pagina.locator("select[name='action']").select_option(label=actie)
    with pagina.expect_navigation():
        pagina.get_by_role("button", name="Uitvoeren").click()
    toezicht.lees(pagina)


def test_every_page_works_under_the_policy(live_server, demo, kijken, settings):
    settings.TWEEDE_STAP = "verplicht"
    url = live_server.url
    open_oproep = Oproep.objects.get(slug="gemengde-wijk-2027")
    vorige = Oproep.objects.get(slug="gemengde-wijk-2026")
    ingediend = Aanmelding.objects.get(oproep=open_oproep, wijknaam=INGEDIENDE_DEMO)
    concept = Aanmelding.objects.get(oproep=open_oproep, wijknaam=CONCEPT_DEMO)
    deelnemer = get_user_model().objects.get(username="deelnemer")
    wijk = Casuswijk.objects.get(deelnames__gebruiker=deelnemer)
    sessies = list(Bijeenkomst.objects.filter(casuswijk=wijk).order_by("begint_op"))
    concept_sessie = next(s for s in sessies if s.verslagstatus == Verslagstatus.CONCEPT)
    actiepunt = Actiepunt.objects.filter(casuswijk=wijk).first()
    openbaar = Bijeenkomst.objects.filter(
        oproep=vorige, zichtbaarheid=Zichtbaarheid.OPENBAAR, gepubliceerd=True
    ).first()
    totaal = 0

    # A visitor: the calls, the form (adding a member in place), the public pages, a 404.
    toezicht, pagina = kijken()
    for adres in [
        "/", open_oproep.get_absolute_url(), vorige.get_absolute_url(),
        reverse("aanmeldingen:link_kwijt", args=[open_oproep.slug]),
        reverse("leren:opbrengsten", args=[vorige.slug]),
        reverse("leren:openbare_bijeenkomst", args=[vorige.slug, openbaar.pk]),
        "/privacy/", "/toegankelijkheid/", "/account/inloggen/", "/account/wachtwoord-vergeten/",
        "/zoeken/?q=wijk", "/bestaat-niet/",
    ]:  # fmt: skip
        toezicht.open(pagina, url + adres)
    toezicht.open(pagina, url + reverse("aanmeldingen:aanmelden", args=[open_oproep.slug]))
    leden = pagina.locator("[data-lid]")
    aantal = leden.count()
    pagina.get_by_role("button", name="Lid toevoegen").click()
    expect(leden).to_have_count(aantal + 1)
    toezicht.lees(pagina)
    # Wrong passwords until the login is locked: the page that says so (netwerk.inlogblokkade).
    for _ in range(settings.AXES_FAILURE_LIMIT):
        toezicht.open(pagina, url + "/account/inloggen/")
        pagina.get_by_label("E-mailadres of gebruikersnaam").fill("begeleider")
        pagina.get_by_label("Wachtwoord").fill("niet-het-wachtwoord")
        with pagina.expect_navigation():
            pagina.get_by_role("button", name="Inloggen").click()
    expect(pagina.get_by_role("link", name="Wachtwoord vergeten")).to_be_visible()
    expect(pagina.get_by_role("heading", name="Even geduld")).to_be_visible()
    toezicht.lees(pagina)
    assert toezicht.klachten == []
    totaal += len(toezicht.geopend)

    # An applicant through the secret link: the overview, changing it, withdrawing it, and
    # a concept to finish.
    toezicht, pagina = kijken()
    for aanmelding in [ingediend, concept]:
        link = urlsplit(vervang_link(aanmelding=aanmelding)).path
        toezicht.open(pagina, url + link)
        toezicht.open(pagina, url + link + "wijzigen/")
    toezicht.open(pagina, url + urlsplit(vervang_link(aanmelding=ingediend)).path + "intrekken/")
    assert toezicht.klachten == []
    totaal += len(toezicht.geopend)

    # A participant logs in and reads their casuswijk, its sessions, reports and network.
    toezicht, pagina = kijken()
    toezicht.open(pagina, url + "/account/inloggen/")
    pagina.get_by_label("E-mailadres of gebruikersnaam").fill("deelnemer")
    pagina.get_by_label("Wachtwoord").fill(DEMO_WACHTWOORD)
    pagina.get_by_role("button", name="Inloggen").click()
    pagina.get_by_role("heading", name="Mijn casuswijken").wait_for()
    for adres in [
        reverse("casuswijken:casuswijk", args=[wijk.slug]),
        *[reverse("casuswijken:bijeenkomst", args=[wijk.slug, s.pk]) for s in sessies],
        reverse("casuswijken:reactie", args=[wijk.slug, concept_sessie.pk]),
        reverse("casuswijken:actiepunt", args=[wijk.slug, actiepunt.pk]),
        reverse("casuswijken:voorstel", args=[wijk.slug]),
        reverse("casuswijken:rapport", args=[wijk.slug]),
        reverse("leren:netwerk", args=[vorige.slug]),
        reverse("leren:netwerkrapport", args=[vorige.slug]),
        reverse("leren:opbrengsten", args=[vorige.slug]),
        reverse("leren:zoeken") + "?q=bewoners",
    ]:
        toezicht.open(pagina, url + adres)
    # The reaction form after a mistake: the error summary takes the focus (formulier.js,
    # which replaced an inline script).
    toezicht.open(pagina, url + reverse("casuswijken:reactie", args=[wijk.slug, concept_sessie.pk]))
    pagina.get_by_role("button", name="Reactie plaatsen").click()
    expect(pagina.locator("#foutoverzicht")).to_be_focused()
    toezicht.lees(pagina)
    assert toezicht.klachten == []
    totaal += len(toezicht.geopend)

    # Staff: the second step's pages, every admin page of the walk, then the action bar and
    # the admin's JavaScript.
    toezicht, pagina = kijken()
    inloggen_als_medewerker(toezicht, pagina, url, "beheer")
    adressen = test_rondgang.adressen() + [reverse("account:tweede_stap_herstelcodes")]
    adressen.append(reverse("admin:aanmeldingen_beoordeling_add") + f"?aanmelding={ingediend.pk}")
    for adres in adressen:
        toezicht.open(pagina, url + adres)
    assert toezicht.klachten == []

    lijst = (
        reverse("admin:aanmeldingen_aanmelding_changelist") + f"?oproep__id__exact={open_oproep.pk}"
    )
    andere = Aanmelding.objects.filter(oproep=open_oproep, status=Status.INGEDIEND).exclude(
        pk=ingediend.pk
    )[0]
    actie_op_de_lijst(toezicht, pagina, url, lijst, [INGEDIENDE_DEMO, andere.wijknaam],
                      "Vergelijken (naast elkaar)")  # fmt: skip
    expect(pagina.locator(".vergelijken table th[scope='col'] a")).to_have_count(2)
    # Deciding waits for the deadline: move it back, record a decision, preview the mails.
    Oproep.objects.filter(pk=open_oproep.pk).update(
        deadline=timezone.now() - datetime.timedelta(days=1)
    )
    actie_op_de_lijst(toezicht, pagina, url, lijst, [INGEDIENDE_DEMO],
                      "Besluit vastleggen: geselecteerd")  # fmt: skip
    pagina.locator("textarea").first.fill("Een sterke coalitie aan de vooravond van de aanpak.")
    with pagina.expect_navigation():
        pagina.get_by_role("button", name="Besluit vastleggen").click()
    expect(pagina.locator("ul.messagelist")).to_be_visible()
    toezicht.lees(pagina)
    actie_op_de_lijst(toezicht, pagina, url, reverse("admin:aanmeldingen_oproep_changelist"),
                      [open_oproep.titel], "Besluiten versturen (eerst een voorbeeld)")  # fmt: skip
    expect(pagina.locator("pre.mailtekst")).to_have_count(1)

    # The calendar on a new session, "add another" in an inline, a selection filter.
    toezicht.open(pagina, url + reverse("admin:casuswijken_bijeenkomst_add"))
    pagina.locator(".datetimeshortcuts a[id^='calendarlink']").first.click()
    pagina.locator(".calendarbox").first.get_by_role("link", name="Vandaag").click()
    vandaag = timezone.localdate().strftime("%d-%m-%Y")
    expect(pagina.locator("input.vDateField").first).to_have_value(vandaag)
    pagina.locator(".datetimeshortcuts a[id^='calendarlink']").first.click()
    SCHERMAFDRUKKEN.mkdir(exist_ok=True)
    pagina.screenshot(path=SCHERMAFDRUKKEN / "bijeenkomst-beheer-onder-csp.png")
    toezicht.lees(pagina)
    toezicht.open(pagina, url + reverse("admin:casuswijken_casuswijk_change", args=[wijk.pk]))
    nog_een = pagina.locator(".add-row a").filter(visible=True).first
    totaal_veld = (
        pagina.locator(".inline-group").filter(has=nog_een).locator("input[name$='-TOTAL_FORMS']")
    )
    voor = int(totaal_veld.input_value())
    nog_een.click()
    expect(totaal_veld).to_have_value(str(voor + 1))
    nog_een.scroll_into_view_if_needed()
    pagina.screenshot(path=SCHERMAFDRUKKEN / "casuswijk-beheer-onder-csp.png")
    toezicht.lees(pagina)
    # "+" beside a choice opens the related add form in a popup; saving it closes the popup
    # and chooses the new category (popup_response.js).
    toezicht.open(pagina, url + reverse("admin:casuswijken_interventie_add"))
    with pagina.expect_popup() as geopend:
        pagina.locator("#add_id_categorie").click()
    popup = geopend.value
    popup.locator("input[name='naam']").fill("Buurtbudget")
    popup.locator("input[name='_save']").click()
    popup.wait_for_event("close")
    expect(pagina.locator("#id_categorie option:checked")).to_have_text("Buurtbudget")
    toezicht.lees(pagina)
    toezicht.open(pagina, url + reverse("admin:auth_user_change", args=[deelnemer.pk]))
    eerste_groep = pagina.locator("#id_groups_from option").first.inner_text()
    pagina.locator("#id_groups_from option").first.click()
    pagina.locator("#id_groups_add").click()
    expect(pagina.locator("#id_groups_to option")).to_have_text([eerste_groep])
    toezicht.lees(pagina)

    assert toezicht.klachten == []
    totaal += len(toezicht.geopend)
    print(f"\n{totaal} pagina's geopend onder de CSP, 0 overtredingen")
    assert totaal > len(adressen)


def test_script_injected_into_a_page_is_refused_and_reported(live_server, kijken):
    """What the policy is for: script that got into the page (an inline handler, an inline
    script element) does not run, and the collector of the test above sees it."""
    toezicht, pagina = kijken()
    toezicht.open(pagina, live_server.url + "/privacy/")

    # Waits inside the page for both reports (wait_for_function would itself need eval,
    # which the policy refuses).
    pagina.evaluate("""async () => {
      document.body.insertAdjacentHTML("beforeend",
        '<img src="/static/favicon.svg" onload="window.geraakt = 1">');
      const script = document.createElement("script");
      script.textContent = "window.geraakt = 2";
      document.body.append(script);
      while (window.__overtredingen.length < 2) {
        await new Promise((klaar) => setTimeout(klaar, 50));
      }
    }""")
    toezicht.lees(pagina)

    assert pagina.evaluate("window.geraakt") is None
    assert len([k for k in toezicht.klachten if k.startswith("CSP: script-src")]) == 2
