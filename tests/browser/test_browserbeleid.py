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
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from aanmeldingen.enums import Status
from aanmeldingen.management.commands.laad_demodata import INGEDIENDE_DEMO
from aanmeldingen.models import Aanmelding, Oproep
from aanmeldingen.services import vervang_link
from tests.browser.rondgang import (
    Toezicht,
    actie_op_de_lijst,
    inloggen_als_deelnemer,
    inloggen_als_medewerker,
)
from tests.netwerk import test_rondgang

pytestmark = pytest.mark.django_db(transaction=True)

SCHERMAFDRUKKEN = Path(__file__).resolve().parents[2] / "test-artifacts"


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


def test_every_page_works_under_the_policy(live_server, demo, kijken, settings):
    settings.TWEEDE_STAP = "verplicht"
    url = live_server.url
    open_oproep, ingediend, wijk = demo.open_oproep, demo.ingediend, demo.wijk
    deelnemer = get_user_model().objects.get(username="deelnemer")
    totaal = 0

    # A visitor: the calls, the form (adding a member in place), the public pages, a 404.
    toezicht, pagina = kijken()
    for adres in demo.bezoekerspaginas():
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
    for aanmelding in [ingediend, demo.concept]:
        link = urlsplit(vervang_link(aanmelding=aanmelding)).path
        toezicht.open(pagina, url + link)
        toezicht.open(pagina, url + link + "wijzigen/")
    toezicht.open(pagina, url + urlsplit(vervang_link(aanmelding=ingediend)).path + "intrekken/")
    assert toezicht.klachten == []
    totaal += len(toezicht.geopend)

    # A participant logs in and reads their casuswijk, its sessions, reports and network.
    toezicht, pagina = kijken()
    inloggen_als_deelnemer(toezicht, pagina, url)
    for adres in demo.deelnemerspaginas():
        toezicht.open(pagina, url + adres)
    # The reaction form after a mistake: the error summary takes the focus (formulier.js,
    # which replaced an inline script).
    reactie = reverse("casuswijken:reactie", args=[wijk.slug, demo.concept_sessie.pk])
    toezicht.open(pagina, url + reactie)
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

    lijst = demo.aanmeldingenlijst()
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
