from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from aanmeldingen.enums import Domein
from aanmeldingen.models import Aanmelding, Revisie
from netwerk.mail import bezorg_email
from tests.conftest import wachtende_mails
from tests.factories import (
    AanmeldingFactory,
    CoalitielidFactory,
    OproepFactory,
    StaffFactory,
    aanmeld_data,
    geef_link,
    leden_van,
    link_uit_mail,
)

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:aanmeldingen_aanmelding_changelist")


@pytest.fixture
def staff_client(client):
    client.force_login(StaffFactory(beheer=True))
    return client


def _queries_for_changelist(client, django_assert_max_num_queries) -> int:
    with django_assert_max_num_queries(100) as context:
        response = client.get(CHANGELIST)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_changelist_query_count_is_the_same_for_1_and_50_rows(
    staff_client, django_assert_max_num_queries
):
    oproep = OproepFactory()
    AanmeldingFactory(oproep=oproep)
    een = _queries_for_changelist(staff_client, django_assert_max_num_queries)

    AanmeldingFactory.create_batch(49, oproep=oproep)
    vijftig = _queries_for_changelist(staff_client, django_assert_max_num_queries)

    assert een == vijftig


def test_changelist_shows_member_count_and_domains(staff_client):
    aanmelding = AanmeldingFactory(wijknaam="Lombok")
    CoalitielidFactory(aanmelding=aanmelding, domein=Domein.SOCIAAL)

    response = staff_client.get(CHANGELIST)

    rij = response.context["cl"].result_list[0]
    assert (rij.wijknaam, rij.aantal_leden, rij.aantal_fysiek, rij.aantal_sociaal) == (
        "Lombok",
        4,
        2,
        2,
    )
    assert "fysiek 2, sociaal 2" in response.text


def test_search_on_member_name_finds_the_application_once_with_true_counts(staff_client):
    aanmelding = AanmeldingFactory(wijknaam="Transvaal")
    CoalitielidFactory(aanmelding=aanmelding, naam="Zwaantje Qwertyuiop")
    CoalitielidFactory(aanmelding=aanmelding, naam="Klaas Qwertyuiop")
    AanmeldingFactory(wijknaam="Elders")

    response = staff_client.get(CHANGELIST, {"q": "Qwertyuiop"})

    rijen = list(response.context["cl"].result_list)
    assert [(rij.wijknaam, rij.aantal_leden) for rij in rijen] == [("Transvaal", 5)]


def test_change_page_shows_members_and_history(staff_client):
    aanmelding = AanmeldingFactory()

    response = staff_client.get(
        reverse("admin:aanmeldingen_aanmelding_change", args=[aanmelding.pk])
    )

    assert response.status_code == 200
    assert escape(aanmelding.leden.first().naam) in response.text
    assert "geschiedenis van de status" in response.text.lower()


def test_changelist_is_closed_to_anonymous_visitors(client):
    response = client.get(CHANGELIST)

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def _wijzigpagina(aanmelding) -> str:
    return reverse("admin:aanmeldingen_aanmelding_change", args=[aanmelding.pk])


def _formulierdata(response) -> dict:
    """What the change page would post back unchanged: main form and every inline."""
    data = {}
    formulier = response.context["adminform"].form
    for naam in formulier.fields:
        if naam in formulier.initial and naam not in response.context["adminform"].readonly_fields:
            data[naam] = formulier[naam].value()
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for naam, veld in formset.management_form.initial.items():
            data[f"{formset.prefix}-{naam}"] = veld
        for rij in formset.forms:
            for naam in rij.fields:
                waarde = rij[naam].value()
                if waarde not in (None, False):
                    data[rij.add_prefix(naam)] = waarde
    return {naam: waarde for naam, waarde in data.items() if waarde is not None}


@pytest.mark.parametrize(("van", "naar"), [(0, 2), (2, 0)])
def test_staff_can_move_the_contact_person_to_another_member(staff_client, van, naar):
    aanmelding = AanmeldingFactory()
    leden = list(aanmelding.leden.all())
    aanmelding.leden.update(is_contactpersoon=False)
    aanmelding.leden.filter(pk=leden[van].pk).update(is_contactpersoon=True)
    data = _formulierdata(staff_client.get(_wijzigpagina(aanmelding)))
    del data[f"leden-{van}-is_contactpersoon"]
    data[f"leden-{naar}-is_contactpersoon"] = "on"

    response = staff_client.post(_wijzigpagina(aanmelding), data)

    assert response.status_code == 302
    assert aanmelding.leden.get(is_contactpersoon=True) == leden[naar]


@pytest.mark.parametrize(
    ("wijziging", "melding"),
    [
        ({"leden-2-domein": Domein.FYSIEK}, "zowel het fysieke als het sociale domein"),
        ({"leden-2-DELETE": "on"}, "3 tot 5 leden"),
        ({"leden-1-is_contactpersoon": "on"}, "precies één contactpersoon"),
        (
            {"leden-1-email": "LID@voorbeeld.nl", "leden-2-email": "lid@voorbeeld.nl"},
            "meer dan eens",
        ),
    ],
)
def test_admin_keeps_the_coalition_rules(staff_client, wijziging, melding):
    aanmelding = AanmeldingFactory()
    voor = list(aanmelding.leden.values_list("email", "domein", "is_contactpersoon"))
    data = _formulierdata(staff_client.get(_wijzigpagina(aanmelding)))
    data.update(wijziging)

    response = staff_client.post(_wijzigpagina(aanmelding), data)

    assert response.status_code == 200
    assert melding in response.text
    assert list(aanmelding.leden.values_list("email", "domein", "is_contactpersoon")) == voor


def test_concepts_are_hidden_unless_staff_choose_them(staff_client):
    ingediend = AanmeldingFactory(wijknaam="Ingediend")
    AanmeldingFactory(wijknaam="Concept", concept=True)

    standaard = staff_client.get(CHANGELIST)
    concepten = staff_client.get(CHANGELIST, {"status": "concept"})

    assert [rij.wijknaam for rij in standaard.context["cl"].result_list] == [ingediend.wijknaam]
    assert [rij.wijknaam for rij in concepten.context["cl"].result_list] == ["Concept"]
    assert "Concepten (nog niet ingediend)" in standaard.text


def test_call_counts_applications_without_concepts(staff_client):
    oproep = OproepFactory()
    AanmeldingFactory.create_batch(2, oproep=oproep)
    AanmeldingFactory(oproep=oproep, concept=True)

    response = staff_client.get(reverse("admin:aanmeldingen_oproep_changelist"))

    assert [rij._aantal_aanmeldingen for rij in response.context["cl"].result_list] == [2]


def test_staff_resend_the_link_after_confirming_and_the_old_one_stops_working(staff_client):
    aanmelding = AanmeldingFactory()
    oude_link = geef_link(aanmelding)
    actie = {"action": "stuur_link", "_selected_action": [aanmelding.pk]}

    vraag = staff_client.post(CHANGELIST, actie)
    assert (
        "Zodra die e-mail verstuurd is, werkt de link die de aanvragers nu hebben niet meer"
        in vraag.text
    )
    assert wachtende_mails() == []
    assert staff_client.get(oude_link).status_code == 200

    response = staff_client.post(CHANGELIST, {**actie, "bevestigd": "ja"}, follow=True)

    assert (
        "De contactpersoon van 1 aanmelding krijgt een nieuwe link. De vorige link werkt niet "
        "meer zodra de e-mail verstuurd is." in response.text
    )
    (mail,) = wachtende_mails()
    assert mail["aan"] == [aanmelding.contactpersoon.email]
    assert "Wij hebben een nieuwe link gemaakt" in mail["tekst"]
    # Until the mail went out, the applicant keeps the link they have.
    assert staff_client.get(oude_link).status_code == 200
    assert staff_client.get(link_uit_mail(mail)).status_code == 404

    bezorg_email(**mail)

    assert staff_client.get(link_uit_mail(mail)).status_code == 200
    assert staff_client.get(oude_link).status_code == 404


def test_change_after_submission_shows_in_list_and_on_the_change_page(staff_client):
    aanmelding = AanmeldingFactory()
    Revisie.objects.create(
        aanmelding=aanmelding,
        wijzigingen=[{"veld": "wijknaam", "oud": "Oud-West", "nieuw": "Nieuw-West"}],
    )
    AanmeldingFactory()

    lijst = staff_client.get(CHANGELIST)
    pagina = staff_client.get(_wijzigpagina(aanmelding))

    gewijzigd = {rij.pk: rij.laatste_revisie is not None for rij in lijst.context["cl"].result_list}
    assert list(gewijzigd.values()).count(True) == 1
    assert gewijzigd[aanmelding.pk] is True
    assert "<summary>wijknaam</summary>" in pagina.text
    assert "Nieuw-West" in pagina.text


def test_staff_correction_makes_an_open_applicant_form_stale(staff_client, client):
    aanmelding = AanmeldingFactory(gemeente="Utrech")
    link = geef_link(aanmelding)
    applicant_form = aanmeld_data(
        indieningssleutel=str(aanmelding.indieningssleutel), versie="1", actie="opslaan"
    )
    data = _formulierdata(staff_client.get(_wijzigpagina(aanmelding)))
    data["gemeente"] = "Utrecht"
    staff_client.post(_wijzigpagina(aanmelding), data)

    response = client.post(link + "wijzigen/", {**applicant_form, "gemeente": "Utrech"})

    assert response.status_code == 409
    aanmelding.refresh_from_db()
    assert aanmelding.gemeente == "Utrecht"


def test_only_staff_who_may_change_applications_can_resend_links(client):
    kijker = StaffFactory()
    kijker.user_permissions.add(Permission.objects.get(codename="view_aanmelding"))
    client.force_login(kijker)
    aanmelding = AanmeldingFactory()
    oude_link = geef_link(aanmelding)

    lijst = client.get(CHANGELIST)
    client.post(
        CHANGELIST,
        {"action": "stuur_link", "_selected_action": [aanmelding.pk], "bevestigd": "ja"},
    )

    assert "stuur_link" not in lijst.text
    assert wachtende_mails() == []
    assert client.get(oude_link).status_code == 200


def test_staff_page_opened_before_the_applicant_saved_is_refused_plainly(staff_client, client):
    aanmelding = AanmeldingFactory(gemeente="Utrecht")
    link = geef_link(aanmelding)
    data = _formulierdata(staff_client.get(_wijzigpagina(aanmelding)))
    leden = leden_van(aanmelding)
    client.post(
        link + "wijzigen/",
        aanmeld_data(leden=leden, versie="1", actie="opslaan", wijknaam="Door aanvrager"),
    )
    data["gemeente"] = "Door medewerker"

    response = staff_client.post(_wijzigpagina(aanmelding), data)

    assert response.status_code == 200
    assert "De aanvrager of een collega heeft deze aanmelding gewijzigd" in response.text
    aanmelding.refresh_from_db()
    assert (aanmelding.wijknaam, aanmelding.gemeente) == ("Door aanvrager", "Utrecht")


def test_the_list_shows_live_applications_of_open_calls_by_default(staff_client):
    open_ = OproepFactory()
    AanmeldingFactory(oproep=open_, wijknaam="Lopend")
    AanmeldingFactory(oproep=open_, wijknaam="Ingetrokken", ingetrokken=True)
    AanmeldingFactory(oproep=open_, wijknaam="Concept", concept=True)
    afgerond = OproepFactory(gesloten=True)
    AanmeldingFactory(
        oproep=afgerond, wijknaam="Afgerond", afgewezen=True, besluit_verzonden_op=timezone.now()
    )

    def wijken(**filters) -> list[str]:
        response = staff_client.get(CHANGELIST, filters)
        return sorted(rij.wijknaam for rij in response.context["cl"].result_list)

    assert wijken() == ["Lopend"]
    assert wijken(status="ingetrokken") == ["Ingetrokken"]
    assert wijken(status="concept") == ["Concept"]
    assert wijken(oproep="alle") == ["Afgerond", "Lopend"]
    assert wijken(oproep=str(afgerond.pk)) == ["Afgerond"]
    assert wijken(oproep="alle", status="alle") == ["Afgerond", "Ingetrokken", "Lopend"]
    tekst = staff_client.get(CHANGELIST).text
    for keuze in ["Lopende oproepen", "Alle oproepen", "Lopend", "Ingetrokken", "Concepten"]:
        assert keuze in tekst


def test_the_changed_after_submission_date_is_written_in_dutch():
    from aanmeldingen.admin.aanmelding import AanmeldingAdmin

    aanmelding = AanmeldingFactory()
    aanmelding.laatste_revisie = datetime(2026, 12, 1, 14, 5, tzinfo=ZoneInfo("Europe/Amsterdam"))
    aanmelding.gewijzigd_na_beoordeling = False

    kolom = AanmeldingAdmin(Aanmelding, admin.site).gewijzigd_na_indienen(aanmelding)

    assert kolom == "1 december 2026 14:05"


def test_the_list_does_not_count_concepts_in_a_total(staff_client):
    AanmeldingFactory()
    AanmeldingFactory(concept=True)

    response = staff_client.get(CHANGELIST)

    assert response.context["cl"].result_count == 1
    assert "totaal" not in response.text


@pytest.mark.parametrize(
    "adres",
    [
        "/admin/aanmeldingen/aanmelding/99999999999999999999/change/",
        "/admin/aanmeldingen/aanmelding/?oproep=abc",
        "/admin/aanmeldingen/aanmelding/?oproep=99999999999999999999",
    ],
)
def test_a_tampered_id_in_the_address_is_no_500(staff_client, adres):
    response = staff_client.get(adres)

    assert response.status_code in {200, 302}
