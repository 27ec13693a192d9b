"""manage.py pas_bewaartermijnen_toe with frozen time: the casuswijken after the network,
participant accounts, the mail queue, the security log, the admin's change log, and the
privacy statement that shows the same terms. The terms of applications that never became
a casuswijk: tests/aanmeldingen/test_opruimen.py."""

import io
import re
from datetime import date, datetime

import pytest
import time_machine
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import storages
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from aanmeldingen.models import Aanmelding, Besluitbericht, Coalitielid, Revisie, Statuswijziging
from casuswijken.enums import Rol
from casuswijken.models import (
    Actiepunt,
    Actiepuntwijziging,
    Bevinding,
    Bijeenkomst,
    Bijlage,
    Casuswijk,
    Deelname,
    Interventie,
    Interventievoorstel,
    Reactie,
    Uitnodiging,
    Voorbeeld,
)
from casuswijken.services import nodig_uit
from netwerk.beveiliging import noteer
from netwerk.bewaartermijnen import TERMIJNEN, maanden_eerder
from netwerk.models import Beveiligingsgebeurtenis, MailAfhandeling
from netwerk.persoonsgegevens import PLAATSHOUDER
from netwerk.wijzigingslog import NAAM_VERWIJDERD
from tests.factories import (
    AanmeldingFactory,
    ActiepuntFactory,
    BesluitberichtFactory,
    BevindingFactory,
    BijeenkomstFactory,
    BijlageFactory,
    CasuswijkFactory,
    DeelnameFactory,
    InterventieFactory,
    InterventievoorstelFactory,
    OproepFactory,
    ReactieFactory,
    UitnodigingFactory,
    VoorbeeldFactory,
    medewerker,
)

pytestmark = pytest.mark.django_db

Soort = Beveiligingsgebeurtenis.Soort


def pas_toe(op: str) -> dict[str, int]:
    """Run the command at that moment; returns per term how many records it reported."""
    uitvoer = io.StringIO()
    with time_machine.travel(op, tick=False):
        call_command("pas_bewaartermijnen_toe", stdout=uitvoer)
    regels = uitvoer.getvalue().splitlines()
    assert len(regels) == len(TERMIJNEN)
    return {
        termijn.sleutel: int(re.search(r": (\d+) (?:record|account)", regel).group(1))
        for termijn, regel in zip(TERMIJNEN, regels, strict=True)
    }


def logregel(obj, actie=CHANGE, door=None):
    return LogEntry.objects.create(
        user=door or medewerker("beheer"),
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        action_flag=actie,
        change_message="[]",
    )


def test_months_count_back_to_the_same_day_or_the_last_of_a_shorter_month():
    assert maanden_eerder(date(2028, 7, 1), 24) == date(2026, 7, 1)
    assert maanden_eerder(date(2026, 5, 31), 3) == date(2026, 2, 28)
    assert maanden_eerder(date(2026, 1, 15), 1) == date(2025, 12, 15)


def een_volle_casuswijk(oproep, begeleider):
    """A chosen application whose casuswijk holds one of everything, and the call's
    national session and example."""
    casuswijk = CasuswijkFactory(aanmelding__oproep=oproep, aanmelding__wijknaam="Gekozen")
    sessie = BijeenkomstFactory(casuswijk=casuswijk, verslag="Verslag van Anna.")
    volgende = BijeenkomstFactory(casuswijk=casuswijk)
    sessie.begeleiders.add(begeleider)
    landelijk = BijeenkomstFactory(casuswijk=None, oproep=oproep, zichtbaarheid="netwerk")
    deelname = DeelnameFactory(casuswijk=casuswijk)
    actiepunt = ActiepuntFactory(bijeenkomst=sessie, eigenaar=deelname.gebruiker)
    ActiepuntFactory(bijeenkomst=landelijk, casuswijk=casuswijk)
    ActiepuntFactory(bijeenkomst=sessie, afgerond=True, afgerond_in=volgende)
    Actiepuntwijziging.objects.create(actiepunt=actiepunt, status="loopt", door=deelname.gebruiker)
    InterventieFactory(casuswijk=casuswijk)
    InterventievoorstelFactory(casuswijk=casuswijk)
    BevindingFactory(casuswijk=casuswijk, bijeenkomst=sessie)
    UitnodigingFactory(bijeenkomst=sessie)
    ReactieFactory(bijeenkomst=sessie)
    bijlage = BijlageFactory(bijeenkomst=sessie)
    VoorbeeldFactory(oproep=oproep)
    BesluitberichtFactory(aanmelding=casuswijk.aanmelding, besluit="geselecteerd")
    for obj in (casuswijk.aanmelding, casuswijk, sessie, deelname, bijlage):
        logregel(obj)
    logregel(casuswijk.aanmelding.leden.first())
    return casuswijk, bijlage.bestand.name


def test_a_chosen_application_goes_with_all_of_its_casuswijk_24_months_after_the_network(
    django_capture_on_commit_callbacks,
):
    begeleider = medewerker("begeleider")
    afgelopen = OproepFactory(deadline="2025-06-01 12:00 +02:00", netwerk_einde=date(2026, 6, 30))
    casuswijk, bestand = een_volle_casuswijk(afgelopen, begeleider)
    zonder_einde = CasuswijkFactory(aanmelding__oproep=OproepFactory(netwerk_einde=None))
    BijeenkomstFactory(casuswijk=zonder_einde)
    later = CasuswijkFactory(aanmelding__oproep=OproepFactory(netwerk_einde=date(2026, 12, 31)))
    assert storages["bijlagen"].exists(bestand)

    assert pas_toe("2028-06-30 12:00 +02:00")["na_netwerk"] == 0
    assert Casuswijk.objects.filter(pk=casuswijk.pk).exists()

    with django_capture_on_commit_callbacks(execute=True):
        verwijderd = pas_toe("2028-07-01 12:00 +02:00")["na_netwerk"]

    assert verwijderd > 0
    assert list(Casuswijk.objects.order_by("pk")) == [zonder_einde, later]
    assert list(Aanmelding.objects.order_by("pk")) == [zonder_einde.aanmelding, later.aanmelding]
    assert Bijeenkomst.objects.filter(oproep=afgelopen).count() == 0
    assert Voorbeeld.objects.filter(oproep=afgelopen).count() == 0
    for model in (
        Actiepunt,
        Actiepuntwijziging,
        Interventie,
        Interventievoorstel,
        Bevinding,
        Uitnodiging,
        Reactie,
        Bijlage,
        Deelname,
        Besluitbericht,
    ):
        assert model.objects.count() == 0, model
    for model in (Coalitielid, Statuswijziging, Revisie):
        assert (
            model.objects.exclude(
                aanmelding__in=[zonder_einde.aanmelding, later.aanmelding]
            ).count()
            == 0
        )
    assert not storages["bijlagen"].exists(bestand)
    # The admin's change log went with what it described.
    assert LogEntry.objects.count() == 0
    # Staff are never touched; the participant, left without a casuswijk, is wiped.
    begeleider.refresh_from_db()
    assert begeleider.is_active
    assert begeleider.get_full_name() != PLAATSHOUDER
    assert {
        gebruiker.get_full_name() for gebruiker in get_user_model().objects.filter(is_staff=False)
    } == {PLAATSHOUDER}
    # The call itself stays: its public page names no person.
    afgelopen.refresh_from_db()

    assert set(pas_toe("2028-07-01 12:00 +02:00").values()) == {0}


def test_a_network_without_an_end_date_keeps_everything():
    casuswijk, _ = een_volle_casuswijk(OproepFactory(netwerk_einde=None), medewerker("begeleider"))

    uitkomst = pas_toe("2040-01-01 12:00 +01:00")

    assert uitkomst["na_netwerk"] == 0
    assert Casuswijk.objects.get() == casuswijk
    assert Actiepunt.objects.count() == 3


def test_a_participant_is_switched_off_a_month_after_the_last_participation_ended():
    deelname = DeelnameFactory(beeindigd_op="2026-03-10 12:00 +01:00")
    nog_bezig = DeelnameFactory(beeindigd_op="2026-03-10 12:00 +01:00").gebruiker
    DeelnameFactory(gebruiker=nog_bezig)
    nooit_geeindigd = DeelnameFactory().gebruiker

    assert pas_toe("2026-04-09 12:00 +02:00")["deelnemers_uit"] == 0
    deelname.gebruiker.refresh_from_db()
    assert deelname.gebruiker.is_active

    assert pas_toe("2026-04-11 12:00 +02:00")["deelnemers_uit"] == 1
    assert list(get_user_model().objects.filter(is_active=False)) == [deelname.gebruiker]
    nog_bezig.refresh_from_db()
    nooit_geeindigd.refresh_from_db()
    assert nog_bezig.is_active
    assert nooit_geeindigd.is_active

    assert pas_toe("2026-04-11 12:00 +02:00")["deelnemers_uit"] == 0


def test_a_participation_without_an_end_date_ends_with_its_network():
    oproep = OproepFactory(netwerk_einde=date(2026, 6, 30))
    deelnemer = DeelnameFactory(casuswijk__aanmelding__oproep=oproep).gebruiker

    pas_toe("2026-07-30 12:00 +02:00")
    deelnemer.refresh_from_db()
    assert deelnemer.is_active

    pas_toe("2026-08-01 12:00 +02:00")
    deelnemer.refresh_from_db()
    assert not deelnemer.is_active


def test_a_participant_is_wiped_twelve_months_after_and_what_others_read_keeps_a_placeholder():
    deelname = DeelnameFactory(
        beeindigd_op="2026-03-10 12:00 +01:00",
        organisatie="Gemeente Zwolle",
        functie="Wijkregisseur",
    )
    deelnemer = deelname.gebruiker
    deelnemer.first_name, deelnemer.last_name = "Anna", "de Vries"
    deelnemer.email = "anna@zwolle.nl"
    deelnemer.save()
    sessie = BijeenkomstFactory(casuswijk=deelname.casuswijk)
    actiepunt = ActiepuntFactory(bijeenkomst=sessie, eigenaar=deelnemer)
    wijziging = Actiepuntwijziging.objects.create(
        actiepunt=actiepunt, status="loopt", door=deelnemer
    )
    reactie = ReactieFactory(bijeenkomst=sessie, gebruiker=deelnemer)
    UitnodigingFactory(bijeenkomst=sessie, gebruiker=deelnemer, antwoord="ja")
    noteer(Soort.INGELOGD, gebruiker=deelnemer)
    logregel(deelnemer)
    staf = medewerker("begeleider")
    DeelnameFactory(gebruiker=staf, beeindigd_op="2026-03-10 12:00 +01:00")

    assert pas_toe("2027-03-09 12:00 +01:00")["deelnemers_gewist"] == 0
    deelnemer.refresh_from_db()
    assert deelnemer.get_full_name() == "Anna de Vries"

    assert pas_toe("2027-03-11 12:00 +01:00")["deelnemers_gewist"] == 1

    deelnemer.refresh_from_db()
    assert deelnemer.username == f"verwijderd-{deelnemer.pk}"
    assert deelnemer.get_full_name() == PLAATSHOUDER
    assert deelnemer.email == ""
    assert not deelnemer.is_active
    assert not deelnemer.has_usable_password()
    deelname.refresh_from_db()
    assert (deelname.organisatie, deelname.functie) == ("", "")
    actiepunt.refresh_from_db()
    assert actiepunt.eigenaar_weergave == PLAATSHOUDER
    assert Actiepuntwijziging.objects.get().door == deelnemer == wijziging.door
    assert Reactie.objects.get() == reactie
    assert Uitnodiging.objects.filter(gebruiker=deelnemer).count() == 0
    assert Beveiligingsgebeurtenis.objects.get(gebruiker=deelnemer).gebruikersnaam == ""
    assert LogEntry.objects.filter(object_id=str(deelnemer.pk)).count() == 0
    # Staff with an ended participation are never touched.
    staf.refresh_from_db()
    assert staf.is_active
    assert staf.get_full_name() != PLAATSHOUDER

    assert pas_toe("2027-03-11 12:00 +01:00")["deelnemers_gewist"] == 0


def test_inviting_a_switched_off_participant_again_switches_the_account_on():
    deelname = DeelnameFactory(beeindigd_op="2026-03-10 12:00 +01:00")
    pas_toe("2026-04-11 12:00 +02:00")
    gebruiker = deelname.gebruiker
    gebruiker.refresh_from_db()
    assert not gebruiker.is_active

    nodig_uit(casuswijk=CasuswijkFactory(), email=gebruiker.email, naam="Anna", rol=Rol.COALITIELID)

    gebruiker.refresh_from_db()
    assert gebruiker.is_active


def test_the_mail_queue_keeps_a_sent_mail_14_days_and_a_failed_one_until_dealt_with():
    from netwerk.mail import verstuur_email

    for onderwerp in ("verstuurd", "mislukt, afgehandeld", "mislukt, open"):
        verstuur_email.enqueue(
            aan=["iemand@voorbeeld.nl"], onderwerp=onderwerp, tekst="x", reply_to=[]
        )
    taken = DBTaskResult.objects.filter(task_path="netwerk.mail.verstuur_email")
    klaar = timezone.datetime.fromisoformat("2026-03-01 12:00 +01:00")
    taken.filter(args_kwargs__kwargs__onderwerp="verstuurd").update(
        status="SUCCESSFUL", finished_at=klaar
    )
    taken.exclude(args_kwargs__kwargs__onderwerp="verstuurd").update(
        status="FAILED", finished_at=klaar, exception_class_path="builtins.ConnectionRefusedError"
    )
    MailAfhandeling.objects.create(
        taak=taken.get(args_kwargs__kwargs__onderwerp="mislukt, afgehandeld")
    )

    assert pas_toe("2026-03-14 12:00 +01:00")["wachtrij"] == 0
    assert pas_toe("2026-03-16 12:00 +01:00")["wachtrij"] == 2
    assert [taak.args_kwargs["kwargs"]["onderwerp"] for taak in taken] == ["mislukt, open"]


def test_the_security_log_keeps_an_entry_365_days():
    with time_machine.travel("2025-12-01 12:00 +01:00", tick=False):
        noteer(Soort.UITGELOGD)

    assert pas_toe("2026-11-30 12:00 +01:00")["beveiligingslog"] == 0
    assert pas_toe("2026-12-02 12:00 +01:00")["beveiligingslog"] == 1
    assert Beveiligingsgebeurtenis.objects.count() == 0


def test_deleting_in_the_admin_takes_the_change_log_and_keeps_who_deleted_without_the_name(client):
    beheer = medewerker("beheer")
    oproep = OproepFactory(titel="Oproep van wijk De Vries")
    logregel(oproep, actie=ADDITION, door=beheer)
    logregel(oproep, actie=CHANGE, door=beheer)
    client.force_login(beheer)

    antwoord = client.post(
        reverse("admin:aanmeldingen_oproep_delete", args=[oproep.pk]), {"post": "yes"}
    )

    assert antwoord.status_code == 302
    (overgebleven,) = LogEntry.objects.all()
    assert overgebleven.action_flag == DELETION
    assert overgebleven.user == beheer
    assert overgebleven.object_repr == NAAM_VERWIJDERD
    assert overgebleven.object_id == str(oproep.pk)


def rijen_van_de_tabel(html: str) -> list[tuple[str, str, str]]:
    """The privacy statement's retention table as (which data, how long, counted from)."""
    return re.findall(
        r'<tr><th scope="row"[^>]*>(.*?)</th><td[^>]*>(.*?)</td><td[^>]*>(.*?)</td></tr>', html
    )


def test_the_privacy_statement_shows_each_term_from_its_setting(client, settings):
    settings.BEWAREN_NIET_GEKOZEN_MAANDEN = 7
    settings.BEWAREN_NA_NETWERK_MAANDEN = 30
    settings.ACCOUNT_UITZETTEN_MAANDEN = 1
    settings.MAIL_BEWAREN_DAGEN = 10

    rijen = rijen_van_de_tabel(" ".join(client.get(reverse("privacy")).text.split()))

    assert [(wat, duur) for wat, duur, _ in rijen] == [(t.wat, t.duur) for t in TERMIJNEN]
    assert rijen[0] == (
        "Aanmeldingen die niet gekozen zijn (reserve of afgewezen), met de coalitieleden",
        "7 maanden",
        "nadat we het besluit over de selectie hebben verstuurd",
    )
    duur = {t.instelling: rij[1] for t, rij in zip(TERMIJNEN, rijen, strict=True)}
    assert duur["BEWAREN_NA_NETWERK_MAANDEN"] == "30 maanden"
    assert duur["ACCOUNT_UITZETTEN_MAANDEN"] == "1 maand"
    assert duur["MAIL_BEWAREN_DAGEN"] == "10 dagen"
    assert duur["BEVEILIGINGSLOG_DAGEN"] == "365 dagen"


def test_an_account_whose_participations_were_deleted_counts_from_its_last_login():
    deelnemer = DeelnameFactory().gebruiker
    deelnemer.last_login = datetime.fromisoformat("2026-03-10 12:00+01:00")
    deelnemer.save()
    Deelname.objects.filter(gebruiker=deelnemer).delete()  # staff may delete a participation
    staf = medewerker("begeleider")

    assert pas_toe("2026-04-09 12:00 +02:00")["deelnemers_uit"] == 0
    assert pas_toe("2026-04-11 12:00 +02:00")["deelnemers_uit"] == 1
    assert pas_toe("2027-03-09 12:00 +01:00")["deelnemers_gewist"] == 0
    assert pas_toe("2027-03-11 12:00 +01:00")["deelnemers_gewist"] == 1
    deelnemer.refresh_from_db()
    staf.refresh_from_db()
    assert (deelnemer.get_full_name(), deelnemer.email) == (PLAATSHOUDER, "")
    assert staf.is_active


def test_an_application_never_decided_goes_with_its_network():
    oproep = OproepFactory(netwerk_einde=date(2026, 6, 30))
    nooit_besloten = AanmeldingFactory(oproep=oproep)

    assert pas_toe("2028-06-29 12:00 +02:00")["na_netwerk"] == 0
    assert pas_toe("2028-07-01 12:00 +02:00")["na_netwerk"] > 0
    assert not Aanmelding.objects.filter(pk=nooit_besloten.pk).exists()
