"""Coordinators record decisions and send them together; the cap holds; mails are recorded."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from aanmeldingen.enums import Status
from aanmeldingen.models import Aanmelding, Besluitbericht, Besluitsjabloon, Oproep
from aanmeldingen.services import (
    BesluitAlVerzonden,
    KanNietVersturen,
    OproepNogOpen,
    neem_besluit,
    verstuur_besluiten,
    wijzig_status,
)
from casuswijken.models import Casuswijk
from tests.conftest import wachtende_mails, werk_wachtrij_af
from tests.factories import (
    AanmeldingFactory,
    BesluitberichtFactory,
    OproepFactory,
    StaffFactory,
    link_uit_mail,
    medewerker,
)

pytestmark = pytest.mark.django_db

LIJST = reverse("admin:aanmeldingen_aanmelding_changelist")
OPROEPEN = reverse("admin:aanmeldingen_oproep_changelist")
BERICHTEN = reverse("admin:aanmeldingen_besluitbericht_changelist")


@pytest.fixture
def coordinator(client):
    gebruiker = medewerker("coördinator")
    client.force_login(gebruiker)
    return gebruiker


def besluit(client, aanmeldingen, soort: str, toelichting="Sterke coalitie.", lijst=LIJST, **extra):
    return client.post(
        lijst,
        {
            "action": f"besluit_{soort}",
            "_selected_action": [aanmelding.pk for aanmelding in aanmeldingen],
            "bevestigd": "ja",
            "toelichting": toelichting,
            **extra,
        },
        follow=True,
    )


def selecteer_direct(oproep, aantal, door):
    gekozen = AanmeldingFactory.create_batch(aantal, oproep=oproep)
    for aanmelding in gekozen:
        neem_besluit(aanmelding=aanmelding, besluit=Status.GESELECTEERD, door=door, toelichting="")
    return gekozen


def taken(pad="aanmeldingen.services.besluiten.verstuur_besluitbericht"):
    return DBTaskResult.objects.filter(task_path=pad, status="READY").count()


def test_a_decision_is_recorded_with_its_reason_and_mails_nobody(client, coordinator):
    aanmelding = AanmeldingFactory(oproep__gesloten=True)

    vraag = client.post(
        LIJST, {"action": "besluit_geselecteerd", "_selected_action": [aanmelding.pk]}
    )
    response = besluit(client, [aanmelding], "geselecteerd", "Past goed in het land.")

    assert "Reden (komt in de besluitmail)" in vraag.text
    assert "Besluit geselecteerd vastgelegd voor" in response.text
    aanmelding.refresh_from_db()
    assert aanmelding.status == Status.GESELECTEERD
    assert list(aanmelding.statuswijzigingen.values_list("van", "naar", "door", "toelichting")) == [
        (Status.INGEDIEND, Status.IN_BEHANDELING, coordinator.pk, ""),
        (Status.IN_BEHANDELING, Status.GESELECTEERD, coordinator.pk, "Past goed in het land."),
    ]
    assert Oproep.objects.get().aantal_geselecteerd == 1
    assert Besluitbericht.objects.count() == 0
    assert DBTaskResult.objects.count() == 0


def test_a_decision_without_a_reason_is_asked_again(client, coordinator):
    aanmelding = AanmeldingFactory(oproep__gesloten=True)

    response = besluit(client, [aanmelding], "afgewezen", toelichting="  ")

    assert "Schrijf kort op waarom" in response.text
    aanmelding.refresh_from_db()
    assert aanmelding.status == Status.INGEDIEND


def test_a_reason_over_2000_characters_is_refused_at_the_field(client, coordinator):
    aanmelding = AanmeldingFactory(oproep__gesloten=True)

    response = besluit(client, [aanmelding], "afgewezen", toelichting="x" * 2001)

    assert response.context["form"].errors["toelichting"] == [
        "De reden mag maximaal 2000 tekens lang zijn; nu zijn het er 2001. Maak hem korter."
    ]
    aanmelding.refresh_from_db()
    assert aanmelding.status == Status.INGEDIEND
    assert aanmelding.statuswijzigingen.count() == 0


def test_a_decision_for_four_records_none_when_one_is_refused(client, coordinator):
    oproep = OproepFactory(gesloten=True)
    eerste = AanmeldingFactory(oproep=oproep, wijknaam="Eerste")
    tweede = AanmeldingFactory(oproep=oproep, wijknaam="Tweede")
    weg = AanmeldingFactory(oproep=oproep, wijknaam="Weg", ingetrokken=True)
    vierde = AanmeldingFactory(oproep=oproep, wijknaam="Vierde")

    # Withdrawn applications show, and can be chosen, once the list shows every status.
    response = besluit(
        client, [eerste, tweede, weg, vierde], "afgewezen", lijst=f"{LIJST}?status=alle"
    )

    assert (
        "Weg (Utrecht): met de status ‘ingetrokken’ kan het besluit ‘afgewezen’ niet worden "
        "vastgelegd. Daarom is er voor geen van de gekozen aanmeldingen iets vastgelegd."
    ) in response.text
    assert "vastgelegd voor" not in response.text
    assert list(oproep.aanmeldingen.order_by("pk").values_list("status", flat=True)) == [
        Status.INGEDIEND,
        Status.INGEDIEND,
        Status.INGETROKKEN,
        Status.INGEDIEND,
    ]
    assert not oproep.aanmeldingen.filter(statuswijzigingen__isnull=False).exists()


def test_selecting_past_the_cap_in_one_action_selects_none(client, coordinator):
    oproep = OproepFactory(gesloten=True, max_wijken=4)
    selecteer_direct(oproep, 2, coordinator)
    kandidaten = AanmeldingFactory.create_batch(3, oproep=oproep)

    response = besluit(client, kandidaten, "geselecteerd")

    assert [str(m) for m in response.context["messages"]] == [
        "Met deze keuze zouden er meer dan 4 wijken geselecteerd zijn, het maximum van de "
        "oproep. Kies er minder, of maak eerst een andere selectie ongedaan. Daarom is er voor "
        "geen van de gekozen aanmeldingen iets vastgelegd."
    ]
    oproep.refresh_from_db()
    assert oproep.aantal_geselecteerd == 2
    assert oproep.aanmeldingen.filter(status=Status.GESELECTEERD).count() == 2


def test_a_fifth_selection_is_refused_with_a_clear_message(client, coordinator):
    oproep = OproepFactory(gesloten=True, max_wijken=4)
    selecteer_direct(oproep, 4, coordinator)
    vijfde = AanmeldingFactory(oproep=oproep, wijknaam="Vijfde")

    response = besluit(client, [vijfde], "geselecteerd")

    assert "deze oproep heeft al 4 geselecteerde wijken, het maximum" in response.text
    vijfde.refresh_from_db()
    assert vijfde.status == Status.INGEDIEND
    assert vijfde.statuswijzigingen.count() == 0
    oproep.refresh_from_db()
    assert oproep.aantal_geselecteerd == 4
    assert oproep.aanmeldingen.filter(status=Status.GESELECTEERD).count() == 4


def test_changing_a_selection_before_sending_frees_the_place(client, coordinator):
    oproep = OproepFactory(gesloten=True, max_wijken=4)
    eerste, *_ = selecteer_direct(oproep, 4, coordinator)
    vijfde = AanmeldingFactory(oproep=oproep)

    besluit(client, [eerste], "reserve")
    besluit(client, [vijfde], "geselecteerd")

    oproep.refresh_from_db()
    assert oproep.aantal_geselecteerd == 4
    eerste.refresh_from_db()
    vijfde.refresh_from_db()
    assert (eerste.status, vijfde.status) == (Status.RESERVE, Status.GESELECTEERD)


@pytest.mark.parametrize("rol", ["beoordelaar", "begeleider"])
def test_only_the_coordinator_decides(client, rol):
    aanmelding = AanmeldingFactory(oproep__gesloten=True)
    client.force_login(medewerker(rol))

    response = besluit(client, [aanmelding], "geselecteerd")

    assert response.status_code in {200, 403}
    aanmelding.refresh_from_db()
    assert aanmelding.status == Status.INGEDIEND
    assert "besluit_geselecteerd" not in client.get(LIJST).text


def versturen(client, oproep, **extra):
    """The send action; confirming sends what a preview just showed, as the page does."""
    actie = {"action": "besluiten_versturen", "_selected_action": [oproep.pk]}
    if extra.get("bevestigd") == "ja" and "gezien" not in extra:
        voorbeeld = client.post(OPROEPEN, actie)
        extra["gezien"] = voorbeeld.context["form"].initial["gezien"] if voorbeeld.context else ""
    return client.post(OPROEPEN, {**actie, **extra}, follow=True)


def test_sending_is_refused_while_an_application_awaits_a_decision(client, coordinator):
    oproep = OproepFactory(gesloten=True, min_wijken=1)
    selecteer_direct(oproep, 1, coordinator)
    AanmeldingFactory(oproep=oproep, wijknaam="Nog open")

    voorbeeld = versturen(client, oproep)
    response = versturen(client, oproep, bevestigd="ja")

    assert "Nog niet alle aanmeldingen hebben een besluit" in voorbeeld.text
    assert "Nog open" in response.text
    assert Besluitbericht.objects.count() == 0


def test_sending_is_refused_with_fewer_than_min_wijken_selected(client, coordinator):
    oproep = OproepFactory(gesloten=True, min_wijken=3)
    selecteer_direct(oproep, 2, coordinator)

    response = versturen(client, oproep, bevestigd="ja")

    assert "Er zijn 2 wijken geselecteerd; kies er minstens 3" in response.text
    assert Besluitbericht.objects.count() == 0


def test_preview_shows_every_mail_then_sending_queues_each_once(client, coordinator):
    oproep = OproepFactory(gesloten=True, min_wijken=1, titel="Leernetwerk 2027")
    gekozen = AanmeldingFactory(oproep=oproep, wijknaam="Lombok")
    reserve = AanmeldingFactory(oproep=oproep, wijknaam="Zuilen")
    AanmeldingFactory(oproep=oproep, wijknaam="Weg", ingetrokken=True)
    neem_besluit(aanmelding=gekozen, besluit=Status.GESELECTEERD, door=coordinator,
                 toelichting="Een heldere leervraag.")  # fmt: skip
    neem_besluit(aanmelding=reserve, besluit=Status.RESERVE, door=coordinator, toelichting="")

    voorbeeld = versturen(client, oproep)

    assert "Uw wijk Lombok is gekozen als casuswijk" in voorbeeld.text
    assert "Een heldere leervraag." in voorbeeld.text
    assert "Uw aanmelding voor Zuilen: op de reservelijst" in voorbeeld.text
    assert Besluitbericht.objects.count() == 0

    verstuurd = versturen(client, oproep, bevestigd="ja")
    opnieuw = versturen(client, oproep, bevestigd="ja")

    assert "2 besluitmails staan klaar om te worden verstuurd" in verstuurd.text
    assert "Er waren geen besluiten meer te versturen." in opnieuw.text
    assert sorted(Besluitbericht.objects.values_list("aanmelding__wijknaam", "besluit")) == [
        ("Lombok", Status.GESELECTEERD),
        ("Zuilen", Status.RESERVE),
    ]
    assert taken() == 2
    assert list(Casuswijk.objects.values_list("naam", "slug")) == [("Lombok", "lombok-utrecht")]
    assert Aanmelding.objects.filter(besluit_verzonden_op__isnull=False).count() == 2


def test_a_sent_decision_no_longer_changes_and_the_applicant_now_sees_it(client, coordinator):
    oproep = OproepFactory(gesloten=True, min_wijken=1)
    (gekozen,) = selecteer_direct(oproep, 1, coordinator)
    versturen(client, oproep, bevestigd="ja")

    with pytest.raises(BesluitAlVerzonden):
        neem_besluit(aanmelding=gekozen, besluit=Status.AFGEWEZEN, door=coordinator, toelichting="")

    gekozen.refresh_from_db()
    assert gekozen.status_voor_aanvrager == "Gekozen als casuswijk"


def test_template_with_a_broken_placeholder_is_refused(client, coordinator):
    sjabloon = Besluitsjabloon.objects.get(besluit=Status.AFGEWEZEN)
    url = reverse("admin:aanmeldingen_besluitsjabloon_change", args=[sjabloon.pk])

    response = client.post(
        url, {"onderwerp": "Besluit {% if wijknaam %}", "tekst": "Beste {{ naam }}"}
    )

    assert response.status_code == 200
    assert "Deze tekst kan niet worden ingevuld" in response.text
    sjabloon.refresh_from_db()
    assert sjabloon.onderwerp == "Uw aanmelding voor {{ wijknaam }}: niet gekozen"


@pytest.mark.django_db(transaction=True)
def test_the_worker_sends_each_mail_once_with_a_working_link(client, mailoutbox, besluitsjablonen):
    coordinator = medewerker("coördinator")
    client.force_login(coordinator)
    oproep = OproepFactory(gesloten=True, min_wijken=1)
    (gekozen,) = selecteer_direct(oproep, 1, coordinator)
    versturen(client, oproep, bevestigd="ja")

    werk_wachtrij_af()
    werk_wachtrij_af()

    assert [mail.subject for mail in mailoutbox] == [
        f"Uw wijk {gekozen.wijknaam} is gekozen als casuswijk"
    ]
    bericht = Besluitbericht.objects.get()
    assert (bericht.status, bericht.pogingen) == (Besluitbericht.Verzendstatus.VERSTUURD, 1)
    link = link_uit_mail({"tekst": mailoutbox[0].body})
    assert client.get(link).context["aanmelding"] == gekozen


@pytest.mark.django_db(transaction=True)
def test_a_failing_mail_server_is_recorded_and_a_retry_sends_once(
    client, mailoutbox, settings, besluitsjablonen
):
    coordinator = medewerker("coördinator")
    client.force_login(coordinator)
    oproep = OproepFactory(gesloten=True, min_wijken=1)
    selecteer_direct(oproep, 1, coordinator)
    versturen(client, oproep, bevestigd="ja")
    settings.EMAIL_BACKEND = "tests.mailservers.KapotteMailserver"
    settings.MAIL_POGINGEN = 1  # the last try (the retries: tests/netwerk/test_mail.py)

    werk_wachtrij_af()

    bericht = Besluitbericht.objects.get()
    assert bericht.status == Besluitbericht.Verzendstatus.MISLUKT
    assert bericht.fout == "SMTPServerDisconnected: Connection unexpectedly closed"
    assert Aanmelding.objects.get().status == Status.GESELECTEERD
    assert "Mislukt" in client.get(BERICHTEN).text

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    for _ in range(2):
        client.post(BERICHTEN, {"action": "opnieuw_versturen", "_selected_action": [bericht.pk]})
        werk_wachtrij_af()

    bericht.refresh_from_db()
    assert (bericht.status, bericht.pogingen) == (Besluitbericht.Verzendstatus.VERSTUURD, 2)
    assert len(mailoutbox) == 1


@pytest.mark.django_db(transaction=True)
def test_a_decision_mail_the_server_could_not_take_is_tried_again_later_with_its_status_shown(
    client, mailoutbox, settings, besluitsjablonen
):
    coordinator = medewerker("coördinator")
    client.force_login(coordinator)
    oproep = OproepFactory(gesloten=True, min_wijken=1)
    (gekozen,) = selecteer_direct(oproep, 1, coordinator)
    versturen(client, oproep, bevestigd="ja")
    settings.EMAIL_BACKEND = "tests.mailservers.KapotteMailserver"
    settings.MAIL_POGINGEN, settings.MAIL_WACHTTIJD_SECONDEN = 5, 240
    begin = timezone.now()

    with time_machine.travel(begin, tick=False) as reis:
        werk_wachtrij_af()
        bericht = Besluitbericht.objects.get()
        assert (bericht.status, bericht.pogingen) == (Besluitbericht.Verzendstatus.IN_WACHTRIJ, 1)
        assert bericht.fout == "SMTPServerDisconnected: Connection unexpectedly closed"
        assert bericht.volgende_poging_op == begin + timedelta(minutes=4)
        assert "In de wachtrij" in client.get(BERICHTEN).text

        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        reis.shift(timedelta(minutes=4))
        werk_wachtrij_af()

    bericht.refresh_from_db()
    assert (bericht.status, bericht.pogingen) == (Besluitbericht.Verzendstatus.VERSTUURD, 2)
    assert (bericht.fout, bericht.volgende_poging_op) == ("", None)
    assert len(mailoutbox) == 1
    assert client.get(link_uit_mail({"tekst": mailoutbox[0].body})).context["aanmelding"] == gekozen


def test_retrying_one_failed_mail_says_so_in_the_singular(client, coordinator):
    mislukt = BesluitberichtFactory(mislukt=True)
    verstuurd = BesluitberichtFactory(verstuurd=True)

    response = client.post(
        BERICHTEN,
        {"action": "opnieuw_versturen", "_selected_action": [mislukt.pk, verstuurd.pk]},
        follow=True,
    )

    assert "1 mislukt bericht opnieuw in de wachtrij gezet;" in response.text
    assert taken() == 1


def test_the_preview_of_one_mail_says_so_in_the_singular(client, coordinator):
    oproep = OproepFactory(gesloten=True, min_wijken=1)
    selecteer_direct(oproep, 1, coordinator)

    voorbeeld = versturen(client, oproep)
    verstuurd = versturen(client, oproep, bevestigd="ja")

    assert "Deze e-mail gaat naar de contactpersoon." in voorbeeld.text
    assert 'value="Verstuur deze besluitmail"' in voorbeeld.text
    assert "1 besluitmail staat klaar om te worden verstuurd." in verstuurd.text


def test_a_stored_decision_mail_holds_no_working_link(client, coordinator):
    oproep = OproepFactory(gesloten=True, min_wijken=1)
    (gekozen,) = selecteer_direct(oproep, 1, coordinator)
    afgewezen = AanmeldingFactory(oproep=oproep)
    neem_besluit(aanmelding=afgewezen, besluit=Status.AFGEWEZEN, door=coordinator, toelichting="")

    versturen(client, oproep, bevestigd="ja")

    teksten = list(Besluitbericht.objects.values_list("tekst", flat=True))
    assert all("[[persoonlijke link]]" in tekst for tekst in teksten)
    assert all("/aanmelding/" not in tekst for tekst in teksten)


def test_sending_refuses_when_a_decision_changed_after_the_preview(client, coordinator):
    oproep = OproepFactory(gesloten=True, min_wijken=1)
    selecteer_direct(oproep, 1, coordinator)
    ander = AanmeldingFactory(oproep=oproep)
    neem_besluit(aanmelding=ander, besluit=Status.RESERVE, door=coordinator, toelichting="")
    voorbeeld = client.post(
        OPROEPEN, {"action": "besluiten_versturen", "_selected_action": [oproep.pk]}
    )
    neem_besluit(aanmelding=ander, besluit=Status.AFGEWEZEN, door=coordinator, toelichting="")

    response = versturen(
        client, oproep, bevestigd="ja", gezien=voorbeeld.context["form"].initial["gezien"]
    )

    assert "Sinds het voorbeeld is er een besluit veranderd" in response.text
    assert Besluitbericht.objects.count() == 0


def test_a_template_that_cannot_be_filled_in_is_refused_when_saved(client, coordinator):
    sjabloon = Besluitsjabloon.objects.get(besluit=Status.RESERVE)
    url = reverse("admin:aanmeldingen_besluitsjabloon_change", args=[sjabloon.pk])

    response = client.post(
        url, {"onderwerp": "Reserve", "tekst": '{% include "bestaat/niet.html" %}'}
    )

    assert "Deze tekst kan niet worden ingevuld" in response.text
    sjabloon.refresh_from_db()
    assert "{% include" not in sjabloon.tekst


def test_the_same_decision_twice_says_so(client, coordinator):
    aanmelding = AanmeldingFactory(oproep__gesloten=True)
    besluit(client, [aanmelding], "reserve")

    response = besluit(client, [aanmelding], "reserve")

    assert f"{aanmelding} heeft dit besluit al." in response.text


def test_lowering_max_wijken_below_the_selected_is_refused_at_the_field(client, coordinator):
    oproep = OproepFactory(gesloten=True, max_wijken=4, min_wijken=1)
    selecteer_direct(oproep, 3, coordinator)
    url = reverse("admin:aanmeldingen_oproep_change", args=[oproep.pk])
    pagina = client.get(url)
    data = {
        naam: waarde
        for naam, waarde in pagina.context["adminform"].form.initial.items()
        if naam in pagina.context["adminform"].form.fields and waarde is not None
    }
    data["deadline_0"], data["deadline_1"] = oproep.deadline.strftime("%d-%m-%Y"), "12:00:00"
    data.update({"max_wijken": "2", "min_wijken": "1", "gepubliceerd": "on"})

    response = client.post(url, data)

    assert response.status_code == 200
    assert "Er zijn al 3 wijken geselecteerd" in response.text
    oproep.refresh_from_db()
    assert oproep.max_wijken == 4


def test_a_decided_application_cannot_be_deleted_or_moved(client):
    client.force_login(StaffFactory(beheer=True))
    oproep = OproepFactory(gesloten=True, min_wijken=1)
    (gekozen,) = selecteer_direct(oproep, 1, None)

    verwijderen = client.get(reverse("admin:aanmeldingen_aanmelding_delete", args=[gekozen.pk]))
    wijzigen = client.get(reverse("admin:aanmeldingen_aanmelding_change", args=[gekozen.pk]))

    assert verwijderen.status_code == 403
    assert "oproep" not in wijzigen.context["adminform"].form.fields
    assert "delete_selected" not in client.get(LIJST).text


def test_the_change_page_query_count_does_not_grow_with_the_history(
    client, coordinator, django_assert_max_num_queries
):
    def tel(aanmelding) -> int:
        url = reverse("admin:aanmeldingen_aanmelding_change", args=[aanmelding.pk])
        with django_assert_max_num_queries(200) as context:
            assert client.get(url).status_code == 200
        return len(context.captured_queries)

    kort = AanmeldingFactory(oproep__gesloten=True)
    lang = AanmeldingFactory(oproep__gesloten=True)
    for naar in [Status.IN_BEHANDELING, Status.RESERVE, Status.AFGEWEZEN, Status.RESERVE]:
        wijzig_status(aanmelding=lang, naar=naar, door=coordinator)

    assert tel(lang) == tel(kort)


@pytest.mark.django_db(transaction=True)
def test_a_rejected_applicant_gets_a_working_link_in_the_mail(client, mailoutbox, besluitsjablonen):
    coordinator = medewerker("coördinator")
    client.force_login(coordinator)
    oproep = OproepFactory(gesloten=True, min_wijken=1)
    selecteer_direct(oproep, 1, coordinator)
    afgewezen = AanmeldingFactory(oproep=oproep, wijknaam="Niet gekozen")
    neem_besluit(aanmelding=afgewezen, besluit=Status.AFGEWEZEN, door=coordinator, toelichting="")
    versturen(client, oproep, bevestigd="ja")

    werk_wachtrij_af()

    (mail,) = [m for m in mailoutbox if "Niet gekozen" in m.subject]
    response = client.get(link_uit_mail({"tekst": mail.body}))
    assert response.context["aanmelding"] == afgewezen
    assert "Niet gekozen" in response.text


NOG_OPEN = (
    "De oproep ‘Leernetwerk 2030’ staat nog open tot 1 maart 2030 om 13:00 uur. Besluiten "
    "worden pas vastgelegd en verstuurd na de deadline, als alle aanmeldingen binnen zijn."
)


def open_oproep(**velden) -> Oproep:
    return OproepFactory(titel="Leernetwerk 2030", deadline=datetime(2030, 3, 1, 12, tzinfo=UTC),
                         **velden)  # fmt: skip


def test_recording_a_decision_before_the_deadline_is_refused():
    aanmelding = AanmeldingFactory(oproep=open_oproep())

    with pytest.raises(OproepNogOpen) as fout:
        neem_besluit(aanmelding=aanmelding, besluit=Status.AFGEWEZEN, door=None, toelichting="")

    assert str(fout.value) == NOG_OPEN
    aanmelding.refresh_from_db()
    assert aanmelding.status == Status.INGEDIEND
    assert aanmelding.statuswijzigingen.count() == 0


def test_the_decision_action_on_an_open_call_says_to_wait_for_the_deadline(client, coordinator):
    aanmelding = AanmeldingFactory(oproep=open_oproep())

    vraag = client.post(
        LIJST, {"action": "besluit_afgewezen", "_selected_action": [aanmelding.pk]}, follow=True
    )
    response = besluit(client, [aanmelding], "afgewezen")

    assert NOG_OPEN in vraag.text
    assert "Reden (komt in de besluitmail)" not in vraag.text
    assert NOG_OPEN in response.text
    aanmelding.refresh_from_db()
    assert aanmelding.status == Status.INGEDIEND


def _besloten_en_toen_weer_open() -> Oproep:
    """Decided after the deadline, and then the deadline was moved two months ahead."""
    oproep = OproepFactory(gesloten=True, min_wijken=1)
    selecteer_direct(oproep, 1, None)
    Oproep.objects.filter(pk=oproep.pk).update(deadline=timezone.now() + timedelta(days=60))
    return oproep


def test_decisions_are_not_sent_while_the_call_is_open(client, coordinator):
    oproep = _besloten_en_toen_weer_open()

    voorbeeld = versturen(client, oproep)
    response = versturen(client, oproep, bevestigd="ja")

    assert "Versturen kan nog niet. De oproep" in voorbeeld.text
    assert "staat nog open tot" in voorbeeld.text
    assert "Verstuur deze besluitmail" not in voorbeeld.text
    assert "staat nog open tot" in response.text
    assert Besluitbericht.objects.count() == 0
    assert Casuswijk.objects.count() == 0


def test_the_sending_service_refuses_while_the_call_is_open(coordinator):
    oproep = _besloten_en_toen_weer_open()

    with pytest.raises(KanNietVersturen, match="staat nog open tot"):
        verstuur_besluiten(oproep=oproep, door=coordinator)

    assert Besluitbericht.objects.count() == 0
    assert Aanmelding.objects.filter(besluit_verzonden_op__isnull=False).count() == 0


def test_the_call_page_says_the_selection_was_made_once_decisions_are_sent(client, coordinator):
    oproep = OproepFactory(gesloten=True, min_wijken=1)
    selecteer_direct(oproep, 1, coordinator)

    voor = client.get(oproep.get_absolute_url())
    versturen(client, oproep, bevestigd="ja")
    na = client.get(oproep.get_absolute_url())

    assert "De aanmelding is gesloten sinds" in voor.text
    assert "De selectie is gemaakt" not in voor.text
    assert "De selectie is gemaakt: 1 casuswijk doet mee aan het leernetwerk." in na.text
    assert "De aanmelding is gesloten sinds" not in na.text


@pytest.mark.parametrize("actie", ["besluit_afgewezen", "stuur_link"])
def test_an_action_on_rows_the_list_does_not_show_does_nothing_and_says_so(
    client, coordinator, actie
):
    oproep = OproepFactory(gesloten=True)
    concept = AanmeldingFactory(oproep=oproep, concept=True)

    response = client.post(
        LIJST,
        {"action": actie, "_selected_action": [concept.pk, 99999], "bevestigd": "ja",
         "toelichting": "Poging"},
        follow=True,
    )  # fmt: skip

    assert [str(m) for m in response.context["messages"]] == [
        "Geen van de gekozen aanmeldingen staat in deze lijst; er is niets gedaan. Kies de "
        "aanmeldingen opnieuw, zo nodig met een ander filter."
    ]
    assert wachtende_mails() == []


def test_the_decision_mails_filter_offers_only_decisions(client, coordinator):
    response = client.get(reverse("admin:aanmeldingen_besluitbericht_changelist"))

    filter_ = next(f for f in response.context["cl"].filter_specs if f.title == "besluit")
    assert [keuze["display"] for keuze in filter_.choices(response.context["cl"])] == [
        "Alle",
        "Geselecteerd",
        "Reserve",
        "Afgewezen",
    ]


def test_a_decision_for_a_contact_person_whose_address_was_erased_is_refused(client, coordinator):
    oproep = OproepFactory(gesloten=True, min_wijken=1)
    selecteer_direct(oproep, 1, None)
    [aanmelding] = oproep.aanmeldingen.all()
    aanmelding.leden.filter(is_contactpersoon=True).update(naam="verwijderde deelnemer", email="")

    voorbeeld = versturen(client, oproep)
    response = versturen(client, oproep, bevestigd="ja")

    for pagina in (voorbeeld, response):
        assert "heeft geen e-mailadres meer" in pagina.text
    assert Besluitbericht.objects.count() == 0
    assert Casuswijk.objects.count() == 0
    with pytest.raises(KanNietVersturen, match="Maak eerst een ander lid"):
        verstuur_besluiten(oproep=oproep, door=coordinator)
