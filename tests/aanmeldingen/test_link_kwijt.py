"""'Link kwijt?': the lookup and the mail happen in the task worker, so these tests run it."""

import pytest
from django.core.cache import caches
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from aanmeldingen.services import stuur_nieuwe_link, vervang_link
from netwerk.mail import NIET_VERSTUURD, TAAKPAD
from tests.conftest import werk_wachtrij_af
from tests.factories import AanmeldingFactory, OproepFactory, geef_link, link_uit_mail

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _lege_tellers(transactional_db):
    # The rate-limit counters live in a cache table that a transactional test's flush
    # does not empty.
    caches["ratelimit"].clear()


def verstuurde_mails(mailoutbox) -> list[dict]:
    werk_wachtrij_af()
    return [{"aan": mail.to, "tekst": mail.body} for mail in mailoutbox]


@pytest.fixture
def aanmelding():
    return AanmeldingFactory(oproep=OproepFactory(slug="gemengde-wijk"))


@pytest.fixture
def url(aanmelding):
    return reverse("aanmeldingen:link_kwijt", kwargs={"slug": "gemengde-wijk"})


def test_known_contact_address_gets_a_new_link_and_the_old_one_stops(
    client, url, aanmelding, mailoutbox
):
    oude_link = geef_link(aanmelding)
    contact = aanmelding.contactpersoon.email

    response = client.post(url, {"email": contact.upper()})

    assert response.status_code == 200
    mails = verstuurde_mails(mailoutbox)
    assert [mail["aan"] for mail in mails] == [[contact]]
    assert "Heeft u geen nieuwe link gevraagd?" in mails[0]["tekst"]
    nieuwe_link = link_uit_mail(mails[0])
    assert client.get(nieuwe_link).status_code == 200
    assert client.get(oude_link).status_code == 404


def test_two_requests_before_the_first_mail_went_out_send_only_the_latest_link(
    client, url, aanmelding, mailoutbox
):
    """The first mail would bring a link that never works: it is not sent at all."""
    oude_link = geef_link(aanmelding)
    contact = aanmelding.contactpersoon.email

    client.post(url, {"email": contact})
    client.post(url, {"email": contact})

    (mail,) = verstuurde_mails(mailoutbox)
    assert client.get(link_uit_mail(mail)).status_code == 200
    assert client.get(oude_link).status_code == 404
    assert (
        DBTaskResult.objects.filter(
            task_path=TAAKPAD, status="SUCCESSFUL", return_value=NIET_VERSTUURD
        ).count()
        == 1
    )


def test_a_link_mail_overtaken_by_a_decision_mail_is_not_sent(client, aanmelding, mailoutbox):
    """A decision mail brings a new link of its own (vervang_link): a link mail still
    waiting would bring a dead one."""
    stuur_nieuwe_link(aanmelding=aanmelding)
    nieuwste = vervang_link(aanmelding=aanmelding)

    assert verstuurde_mails(mailoutbox) == []
    assert client.get(nieuwste).status_code == 200


def test_known_and_unknown_addresses_get_the_same_answer(client, url, aanmelding, mailoutbox):
    lid = aanmelding.leden.filter(is_contactpersoon=False).first()
    lid.email = "bekend@voorbeeld.nl"
    lid.save()
    aanmelding.leden.filter(is_contactpersoon=True).update(email="contact@voorbeeld.nl")

    bekend = client.post(url, {"email": "contact@voorbeeld.nl"})
    onbekend = client.post(url, {"email": "onbekend@voorbeeld.nl"})
    geen_contact = client.post(url, {"email": "bekend@voorbeeld.nl"})

    def zonder_adres(response, adres):
        return response.content.decode().replace(adres, "ADRES")

    assert bekend.status_code == onbekend.status_code == geen_contact.status_code == 200
    assert zonder_adres(bekend, "contact@voorbeeld.nl") == zonder_adres(
        onbekend, "onbekend@voorbeeld.nl"
    )
    assert zonder_adres(bekend, "contact@voorbeeld.nl") == zonder_adres(
        geen_contact, "bekend@voorbeeld.nl"
    )
    assert [mail["aan"] for mail in verstuurde_mails(mailoutbox)] == [["contact@voorbeeld.nl"]]


def test_address_of_an_application_in_another_call_gets_nothing(client, url, mailoutbox):
    elders = AanmeldingFactory()

    client.post(url, {"email": elders.contactpersoon.email})

    assert verstuurde_mails(mailoutbox) == []


def test_bad_address_is_refused_at_the_field(client, url, mailoutbox):
    response = client.post(url, {"email": "geen adres"})

    assert response.status_code == 422
    assert response.context["form"]["email"].errors == ["Voer een geldig e-mailadres in."]
    assert verstuurde_mails(mailoutbox) == []


def test_empty_address_says_what_to_fill_in(client, url, mailoutbox):
    response = client.post(url, {"email": ""})

    assert response.status_code == 422
    assert response.context["form"]["email"].errors == [
        "Vul het e-mailadres van de contactpersoon in."
    ]
    # A request, not a form that stores anything: the summary does not say "niets opgeslagen".
    assert "Verbeter het volgende en vraag de link opnieuw aan:" in response.text
    assert "opgeslagen" not in response.text
    assert verstuurde_mails(mailoutbox) == []


def test_link_requests_are_rate_limited_per_visitor(client, url, settings, aanmelding, mailoutbox):
    settings.LINKAANVRAGEN_PER_UUR = 2
    for nummer in range(2):
        client.post(url, {"email": f"iemand{nummer}@voorbeeld.nl"})

    response = client.post(url, {"email": aanmelding.contactpersoon.email})

    assert response.status_code == 429
    assert "Er is het afgelopen uur al vaak een link aangevraagd." in response.text
    assert verstuurde_mails(mailoutbox) == []


def test_link_requests_are_rate_limited_per_address_from_any_visitor(
    client, url, settings, aanmelding, mailoutbox
):
    settings.LINKAANVRAGEN_PER_UUR = 2
    contact = aanmelding.contactpersoon.email
    for nummer in range(2):
        client.post(url, {"email": contact}, REMOTE_ADDR=f"10.0.0.{nummer}")

    response = client.post(url, {"email": contact}, REMOTE_ADDR="10.0.0.9")

    assert response.status_code == 429
    werk_wachtrij_af()
    # Two link mails made; the first, overtaken by the second before it went, not sent.
    assert DBTaskResult.objects.filter(task_path=TAAKPAD).count() == 2
    assert len(mailoutbox) == 1


def test_call_page_links_to_the_link_request(client, aanmelding):
    response = client.get(aanmelding.oproep.get_absolute_url())

    assert 'href="/oproepen/gemengde-wijk/link-kwijt/"' in response.text


@pytest.mark.parametrize("achter", ["", "wijzigen/", "intrekken/"])
def test_a_dead_applicant_link_says_how_to_get_a_new_one(client, achter):
    response = client.get(f"/aanmelding/dood-token-123/{achter}")

    assert response.status_code == 404
    tekst = " ".join(response.content.decode().split())
    assert "<h1>Deze link werkt niet (meer)</h1>" in tekst
    assert "kies <strong>Vraag een nieuwe link aan</strong>" in tekst


def test_any_other_missing_page_keeps_the_general_text(client):
    tekst = client.get("/bestaat-niet/").content.decode()

    assert "Deze pagina bestaat niet (meer)" in tekst
    assert "nieuwe link" not in tekst
