"""The applicant's own pages behind the secret link: concept, overview, edit, withdraw."""

import hashlib
import uuid
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from aanmeldingen.enums import Status
from aanmeldingen.models import AANVRAGERVELDEN, Aanmelding, Revisie, Statuswijziging
from aanmeldingen.services import stuur_nieuwe_link
from netwerk.mail import bezorg_email
from netwerk.persoonsgegevens import PLAATSHOUDER
from tests.conftest import wachtende_mails
from tests.factories import (
    AanmeldingFactory,
    OproepFactory,
    aanmeld_data,
    geef_link,
    leden_van,
    lid_data,
    link_uit_mail,
)

pytestmark = pytest.mark.django_db


def concept_data(**velden) -> dict:
    """A concept as far as it got: a neighbourhood name and the contact person only."""
    data = aanmeld_data(
        leden=[lid_data(1, organisatie="", functie="", domein="", organisatietype="")],
        wijkbeschrijving="",
        aanpak="",
        leervraag_verwachtingen="",
        leervraag_opbrengsten="",
        leervraag_randvoorwaarden="",
        leervraag_interventies="",
        bestaande_interventies="",
        provincie="",
        cbs_wijkcode="",
        gemeente="",
        actie="concept",
    )
    data["leden-TOTAL_FORMS"] = "3"
    data.update(velden)
    return data


def wijzig(link: str) -> str:
    return link + "wijzigen/"


def bewerk_data(aanmelding: Aanmelding, *, leden: list[dict] | None = None, **velden) -> dict:
    """An edit POST of the stored version as it is, with what a test changes."""
    return aanmeld_data(
        leden=leden if leden is not None else leden_van(aanmelding),
        indieningssleutel=str(aanmelding.indieningssleutel),
        versie=str(aanmelding.versie),
        **{**{naam: getattr(aanmelding, naam) for naam in AANVRAGERVELDEN}, **velden},
    )


def test_concept_with_partial_answers_is_saved_and_its_link_mailed(client, url, oproep):
    response = client.post(url, concept_data())

    assert response.status_code == 302
    assert response.url == reverse("aanmeldingen:concept_opgeslagen", kwargs={"slug": oproep.slug})
    aanmelding = Aanmelding.objects.get()
    assert (aanmelding.status, aanmelding.wijknaam, aanmelding.gemeente) == (
        Status.CONCEPT,
        "Kanaleneiland",
        "",
    )
    assert [lid.email for lid in aanmelding.leden.all()] == ["lid1@voorbeeld.nl"]
    assert aanmelding.ingediend_op is None
    assert Statuswijziging.objects.count() == 0
    mails = wachtende_mails()
    assert [(mail["aan"], mail["onderwerp"]) for mail in mails] == [
        (["lid1@voorbeeld.nl"], "Uw conceptaanmelding is opgeslagen: Kanaleneiland")
    ]
    link = link_uit_mail(mails[0])
    assert client.get(link).context["aanmelding"] == aanmelding


def test_concept_saved_page_says_the_link_is_the_key_and_until_when(client, url, oproep):
    response = client.post(url, concept_data(), follow=True)

    aanmelding = Aanmelding.objects.get()
    assert response.status_code == 200
    assert "De link is de sleutel tot uw aanmelding" in response.text
    geldig = timezone.localtime(aanmelding.toegang_verloopt_op)
    assert f"De link werkt tot en met {geldig.day} " in response.text
    assert "lid1@voorbeeld.nl" in response.text


def test_link_is_stored_as_selector_and_hash_of_the_verifier_only(client, url):
    client.post(url, concept_data())

    token = link_uit_mail(wachtende_mails()[0]).split("/")[2]
    selector, verifier = token[:12], token[12:]
    aanmelding = Aanmelding.objects.get()
    assert len(verifier) == 43
    assert aanmelding.toegang_selector == selector
    assert aanmelding.toegang_hash == hashlib.sha256(verifier.encode()).hexdigest()
    opgeslagen = Aanmelding.objects.filter(pk=aanmelding.pk).values().get()
    assert [veld for veld, waarde in opgeslagen.items() if verifier in str(waarde)] == []


def test_right_selector_with_a_wrong_verifier_answers_404(client):
    link = geef_link(AanmeldingFactory())
    token = link.split("/")[2]

    response = client.get(f"/aanmelding/{token[:12]}{'A' * 43}/")

    assert response.status_code == 404


@pytest.mark.parametrize(
    ("velden", "melding"),
    [
        (
            {"leden-0-email": ""},
            "Kies één contactpersoon en vul diens e-mailadres in: daar sturen we de link "
            "naar het concept heen.",
        ),
        (
            {"cbs_wijkcode": "WK12"},
            "Een CBS-wijkcode bestaat uit WK en zes cijfers, bijvoorbeeld WK036301.",
        ),
        ({"leden-0-email": "geen-adres"}, "Voer een geldig e-mailadres in."),
        ({"privacy_akkoord": None}, "Geef toestemming om de aanmelding te kunnen verwerken."),
    ],
)
def test_concept_refuses_what_is_filled_in_wrongly(client, url, velden, melding):
    data = concept_data(**velden)
    data = {naam: waarde for naam, waarde in data.items() if waarde is not None}

    response = client.post(url, data)

    assert response.status_code == 422
    assert [fout.tekst for fout in response.context["fouten"]] == [melding]
    assert Aanmelding.objects.count() == 0
    assert wachtende_mails() == []


def test_concept_is_continued_through_the_link_and_submitted(client, url, oproep):
    client.post(url, concept_data())
    link = link_uit_mail(wachtende_mails()[0])
    aanmelding = Aanmelding.objects.get()

    formulier = client.get(wijzig(link))
    assert formulier.status_code == 200
    assert formulier.context["form"]["wijknaam"].value() == "Kanaleneiland"
    assert formulier.context["formset"].forms[0]["email"].value() == "lid1@voorbeeld.nl"

    response = client.post(
        wijzig(link),
        bewerk_data(
            aanmelding,
            leden=[lid_data(1), lid_data(2), lid_data(3)],
            actie="indienen",
            **{naam: waarde for naam, waarde in aanmeld_data().items() if naam in AANVRAGERVELDEN},
        ),
    )

    assert response.status_code == 302
    assert response.url == link
    aanmelding.refresh_from_db()
    assert aanmelding.status == Status.INGEDIEND
    assert aanmelding.ingediend_op is not None
    assert aanmelding.leden.count() == 3
    assert list(aanmelding.statuswijzigingen.values_list("van", "naar")) == [
        (Status.CONCEPT, Status.INGEDIEND)
    ]
    mails = wachtende_mails()[1:]
    assert [mail["aan"] for mail in mails] == [
        ["lid1@voorbeeld.nl"],
        ["lid2@voorbeeld.nl"],
        ["lid3@voorbeeld.nl"],
    ]
    assert link_uit_mail(mails[0]) == link
    assert link not in mails[1]["tekst"]
    overzicht = client.get(link)
    assert "Uw aanmelding is ingediend." in overzicht.text
    assert "Ingediend: wij hebben uw aanmelding ontvangen" in overzicht.text


def test_concept_saved_again_through_the_link_stays_a_concept(client, url):
    client.post(url, concept_data())
    link = link_uit_mail(wachtende_mails()[0])
    aanmelding = Aanmelding.objects.get()

    response = client.post(
        wijzig(link),
        concept_data(
            versie="1", indieningssleutel=str(aanmelding.indieningssleutel), gemeente="Utrecht"
        ),
    )

    assert response.status_code == 302
    aanmelding.refresh_from_db()
    assert (aanmelding.status, aanmelding.gemeente, aanmelding.versie) == (
        Status.CONCEPT,
        "Utrecht",
        2,
    )
    assert Revisie.objects.count() == 0
    assert len(wachtende_mails()) == 1


def test_concept_submitted_incomplete_through_the_link_is_refused(client, url):
    client.post(url, concept_data())
    link = link_uit_mail(wachtende_mails()[0])
    aanmelding = Aanmelding.objects.get()

    response = client.post(
        wijzig(link),
        concept_data(
            versie="1", indieningssleutel=str(aanmelding.indieningssleutel), actie="indienen"
        ),
    )

    assert response.status_code == 422
    assert "Vul de gemeente in." in [fout.tekst for fout in response.context["fouten"]]
    aanmelding.refresh_from_db()
    assert (aanmelding.status, aanmelding.versie) == (Status.CONCEPT, 1)


def test_overview_shows_the_application_with_status_in_plain_words(client):
    aanmelding = AanmeldingFactory(wijknaam="Lombok", in_behandeling=True)
    link = geef_link(aanmelding)

    response = client.get(link)

    assert response.status_code == 200
    assert "<h1>Uw aanmelding: Lombok (Utrecht)</h1>" in response.text
    assert "In beoordeling" in response.text
    assert "in_behandeling" not in response.text
    assert aanmelding.leervraag_interventies in response.text


@pytest.mark.parametrize("status", [Status.GESELECTEERD, Status.RESERVE, Status.AFGEWEZEN])
def test_overview_does_not_reveal_a_decision_before_it_is_sent(client, status):
    aanmelding = AanmeldingFactory(status=status)

    response = client.get(geef_link(aanmelding))

    assert response.context["aanmelding"].status_voor_aanvrager == "In beoordeling"
    assert status.label not in response.text


@pytest.mark.parametrize(
    ("status", "besluit", "vervolg"),
    [
        (
            Status.GESELECTEERD,
            "Gekozen als casuswijk",
            "een uitnodiging voor de pagina's van de casuswijk",
        ),
        (Status.RESERVE, "Op de reservelijst", "Komt er een plaats vrij"),
        (Status.AFGEWEZEN, "Niet gekozen", "openbare resultaten"),
    ],
)
def test_overview_after_the_decision_is_sent_states_it_and_what_follows(
    client, status, besluit, vervolg
):
    aanmelding = AanmeldingFactory(
        status=status, oproep__gesloten=True, besluit_verzonden_op=timezone.now()
    )

    response = client.get(geef_link(aanmelding))

    tekst = " ".join(response.text.split())
    assert f"<strong>{besluit}</strong>" in tekst
    assert vervolg in tekst.replace("&#x27;", "'")
    assert "In beoordeling" not in tekst
    assert "U hoort" not in tekst
    assert "of uw wijk is gekozen" not in tekst


def test_overview_in_review_after_the_deadline_says_the_decision_follows_by_mail(client):
    aanmelding = AanmeldingFactory(in_behandeling=True, oproep__gesloten=True)

    response = client.get(geef_link(aanmelding))

    tekst = " ".join(response.text.split())
    assert "<strong>In beoordeling</strong>" in tekst
    assert "U hoort per e-mail of uw wijk is gekozen." in tekst


def test_submitted_application_is_changed_with_a_revision_and_a_mail(client):
    aanmelding = AanmeldingFactory(wijknaam="Oud-Zuid")
    link = geef_link(aanmelding)
    leden = leden_van(aanmelding)
    leden[1]["functie"] = "Directeur"
    data = bewerk_data(aanmelding, leden=leden, wijknaam="Nieuw-Zuid", actie="opslaan")

    response = client.post(wijzig(link), data)

    assert response.status_code == 302
    aanmelding.refresh_from_db()
    assert (aanmelding.status, aanmelding.wijknaam, aanmelding.versie) == (
        Status.INGEDIEND,
        "Nieuw-Zuid",
        2,
    )
    revisie = Revisie.objects.get()
    wijzigingen = {wijziging["veld"]: wijziging for wijziging in revisie.wijzigingen}
    assert wijzigingen["wijknaam"] == {"veld": "wijknaam", "oud": "Oud-Zuid", "nieuw": "Nieuw-Zuid"}
    assert "coalitie" in wijzigingen
    mails = wachtende_mails()
    assert [(mail["aan"], mail["onderwerp"]) for mail in mails] == [
        ([aanmelding.contactpersoon.email], "Aanmelding gewijzigd: Nieuw-Zuid (Utrecht)")
    ]
    assert "- Wijknaam\n- Coalitie" in mails[0]["tekst"]
    assert link_uit_mail(mails[0]) == link


def test_new_contact_person_gets_the_link_and_the_previous_one_is_told(client):
    aanmelding = AanmeldingFactory(wijknaam="Lombok")
    vorige = aanmelding.contactpersoon.email
    link = geef_link(aanmelding)
    leden = leden_van(aanmelding)
    del leden[0]["is_contactpersoon"]
    leden[1]["is_contactpersoon"] = "on"

    client.post(wijzig(link), bewerk_data(aanmelding, leden=leden, actie="opslaan"))

    mails = wachtende_mails()
    assert [(mail["aan"], mail["onderwerp"]) for mail in mails] == [
        ([leden[1]["email"]], "Aanmelding gewijzigd: Lombok (Utrecht)"),
        ([vorige], "U bent niet langer de contactpersoon: Lombok (Utrecht)"),
    ]
    assert link_uit_mail(mails[0]) == link
    assert "/aanmelding/" not in mails[1]["tekst"]


def test_member_added_after_submission_is_told_they_were_named(client):
    aanmelding = AanmeldingFactory(wijknaam="Lombok")
    link = geef_link(aanmelding)
    leden = [*leden_van(aanmelding), lid_data(9, email="nieuw@voorbeeld.nl")]

    client.post(wijzig(link), bewerk_data(aanmelding, leden=leden, actie="opslaan"))

    assert [(mail["aan"], mail["onderwerp"]) for mail in wachtende_mails()] == [
        ([aanmelding.contactpersoon.email], "Aanmelding gewijzigd: Lombok (Utrecht)"),
        (["nieuw@voorbeeld.nl"], "U staat in een aanmelding voor het leernetwerk Gemengde Wijk"),
    ]


def test_saving_without_changes_records_no_revision_and_sends_nothing(client):
    aanmelding = AanmeldingFactory()
    link = geef_link(aanmelding)

    response = client.post(wijzig(link), bewerk_data(aanmelding, actie="opslaan"), follow=True)

    assert "U hebt niets gewijzigd" in response.text
    assert Revisie.objects.count() == 0
    assert wachtende_mails() == []


def test_stale_form_is_refused_and_keeps_what_was_typed(client):
    aanmelding = AanmeldingFactory()
    link = geef_link(aanmelding)
    oud_formulier = bewerk_data(aanmelding, wijknaam="Mijn versie", actie="opslaan")
    client.post(wijzig(link), bewerk_data(aanmelding, wijknaam="Collega's versie", actie="opslaan"))

    response = client.post(wijzig(link), oud_formulier)

    assert response.status_code == 409
    assert "Iemand heeft deze aanmelding opgeslagen nadat u dit formulier opende" in response.text
    assert response.context["form"]["wijknaam"].value() == "Mijn versie"
    aanmelding.refresh_from_db()
    assert (aanmelding.wijknaam, aanmelding.versie) == ("Collega's versie", 2)
    assert Revisie.objects.count() == 1


def test_edit_form_without_a_version_is_refused_as_stale(client):
    aanmelding = AanmeldingFactory(wijknaam="Oud")
    link = geef_link(aanmelding)
    data = bewerk_data(aanmelding, wijknaam="Nieuw", actie="opslaan")
    del data["versie"]

    response = client.post(wijzig(link), data)

    assert response.status_code == 409
    aanmelding.refresh_from_db()
    assert aanmelding.wijknaam == "Oud"


def test_editing_works_until_the_deadline_and_is_refused_after_it(client):
    deadline = timezone.now() + timedelta(days=2)
    aanmelding = AanmeldingFactory(wijknaam="Oud", oproep=OproepFactory(deadline=deadline))
    link = geef_link(aanmelding)

    with time_machine.travel(deadline - timedelta(minutes=1)):
        assert client.get(wijzig(link)).status_code == 200
        client.post(wijzig(link), bewerk_data(aanmelding, wijknaam="Op tijd", actie="opslaan"))
    aanmelding.refresh_from_db()
    assert aanmelding.wijknaam == "Op tijd"

    with time_machine.travel(deadline + timedelta(minutes=1)):
        formulier = client.get(wijzig(link))
        response = client.post(
            wijzig(link), bewerk_data(aanmelding, wijknaam="Te laat", actie="opslaan"), follow=True
        )
        overzicht = client.get(link)

    assert formulier.status_code == 302
    verstreken = (
        "De termijn van de oproep is verstreken; de aanmelding kan niet meer worden gewijzigd."
    )
    assert [str(bericht) for bericht in response.context["messages"]][-1] == verstreken
    aanmelding.refresh_from_db()
    assert aanmelding.wijknaam == "Op tijd"
    assert "Aanmelding wijzigen" not in overzicht.text
    assert verstreken in overzicht.text


def test_withdraw_asks_for_confirmation_first(client):
    aanmelding = AanmeldingFactory()
    link = geef_link(aanmelding)

    response = client.get(link + "intrekken/")

    assert response.status_code == 200
    assert "Weet u zeker dat u de aanmelding wilt intrekken?" in response.text
    aanmelding.refresh_from_db()
    assert aanmelding.status == Status.INGEDIEND


def test_withdrawn_application_is_read_only(client):
    aanmelding = AanmeldingFactory(wijknaam="Weg")
    link = geef_link(aanmelding)

    response = client.post(link + "intrekken/", follow=True)

    aanmelding.refresh_from_db()
    assert aanmelding.status == Status.INGETROKKEN
    assert list(aanmelding.statuswijzigingen.values_list("naar", flat=True)) == [Status.INGETROKKEN]
    assert "Uw aanmelding is ingetrokken." in response.text
    assert "Aanmelding wijzigen" not in response.text
    assert "Aanmelding intrekken" not in response.text
    assert [mail["onderwerp"] for mail in wachtende_mails()] == [
        f"Aanmelding ingetrokken: Weg ({aanmelding.gemeente})"
    ]
    assert client.get(wijzig(link)).status_code == 302
    client.post(wijzig(link), bewerk_data(aanmelding, wijknaam="Terug", actie="opslaan"))
    aanmelding.refresh_from_db()
    assert (aanmelding.wijknaam, aanmelding.status) == ("Weg", Status.INGETROKKEN)


def test_withdraw_is_refused_after_a_decision(client):
    aanmelding = AanmeldingFactory(geselecteerd=True)
    link = geef_link(aanmelding)

    response = client.post(link + "intrekken/")

    assert response.status_code == 302
    aanmelding.refresh_from_db()
    assert aanmelding.status == Status.GESELECTEERD


@pytest.mark.parametrize("achtervoegsel", ["", "wijzigen/", "intrekken/"])
def test_wrong_token_answers_404(client, achtervoegsel):
    AanmeldingFactory()

    response = client.get(f"/aanmelding/{'x' * 43}/{achtervoegsel}")

    assert response.status_code == 404


@pytest.mark.parametrize("achtervoegsel", ["", "wijzigen/", "intrekken/"])
def test_replaced_token_answers_404_and_the_new_one_works(client, achtervoegsel):
    aanmelding = AanmeldingFactory()
    oude_link = geef_link(aanmelding)
    stuur_nieuwe_link(aanmelding=aanmelding)
    (mail,) = wachtende_mails()

    bezorg_email(**mail)

    assert client.get(oude_link + achtervoegsel).status_code == 404
    if achtervoegsel:
        assert client.post(oude_link + achtervoegsel).status_code == 404
    assert client.get(link_uit_mail(mail) + achtervoegsel).status_code == 200


def test_expired_token_answers_404(client):
    aanmelding = AanmeldingFactory()
    link = geef_link(aanmelding)

    with time_machine.travel(aanmelding.toegang_verloopt_op + timedelta(seconds=1)):
        response = client.get(link)

    assert response.status_code == 404


def test_a_token_opens_only_its_own_application(client):
    eigen = AanmeldingFactory(wijknaam="Eigen wijk")
    andere = AanmeldingFactory(wijknaam="Andere wijk")
    geef_link(andere)

    response = client.get(geef_link(eigen))

    assert response.context["aanmelding"] == eigen
    assert "Andere wijk" not in response.text


@pytest.mark.parametrize("achtervoegsel", ["", "wijzigen/", "intrekken/"])
def test_pages_behind_the_link_are_not_cached_nor_sent_as_referrer(client, achtervoegsel):
    link = geef_link(AanmeldingFactory())

    response = client.get(link + achtervoegsel)

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.parametrize("achtervoegsel", ["wijzigen/", "intrekken/"])
def test_posts_behind_the_link_need_the_csrf_token(achtervoegsel):
    aanmelding = AanmeldingFactory()
    link = geef_link(aanmelding)
    client = Client(enforce_csrf_checks=True)

    response = client.post(link + achtervoegsel, bewerk_data(aanmelding, actie="opslaan"))

    assert response.status_code == 403
    aanmelding.refresh_from_db()
    assert (aanmelding.status, aanmelding.versie) == (Status.INGEDIEND, 1)


def test_after_a_stale_refusal_saving_again_replaces_the_current_version(client):
    aanmelding = AanmeldingFactory()
    link = geef_link(aanmelding)
    oud_formulier = bewerk_data(aanmelding, wijknaam="Mijn versie", actie="opslaan")
    client.post(wijzig(link), bewerk_data(aanmelding, wijknaam="Collega's versie", actie="opslaan"))
    geweigerd = client.post(wijzig(link), oud_formulier)
    assert geweigerd.context["form"]["versie"].value() == "2"
    assert 'href="' + link + '" target="_blank"' in geweigerd.text

    response = client.post(wijzig(link), {**oud_formulier, "versie": "2"})

    assert response.status_code == 302
    aanmelding.refresh_from_db()
    assert (aanmelding.wijknaam, aanmelding.versie) == ("Mijn versie", 3)


def test_same_browser_saving_the_form_again_updates_its_concept_and_mails_a_new_link(client, url):
    data = concept_data()
    client.post(url, data)
    eerste_link = link_uit_mail(wachtende_mails()[0])

    response = client.post(url, {**data, "leden-0-email": "juist@voorbeeld.nl"})

    assert response.status_code == 302
    aanmelding = Aanmelding.objects.get()
    assert aanmelding.contactpersoon.email == "juist@voorbeeld.nl"
    mails = wachtende_mails()
    assert [mail["aan"] for mail in mails] == [["lid1@voorbeeld.nl"], ["juist@voorbeeld.nl"]]
    assert client.get(link_uit_mail(mails[1])).status_code == 200
    assert client.get(eerste_link).status_code == 404


def test_double_click_on_concept_saves_once_and_mails_once(client, url):
    data = concept_data()

    client.post(url, data)
    client.post(url, data)

    assert Aanmelding.objects.count() == 1
    assert len(wachtende_mails()) == 1


def test_same_key_from_another_browser_does_not_change_the_concept(client, url):
    data = concept_data()
    client.post(url, data)

    Client().post(url, {**data, "leden-0-email": "kaper@voorbeeld.nl"})

    assert Aanmelding.objects.get().contactpersoon.email == "lid1@voorbeeld.nl"
    assert len(wachtende_mails()) == 1


def test_saving_concepts_does_not_use_up_the_submissions_of_an_address(client, url, settings):
    settings.AANMELDINGEN_PER_UUR = 2
    for nummer in range(2):
        client.post(url, concept_data(**{"leden-0-email": f"c{nummer}@voorbeeld.nl"}))
    te_veel = client.post(url, concept_data(**{"leden-0-email": "c9@voorbeeld.nl"}))

    response = client.post(url, aanmeld_data())

    assert te_veel.status_code == 429
    assert "al 2 keer een concept opgeslagen" in te_veel.text
    assert response.status_code == 302
    assert Aanmelding.objects.aanmeldingen().count() == 1


def test_this_browser_corrects_a_mistyped_contact_address_on_the_saved_page(client, url, oproep):
    client.post(url, concept_data())
    eerste_link = link_uit_mail(wachtende_mails()[0])
    pagina = reverse("aanmeldingen:concept_opgeslagen", kwargs={"slug": oproep.slug})

    response = client.post(pagina, {"email": "juist@voorbeeld.nl"}, follow=True)

    assert "Het e-mailadres is verbeterd." in response.text
    assert Aanmelding.objects.get().contactpersoon.email == "juist@voorbeeld.nl"
    mails = wachtende_mails()
    assert [mail["aan"] for mail in mails] == [["lid1@voorbeeld.nl"], ["juist@voorbeeld.nl"]]
    assert client.get(link_uit_mail(mails[1])).status_code == 200
    assert client.get(eerste_link).status_code == 404


def test_empty_corrected_address_says_what_to_fill_in(client, url, oproep):
    client.post(url, concept_data())
    pagina = reverse("aanmeldingen:concept_opgeslagen", kwargs={"slug": oproep.slug})

    response = client.post(pagina, {"email": ""})

    assert response.status_code == 422
    assert [fout.tekst for fout in response.context["fouten"]] == [
        "Vul het juiste e-mailadres van de contactpersoon in."
    ]
    assert Aanmelding.objects.get().contactpersoon.email == "lid1@voorbeeld.nl"


def test_another_browser_cannot_correct_the_contact_address(client, url, oproep):
    client.post(url, concept_data())
    pagina = reverse("aanmeldingen:concept_opgeslagen", kwargs={"slug": oproep.slug})

    response = Client().post(pagina, {"email": "kaper@voorbeeld.nl"})

    assert response.status_code == 302
    assert Aanmelding.objects.get().contactpersoon.email == "lid1@voorbeeld.nl"
    assert len(wachtende_mails()) == 1


def test_correcting_to_another_members_address_is_refused_at_the_field(client, url, oproep):
    data = concept_data(**{"leden-1-naam": "Tweede", "leden-1-email": "tweede@voorbeeld.nl"})
    client.post(url, data)
    pagina = reverse("aanmeldingen:concept_opgeslagen", kwargs={"slug": oproep.slug})

    response = client.post(pagina, {"email": "TWEEDE@voorbeeld.nl"})

    assert response.status_code == 422
    assert response.context["form"]["email"].errors == [
        "Dit e-mailadres staat al bij een ander lid van de coalitie."
    ]
    assert Aanmelding.objects.get().contactpersoon.email == "lid1@voorbeeld.nl"


def test_in_review_before_the_deadline_says_review_has_begun(client):
    link = geef_link(AanmeldingFactory(in_behandeling=True))

    response = client.get(wijzig(link), follow=True)

    assert [str(bericht) for bericht in response.context["messages"]] == [
        "De beoordeling is begonnen; de aanmelding kan niet meer worden gewijzigd."
    ]


def test_a_concept_continued_through_the_link_keeps_its_required_marks_after_errors(client):
    aanmelding = AanmeldingFactory(concept=True)
    link = geef_link(aanmelding)

    response = client.post(
        wijzig(link), bewerk_data(aanmelding, actie="concept", **{"leden-0-email": ""})
    )

    assert response.status_code == 422
    assert response.context["form"].fields["gemeente"].required is True
    assert 'for="id_gemeente" class="form-label requiredField">' in response.text


def test_a_concept_past_the_deadline_cannot_be_withdrawn_any_more(client):
    aanmelding = AanmeldingFactory(concept=True, oproep=OproepFactory(gesloten=True))
    link = geef_link(aanmelding)

    response = client.post(link + "intrekken/")

    assert response.status_code == 302
    aanmelding.refresh_from_db()
    assert aanmelding.status == Status.CONCEPT
    assert "Concept intrekken" not in client.get(link).text


def test_the_edit_page_does_not_carry_the_applications_own_key(client):
    aanmelding = AanmeldingFactory()

    response = client.get(wijzig(geef_link(aanmelding)))

    assert str(aanmelding.indieningssleutel) not in response.text


def test_posting_a_known_key_from_another_browser_reveals_and_binds_nothing(url, oproep):
    aanmelding = AanmeldingFactory(oproep=oproep)
    indringer = Client()

    response = indringer.post(
        url, aanmeld_data(indieningssleutel=str(aanmelding.indieningssleutel)), follow=True
    )

    assert response.redirect_chain[-1][0] == reverse(
        "aanmeldingen:oproep", kwargs={"slug": "gemengde-wijk"}
    )
    assert aanmelding.contactpersoon.email not in response.text
    correctie = indringer.post(
        reverse("aanmeldingen:concept_opgeslagen", kwargs={"slug": "gemengde-wijk"}),
        {"email": "kaper@voorbeeld.nl"},
    )
    assert correctie.status_code == 302
    assert wachtende_mails() == []


def test_going_back_after_a_colleague_changed_the_concept_is_refused(client, url):
    data = concept_data()
    client.post(url, data)
    aanmelding = Aanmelding.objects.get()
    link = link_uit_mail(wachtende_mails()[0])
    Client().post(
        wijzig(link),
        concept_data(versie="1", indieningssleutel=str(uuid.uuid4()), gemeente="Collega"),
    )

    response = client.post(url, {**data, "gemeente": "Mijn versie"})

    assert response.status_code == 409
    assert "via de persoonlijke link gewijzigd, of ingediend" in response.text
    aanmelding.refresh_from_db()
    assert aanmelding.gemeente == "Collega"


def test_going_back_after_a_colleague_submitted_is_refused_not_silently_dropped(client, url):
    data = concept_data()
    client.post(url, data)
    link = link_uit_mail(wachtende_mails()[0])
    aanmelding = Aanmelding.objects.get()
    Client().post(
        wijzig(link),
        bewerk_data(
            aanmelding,
            leden=[lid_data(1), lid_data(2), lid_data(3)],
            actie="indienen",
            **{n: w for n, w in aanmeld_data().items() if n in AANVRAGERVELDEN},
        ),
    )

    response = client.post(url, {**data, "gemeente": "Mijn versie"})

    assert response.status_code == 409


def test_resaving_from_the_form_counts_against_the_concept_limit(client, url, settings):
    settings.AANMELDINGEN_PER_UUR = 2
    data = concept_data()
    client.post(url, data)
    client.post(url, {**data, "leden-0-email": "ander@voorbeeld.nl"})

    response = client.post(url, {**data, "leden-0-email": "nog-een@voorbeeld.nl"})

    assert response.status_code == 429
    assert [mail["aan"] for mail in wachtende_mails()] == [
        ["lid1@voorbeeld.nl"],
        ["ander@voorbeeld.nl"],
    ]


def test_the_browser_binding_ends_after_an_hour(client, url, oproep):
    client.post(url, concept_data())
    pagina = reverse("aanmeldingen:concept_opgeslagen", kwargs={"slug": oproep.slug})

    with time_machine.travel(timezone.now() + timedelta(minutes=61)):
        response = client.post(pagina, {"email": "later@voorbeeld.nl"})

    assert response.status_code == 302
    assert Aanmelding.objects.get().contactpersoon.email == "lid1@voorbeeld.nl"


def test_the_edit_form_says_which_member_was_erased_on_request(client):
    aanmelding = AanmeldingFactory()
    link = geef_link(aanmelding)
    ander = aanmelding.leden.filter(is_contactpersoon=False).first()
    ander.naam, ander.email = PLAATSHOUDER, ""
    ander.save()

    response = client.get(wijzig(link))

    assert response.status_code == 200
    assert response.text.count("De gegevens van dit lid zijn op eigen verzoek verwijderd") == 1
