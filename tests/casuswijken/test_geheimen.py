"""Nothing that is not meant for a reader reaches them: not on a page, in a search, a PDF or
a CSV.

A unique secret word is stored at every level that is not public (intern, wijk, netwerk,
and in an unpublished session) in every field that is shown or searched. Each reader then
looks everywhere they can, and the words meant for others must not appear.
"""

import shutil
import subprocess
from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone

from casuswijken.models import Bevinding, Bijeenkomst, Interventie, Voorbeeld
from tests.factories import (
    BevindingFactory,
    BijeenkomstFactory,
    CasuswijkFactory,
    DeelnameFactory,
    InterventieFactory,
    OproepFactory,
    VoorbeeldFactory,
    medewerker,
)

pytestmark = pytest.mark.django_db

# Sessions held: the reports show those.
GEWEEST = timezone.now() - timedelta(days=10)

VELDEN = {
    "bijeenkomst": ["titel", "agenda", "verslag"],
    "interventie": ["naam", "omschrijving", "partners", "ervaringen"],
    "bevinding": ["tekst"],
    "voorbeeld": ["titel", "organisatie", "plaats", "omschrijving"],
}


class Geheimen:
    """Makes records whose every shown field holds its own word, and remembers who may
    read each word."""

    def __init__(self):
        self.woorden: dict[str, str] = {}  # word -> where it is
        self.teller = 0

    def velden(self, soort: str, waar: str) -> dict[str, str]:
        gevuld = {}
        for veld in VELDEN[soort]:
            self.teller += 1
            woord = f"geheimwoord{self.teller:03d}x"
            self.woorden[woord] = waar
            gevuld[veld] = woord
        return gevuld

    def waar(self, *plekken: str) -> set[str]:
        return {woord for woord, waar in self.woorden.items() if waar in plekken}


@pytest.fixture
def wereld():
    """Call A (published) with casuswijken w1 and w2, call B with w3; at each level of each
    casuswijk and call one record of every kind, each field its own secret word, and one
    openbaar record of each kind in w1 as the control."""
    geheimen = Geheimen()
    a, b = OproepFactory(titel="Oproep A"), OproepFactory(titel="Oproep B")
    w1 = CasuswijkFactory(aanmelding__oproep=a, naam="Wijk Een")
    w2 = CasuswijkFactory(aanmelding__oproep=a, naam="Wijk Twee")
    w3 = CasuswijkFactory(aanmelding__oproep=b, naam="Wijk Drie")
    for wijk in [w1, w2, w3]:
        for niveau in ["intern", "wijk", "netwerk", "openbaar"]:
            plek = f"{wijk.naam}/{niveau}"
            BijeenkomstFactory(
                casuswijk=wijk,
                zichtbaarheid=niveau,
                begint_op=GEWEEST,
                eindigt_op=GEWEEST,
                **geheimen.velden("bijeenkomst", plek),
            )
            InterventieFactory(
                casuswijk=wijk, zichtbaarheid=niveau, **geheimen.velden("interventie", plek)
            )
            BevindingFactory(
                casuswijk=wijk, zichtbaarheid=niveau, **geheimen.velden("bevinding", plek)
            )
        concept = BijeenkomstFactory(
            casuswijk=wijk,
            zichtbaarheid="openbaar",
            gepubliceerd=False,
            begint_op=GEWEEST,
            eindigt_op=GEWEEST,
            **geheimen.velden("bijeenkomst", f"{wijk.naam}/concept"),
        )
        BevindingFactory(
            casuswijk=wijk,
            zichtbaarheid="openbaar",
            bijeenkomst=concept,
            **geheimen.velden("bevinding", f"{wijk.naam}/concept"),
        )
    for oproep in [a, b]:
        for niveau in ["intern", "netwerk", "openbaar"]:
            VoorbeeldFactory(
                oproep=oproep,
                zichtbaarheid=niveau,
                **geheimen.velden("voorbeeld", f"{oproep.titel}/{niveau}"),
            )
    mensen = {
        "deelnemer_w1": DeelnameFactory(casuswijk=w1).gebruiker,
        "deelnemer_w3": DeelnameFactory(casuswijk=w3).gebruiker,
        "gestopt_w1": DeelnameFactory(casuswijk=w1, beeindigd=True).gebruiker,
        "beoordelaar": medewerker("beoordelaar"),
        "begeleider": medewerker("begeleider"),
    }
    return {"geheimen": geheimen, "a": a, "b": b, "w1": w1, "w2": w2, "w3": w3, "mensen": mensen}


def openbaar_voor_iedereen(geheimen: Geheimen) -> set[str]:
    return geheimen.waar(
        *[f"{w}/openbaar" for w in ["Wijk Een", "Wijk Twee", "Wijk Drie"]],
        "Oproep A/openbaar",
        "Oproep B/openbaar",
    )


def gevonden(tekst: str, geheimen: Geheimen) -> set[str]:
    return {woord for woord in geheimen.woorden if woord in tekst}


def test_the_public_pages_show_openbaar_only_whoever_looks(client, wereld):
    geheimen, a = wereld["geheimen"], wereld["a"]
    openbaar_a = geheimen.waar("Wijk Een/openbaar", "Wijk Twee/openbaar", "Oproep A/openbaar")
    pagina_s = [reverse("leren:opbrengsten", args=[a.slug])]
    pagina_s += [
        reverse("leren:openbare_bijeenkomst", args=[a.slug, pk])
        for pk in Bijeenkomst.objects.zichtbaar_voor(AnonymousUser())
        .filter(oproep=a)
        .values_list("pk", flat=True)
    ]

    for wie in [None, "deelnemer_w1", "begeleider"]:
        if wie:
            client.force_login(wereld["mensen"][wie])
        gezien = set()
        for pagina in pagina_s:
            antwoord = client.get(pagina)
            assert antwoord.status_code == 200, pagina
            gezien |= gevonden(antwoord.content.decode(), geheimen)
        assert gezien == openbaar_a, wie


def test_search_finds_only_what_the_reader_may_see(client, wereld):
    geheimen = wereld["geheimen"]
    openbaar = openbaar_voor_iedereen(geheimen)
    netwerk_a = geheimen.waar("Wijk Een/netwerk", "Wijk Twee/netwerk", "Oproep A/netwerk")
    netwerk_b = geheimen.waar("Wijk Drie/netwerk", "Oproep B/netwerk")
    verwacht = {
        None: openbaar,
        "gestopt_w1": openbaar,
        "beoordelaar": openbaar,
        "deelnemer_w3": openbaar | netwerk_b | geheimen.waar("Wijk Drie/wijk"),
        "deelnemer_w1": openbaar | netwerk_a | geheimen.waar("Wijk Een/wijk"),
        "begeleider": set(geheimen.woorden),
    }

    for wie, mag_zien in verwacht.items():
        client.logout()
        if wie:
            client.force_login(wereld["mensen"][wie])
        gezien = set()
        for woord in geheimen.woorden:
            antwoord = client.get(reverse("leren:zoeken"), {"q": woord})
            assert antwoord.status_code == 200
            if woord in gevonden(antwoord.content.decode(), geheimen) and _heeft_resultaat(
                antwoord
            ):
                gezien.add(woord)
        assert gezien == mag_zien, wie


def _heeft_resultaat(antwoord) -> bool:
    return antwoord.context["pagina"].paginator.count > 0


def test_the_network_page_shows_a_participant_their_call_and_nothing_of_another_wijk(
    client, wereld
):
    geheimen, a = wereld["geheimen"], wereld["a"]
    client.force_login(wereld["mensen"]["deelnemer_w1"])

    antwoord = client.get(reverse("leren:netwerk", args=[a.slug]))

    mag_zien = geheimen.waar(
        "Wijk Een/openbaar", "Wijk Twee/openbaar", "Oproep A/openbaar",
        "Wijk Een/netwerk", "Wijk Twee/netwerk", "Oproep A/netwerk", "Wijk Een/wijk",
    )  # fmt: skip
    # The page shows interventions by number; the ones behind each cell when it is opened.
    gezien = gevonden(antwoord.content.decode(), geheimen)
    for interventie in Interventie.objects.zichtbaar_voor(wereld["mensen"]["deelnemer_w1"]):
        if interventie.casuswijk.aanmelding.oproep_id == a.pk:
            cel = client.get(
                reverse("leren:netwerk", args=[a.slug]),
                {"categorie": interventie.categorie_id, "wijk": interventie.casuswijk.slug},
            )
            gezien |= gevonden(cel.content.decode(), geheimen)
    assert gezien - mag_zien == set()
    assert gezien & geheimen.waar("Wijk Twee/wijk", "Wijk Een/intern", "Wijk Een/concept") == set()
    assert client.get(reverse("leren:netwerk", args=[wereld["b"].slug])).status_code == 404


def _pdf_tekst(inhoud: bytes, tmp_path) -> str:
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext ontbreekt: de Makefile installeert poppler-utils")
    bestand = tmp_path / "rapport.pdf"
    bestand.write_bytes(inhoud)
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(bestand), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


@pytest.mark.parametrize("formaat", ["html", "pdf"])
def test_a_participants_reports_hold_only_their_own_copy(client, wereld, formaat, tmp_path):
    geheimen, a, w1 = wereld["geheimen"], wereld["a"], wereld["w1"]
    client.force_login(wereld["mensen"]["deelnemer_w1"])
    achtervoegsel = "_pdf" if formaat == "pdf" else ""
    mag_zien = geheimen.waar(
        "Wijk Een/openbaar", "Wijk Twee/openbaar", "Oproep A/openbaar",
        "Wijk Een/netwerk", "Wijk Twee/netwerk", "Oproep A/netwerk", "Wijk Een/wijk",
    )  # fmt: skip

    for adres in [
        reverse(f"casuswijken:rapport{achtervoegsel}", args=[w1.slug]),
        reverse(f"leren:netwerkrapport{achtervoegsel}", args=[a.slug]),
    ]:
        # Asking for the intern content changes nothing for a participant.
        antwoord = client.get(adres, {"intern": "1"})
        assert antwoord.status_code == 200, adres
        inhoud = b"".join(antwoord.streaming_content) if antwoord.streaming else antwoord.content
        tekst = _pdf_tekst(inhoud, tmp_path) if formaat == "pdf" else inhoud.decode()
        assert gevonden(tekst, geheimen) - mag_zien == set(), adres
        assert "Wijk Een" in tekst


def test_staff_reports_leave_intern_content_out_unless_asked(client, wereld, tmp_path):
    geheimen, a = wereld["geheimen"], wereld["a"]
    client.force_login(wereld["mensen"]["begeleider"])
    verborgen = geheimen.waar(
        "Wijk Een/intern", "Wijk Twee/intern", "Oproep A/intern",
        "Wijk Een/concept", "Wijk Twee/concept",
    )  # fmt: skip
    adres = reverse("leren:netwerkrapport_pdf", args=[a.slug])

    zonder = _pdf_tekst(client.get(adres).content, tmp_path)
    met = _pdf_tekst(client.get(adres, {"intern": "1"}).content, tmp_path)

    assert gevonden(zonder, geheimen) & verborgen == set()
    assert gevonden(met, geheimen) & verborgen


def test_the_secret_words_are_really_there_for_those_who_may_read_them(wereld):
    """The other tests would pass on an empty database; this one holds the data up."""
    begeleider = wereld["mensen"]["begeleider"]
    assert Bijeenkomst.objects.zichtbaar_voor(begeleider).count() == 15
    assert Interventie.objects.zichtbaar_voor(begeleider).count() == 12
    assert Bevinding.objects.zichtbaar_voor(begeleider).count() == 15
    assert Voorbeeld.objects.zichtbaar_voor(begeleider).count() == 6
