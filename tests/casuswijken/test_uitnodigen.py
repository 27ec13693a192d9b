"""Invitations to sessions by mail with the session for the calendar (iCalendar): the
invitation, the update after a new time or place, the cancellation; each version once.
(test_uitnodigingen.py is about inviting participants to a casuswijk.)"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from icalendar import Calendar

from casuswijken.enums import Zichtbaarheid
from casuswijken.models import Bijeenkomst, Uitnodiging
from casuswijken.services import sla_bijeenkomst_op
from casuswijken.uitnodigen import meld_komende_uitnodigingen, meld_uitnodigingen
from netwerk.mail import bezorg_email
from tests.beheer import lege_inlines
from tests.conftest import wachtende_mails
from tests.factories import BijeenkomstFactory, CasuswijkFactory, DeelnameFactory, medewerker

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
NU = datetime(2027, 1, 5, 10, 0, tzinfo=AMSTERDAM)
BEGIN = datetime(2027, 1, 12, 14, 0, tzinfo=AMSTERDAM)


@pytest.fixture(autouse=True)
def _bevroren_tijd():
    with time_machine.travel(NU, tick=False):
        yield


@pytest.fixture
def netwerk():
    oproep = CasuswijkFactory().aanmelding.oproep
    w1 = CasuswijkFactory(aanmelding__oproep=oproep, naam="Lombok", slug="lombok")
    w2 = CasuswijkFactory(aanmelding__oproep=oproep, naam="Zuilen", slug="zuilen")
    return {
        "oproep": oproep,
        "w1": w1,
        "w2": w2,
        "dewi": DeelnameFactory(casuswijk=w1, gebruiker__email="dewi@voorbeeld.nl",
                                gebruiker__first_name="Dewi", gebruiker__last_name="Dekker"),
        "gestopt": DeelnameFactory(casuswijk=w1, beeindigd=True,
                                   gebruiker__email="weg@voorbeeld.nl"),
        "w2_lid": DeelnameFactory(casuswijk=w2, gebruiker__email="w2@voorbeeld.nl"),
        "elders": DeelnameFactory(gebruiker__email="elders@voorbeeld.nl"),
    }  # fmt: skip


def plan(netwerk, **velden):
    """A session of Lombok, planned and published through the service, as staff do; with
    afzeggen, then cancelled through it."""
    velden = {
        "casuswijk": netwerk["w1"],
        "titel": "Open gesprek",
        "begint_op": BEGIN,
        "eindigt_op": BEGIN + timedelta(hours=2),
        "locatie": "Buurthuis De Kiem",
        "gepubliceerd": False,
        **velden,
    }
    publiceren = velden.pop("publiceren", True)
    afzeggen = velden.pop("afzeggen", False)
    sessie = BijeenkomstFactory(**velden)
    sessie.gepubliceerd = publiceren
    sla_bijeenkomst_op(bijeenkomst=sessie)
    if afzeggen:
        sessie.geannuleerd = True
        sla_bijeenkomst_op(bijeenkomst=sessie)
    return sessie


def ontvangers() -> list[str]:
    return sorted(mail["aan"][0] for mail in wachtende_mails())


def gebeurtenis(mail: dict):
    """The mail's iCalendar attachment: (its calendar, its one event)."""
    ((naam, tekst, mimetype),) = mail["bijlagen"]
    kalender = Calendar.from_ical(tekst)
    (onderdeel,) = kalender.walk("VEVENT")
    return kalender, onderdeel


def feed_van(client, deelname) -> Calendar:
    client.force_login(deelname.gebruiker)
    slug = deelname.casuswijk.slug
    client.post(reverse("casuswijken:agenda_link", args=[slug]))
    deelname.refresh_from_db()
    client.logout()
    return Calendar.from_ical(
        client.get(reverse("casuswijken:agenda", args=[slug, deelname.agenda_token])).content
    )


def test_publishing_a_planned_session_sends_an_invitation_with_the_calendars_uid(client, netwerk):
    sessie = plan(netwerk)

    (mail,) = wachtende_mails()
    kalender, onderdeel = gebeurtenis(mail)
    (feed,) = feed_van(client, netwerk["dewi"]).walk("VEVENT")
    ((naam, _, mimetype),) = mail["bijlagen"]
    assert mail["aan"] == ["dewi@voorbeeld.nl"]
    assert (naam, mimetype) == ("uitnodiging.ics", "text/calendar; method=REQUEST; charset=UTF-8")
    assert str(kalender["method"]) == "REQUEST"
    assert str(onderdeel["uid"]) == str(feed["uid"]) == f"bijeenkomst-{sessie.pk}@127.0.0.1"
    assert onderdeel["sequence"] == feed["sequence"] == 0
    assert str(onderdeel["summary"]) == "Open gesprek"
    assert onderdeel.decoded("dtstart") == BEGIN
    assert onderdeel["dtstart"].params["TZID"] == "Europe/Amsterdam"
    assert [tz["tzid"] for tz in kalender.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
    assert onderdeel.decoded("dtend") == BEGIN + timedelta(hours=2)
    assert onderdeel.decoded("dtstamp") == NU
    assert str(onderdeel["location"]) == "Buurthuis De Kiem"
    assert (
        str(onderdeel["url"]) == f"http://127.0.0.1:8000/wijken/lombok/bijeenkomsten/{sessie.pk}/"
    )
    assert str(onderdeel["status"]) == "CONFIRMED"
    assert str(onderdeel["organizer"]) == "mailto:leernetwerk@platform31.nl"
    assert onderdeel["organizer"].params["CN"] == "Platform31 en Movisie"
    assert str(onderdeel["attendee"]) == "mailto:dewi@voorbeeld.nl"
    assert dict(onderdeel["attendee"].params) == {
        "CN": "Dewi Dekker", "ROLE": "REQ-PARTICIPANT", "PARTSTAT": "NEEDS-ACTION",
        "RSVP": "FALSE",
    }  # fmt: skip


def test_the_invitation_mail_gives_the_time_in_dutch_the_link_and_asks_to_answer_there(netwerk):
    sessie = plan(netwerk)

    (mail,) = wachtende_mails()
    assert mail["onderwerp"] == "Uitnodiging: Open gesprek, 12 januari 2027"
    assert "Wanneer: dinsdag 12 januari 2027, 14:00–16:00 uur\n" in mail["tekst"]
    assert "Waar: Buurthuis De Kiem\n" in mail["tekst"]
    assert "Laat op de pagina weten of u komt" in mail["tekst"]
    assert f"http://127.0.0.1:8000/wijken/lombok/bijeenkomsten/{sessie.pk}/\n" in mail["tekst"]


def test_a_new_time_sends_an_update_with_the_same_uid_and_a_higher_sequence(netwerk):
    sessie = plan(netwerk)
    sessie.begint_op, sessie.eindigt_op = (
        BEGIN + timedelta(days=1),
        BEGIN + timedelta(days=1, hours=2),
    )

    gemeld = sla_bijeenkomst_op(bijeenkomst=sessie)

    eerste, update = wachtende_mails()
    kalender, onderdeel = gebeurtenis(update)
    assert (gemeld.uitnodigingen, gemeld.wijzigingen) == (0, 1)
    assert sessie.volgnummer == 1
    assert str(kalender["method"]) == "REQUEST"
    assert str(onderdeel["uid"]) == str(gebeurtenis(eerste)[1]["uid"])
    assert onderdeel["sequence"] == 1
    assert onderdeel.decoded("dtstart") == BEGIN + timedelta(days=1)
    assert update["onderwerp"] == "Gewijzigd: nieuwe tijd voor Open gesprek"
    assert 'De bijeenkomst "Open gesprek" is gewijzigd: nieuwe tijd.' in update["tekst"]
    assert "Wanneer: woensdag 13 januari 2027, 14:00–16:00 uur\n" in update["tekst"]
    assert "Laat op de pagina weten of u komt" in update["tekst"]
    assert Uitnodiging.objects.get().gemelde_versie == 1


def test_a_new_title_reaches_the_calendars_too(netwerk):
    sessie = plan(netwerk)
    sessie.titel = "Tweede open gesprek"
    sessie.locatie = "Wijkcentrum Lombok"

    sla_bijeenkomst_op(bijeenkomst=sessie)

    update = wachtende_mails()[1]
    _, onderdeel = gebeurtenis(update)
    assert (onderdeel["sequence"], str(onderdeel["summary"])) == (1, "Tweede open gesprek")
    assert update["onderwerp"] == "Gewijzigd: nieuwe plaats en titel voor Tweede open gesprek"


def test_a_new_place_is_named_in_the_update(netwerk):
    sessie = plan(netwerk)
    sessie.locatie = "Wijkcentrum Lombok"

    sla_bijeenkomst_op(bijeenkomst=sessie)

    update = wachtende_mails()[1]
    assert update["onderwerp"] == "Gewijzigd: nieuwe plaats voor Open gesprek"
    assert "Waar: Wijkcentrum Lombok\n" in update["tekst"]
    assert str(gebeurtenis(update)[1]["location"]) == "Wijkcentrum Lombok"


def test_cancelling_sends_a_cancel_with_the_same_uid_and_a_higher_sequence_once(netwerk):
    sessie = plan(netwerk)
    sessie.locatie = "Wijkcentrum Lombok"
    sla_bijeenkomst_op(bijeenkomst=sessie)
    sessie.geannuleerd = True

    gemeld = sla_bijeenkomst_op(bijeenkomst=sessie)
    nog_eens = sla_bijeenkomst_op(bijeenkomst=sessie)

    uitnodiging, update, annulering = wachtende_mails()
    kalender, onderdeel = gebeurtenis(annulering)
    ((naam, _, mimetype),) = annulering["bijlagen"]
    assert (gemeld.annuleringen, nog_eens.totaal) == (1, 0)
    assert (naam, mimetype) == ("annulering.ics", "text/calendar; method=CANCEL; charset=UTF-8")
    assert str(kalender["method"]) == "CANCEL"
    assert str(onderdeel["status"]) == "CANCELLED"
    assert onderdeel["sequence"] == 2
    assert str(onderdeel["uid"]) == str(gebeurtenis(uitnodiging)[1]["uid"])
    assert annulering["onderwerp"] == "Gaat niet door: Open gesprek, 12 januari 2027"
    assert "gaat niet door" in annulering["tekst"]
    assert sessie.geannuleerd_op == NU
    assert Uitnodiging.objects.get().annulering_gemeld_op == NU


def test_saving_again_without_a_change_mails_nobody(netwerk):
    sessie = plan(netwerk)

    nog_eens = sla_bijeenkomst_op(bijeenkomst=sessie)
    sessie.agenda = "1. Kennismaking\n2. Wat speelt er?"
    andere_agenda = sla_bijeenkomst_op(bijeenkomst=sessie)

    assert (nog_eens.totaal, andere_agenda.totaal) == (0, 0)
    assert sessie.volgnummer == 0
    assert len(wachtende_mails()) == 1
    assert meld_uitnodigingen(bijeenkomst=sessie) == 0


def test_a_catch_up_with_a_session_read_before_a_change_sends_nothing_stale(netwerk):
    sessie = plan(netwerk)
    zoals_eerder_gelezen = Bijeenkomst.objects.get(pk=sessie.pk)
    sessie.begint_op += timedelta(hours=1)
    sla_bijeenkomst_op(bijeenkomst=sessie)

    assert meld_uitnodigingen(bijeenkomst=zoals_eerder_gelezen) == 0
    assert Uitnodiging.objects.get().gemelde_versie == 1
    assert len(wachtende_mails()) == 2


def test_a_new_time_before_anyone_was_invited_keeps_the_first_version(netwerk):
    sessie = plan(netwerk, publiceren=False)
    sessie.begint_op += timedelta(hours=1)
    sla_bijeenkomst_op(bijeenkomst=sessie)
    sessie.gepubliceerd = True

    sla_bijeenkomst_op(bijeenkomst=sessie)

    (mail,) = wachtende_mails()
    assert sessie.volgnummer == 0
    assert mail["onderwerp"].startswith("Uitnodiging: ")
    assert gebeurtenis(mail)[1]["sequence"] == 0


@pytest.mark.parametrize(
    "velden",
    [
        {"zichtbaarheid": Zichtbaarheid.INTERN},
        {"publiceren": False},
        {"begint_op": NU - timedelta(days=1), "eindigt_op": NU - timedelta(hours=22)},
        {"begint_op": NU - timedelta(hours=1), "eindigt_op": NU + timedelta(hours=1)},
        {"geannuleerd": True},
    ],
    ids=["intern", "niet gepubliceerd", "geweest", "begonnen", "geannuleerd"],
)
def test_intern_unpublished_past_or_cancelled_sessions_mail_nobody(netwerk, velden):
    sessie = plan(netwerk, **velden)

    assert meld_uitnodigingen(bijeenkomst=sessie) == 0
    assert meld_komende_uitnodigingen() == 0
    assert wachtende_mails() == []
    assert not Uitnodiging.objects.filter(gemelde_versie__isnull=False).exists()


def test_a_wijk_session_invites_neither_another_casuswijk_nor_an_ended_participation(netwerk):
    plan(netwerk)

    assert ontvangers() == ["dewi@voorbeeld.nl"]


def test_a_national_network_session_invites_every_casuswijk_of_the_call(netwerk):
    plan(netwerk, casuswijk=None, oproep=netwerk["oproep"], zichtbaarheid=Zichtbaarheid.NETWERK)

    assert ontvangers() == ["dewi@voorbeeld.nl", "w2@voorbeeld.nl"]
    zuilen = next(mail for mail in wachtende_mails() if mail["aan"] == ["w2@voorbeeld.nl"])
    assert "/wijken/zuilen/bijeenkomsten/" in zuilen["tekst"]


def test_a_participant_who_joins_later_gets_the_current_version_on_the_next_run(netwerk):
    sessie = plan(netwerk)
    sessie.begint_op += timedelta(hours=1)
    sla_bijeenkomst_op(bijeenkomst=sessie)
    DeelnameFactory(casuswijk=netwerk["w1"], gebruiker__email="nieuw@voorbeeld.nl")

    eerste = meld_komende_uitnodigingen()
    tweede = meld_komende_uitnodigingen()

    nieuw = wachtende_mails()[-1]
    assert (eerste, tweede) == (1, 0)
    assert nieuw["aan"] == ["nieuw@voorbeeld.nl"]
    assert nieuw["onderwerp"].startswith("Uitnodiging: ")
    assert gebeurtenis(nieuw)[1]["sequence"] == 1


def test_widening_the_visibility_invites_the_new_readers_only(netwerk):
    sessie = plan(netwerk)
    sessie.zichtbaarheid = Zichtbaarheid.NETWERK

    gemeld = sla_bijeenkomst_op(bijeenkomst=sessie)

    assert (gemeld.uitnodigingen, gemeld.wijzigingen) == (1, 0)
    assert [mail["aan"] for mail in wachtende_mails()] == [
        ["dewi@voorbeeld.nl"],
        ["w2@voorbeeld.nl"],
    ]


def test_an_invited_participant_whose_participation_ends_is_told_it_is_off_for_them(netwerk):
    sessie = plan(netwerk)
    deelname = netwerk["dewi"]
    deelname.beeindigd_op = NU
    deelname.save()

    eerste = meld_komende_uitnodigingen()
    tweede = meld_komende_uitnodigingen()

    _, afmelding = wachtende_mails()
    kalender, onderdeel = gebeurtenis(afmelding)
    assert (eerste, tweede) == (1, 0)
    assert afmelding["onderwerp"] == "Uitnodiging ingetrokken: Open gesprek, 12 januari 2027"
    assert "/wijken/" not in afmelding["tekst"]
    assert (str(kalender["method"]), str(onderdeel["status"])) == ("CANCEL", "CANCELLED")
    assert str(onderdeel["uid"]) == f"bijeenkomst-{sessie.pk}@127.0.0.1"
    assert "url" not in onderdeel


def test_unpublishing_or_narrowing_withdraws_the_invitation_and_reopening_invites_again(netwerk):
    sessie = plan(netwerk, zichtbaarheid=Zichtbaarheid.NETWERK)
    sessie.zichtbaarheid = Zichtbaarheid.WIJK
    versmald = sla_bijeenkomst_op(bijeenkomst=sessie)
    sessie.gepubliceerd = False
    ingetrokken = sla_bijeenkomst_op(bijeenkomst=sessie)
    sessie.gepubliceerd = True
    weer_open = sla_bijeenkomst_op(bijeenkomst=sessie)

    assert (versmald.ingetrokken, versmald.uitnodigingen) == (1, 0)
    assert (ingetrokken.ingetrokken, weer_open.uitnodigingen) == (1, 1)
    assert [(mail["aan"][0], mail["onderwerp"].split(":")[0]) for mail in wachtende_mails()] == [
        ("dewi@voorbeeld.nl", "Uitnodiging"),
        ("w2@voorbeeld.nl", "Uitnodiging"),
        ("w2@voorbeeld.nl", "Uitnodiging ingetrokken"),
        ("dewi@voorbeeld.nl", "Uitnodiging ingetrokken"),
        ("dewi@voorbeeld.nl", "Uitnodiging"),
    ]


def test_cancelling_goes_to_whoever_was_invited_and_only_to_them(netwerk):
    sessie = plan(netwerk)
    DeelnameFactory(casuswijk=netwerk["w1"], gebruiker__email="later@voorbeeld.nl")
    sessie.geannuleerd = True

    sla_bijeenkomst_op(bijeenkomst=sessie)
    meld_komende_uitnodigingen()

    assert [(mail["aan"][0], mail["onderwerp"].split(":")[0]) for mail in wachtende_mails()] == [
        ("dewi@voorbeeld.nl", "Uitnodiging"),
        ("dewi@voorbeeld.nl", "Gaat niet door"),
    ]
    assert f"/wijken/lombok/bijeenkomsten/{sessie.pk}/" in wachtende_mails()[1]["tekst"]


def test_calling_off_a_cancellation_invites_again_with_a_higher_sequence(netwerk):
    sessie = plan(netwerk)
    sessie.geannuleerd = True
    sla_bijeenkomst_op(bijeenkomst=sessie)
    sessie.geannuleerd = False

    gemeld = sla_bijeenkomst_op(bijeenkomst=sessie)

    opnieuw = wachtende_mails()[-1]
    assert gemeld.uitnodigingen == 1
    assert (sessie.volgnummer, sessie.geannuleerd_op) == (2, None)
    assert str(gebeurtenis(opnieuw)[0]["method"]) == "REQUEST"
    assert gebeurtenis(opnieuw)[1]["sequence"] == 2


def test_the_feed_keeps_a_cancelled_session_marked_cancelled_with_its_sequence(client, netwerk):
    sessie = plan(netwerk)
    sessie.geannuleerd = True
    sla_bijeenkomst_op(bijeenkomst=sessie)

    (onderdeel,) = feed_van(client, netwerk["dewi"]).walk("VEVENT")

    assert str(onderdeel["uid"]) == f"bijeenkomst-{sessie.pk}@127.0.0.1"
    assert str(onderdeel["status"]) == "CANCELLED"
    assert onderdeel["sequence"] == 1


def test_the_attachment_goes_out_as_an_invitation_mail_clients_recognise(mailoutbox, netwerk):
    plan(netwerk)
    (mail,) = wachtende_mails()

    bezorg_email(**mail)

    (bijlage,) = [deel for deel in mailoutbox[0].message().walk() if deel.get_filename()]
    assert bijlage.get_content_type() == "text/calendar"
    assert bijlage["Content-Type"] == 'text/calendar; charset="utf-8"; method=REQUEST'
    assert bijlage.get_filename() == "uitnodiging.ics"
    assert "METHOD:REQUEST" in bijlage.get_payload(decode=True).decode()


def test_the_cost_of_inviting_grows_with_the_people_mailed_only():
    def kosten(aantal: int) -> int:
        wijk = CasuswijkFactory()
        for _ in range(aantal):
            DeelnameFactory(casuswijk=wijk)
        sessie = BijeenkomstFactory(casuswijk=wijk, begint_op=BEGIN, eindigt_op=BEGIN)
        with CaptureQueriesContext(connection) as vragen:
            assert meld_uitnodigingen(bijeenkomst=sessie) == aantal
        return len(vragen)

    een, twee, vijf = kosten(1), kosten(2), kosten(5)

    # The same cost for each further person (whether they may read it, their Uitnodiging,
    # their mail): never one that grows with the others.
    assert vijf - twee == 3 * (twee - een)


def test_the_admin_cancels_through_the_form_and_says_how_many_are_told(client, netwerk):
    sessie = plan(netwerk)
    client.force_login(medewerker("begeleider"))
    url = reverse("admin:casuswijken_bijeenkomst_change", args=[sessie.pk])
    pagina = client.get(url).context
    formulier = pagina["adminform"].form
    data = {naam: formulier[naam].value() for naam in formulier.fields if formulier[naam].value()}
    data.update(lege_inlines(pagina))
    data.update({
        "begint_op_0": "12-01-2027", "begint_op_1": "15:00:00",
        "eindigt_op_0": "12-01-2027", "eindigt_op_1": "17:00:00",
        "begeleiders": [], "actiepunten-TOTAL_FORMS": "0", "actiepunten-INITIAL_FORMS": "0",
    })  # fmt: skip

    verplaatst = client.post(url, data, follow=True)
    afgezegd = client.post(url, {**data, "geannuleerd": "on"}, follow=True)

    assert [str(m) for m in verplaatst.context["messages"]][:1] == [
        "1 deelnemer krijgt bericht van de nieuwe tijd, plaats of titel."
    ]
    assert [str(m) for m in afgezegd.context["messages"]][:1] == [
        "1 deelnemer krijgt bericht dat de bijeenkomst niet doorgaat."
    ]
    sessie.refresh_from_db()
    assert (sessie.geannuleerd, sessie.geannuleerd_op, sessie.volgnummer) == (True, NU, 2)
    assert [mail["onderwerp"].split(":")[0] for mail in wachtende_mails()] == [
        "Uitnodiging", "Gewijzigd", "Gaat niet door",
    ]  # fmt: skip


def test_the_admin_says_how_many_invitations_publishing_sends(client, netwerk):
    sessie = plan(netwerk, publiceren=False)
    DeelnameFactory(casuswijk=netwerk["w1"])
    client.force_login(medewerker("begeleider"))
    url = reverse("admin:casuswijken_bijeenkomst_change", args=[sessie.pk])
    pagina = client.get(url).context
    formulier = pagina["adminform"].form
    data = {naam: formulier[naam].value() for naam in formulier.fields if formulier[naam].value()}
    data.update(lege_inlines(pagina))
    data.update({
        "begint_op_0": "12-01-2027", "begint_op_1": "14:00:00",
        "eindigt_op_0": "12-01-2027", "eindigt_op_1": "16:00:00", "gepubliceerd": "on",
        "begeleiders": [], "actiepunten-TOTAL_FORMS": "0", "actiepunten-INITIAL_FORMS": "0",
    })  # fmt: skip

    response = client.post(url, data, follow=True)

    assert [str(m) for m in response.context["messages"]][:1] == [
        "2 deelnemers krijgen een uitnodiging, met de bijeenkomst als bijlage voor de eigen agenda."
    ]


def test_the_admin_list_shows_and_filters_cancelled_sessions(client, netwerk):
    plan(netwerk, titel="Gaat door")
    plan(netwerk, titel="Afgezegd", afzeggen=True)
    client.force_login(medewerker("begeleider"))

    response = client.get(
        reverse("admin:casuswijken_bijeenkomst_changelist"), {"geannuleerd__exact": "1"}
    )

    assert [sessie.titel for sessie in response.context["cl"].result_list] == ["Afgezegd"]
    assert '<td class="field-status">gaat niet door</td>' in response.text


def test_a_cancelled_session_says_so_on_its_page_and_in_the_lists(client, netwerk):
    sessie = plan(netwerk, titel="Afgezegd", afzeggen=True)
    landelijk = plan(netwerk, casuswijk=CasuswijkFactory(aanmelding__oproep=netwerk["oproep"]),
                     titel="Elders afgezegd", zichtbaarheid=Zichtbaarheid.NETWERK,
                     afzeggen=True)  # fmt: skip
    client.force_login(netwerk["dewi"].gebruiker)

    pagina = client.get(reverse("casuswijken:bijeenkomst", args=["lombok", sessie.pk]))
    wijk = client.get(reverse("casuswijken:casuswijk", args=["lombok"]))
    overzicht = client.get(reverse("casuswijken:overzicht"))

    assert '<p class="alert alert-danger" id="gaat-niet-door"><strong>Gaat niet door.</strong> ' \
        "Deze bijeenkomst is afgezegd op 5 januari 2027.</p>" in pagina.text  # fmt: skip
    assert "<title>Gaat niet door: Afgezegd" in pagina.text
    assert (
        f'{sessie.pk}/">Afgezegd</a> <span class="badge text-bg-danger">gaat niet door</span>'
        in (wijk.text)
    )
    assert (
        f'{landelijk.pk}/">Elders afgezegd</a> <span class="badge text-bg-danger">gaat niet '
        "door</span>" in overzicht.text
    )


def test_a_national_session_named_after_its_kind_is_not_named_twice(netwerk):
    plan(netwerk, casuswijk=None, oproep=netwerk["oproep"], zichtbaarheid="netwerk",
         soort="landelijke_leerbijeenkomst", titel="Landelijke leerbijeenkomst")  # fmt: skip

    tekst = wachtende_mails()[0]["tekst"]

    assert 'voor de bijeenkomst "Landelijke leerbijeenkomst".' in tekst


def test_the_uid_carries_the_portals_own_host(netwerk, settings):
    settings.PORTAAL_URL = "https://leernetwerk.platform31.nl"
    sessie = plan(netwerk)

    _, onderdeel = gebeurtenis(wachtende_mails()[0])

    assert str(onderdeel["uid"]) == f"bijeenkomst-{sessie.pk}@leernetwerk.platform31.nl"
