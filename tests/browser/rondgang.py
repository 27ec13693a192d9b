"""The walk over the demo data that the browser tests share: who logs in how, and which
pages each role opens (test_browserbeleid.py checks them under the content security
policy, test_toegankelijkheid.py with axe-core).

A `Toezicht` watches one browser context; `open` and `lees` tell it a page has arrived,
and it then reads the page's CSP violations and, if given, calls `bij_elke_pagina`.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from aanmeldingen.management.commands.laad_demodata import (
    CONCEPT_DEMO,
    DEMO_WACHTWOORD,
    INGEDIENDE_DEMO,
)
from aanmeldingen.models import Aanmelding, Oproep
from casuswijken.enums import Verslagstatus, Zichtbaarheid
from casuswijken.models import Actiepunt, Bijeenkomst, Casuswijk

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
    violation, policy complaint on the console and script error; and after every page
    that arrived, `bij_elke_pagina(pagina)`."""

    def __init__(self, context, bij_elke_pagina: Callable | None = None):
        self.klachten: list[str] = []
        self.geopend: list[str] = []
        self.bij_elke_pagina = bij_elke_pagina
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
        if self.bij_elke_pagina is not None:
            self.bij_elke_pagina(pagina)


@dataclass
class Demo:
    """The records of the demo data that the walk opens."""

    open_oproep: Oproep
    vorige: Oproep
    ingediend: Aanmelding
    concept: Aanmelding
    wijk: Casuswijk
    sessies: list[Bijeenkomst]
    concept_sessie: Bijeenkomst
    actiepunt: Actiepunt
    openbaar: Bijeenkomst

    @classmethod
    def uit_de_database(cls) -> "Demo":
        open_oproep = Oproep.objects.get(slug="gemengde-wijk-2027")
        vorige = Oproep.objects.get(slug="gemengde-wijk-2026")
        wijk = Casuswijk.objects.get(deelnames__gebruiker__username="deelnemer")
        sessies = list(Bijeenkomst.objects.filter(casuswijk=wijk).order_by("begint_op"))
        return cls(
            open_oproep=open_oproep,
            vorige=vorige,
            ingediend=Aanmelding.objects.get(oproep=open_oproep, wijknaam=INGEDIENDE_DEMO),
            concept=Aanmelding.objects.get(oproep=open_oproep, wijknaam=CONCEPT_DEMO),
            wijk=wijk,
            sessies=sessies,
            concept_sessie=next(s for s in sessies if s.verslagstatus == Verslagstatus.CONCEPT),
            actiepunt=Actiepunt.objects.filter(casuswijk=wijk).first(),
            openbaar=Bijeenkomst.objects.filter(
                oproep=vorige, zichtbaarheid=Zichtbaarheid.OPENBAAR, gepubliceerd=True
            ).first(),
        )

    def bezoekerspaginas(self) -> list[str]:
        """What a visitor opens: the calls, the public pages, the login, a 404 (the
        application form has steps of its own)."""
        return [
            "/", self.open_oproep.get_absolute_url(), self.vorige.get_absolute_url(),
            reverse("aanmeldingen:link_kwijt", args=[self.open_oproep.slug]),
            reverse("leren:opbrengsten", args=[self.vorige.slug]),
            reverse("leren:openbare_bijeenkomst", args=[self.vorige.slug, self.openbaar.pk]),
            "/privacy/", "/toegankelijkheid/", "/account/inloggen/",
            "/account/wachtwoord-vergeten/", "/zoeken/?q=wijk", "/bestaat-niet/",
        ]  # fmt: skip

    def deelnemerspaginas(self) -> list[str]:
        """What a participant of Transvaal opens once logged in."""
        slug = self.wijk.slug
        return [
            reverse("casuswijken:overzicht"),
            reverse("casuswijken:casuswijk", args=[slug]),
            *[reverse("casuswijken:bijeenkomst", args=[slug, s.pk]) for s in self.sessies],
            reverse("casuswijken:reactie", args=[slug, self.concept_sessie.pk]),
            reverse("casuswijken:actiepunt", args=[slug, self.actiepunt.pk]),
            reverse("casuswijken:voorstel", args=[slug]),
            reverse("casuswijken:rapport", args=[slug]),
            reverse("leren:netwerk", args=[self.vorige.slug]),
            reverse("leren:netwerkrapport", args=[self.vorige.slug]),
            reverse("leren:opbrengsten", args=[self.vorige.slug]),
            reverse("leren:zoeken") + "?q=bewoners",
        ]

    def aanmeldingenlijst(self) -> str:
        """The admin's list of the open call's applications."""
        return (
            reverse("admin:aanmeldingen_aanmelding_changelist")
            + f"?oproep__id__exact={self.open_oproep.pk}"
        )


def inloggen_als_deelnemer(toezicht, pagina, url: str, gebruikersnaam: str = "deelnemer") -> None:
    toezicht.open(pagina, f"{url}/account/inloggen/")
    pagina.get_by_label("E-mailadres of gebruikersnaam").fill(gebruikersnaam)
    pagina.get_by_label("Wachtwoord").fill(DEMO_WACHTWOORD)
    pagina.get_by_role("button", name="Inloggen").click()
    pagina.get_by_role("heading", name="Mijn casuswijken").wait_for()
    toezicht.lees(pagina)


def inloggen_als_medewerker(toezicht, pagina, url: str, gebruikersnaam: str) -> None:
    """The staff login as production asks it: the password, then the second step's pages.
    Without an app yet, it is set up with a code computed from its key, as the phone would;
    with one, the code is asked for."""
    instellen = not TOTPDevice.objects.filter(
        user__username=gebruikersnaam, confirmed=True
    ).exists()
    toezicht.open(pagina, f"{url}/admin/login/")
    pagina.locator("input[name='username']").fill(gebruikersnaam)
    pagina.locator("input[name='password']").fill(DEMO_WACHTWOORD)
    with pagina.expect_navigation():
        pagina.locator("input[type='submit']").click()
    titel = "Tweede stap instellen" if instellen else "Tweede stap: code uit uw app"
    expect(pagina.get_by_role("heading", name=titel, level=1, exact=True)).to_be_visible()
    toezicht.lees(pagina)
    apparaat = TOTPDevice.objects.filter(user__username=gebruikersnaam).latest("pk")
    code = f"{totp(apparaat.bin_key, step=apparaat.step, t0=apparaat.t0):06d}"
    if instellen:
        pagina.get_by_label("Code uit de app").fill(code)
        pagina.get_by_role("button", name="App instellen").click()
        expect(pagina.get_by_role("heading", name="Uw herstelcodes")).to_be_visible()
        toezicht.lees(pagina)
        pagina.get_by_role("link", name="Verder", exact=True).click()
    else:
        pagina.get_by_label("Code uit uw app").fill(code)
        pagina.get_by_role("button", name="Verder", exact=True).click()
    expect(pagina.locator("#user-tools")).to_be_visible()
    toezicht.lees(pagina)


def geef_app(gebruikersnaam: str) -> None:
    """An authenticator app set up earlier, so that the login asks for its code."""
    TOTPDevice.objects.create(
        user=get_user_model().objects.get(username=gebruikersnaam), name="app", confirmed=True
    )


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
