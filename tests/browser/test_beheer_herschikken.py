"""The admin pages staff read reflow at 320 px (WCAG 1.4.10): nothing but a data table's
own box scrolls sideways, and the focus ring of the admin is clearly visible."""

from pathlib import Path

import pytest
from django.urls import reverse

from aanmeldingen.enums import Status
from aanmeldingen.models import Revisie, Statuswijziging
from tests.browser.test_beheer_opmaak import inloggen
from tests.factories import AanmeldingFactory, BeoordelingFactory, CoalitielidFactory, medewerker

pytestmark = pytest.mark.django_db(transaction=True)

SCHERMAFDRUKKEN = Path(__file__).resolve().parents[2] / "test-artifacts"
LANG_ADRES = "coordinator.wijkaanpak.gemeente@voorbeeldgemeente-zuidoost.nl"


@pytest.fixture
def aanmelding():
    aanmelding = AanmeldingFactory(
        wijknaam="Heechterp-Schieringen",
        wijkbeschrijving="Een wijk met " + "heel " * 200 + "veel sociale huur.",
    )
    CoalitielidFactory(
        aanmelding=aanmelding, email=LANG_ADRES, organisatie="Woningcorporatie Elkien"
    )
    BeoordelingFactory(aanmelding=aanmelding, beoordelaar=medewerker("coördinator"))
    Revisie.objects.create(
        aanmelding=aanmelding,
        wijzigingen=[{"veld": "De aanpak", "oud": "Sloop.", "nieuw": "Sloop en nieuwbouw."}],
    )
    Statuswijziging.objects.create(
        aanmelding=aanmelding, van=Status.CONCEPT, naar=Status.INGEDIEND, toelichting=""
    )
    return aanmelding


def breder_dan_het_scherm(pagina) -> list[str]:
    """The elements that stick out to the right of the window, outside a box that scrolls
    by itself; and whether the page itself scrolls sideways."""
    return pagina.evaluate("""() => {
      const breedte = document.documentElement.clientWidth;
      const uit = [];
      if (document.documentElement.scrollWidth > breedte) uit.push("de pagina scrolt opzij");
      for (const el of document.querySelectorAll("#content *")) {
        if (el.closest(".tabel-scroll, .results, .vergelijken, .tabular")) continue;
        const r = el.getBoundingClientRect();
        if (r.width && r.right > breedte + 1) uit.push(`${el.tagName}.${el.className}`);
      }
      return uit.slice(0, 10);
    }""")


@pytest.mark.parametrize(
    "adres",
    [
        lambda a: reverse("admin:aanmeldingen_aanmelding_lezen", args=[a.pk]),
        lambda a: reverse("admin:aanmeldingen_aanmelding_change", args=[a.pk]),
        lambda a: reverse("admin:aanmeldingen_aanmelding_changelist"),
        lambda a: reverse("admin:index"),
    ],
    ids=["lezen", "wijzigen", "lijst", "start"],
)
def test_an_admin_page_staff_read_reflows_at_320_px(live_server, browser, aanmelding, adres):
    context, pagina = inloggen(browser, live_server, 320)

    pagina.goto(live_server.url + adres(aanmelding))

    SCHERMAFDRUKKEN.mkdir(exist_ok=True)
    naam = adres(aanmelding).strip("/").replace("/", "-")
    pagina.screenshot(path=SCHERMAFDRUKKEN / f"{naam}-320.png", full_page=True)
    assert breder_dan_het_scherm(pagina) == []
    context.close()


def test_the_admin_focus_ring_stands_out(live_server, browser, aanmelding):
    """Django's admin draws a 2 px outline in its focus colour; against the page it must
    contrast at least 3:1 (WCAG 1.4.11)."""
    context, pagina = inloggen(browser, live_server, 1280)
    pagina.goto(
        live_server.url + reverse("admin:aanmeldingen_aanmelding_change", args=[aanmelding.pk])
    )

    veld = pagina.locator("#id_wijknaam")
    veld.focus()
    stijl = veld.evaluate(
        "v => { const s = getComputedStyle(v);"
        " return [s.outlineStyle, s.outlineWidth, s.outlineColor]; }"
    )
    achtergrond = pagina.evaluate("getComputedStyle(document.body).backgroundColor")

    assert stijl[0] != "none"
    assert float(stijl[1].removesuffix("px")) >= 2
    assert contrast(kleur(stijl[2]), kleur(achtergrond)) >= 3
    context.close()


def kleur(css: str) -> tuple[float, ...]:
    return tuple(float(d) for d in css[css.index("(") + 1 : css.index(")")].split(",")[:3])


def contrast(a, b) -> float:
    def helderheid(rgb):
        kanalen = [c / 255 for c in rgb]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in kanalen]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    licht, donker = sorted([helderheid(a), helderheid(b)], reverse=True)
    return (licht + 0.05) / (donker + 0.05)
