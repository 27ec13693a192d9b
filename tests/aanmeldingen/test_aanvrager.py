"""The applicant's own pages behind the secret link: concept, overview, edit, withdraw."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from aanmeldingen.enums import Status
from aanmeldingen.models import Aanmelding, Revisie, Statuswijziging
from aanmeldingen.services import stuur_nieuwe_link
from tests.conftest import wachtende_mails
from tests.factories import (
    AanmeldingFactory,
    OproepFactory,
    aanmeld_data,
    geef_link,
    lid_data,
    link_uit_mail,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def oproep():
    return OproepFactory(slug="gemengde-wijk")


@pytest.fixture
def url(oproep):
    return reverse("aanmeldingen:aanmelden", kwargs={"slug": oproep.slug})


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


def bewerk_data(aanmelding: Aanmelding, **velden) -> dict:
    """A complete edit POST starting from the stored version of the application."""
    return aanmeld_data(
        indieningssleutel=str(aanmelding.indieningssleutel),
        versie=str(aanmelding.versie),
        **velden,
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
        (["lid1@voorbeeld.nl"], "Uw concept-aanmelding is bewaard: Kanaleneiland")
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


def test_link_is_stored_only_as_a_hash(client, url):
    client.post(url, concept_data())

    token = link_uit_mail(wachtende_mails()[0]).split("/")[2]
    aanmelding = Aanmelding.objects.get()
    assert len(token) >= 43
    assert token not in aanmelding.toegang_hash
    assert len(aanmelding.toegang_hash) == 64


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

    response = client.post(wijzig(link), bewerk_data(aanmelding, actie="indienen"))

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
    assert "Gemeente" in [fout.veld for fout in response.context["fouten"]]
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


def test_submitted_application_is_changed_with_a_revision_and_a_mail(client):
    aanmelding = AanmeldingFactory(wijknaam="Oud-Zuid")
    link = geef_link(aanmelding)
    data = bewerk_data(aanmelding, wijknaam="Nieuw-Zuid", actie="opslaan")

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
        (["lid1@voorbeeld.nl"], "Aanmelding gewijzigd: Nieuw-Zuid (Utrecht)")
    ]
    assert "- Wijknaam" in mails[0]["tekst"]
    assert link_uit_mail(mails[0]) == link


def test_saving_without_changes_records_no_revision(client):
    aanmelding = AanmeldingFactory()
    link = geef_link(aanmelding)
    client.post(wijzig(link), bewerk_data(aanmelding, actie="opslaan"))
    aanmelding.refresh_from_db()

    response = client.post(wijzig(link), bewerk_data(aanmelding, actie="opslaan"), follow=True)

    assert "Er was niets veranderd" in response.text
    assert Revisie.objects.count() == 1


def test_stale_form_is_refused_and_keeps_what_was_typed(client):
    aanmelding = AanmeldingFactory()
    link = geef_link(aanmelding)
    oud_formulier = bewerk_data(aanmelding, wijknaam="Mijn versie", actie="opslaan")
    client.post(wijzig(link), bewerk_data(aanmelding, wijknaam="Collega's versie", actie="opslaan"))

    response = client.post(wijzig(link), oud_formulier)

    assert response.status_code == 409
    assert "Iemand heeft deze aanmelding gewijzigd nadat u dit formulier opende" in response.text
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
    assert "Deze aanmelding kan niet meer worden gewijzigd" in response.text
    aanmelding.refresh_from_db()
    assert aanmelding.wijknaam == "Op tijd"
    assert "Aanmelding wijzigen" not in overzicht.text
    assert "de aanmelding kan niet meer worden gewijzigd" in overzicht.text


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

    assert client.get(oude_link + achtervoegsel).status_code == 404
    if achtervoegsel:
        assert client.post(oude_link + achtervoegsel).status_code == 404
    nieuwe_link = link_uit_mail(wachtende_mails()[0])
    assert client.get(nieuwe_link + achtervoegsel).status_code == 200


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
