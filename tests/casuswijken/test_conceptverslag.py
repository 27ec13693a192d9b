"""Concept and vastgesteld verslag: reactions on a concept, the mails of each version, and
the final version only in reports and on the public pages.

Secrets are single words, so that pdftotext finds them whole wherever a line breaks.
"""

import hashlib
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from casuswijken.enums import Verslagstatus
from casuswijken.models import Bijeenkomst, Reactie
from casuswijken.services import (
    ReagerenKanNiet,
    meld_verslag,
    plaats_reactie,
    sla_bijeenkomst_op,
)
from tests.beheer import lege_inlines
from tests.casuswijken.test_rapporten import pdf_tekst
from tests.conftest import wachtende_mails
from tests.factories import (
    BijeenkomstFactory,
    CasuswijkFactory,
    DeelnameFactory,
    OproepFactory,
    ReactieFactory,
    StaffFactory,
    medewerker,
)

pytestmark = pytest.mark.django_db

CONCEPT = Verslagstatus.CONCEPT
VASTGESTELD = Verslagstatus.VASTGESTELD
NOG_CONCEPT = "Het verslag is nog een concept en wordt hier getoond zodra het is vastgesteld."


@pytest.fixture
def opzet():
    oproep = OproepFactory(gepubliceerd=True)
    wijk = CasuswijkFactory(aanmelding__oproep=oproep, naam="Lombok", slug="lombok")
    andere = CasuswijkFactory(aanmelding__oproep=oproep, naam="Zuilen", slug="zuilen")
    sessie = BijeenkomstFactory(
        casuswijk=wijk,
        titel="Eerste gesprek",
        begint_op=timezone.now() - timedelta(days=3),
        verslag="We spraken over de ZQCONCEPTTEKST van het buurthuis.",
        verslagstatus=CONCEPT,
    )
    mensen = {
        "deelnemer": DeelnameFactory(
            casuswijk=wijk,
            gebruiker__first_name="Dewi",
            gebruiker__last_name="Dekker",
            gebruiker__email="dewi@voorbeeld.nl",
        ).gebruiker,
        "andere_wijk": DeelnameFactory(casuswijk=andere).gebruiker,
        "gestopt": DeelnameFactory(casuswijk=wijk, beeindigd=True).gebruiker,
        "begeleider": medewerker("begeleider"),
        "beoordelaar": medewerker("beoordelaar"),
    }
    return {"oproep": oproep, "wijk": wijk, "andere": andere, "sessie": sessie, "mensen": mensen}


def reactie_url(sessie, slug: str = "lombok") -> str:
    return reverse("casuswijken:reactie", args=[slug, sessie.pk])


def sessie_url(sessie, slug: str = "lombok") -> str:
    return reverse("casuswijken:bijeenkomst", args=[slug, sessie.pk])


# The session page


def test_a_reader_places_a_reaction_and_finds_it_under_the_verslag(client, opzet):
    sessie, deelnemer = opzet["sessie"], opzet["mensen"]["deelnemer"]
    client.force_login(deelnemer)

    response = client.post(reactie_url(sessie), {"tekst": "  Graag ook de school noemen.  "})

    reactie = Reactie.objects.get()
    # A fixed moment to read back (frozen time would outlive the login session).
    Reactie.objects.filter(pk=reactie.pk).update(
        geplaatst_op=datetime(2027, 3, 2, 13, 30, tzinfo=UTC)
    )
    assert (reactie.bijeenkomst, reactie.gebruiker) == (sessie, deelnemer)
    assert reactie.tekst == "Graag ook de school noemen."
    assert response.status_code == 302
    assert response.url == f"{sessie_url(sessie)}#reactie-{reactie.pk}"
    pagina = client.get(response.url)
    assert "Uw reactie is geplaatst. Dank u wel." in pagina.text
    assert '<h3 id="reacties-titel" class="h4">Reacties</h3>' in pagina.text
    assert "<strong>Dewi Dekker</strong>" in pagina.text
    assert '<time datetime="2027-03-02T14:30">dinsdag 2 maart 2027, 14:30 uur</time>' in pagina.text
    assert '<p class="reactie-tekst mb-0">Graag ook de school noemen.</p>' in pagina.text
    assert "dewi@voorbeeld.nl" not in pagina.text


def test_a_concept_verslag_says_so_and_offers_the_form_with_a_counter(client, opzet):
    client.force_login(opzet["mensen"]["deelnemer"])

    pagina = client.get(sessie_url(opzet["sessie"]))

    assert '<h2 class="mt-4">Verslag (concept)</h2>' in pagina.text
    assert (
        'Dit is een conceptverslag. <a href="#reacties">Reageer hieronder</a> als u iets '
        "wilt aanvullen of verbeteren." in pagina.text
    )
    assert "ZQCONCEPTTEKST" in pagina.text
    assert "Er zijn nog geen reacties." in pagina.text
    assert f'action="{reactie_url(opzet["sessie"])}"' in pagina.text
    # The limit shows and is counted, but never cuts a pasted text (no maxlength).
    assert 'data-limiet="2000"' in pagina.text
    assert "maxlength" not in pagina.text
    assert "Maximaal 2000 tekens." in pagina.text
    assert "js/formulier.js" in pagina.text


def test_a_final_verslag_has_no_notice_and_no_form(client, opzet):
    sessie = opzet["sessie"]
    sessie.verslagstatus = VASTGESTELD
    sla_bijeenkomst_op(bijeenkomst=sessie)
    client.force_login(opzet["mensen"]["deelnemer"])

    pagina = client.get(sessie_url(sessie))

    assert '<h2 class="mt-4">Verslag</h2>' in pagina.text
    assert "conceptverslag" not in pagina.text
    assert 'id="reacties"' not in pagina.text
    assert '<form method="post" action="/wijken/lombok/' not in pagina.text


def test_after_finalising_the_reactions_stay_under_their_own_heading(client, opzet):
    sessie = opzet["sessie"]
    ReactieFactory(bijeenkomst=sessie, tekst="Vergeten: de moskee.")
    sessie.verslagstatus = VASTGESTELD
    with time_machine.travel(datetime(2027, 4, 1, 10, 0, tzinfo=UTC), tick=False):
        sla_bijeenkomst_op(bijeenkomst=sessie)
    client.force_login(opzet["mensen"]["deelnemer"])

    pagina = client.get(sessie_url(sessie))

    assert '<h3 id="reacties-titel" class="h4">Reacties op het concept</h3>' in pagina.text
    assert (
        "Deze reacties zijn geplaatst toen het verslag nog een concept was; het is "
        "vastgesteld op 1 april 2027." in pagina.text
    )
    assert "Vergeten: de moskee." in pagina.text
    assert "Reactie plaatsen" not in pagina.text


def test_a_reaction_is_escaped_and_keeps_its_line_breaks(client, opzet):
    client.force_login(opzet["mensen"]["deelnemer"])

    client.post(reactie_url(opzet["sessie"]), {"tekst": "<script>alert(1)</script>\r\nRegel 2"})
    pagina = client.get(sessie_url(opzet["sessie"]))

    assert Reactie.objects.get().tekst == "<script>alert(1)</script>\nRegel 2"
    assert "&lt;script&gt;alert(1)&lt;/script&gt;<br>Regel 2" in pagina.text
    assert "<script>alert(1)" not in pagina.text


def test_staff_who_may_see_the_session_react_as_begeleiding(client, opzet):
    begeleider = opzet["mensen"]["begeleider"]
    begeleider.first_name, begeleider.last_name = "Bea", "Begeleider"
    begeleider.save()
    client.force_login(begeleider)

    response = client.post(reactie_url(opzet["sessie"]), {"tekst": "Klopt, wordt aangevuld."})
    pagina = client.get(sessie_url(opzet["sessie"]))

    assert response.status_code == 302
    assert (
        '<strong>Bea Begeleider</strong> <span class="badge text-bg-secondary">begeleiding</span>'
        in pagina.text
    )


# Refused


def test_a_reaction_on_a_final_verslag_is_refused_and_the_text_shown_to_keep(client, opzet):
    sessie = opzet["sessie"]
    sessie.verslagstatus = VASTGESTELD
    sla_bijeenkomst_op(bijeenkomst=sessie)
    client.force_login(opzet["mensen"]["deelnemer"])

    response = client.post(reactie_url(sessie), {"tekst": "Te laat bedacht."})

    assert response.status_code == 409
    assert "Het verslag is vastgesteld; reageren kan niet meer." in response.text
    assert "Te laat bedacht." in response.text
    assert "Reactie plaatsen" not in response.text
    assert Reactie.objects.count() == 0


@pytest.mark.parametrize(
    ("tekst", "melding"),
    [
        ("", "Schrijf uw reactie."),
        (" \r\n\t ", "Schrijf uw reactie."),
        ("\u200b\u00a0\ufeff", "Schrijf uw reactie."),
        ("x" * 2001, "Uw reactie is 2001 tekens lang; er passen er maximaal 2000 in."),
        ("hallo\x00daar", "Uw reactie bevat een teken dat niet kan worden opgeslagen"),
    ],
)
def test_a_bad_text_gets_a_dutch_message_at_the_field_and_is_kept(client, opzet, tekst, melding):
    client.force_login(opzet["mensen"]["deelnemer"])

    response = client.post(reactie_url(opzet["sessie"]), {"tekst": tekst})

    assert response.status_code == 422
    assert Reactie.objects.count() == 0
    assert melding in response.text
    assert 'id="foutoverzicht"' in response.text
    assert 'href="#id_tekst"' in response.text
    assert 'aria-invalid="true"' in response.text
    if tekst.strip() and "\x00" not in tekst:
        assert tekst in response.text


def test_a_missing_field_is_an_empty_reaction(client, opzet):
    client.force_login(opzet["mensen"]["deelnemer"])

    response = client.post(reactie_url(opzet["sessie"]), {})

    assert response.status_code == 422
    assert "Schrijf uw reactie." in response.text


def test_line_breaks_count_as_one_character_as_the_browser_counts_them(client, opzet):
    client.force_login(opzet["mensen"]["deelnemer"])
    tekst = "\r\n".join(["x" * 99] * 20)  # 1999 characters as the browser counts, 2018 sent

    response = client.post(reactie_url(opzet["sessie"]), {"tekst": tekst})

    assert response.status_code == 302
    assert len(Reactie.objects.get().tekst) == 1999


def test_a_forged_session_answers_404(client, opzet):
    wijk = opzet["wijk"]
    intern = BijeenkomstFactory(casuswijk=wijk, zichtbaarheid="intern", verslag="x",
                                verslagstatus=CONCEPT)  # fmt: skip
    ongepubliceerd = BijeenkomstFactory(casuswijk=wijk, gepubliceerd=False, verslag="x",
                                        verslagstatus=CONCEPT)  # fmt: skip
    elders = BijeenkomstFactory(verslag="x", verslagstatus=CONCEPT)
    client.force_login(opzet["mensen"]["deelnemer"])

    for pk in [intern.pk, ongepubliceerd.pk, elders.pk, 999999]:
        response = client.post(f"/wijken/lombok/bijeenkomsten/{pk}/reacties/", {"tekst": "Hoi"})
        assert response.status_code == 404
    assert Reactie.objects.count() == 0


def test_another_casuswijks_session_answers_404(client, opzet):
    eigen_van_zuilen = BijeenkomstFactory(casuswijk=opzet["andere"], verslag="x",
                                          verslagstatus=CONCEPT)  # fmt: skip
    client.force_login(opzet["mensen"]["deelnemer"])

    via_eigen_wijk = client.post(reactie_url(eigen_van_zuilen), {"tekst": "Hoi"})
    via_andere_wijk = client.post(reactie_url(eigen_van_zuilen, "zuilen"), {"tekst": "Hoi"})
    andere_wijk_eigen_sessie = client.post(reactie_url(opzet["sessie"], "zuilen"), {"tekst": "Hoi"})

    assert [via_eigen_wijk.status_code, via_andere_wijk.status_code,
            andere_wijk_eigen_sessie.status_code] == [404, 404, 404]  # fmt: skip
    assert Reactie.objects.count() == 0


@pytest.mark.parametrize("methode", ["get", "post"])
def test_anonymous_visitors_are_sent_to_the_login(client, opzet, methode):
    response = getattr(client, methode)(reactie_url(opzet["sessie"]), {"tekst": "Hoi"})

    assert response.status_code == 302
    assert response.url.startswith(reverse("account:login"))
    assert Reactie.objects.count() == 0


@pytest.mark.parametrize(
    ("wie", "verwacht"),
    [("deelnemer", 302), ("andere_wijk", 404), ("gestopt", 404), ("begeleider", 302),
     ("beoordelaar", 404)],
)  # fmt: skip
def test_who_may_react(client, opzet, wie, verwacht):
    """The POST's own access rows; the GET of the same address is in test_paginas.MATRIX."""
    client.force_login(opzet["mensen"][wie])

    response = client.post(reactie_url(opzet["sessie"]), {"tekst": "Mijn reactie."})

    assert response.status_code == verwacht
    assert Reactie.objects.count() == (1 if verwacht == 302 else 0)


def test_an_ended_participation_cannot_react_through_the_service_either(opzet):
    with pytest.raises(ReagerenKanNiet, match="U kunt deze bijeenkomst niet lezen"):
        plaats_reactie(bijeenkomst=opzet["sessie"], gebruiker=opzet["mensen"]["gestopt"],
                       tekst="Hoi")  # fmt: skip
    assert Reactie.objects.count() == 0


@pytest.mark.parametrize(
    ("wijziging", "melding"),
    [
        ({"verslagstatus": VASTGESTELD}, "Het verslag is vastgesteld; reageren kan niet meer."),
        ({"verslag": " "}, "Er is nog geen verslag om op te reageren."),
    ],
)
def test_the_service_refuses_what_the_verslag_does_not_allow(opzet, wijziging, melding):
    Bijeenkomst.objects.filter(pk=opzet["sessie"].pk).update(**wijziging)

    # The service reads the session anew: a page opened before staff finalised it is late.
    with pytest.raises(ReagerenKanNiet, match=melding):
        plaats_reactie(bijeenkomst=opzet["sessie"], gebruiker=opzet["mensen"]["deelnemer"],
                       tekst="Hoi")  # fmt: skip
    assert Reactie.objects.count() == 0


def test_staff_cannot_react_on_an_unpublished_concept(opzet):
    sessie = opzet["sessie"]
    Bijeenkomst.objects.filter(pk=sessie.pk).update(gepubliceerd=False)

    with pytest.raises(ReagerenKanNiet, match="nog niet gepubliceerd"):
        plaats_reactie(bijeenkomst=sessie, gebruiker=opzet["mensen"]["begeleider"], tekst="Hoi")


@pytest.mark.parametrize("tekst", ["", "   ", "a" * 2001, "a\x00b"])
def test_the_service_refuses_a_bad_text(opzet, tekst):
    with pytest.raises(ValidationError):
        plaats_reactie(bijeenkomst=opzet["sessie"], gebruiker=opzet["mensen"]["deelnemer"],
                       tekst=tekst)  # fmt: skip
    assert Reactie.objects.count() == 0


def test_the_reaction_page_shows_the_form_again_on_get(client, opzet):
    client.force_login(opzet["mensen"]["deelnemer"])

    pagina = client.get(reactie_url(opzet["sessie"]))
    head = client.head(reactie_url(opzet["sessie"]))

    assert pagina.status_code == 200
    assert "<h1>Reageren op het verslag</h1>" in pagina.text
    assert "Reactie plaatsen" in pagina.text
    assert head.status_code == 200
    assert Reactie.objects.count() == 0


def test_reactions_are_read_by_the_sessions_readers_only(opzet):
    reactie = ReactieFactory(bijeenkomst=opzet["sessie"])
    mensen = opzet["mensen"]

    lezers = {
        wie for wie, mens in mensen.items() if reactie in Reactie.objects.zichtbaar_voor(mens)
    }

    assert lezers == {"deelnemer", "begeleider"}


def test_session_page_query_count_does_not_grow_with_reactions(
    client, opzet, django_assert_max_num_queries
):
    sessie = opzet["sessie"]
    client.force_login(opzet["mensen"]["deelnemer"])
    ReactieFactory(bijeenkomst=sessie)

    def tel() -> int:
        with django_assert_max_num_queries(100) as context:
            assert client.get(sessie_url(sessie)).status_code == 200
        return len(context.captured_queries)

    een = tel()
    for _ in range(19):
        ReactieFactory(bijeenkomst=sessie, gebruiker__first_name="Iemand")
    twintig = tel()

    assert Reactie.objects.count() == 20
    assert twintig == een


# Mails


def ontvangers_en_onderwerpen() -> list[tuple[str, str]]:
    return [(mail["aan"][0], mail["onderwerp"]) for mail in wachtende_mails()]


def test_a_concept_is_mailed_once_and_the_final_verslag_once_more(opzet):
    sessie = opzet["sessie"]
    Bijeenkomst.objects.filter(pk=sessie.pk).update(verslag_gemeld="")
    sessie.refresh_from_db()

    assert sla_bijeenkomst_op(bijeenkomst=sessie).verslag == 1
    assert sla_bijeenkomst_op(bijeenkomst=sessie).verslag == 0
    sessie.verslagstatus = VASTGESTELD
    assert sla_bijeenkomst_op(bijeenkomst=sessie).verslag == 1
    assert sla_bijeenkomst_op(bijeenkomst=sessie).verslag == 0

    assert ontvangers_en_onderwerpen() == [
        ("dewi@voorbeeld.nl", "Conceptverslag online: Eerste gesprek"),
        ("dewi@voorbeeld.nl", "Verslag vastgesteld: Eerste gesprek"),
    ]
    concept, vastgesteld = (mail["tekst"] for mail in wachtende_mails())
    assert 'Het conceptverslag van "Eerste gesprek"' in concept
    assert "Reageer dan onder het verslag, zolang het nog een concept is." in concept
    assert f"{sessie_url(sessie)}" in concept
    assert 'Het verslag van "Eerste gesprek"' in vastgesteld
    assert "is vastgesteld." in vastgesteld
    assert all("ZQCONCEPTTEKST" not in mail["tekst"] for mail in wachtende_mails())


def test_a_changed_concept_is_mailed_as_changed_and_a_reopened_one_as_open_again(opzet):
    sessie = opzet["sessie"]
    sla_bijeenkomst_op(bijeenkomst=sessie)
    sessie.verslag += " Aangevuld."
    sla_bijeenkomst_op(bijeenkomst=sessie)
    sessie.verslagstatus = VASTGESTELD
    sla_bijeenkomst_op(bijeenkomst=sessie)
    sessie.verslagstatus = CONCEPT
    sla_bijeenkomst_op(bijeenkomst=sessie)

    assert [onderwerp for _, onderwerp in ontvangers_en_onderwerpen()] == [
        "Conceptverslag online: Eerste gesprek",
        "Conceptverslag bijgewerkt: Eerste gesprek",
        "Verslag vastgesteld: Eerste gesprek",
        "Verslag weer een concept: Eerste gesprek",
    ]


def test_a_verslag_announced_before_concepts_existed_is_not_announced_again(opzet):
    sessie = BijeenkomstFactory(casuswijk=opzet["wijk"], verslag="Oud verslag.")
    oude_vingerafdruk = hashlib.sha256(b"wijk\nOud verslag.").hexdigest()
    Bijeenkomst.objects.filter(pk=sessie.pk).update(verslag_gemeld=oude_vingerafdruk)
    sessie.refresh_from_db()

    assert meld_verslag(bijeenkomst=sessie) == 0
    assert wachtende_mails() == []


def test_a_final_verslag_published_straight_away_is_mailed_as_online(opzet):
    # Held yesterday: a session still to come would get its invitation mailed too.
    sessie = BijeenkomstFactory(
        casuswijk=opzet["wijk"],
        titel="Direct",
        verslag="Klaar.",
        begint_op=timezone.now() - timedelta(days=1),
    )

    sla_bijeenkomst_op(bijeenkomst=sessie)

    assert ontvangers_en_onderwerpen() == [("dewi@voorbeeld.nl", "Verslag online: Direct")]


def test_vastgesteld_op_is_set_when_final_and_cleared_back_in_concept(opzet):
    sessie = opzet["sessie"]
    sla_bijeenkomst_op(bijeenkomst=sessie)
    assert sessie.vastgesteld_op is None

    moment = datetime(2027, 4, 1, 10, 0, tzinfo=UTC)
    sessie.verslagstatus = VASTGESTELD
    with time_machine.travel(moment, tick=False):
        sla_bijeenkomst_op(bijeenkomst=sessie)
    with time_machine.travel(moment + timedelta(days=1), tick=False):
        sla_bijeenkomst_op(bijeenkomst=sessie)
    sessie.refresh_from_db()
    assert sessie.vastgesteld_op == moment

    sessie.verslagstatus = CONCEPT
    sla_bijeenkomst_op(bijeenkomst=sessie)
    sessie.refresh_from_db()
    assert sessie.vastgesteld_op is None


def test_a_planned_session_without_notes_is_not_vastgesteld_yet(opzet):
    sessie = BijeenkomstFactory(casuswijk=opzet["wijk"])

    sla_bijeenkomst_op(bijeenkomst=sessie)

    assert (sessie.verslagstatus, sessie.vastgesteld_op) == (VASTGESTELD, None)


# Reports and public pages: the final version only


@pytest.fixture
def rapportwereld(opzet):
    """Besides the concept: a final session, both in the past and openbaar."""
    sessie = opzet["sessie"]
    Bijeenkomst.objects.filter(pk=sessie.pk).update(zichtbaarheid="openbaar")
    sessie.refresh_from_db()
    BijeenkomstFactory(casuswijk=opzet["wijk"], titel="Tweede gesprek", zichtbaarheid="openbaar",
                       begint_op=timezone.now() - timedelta(days=1),
                       verslag="Het ZQVASTGESTELDETEKST verslag.")  # fmt: skip
    return opzet


def _stel_vast(sessie) -> None:
    sessie.verslagstatus = VASTGESTELD
    sla_bijeenkomst_op(bijeenkomst=sessie)


@pytest.mark.parametrize("wie", ["deelnemer", "begeleider"])
def test_the_report_shows_final_notes_and_says_when_there_is_only_a_concept(
    client, rapportwereld, wie
):
    client.force_login(rapportwereld["mensen"][wie])
    url = reverse("casuswijken:rapport", args=["lombok"]) + "?intern=1"

    pagina = client.get(url)

    assert "ZQVASTGESTELDETEKST" in pagina.text
    assert "ZQCONCEPTTEKST" not in pagina.text
    assert NOG_CONCEPT in pagina.text

    _stel_vast(rapportwereld["sessie"])
    pagina = client.get(url)

    assert "ZQCONCEPTTEKST" in pagina.text
    assert NOG_CONCEPT not in pagina.text


def test_the_report_pdf_shows_final_notes_and_says_when_there_is_only_a_concept(
    client, rapportwereld
):
    client.force_login(rapportwereld["mensen"]["deelnemer"])
    url = reverse("casuswijken:rapport_pdf", args=["lombok"])

    tekst = pdf_tekst(client.get(url).content)

    assert "ZQVASTGESTELDETEKST" in tekst
    assert "ZQCONCEPTTEKST" not in tekst
    assert NOG_CONCEPT in tekst

    _stel_vast(rapportwereld["sessie"])
    tekst = pdf_tekst(client.get(url).content)

    assert "ZQCONCEPTTEKST" in tekst
    assert NOG_CONCEPT not in tekst


def test_the_public_session_page_shows_only_a_final_verslag(client, rapportwereld):
    oproep, sessie = rapportwereld["oproep"], rapportwereld["sessie"]
    url = reverse("leren:openbare_bijeenkomst", args=[oproep.slug, sessie.pk])

    pagina = client.get(url)

    assert pagina.status_code == 200
    assert "ZQCONCEPTTEKST" not in pagina.text
    assert NOG_CONCEPT in pagina.text

    _stel_vast(sessie)
    pagina = client.get(url)

    assert "ZQCONCEPTTEKST" in pagina.text
    assert NOG_CONCEPT not in pagina.text


def test_the_network_page_and_report_show_no_concept_text(client, rapportwereld):
    client.force_login(rapportwereld["mensen"]["deelnemer"])
    slug = rapportwereld["oproep"].slug

    for url in [reverse("leren:netwerk", args=[slug]), reverse("leren:netwerkrapport", args=[slug]),
                reverse("leren:opbrengsten", args=[slug])]:  # fmt: skip
        pagina = client.get(url)
        assert pagina.status_code == 200
        assert "ZQCONCEPTTEKST" not in pagina.text


# The admin


def _admin_gegevens(client, url) -> dict:
    pagina = client.get(url).context
    formulier = pagina["adminform"].form
    gegevens = {naam: formulier[naam].value() for naam in formulier.fields}
    sessie = formulier.instance
    gegevens = {naam: waarde for naam, waarde in gegevens.items() if waarde is not None}
    gegevens.update(lege_inlines(pagina))
    gegevens.update({
        "begint_op_0": timezone.localtime(sessie.begint_op).strftime("%d-%m-%Y"),
        "begint_op_1": timezone.localtime(sessie.begint_op).strftime("%H:%M:%S"),
        "eindigt_op_0": timezone.localtime(sessie.eindigt_op).strftime("%d-%m-%Y"),
        "eindigt_op_1": timezone.localtime(sessie.eindigt_op).strftime("%H:%M:%S"),
        "begeleiders": [],
        "afronden": [],
        "actiepunten-TOTAL_FORMS": "0", "actiepunten-INITIAL_FORMS": "0",
    })  # fmt: skip
    gegevens = {naam: waarde for naam, waarde in gegevens.items() if waarde is not False}
    return gegevens


def test_staff_mark_the_verslag_final_in_the_admin_and_see_the_reactions(client, opzet):
    sessie = opzet["sessie"]
    reactie = ReactieFactory(bijeenkomst=sessie, tekst="Graag de ZQREACTIE erbij.")
    client.force_login(opzet["mensen"]["begeleider"])
    url = reverse("admin:casuswijken_bijeenkomst_change", args=[sessie.pk])

    pagina = client.get(url)
    assert "Graag de ZQREACTIE erbij." in pagina.text
    assert 'name="verslagstatus"' in pagina.text
    assert "Terug naar concept kan" in pagina.text
    assert 'name="reacties-0-tekst"' not in pagina.text  # read only

    gegevens = _admin_gegevens(client, url)
    gegevens.update({
        "verslagstatus": "vastgesteld",
        "reacties-TOTAL_FORMS": "1", "reacties-INITIAL_FORMS": "1",
        "reacties-0-id": str(reactie.pk), "reacties-0-bijeenkomst": str(sessie.pk),
    })  # fmt: skip
    response = client.post(url, gegevens)

    assert response.status_code == 302, response.context["adminform"].form.errors
    sessie.refresh_from_db()
    assert sessie.verslagstatus == VASTGESTELD
    assert sessie.vastgesteld_op is not None
    assert Reactie.objects.filter(pk=reactie.pk).exists()


def test_staff_may_delete_an_improper_reaction_in_the_admin(client, opzet):
    sessie = opzet["sessie"]
    reactie = ReactieFactory(bijeenkomst=sessie)
    blijft = ReactieFactory(bijeenkomst=sessie)
    client.force_login(opzet["mensen"]["begeleider"])
    url = reverse("admin:casuswijken_bijeenkomst_change", args=[sessie.pk])

    gegevens = _admin_gegevens(client, url)
    gegevens.update({
        "reacties-TOTAL_FORMS": "2", "reacties-INITIAL_FORMS": "2",
        "reacties-0-id": str(reactie.pk), "reacties-0-bijeenkomst": str(sessie.pk),
        "reacties-0-DELETE": "on",
        "reacties-1-id": str(blijft.pk), "reacties-1-bijeenkomst": str(sessie.pk),
    })  # fmt: skip
    response = client.post(url, gegevens)

    assert response.status_code == 302
    assert list(Reactie.objects.all()) == [blijft]


def test_beheer_sees_the_admin_page_of_a_session_with_reactions(client, opzet):
    ReactieFactory(bijeenkomst=opzet["sessie"])
    client.force_login(StaffFactory(beheer=True))

    pagina = client.get(reverse("admin:casuswijken_bijeenkomst_change", args=[opzet["sessie"].pk]))

    assert pagina.status_code == 200
    assert "Reacties op het concept (alleen lezen; een ongepaste reactie kunt u verwijderen)" in (
        pagina.text
    )


def test_a_reaction_placed_while_staff_edit_does_not_fail_their_save(client, opzet):
    sessie = opzet["sessie"]
    client.force_login(opzet["mensen"]["begeleider"])
    url = reverse("admin:casuswijken_bijeenkomst_change", args=[sessie.pk])
    gegevens = _admin_gegevens(client, url)  # the page without reactions, so without inline
    ReactieFactory(bijeenkomst=sessie)

    gegevens["verslagstatus"] = "vastgesteld"
    response = client.post(url, gegevens)

    assert response.status_code == 302
    sessie.refresh_from_db()
    assert sessie.verslagstatus == VASTGESTELD
    assert Reactie.objects.count() == 1


def test_a_session_without_reactions_has_no_reactions_table_in_the_admin(client, opzet):
    client.force_login(opzet["mensen"]["begeleider"])

    pagina = client.get(reverse("admin:casuswijken_bijeenkomst_change", args=[opzet["sessie"].pk]))

    assert 'id="reacties-group"' not in pagina.text
