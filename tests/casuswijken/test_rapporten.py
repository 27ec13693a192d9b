"""The compiled reports of a casuswijk and of a call's network, as a page and as a PDF.

Secrets are single words, so that pdftotext finds them whole wherever a line breaks.
"""

import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from aanmeldingen.enums import Leervraag
from casuswijken.enums import InterventieDomein
from casuswijken.models import Interventiecategorie
from tests.factories import (
    ActiepuntFactory,
    BevindingFactory,
    BijeenkomstFactory,
    CasuswijkFactory,
    DeelnameFactory,
    InterventieFactory,
    OproepFactory,
    StaffFactory,
    VoorbeeldFactory,
    medewerker,
)

pytestmark = pytest.mark.django_db

INTERN = {
    "ZQINTERNSESSIE",
    "ZQINTERNVERSLAG",
    "ZQINTERNACTIE",
    "ZQINTERNINTERVENTIE",
    "ZQINTERNBEVINDING",
    "ZQUITINTERNESESSIE",
    "ZQINTERNVOORBEELD",
    "ZQCONCEPTSESSIE",
    "ZQCONCEPTACTIE",
}
ANDERE_WIJK = {"ZQWIJKANDERE", "ZQWIJKANDEREINTERVENTIE"}
ANDERE_OPROEP = {"ZQNETWERKANDEREOPROEP", "ZQVOORBEELDANDEREOPROEP"}
GEDEELD = {"Wijkverslagtekst", "Openactiepunt", "Afgerondactiepunt", "Netwerkbevindingw2"}


def _verleden(dagen: int):
    return timezone.now() - timedelta(days=dagen)


@pytest.fixture
def wereld():
    """Call A with Rapportwijk (w1) and Buurwijk (w2), call B with Verwijk (w3); content at
    every level in w1, a neighbour's wijk content in w2, and network content of call B."""
    oproep_a, oproep_b = OproepFactory(), OproepFactory()
    w1 = CasuswijkFactory(aanmelding__oproep=oproep_a, naam="Rapportwijk", slug="rapportwijk")
    w2 = CasuswijkFactory(aanmelding__oproep=oproep_a, naam="Buurwijk", slug="buurwijk")
    w3 = CasuswijkFactory(aanmelding__oproep=oproep_b, naam="Verwijk", slug="verwijk")

    gedeeld = BijeenkomstFactory(casuswijk=w1, titel="Gedeelde sessie", begint_op=_verleden(30),
                                 verslag="De **Wijkverslagtekst** van het gesprek.")  # fmt: skip
    intern = BijeenkomstFactory(casuswijk=w1, titel="ZQINTERNSESSIE", zichtbaarheid="intern",
                                begint_op=_verleden(20), verslag="ZQINTERNVERSLAG")  # fmt: skip
    concept = BijeenkomstFactory(casuswijk=w1, titel="ZQCONCEPTSESSIE", gepubliceerd=False,
                                 begint_op=_verleden(10))  # fmt: skip
    BijeenkomstFactory(casuswijk=w1, titel="Komendesessie", begint_op=timezone.now())
    ActiepuntFactory(bijeenkomst=gedeeld, omschrijving="Openactiepunt", eigenaar_naam="Ans")
    # Closed in the intern session: the report says when, not where.
    ActiepuntFactory(bijeenkomst=gedeeld, omschrijving="Afgerondactiepunt", afgerond=True,
                     afgerond_in=intern)  # fmt: skip
    ActiepuntFactory(bijeenkomst=intern, omschrijving="ZQINTERNACTIE")
    ActiepuntFactory(bijeenkomst=concept, omschrijving="ZQCONCEPTACTIE")
    InterventieFactory(casuswijk=w1, naam="Wijkinterventie", zichtbaarheid="wijk")
    InterventieFactory(casuswijk=w1, naam="ZQINTERNINTERVENTIE", zichtbaarheid="intern")
    BevindingFactory(casuswijk=w1, tekst="Wijkbevinding", bijeenkomst=gedeeld)
    BevindingFactory(casuswijk=w1, tekst="ZQINTERNBEVINDING", zichtbaarheid="intern")
    BevindingFactory(casuswijk=w1, tekst="ZQUITINTERNESESSIE", zichtbaarheid="netwerk",
                     bijeenkomst=intern)  # fmt: skip

    BevindingFactory(casuswijk=w2, tekst="ZQWIJKANDERE", zichtbaarheid="wijk")
    InterventieFactory(casuswijk=w2, naam="ZQWIJKANDEREINTERVENTIE", zichtbaarheid="wijk")
    BevindingFactory(casuswijk=w2, tekst="Netwerkbevindingw2", zichtbaarheid="netwerk",
                     goed_voorbeeld=True, leervraag=Leervraag.INTERVENTIES)  # fmt: skip
    VoorbeeldFactory(oproep=oproep_a, titel="Voorbeeldelders", zichtbaarheid="netwerk")
    VoorbeeldFactory(oproep=oproep_a, titel="ZQINTERNVOORBEELD", zichtbaarheid="intern")

    BevindingFactory(casuswijk=w3, tekst="ZQNETWERKANDEREOPROEP", zichtbaarheid="netwerk")
    VoorbeeldFactory(oproep=oproep_b, titel="ZQVOORBEELDANDEREOPROEP", zichtbaarheid="netwerk")

    mensen = {
        "deelnemer_w1": DeelnameFactory(casuswijk=w1).gebruiker,
        "deelnemer_w2": DeelnameFactory(casuswijk=w2).gebruiker,
        "deelnemer_w3": DeelnameFactory(casuswijk=w3).gebruiker,
        "gestopt_w1": DeelnameFactory(casuswijk=w1, beeindigd=True).gebruiker,
        "beoordelaar": medewerker("beoordelaar"),
        "begeleider": medewerker("begeleider"),
        "coordinator": medewerker("coördinator"),
        "beheer": StaffFactory(beheer=True),
    }
    return {"a": oproep_a, "b": oproep_b, "w1": w1, "w2": w2, "w3": w3, "mensen": mensen}


def wijkrapport(pdf: bool = False) -> str:
    return reverse(
        "casuswijken:rapport_pdf" if pdf else "casuswijken:rapport", args=["rapportwijk"]
    )


def netwerkrapport(oproep, pdf: bool = False) -> str:
    naam = "leren:netwerkrapport_pdf" if pdf else "leren:netwerkrapport"
    return reverse(naam, args=[oproep.slug])


def poppler(programma: str) -> str:
    """A poppler tool; missing only outside CI, where the tests that need it skip."""
    pad = shutil.which(programma)
    if pad is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{programma} ontbreekt in CI: scripts/systeempakketten.sh installeert het")
        pytest.skip(f"{programma} ontbreekt (apt-get install poppler-utils)")
    return pad


def pdf_tekst(pdf: bytes) -> str:
    """The PDF's text by pdftotext, its whitespace made single spaces."""
    uit = subprocess.run(
        [poppler("pdftotext"), "-", "-"], input=pdf, capture_output=True, check=True
    )
    return " ".join(uit.stdout.decode().split())


def pdf_bladwijzers(pdf: bytes) -> list[str]:
    """The PDF's bookmarks in order, as pdftohtml lists them."""
    uit = subprocess.run([poppler("pdftohtml"), "-xml", "-stdout", "-i", "-q", "-", "uit"],
                         input=pdf, capture_output=True, check=True)  # fmt: skip
    return re.findall(r'<item page="\d+">(.*?)</item>', uit.stdout.decode())


def gevonden(tekst: str, woorden: set[str]) -> set[str]:
    return {woord for woord in woorden if woord in tekst}


def test_casuswijk_report_pdf_holds_a_participants_copy_and_nothing_more(client, wereld):
    client.force_login(wereld["mensen"]["deelnemer_w1"])

    response = client.get(wijkrapport(pdf=True))

    assert response["Content-Type"] == "application/pdf"
    datum = timezone.localdate().isoformat()
    assert (
        response["Content-Disposition"] == f'attachment; filename="rapport-rapportwijk-{datum}.pdf"'
    )
    assert response.content.startswith(b"%PDF-")
    tekst = pdf_tekst(response.content)
    assert "Rapportwijk" in tekst
    assert gevonden(tekst, GEDEELD - {"Netwerkbevindingw2"}) == GEDEELD - {"Netwerkbevindingw2"}
    assert gevonden(tekst, INTERN | ANDERE_WIJK | ANDERE_OPROEP) == set()
    assert "Komendesessie" not in tekst  # only the sessions held
    assert "Pagina 1 van" in tekst


def test_the_pdfs_headings_are_its_bookmarks_and_the_notes_headings_are_not(client, wereld):
    gedeeld = wereld["w1"].bijeenkomsten.get(titel="Gedeelde sessie")
    gedeeld.verslag = "## Kopje in het verslag\n\nTekst."
    gedeeld.save()
    client.force_login(wereld["mensen"]["deelnemer_w1"])

    bladwijzers = pdf_bladwijzers(client.get(wijkrapport(pdf=True)).content)

    assert bladwijzers == [
        "Rapportwijk", "Bijeenkomsten", "Gedeelde sessie", "Actiepunten", "Open", "Afgerond",
        "Interventies", "Ontmoeting", "Bevindingen per leervraag",
        *[leervraag.label for leervraag in Leervraag],
    ]  # fmt: skip


def test_network_report_pdf_holds_a_participants_copy_and_nothing_more(client, wereld):
    client.force_login(wereld["mensen"]["deelnemer_w1"])

    response = client.get(netwerkrapport(wereld["a"], pdf=True))

    assert response.content.startswith(b"%PDF-")
    assert response["Content-Disposition"].startswith('attachment; filename="netwerkrapport-')
    tekst = pdf_tekst(response.content)
    assert {"Rapportwijk", "Buurwijk", "Netwerkbevindingw2", "Voorbeeldelders"} <= set(
        tekst.split()
    )
    assert gevonden(tekst, INTERN | ANDERE_WIJK | ANDERE_OPROEP) == set()


@pytest.mark.parametrize("rapport", ["wijk", "netwerk"])
def test_staff_take_intern_content_along_only_when_they_choose_to(client, wereld, rapport):
    client.force_login(wereld["mensen"]["begeleider"])
    url = wijkrapport() if rapport == "wijk" else netwerkrapport(wereld["a"])

    zonder = client.get(url).text
    met = client.get(url, {"intern": "1"}).text

    assert gevonden(zonder, INTERN) == set()
    # The network report has no sessions; a finding names the intern session it came from.
    verwacht_intern = INTERN - {"ZQINTERNVOORBEELD"} if rapport == "wijk" else INTERN - {
        "ZQINTERNVERSLAG", "ZQINTERNACTIE", "ZQCONCEPTSESSIE", "ZQCONCEPTACTIE"
    }  # fmt: skip
    assert gevonden(met, INTERN) == verwacht_intern
    assert gevonden(met, ANDERE_OPROEP) == set()
    assert 'name="intern" value="1"' in zonder
    assert "?intern=1" in met  # the PDF link keeps the choice


def test_staff_pdf_with_intern_holds_the_intern_content(client, wereld):
    client.force_login(wereld["mensen"]["coordinator"])

    zonder = pdf_tekst(client.get(wijkrapport(pdf=True)).content)
    met = client.get(wijkrapport(pdf=True), {"intern": "1"})

    assert gevonden(zonder, INTERN) == set()
    assert gevonden(pdf_tekst(met.content), INTERN) == INTERN - {"ZQINTERNVOORBEELD"}
    assert "-intern-" in met["Content-Disposition"]


@pytest.mark.parametrize("rapport", ["wijk", "netwerk"])
def test_a_participant_asking_for_intern_content_gets_their_own_copy(client, wereld, rapport):
    client.force_login(wereld["mensen"]["deelnemer_w1"])
    url = wijkrapport() if rapport == "wijk" else netwerkrapport(wereld["a"])

    response = client.get(url, {"intern": "1"})

    assert gevonden(response.text, INTERN | ANDERE_WIJK) == set()
    assert 'name="intern"' not in response.text
    assert "Download als PDF" in response.text


def test_staff_network_report_without_intern_holds_every_casuswijks_shared_content(client, wereld):
    client.force_login(wereld["mensen"]["begeleider"])

    response = client.get(netwerkrapport(wereld["a"]))

    # Wijk-level content is not intern: staff see it for every casuswijk of the call.
    assert gevonden(response.text, ANDERE_WIJK) == ANDERE_WIJK


WIE = ["anoniem", "deelnemer_w1", "deelnemer_w2", "deelnemer_w3", "gestopt_w1", "beoordelaar",
       "begeleider", "coordinator", "beheer"]  # fmt: skip
TOEGANG_WIJK = {"deelnemer_w1": 200, "begeleider": 200, "coordinator": 200, "beheer": 200}
TOEGANG_NETWERK = {**TOEGANG_WIJK, "deelnemer_w2": 200}


@pytest.mark.parametrize("pdf", [False, True], ids=["html", "pdf"])
@pytest.mark.parametrize("rapport", ["wijk", "netwerk"])
def test_who_may_read_a_report(client, wereld, rapport, pdf):
    url = wijkrapport(pdf) if rapport == "wijk" else netwerkrapport(wereld["a"], pdf)
    toegang = TOEGANG_WIJK if rapport == "wijk" else TOEGANG_NETWERK
    antwoorden = {}
    for wie in WIE:
        client.logout()
        if wie != "anoniem":
            client.force_login(wereld["mensen"][wie])
        response = client.get(url)
        antwoorden[wie] = response.status_code
        if wie == "anoniem":
            assert response["Location"].startswith(reverse("account:login")), wie

    assert antwoorden == {wie: toegang.get(wie, 302 if wie == "anoniem" else 404) for wie in WIE}


def test_the_network_report_of_a_call_without_casuswijken_is_unknown(client, wereld):
    client.force_login(wereld["mensen"]["begeleider"])

    assert client.get(netwerkrapport(OproepFactory())).status_code == 404


def test_a_post_is_refused(client, wereld):
    client.force_login(wereld["mensen"]["begeleider"])

    assert client.post(wijkrapport()).status_code == 405


def test_the_casuswijk_page_links_to_its_report_for_those_who_may_read_it(client, wereld):
    pagina = reverse("casuswijken:casuswijk", args=["rapportwijk"])
    gezien = {}
    for wie in ["deelnemer_w1", "begeleider", "beoordelaar"]:
        client.force_login(wereld["mensen"][wie])
        gezien[wie] = wijkrapport() in client.get(pagina).text

    assert gezien == {"deelnemer_w1": True, "begeleider": True, "beoordelaar": False}


def _tel(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries.captured_queries)


@pytest.mark.parametrize("wie", ["deelnemer", "begeleider"])
def test_report_query_counts_do_not_grow_with_sessions(client, wie):
    oproep = OproepFactory()
    wijk = CasuswijkFactory(aanmelding__oproep=oproep, slug="rapportwijk")
    mens = DeelnameFactory(casuswijk=wijk).gebruiker if wie == "deelnemer" else (
        medewerker("begeleider"))  # fmt: skip
    client.force_login(mens)
    urls = [wijkrapport(), netwerkrapport(oproep)]

    def sessie_met_inhoud(dagen: int) -> None:
        sessie = BijeenkomstFactory(casuswijk=wijk, begint_op=_verleden(dagen), verslag="*Ja*")
        eigenaar = DeelnameFactory(casuswijk=wijk).gebruiker
        ActiepuntFactory(bijeenkomst=sessie, eigenaar=eigenaar)
        ActiepuntFactory(bijeenkomst=sessie, afgerond=True, afgerond_in=sessie)
        BevindingFactory(casuswijk=wijk, bijeenkomst=sessie, zichtbaarheid="netwerk")
        InterventieFactory(casuswijk=wijk)
        VoorbeeldFactory(oproep=oproep)

    sessie_met_inhoud(40)
    een = [_tel(client, url) for url in urls]
    for dagen in range(1, 8):
        sessie_met_inhoud(dagen)
    acht = [_tel(client, url) for url in urls]

    assert acht == een


class _Tabel(HTMLParser):
    """The rows of the table with the given id: (row header, [cell texts])."""

    def __init__(self, tabel_id: str):
        super().__init__()
        self.tabel_id, self.in_tabel, self.in_body = tabel_id, False, False
        self.rijen: list[list[str]] = []
        self.cel: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table" and dict(attrs).get("id") == self.tabel_id:
            self.in_tabel = True
        elif self.in_tabel and tag == "tbody":
            self.in_body = True
        elif self.in_body and tag == "tr":
            self.rijen.append([])
        elif self.in_body and tag in {"th", "td"}:
            self.cel = []

    def handle_endtag(self, tag):
        if self.in_body and tag in {"th", "td"} and self.cel is not None:
            self.rijen[-1].append("".join(self.cel).strip())
            self.cel = None
        elif tag == "tbody":
            self.in_body = False
        elif tag == "table":
            self.in_tabel = False

    def handle_data(self, data):
        if self.cel is not None:
            self.cel.append(data)


def test_the_charts_numbers_are_the_tables(client):
    oproep = OproepFactory()
    noord = CasuswijkFactory(aanmelding__oproep=oproep)
    zuid = CasuswijkFactory(aanmelding__oproep=oproep)
    Interventiecategorie.objects.all().delete()  # the migration's list; two of our own here
    wonen = Interventiecategorie.objects.create(naam="Wonen & doorstroming")
    ontmoeting = Interventiecategorie.objects.create(naam="Ontmoeting")
    aantallen = {  # (category, domain): (noord, zuid)
        (wonen, InterventieDomein.FYSIEK): (2, 1),
        (wonen, InterventieDomein.BEIDE): (0, 1),
        (ontmoeting, InterventieDomein.SOCIAAL): (1, 2),
        (ontmoeting, InterventieDomein.FYSIEK): (0, 1),
    }
    for (categorie, domein), per_wijk in aantallen.items():
        for wijk, aantal in zip([noord, zuid], per_wijk, strict=True):
            for _ in range(aantal):
                InterventieFactory(casuswijk=wijk, categorie=categorie, domein=domein)
    InterventieFactory(casuswijk=noord, categorie=wonen, zichtbaarheid="intern")  # left out
    client.force_login(medewerker("begeleider"))

    html = client.get(netwerkrapport(oproep)).text

    svg = ET.fromstring(re.search(r"<svg .*?</svg>", html, re.S).group(0))
    ns = {"svg": "http://www.w3.org/2000/svg"}
    in_grafiek = {
        balk.get("data-categorie"): {
            rect.get("data-domein"): int(rect.get("data-aantal"))
            for rect in balk.findall("svg:rect[@data-domein]", ns)
        }
        for balk in svg.findall(".//svg:g[@data-categorie]", ns)
    }
    tabel = _Tabel("grafiek-domein-tabel")
    tabel.feed(html)
    in_tabel = {
        naam: dict(zip(["fysiek", "sociaal", "beide"], map(int, cellen), strict=True))
        for naam, *cellen in tabel.rijen
    }
    verwacht = {
        "Ontmoeting": {"fysiek": 1, "sociaal": 3, "beide": 0},
        "Wonen & doorstroming": {"fysiek": 3, "sociaal": 0, "beide": 1},
    }
    assert in_grafiek == verwacht
    assert in_tabel == verwacht
    # The bars are drawn to one scale: width per intervention is the same everywhere.
    breedtes = {
        round(float(rect.get("width")) / int(rect.get("data-aantal")), 3)
        for rect in svg.iter("{http://www.w3.org/2000/svg}rect")
        if int(rect.get("data-aantal", "0"))
    }
    assert len(breedtes) == 1
    assert svg.get("role") == "img"
    titel, uitleg = svg.get("aria-labelledby").split()
    assert svg.find(f"svg:title[@id='{titel}']", ns).text == "Interventies per categorie en domein"
    assert (
        "Wonen & doorstroming: 3 fysiek, 0 sociaal, 1 beide"
        in svg.find(f"svg:desc[@id='{uitleg}']", ns).text
    )


def test_the_pdf_loads_our_own_static_files_and_nothing_else(settings):
    from casuswijken.pdf import AlleenEigenStatisch

    fetcher = AlleenEigenStatisch()
    eigen = fetcher.fetch(f"{settings.PORTAAL_URL}/static/css/rapport.css")

    assert b"@page" in eigen.read()
    for url in [
        "https://cdn.example.org/static/css/rapport.css",
        f"{settings.PORTAAL_URL}/admin/",
        f"{settings.PORTAAL_URL}/static/../netwerk/settings.py",
        "file:///etc/passwd",
    ]:
        with pytest.raises(ValueError, match="statisch bestand"):
            fetcher.fetch(url)
