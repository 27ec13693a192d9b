"""No mail is lost: tries again with backoff, failed mails for staff, pruning, dead workers.

The mail server is a real one on loopback (tests.mailservers.Postvak); "down" is its port
with nothing listening yet. The worker is the real db_worker (tests.conftest).
"""

import os
import signal
import smtplib
import socket
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from aanmeldingen.services import stuur_nieuwe_link
from aanmeldingen.taken import behandel_linkaanvraag
from netwerk.mail import (
    NIET_VERSTUURD,
    UITGESTELD,
    is_tijdelijk,
    mislukte_mails,
    verstuur_email,
    verstuur_opnieuw,
)
from netwerk.models import MailAfhandeling
from tests.conftest import wachtende_mails, werk_wachtrij_af
from tests.factories import AanmeldingFactory, geef_link, link_uit_mail, medewerker
from tests.mailservers import Postvak, vrije_poort

pytestmark = pytest.mark.django_db(transaction=True)

TAKEN = "/admin/django_tasks_database/dbtaskresult/"
BASIS = Path(__file__).resolve().parents[2]


@pytest.fixture
def poort(settings) -> int:
    """Django's SMTP backend pointed at a loopback port where no server listens yet."""
    poort = vrije_poort()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = poort
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    settings.MAIL_POGINGEN = 5
    settings.MAIL_WACHTTIJD_SECONDEN = 240
    return poort


def tekst(bericht) -> str:
    return bericht.get_payload(decode=True).decode()


def queue_een_mail(aan="iemand@voorbeeld.nl", onderwerp="Tot dinsdag"):
    verstuur_email.enqueue(aan=[aan], onderwerp=onderwerp, tekst="Tot dan.", reply_to=[])


def mailtaken():
    return DBTaskResult.objects.filter(task_path="netwerk.mail.verstuur_email")


def test_smtp_down_then_up_every_mail_arrives_once_and_the_old_link_works_until_then(poort, client):
    aanmelding = AanmeldingFactory()
    oude_link = geef_link(aanmelding)
    contact = aanmelding.contactpersoon.email

    with time_machine.travel(timezone.now(), tick=False) as reis:
        behandel_linkaanvraag.enqueue(oproep_id=aanmelding.oproep_id, email=contact)
        queue_een_mail()
        werk_wachtrij_af()  # the mail server is down
        (linkmail,) = [mail for mail in wachtende_mails() if mail["aan"] == [contact]]
        nieuwe_link = link_uit_mail(linkmail)

        assert client.get(oude_link).status_code == 200
        assert client.get(nieuwe_link).status_code == 404
        assert sorted(mail["poging"] for mail in wachtende_mails()) == [2, 2]

        reis.shift(timedelta(minutes=4))
        werk_wachtrij_af()  # still down: the second tries fail too
        assert client.get(oude_link).status_code == 200
        assert sorted(mail["poging"] for mail in wachtende_mails()) == [3, 3]

        with Postvak(poort) as postvak:
            reis.shift(timedelta(minutes=8))
            werk_wachtrij_af()
            reis.shift(timedelta(hours=2))
            werk_wachtrij_af()

    assert sorted(bericht["To"] for bericht in postvak.berichten) == sorted(
        [contact, "iemand@voorbeeld.nl"]
    )
    (ontvangen,) = postvak.aan(contact)
    assert link_uit_mail({"tekst": tekst(ontvangen)}) == nieuwe_link
    assert client.get(nieuwe_link).status_code == 200
    assert client.get(oude_link).status_code == 404
    assert wachtende_mails() == []
    assert not mislukte_mails().exists()


def test_a_failing_mail_is_tried_five_times_in_an_hour_then_waits_for_staff(poort):
    wachttijden = []

    with time_machine.travel(timezone.now(), tick=False) as reis:
        queue_een_mail()
        werk_wachtrij_af()
        for _ in range(10):
            volgende = mailtaken().filter(status="READY").first()
            if volgende is None:
                break
            wachttijden.append(volgende.run_after - timezone.now())
            reis.move_to(volgende.run_after)
            werk_wachtrij_af()

    assert wachttijden == [timedelta(minutes=minuten) for minuten in (4, 8, 16, 32)]
    pogingen = mailtaken().order_by("enqueued_at")
    assert [taak.args_kwargs["kwargs"].get("poging", 1) for taak in pogingen] == [1, 2, 3, 4, 5]
    assert [taak.exception_class_path for taak in pogingen] == [UITGESTELD] * 4 + [
        "builtins.ConnectionRefusedError"
    ]
    assert "Poging 1 van 5 mislukt (ConnectionRefusedError" in pogingen[0].traceback
    assert list(mislukte_mails()) == [pogingen[4]]


def test_a_recipient_the_server_refuses_for_good_is_not_tried_again(poort):
    queue_een_mail(aan="weg@voorbeeld.nl")

    with Postvak(poort, weiger=("weg@voorbeeld.nl",)) as postvak:
        werk_wachtrij_af()

    (taak,) = mailtaken()
    assert taak.exception_class_path == "smtplib.SMTPRecipientsRefused"
    assert list(mislukte_mails()) == [taak]
    assert postvak.berichten == []


def test_a_server_that_never_answers_is_tried_again(poort, settings):
    settings.EMAIL_TIMEOUT = 1
    with socket.socket() as stil:
        # Takes the connection (the kernel's backlog) and never says a word.
        stil.bind(("127.0.0.1", poort))
        stil.listen()
        queue_een_mail()
        werk_wachtrij_af()

    (mislukt, volgende) = mailtaken().order_by("enqueued_at")
    assert mislukt.exception_class_path == UITGESTELD
    assert volgende.status == "READY"
    assert volgende.args_kwargs["kwargs"]["poging"] == 2


@pytest.mark.parametrize(
    ("fout", "tijdelijk"),
    [
        (ConnectionRefusedError(111, "Connection refused"), True),
        (TimeoutError("timed out"), True),
        (smtplib.SMTPServerDisconnected("Connection unexpectedly closed"), True),
        (smtplib.SMTPAuthenticationError(535, b"bad credentials"), True),
        (smtplib.SMTPRecipientsRefused({"a@voorbeeld.nl": (451, b"try later")}), True),
        (smtplib.SMTPRecipientsRefused({"a@voorbeeld.nl": (550, b"no such user")}), False),
        (smtplib.SMTPDataError(421, b"busy"), True),
        (smtplib.SMTPDataError(554, b"rejected as spam"), False),
        (ValueError("a bug of ours"), False),
    ],
)
def test_which_errors_are_worth_another_try(fout, tijdelijk):
    assert is_tijdelijk(fout) is tijdelijk


def mislukt_voor_goed(settings) -> DBTaskResult:
    settings.MAIL_POGINGEN = 1
    werk_wachtrij_af()
    (taak,) = mislukte_mails()
    return taak


def test_staff_send_a_failed_link_mail_again_once_and_then_the_new_link_works(
    poort, settings, client
):
    aanmelding = AanmeldingFactory()
    oude_link = geef_link(aanmelding)
    behandel_linkaanvraag.enqueue(
        oproep_id=aanmelding.oproep_id, email=aanmelding.contactpersoon.email
    )
    mislukt = mislukt_voor_goed(settings)
    beheer = client
    beheer.force_login(medewerker("beheer"))
    assert [
        taak.pk for taak in beheer.get(TAKEN, {"mail": "mislukt"}).context["cl"].result_list
    ] == [mislukt.pk]

    for _ in range(2):
        response = beheer.post(
            TAKEN, {"action": "opnieuw_versturen", "_selected_action": [mislukt.pk]}, follow=True
        )

    assert "0 mislukte mails opnieuw in de wachtrij gezet." in response.text
    (nieuw,) = wachtende_mails()
    assert MailAfhandeling.objects.get(taak=mislukt).opnieuw_als is not None
    assert list(beheer.get(TAKEN, {"mail": "mislukt"}).context["cl"].result_list) == []
    assert client.get(oude_link).status_code == 200

    with Postvak(poort) as postvak:
        werk_wachtrij_af()

    (ontvangen,) = postvak.berichten
    nieuwe_link = link_uit_mail({"tekst": tekst(ontvangen)})
    assert nieuwe_link == link_uit_mail(nieuw)
    assert client.get(nieuwe_link).status_code == 200
    assert client.get(oude_link).status_code == 404


def test_a_failed_link_mail_sent_again_after_a_newer_request_is_not_delivered(
    poort, settings, client
):
    """Its link was replaced by the newer request's: delivered, it would never work."""
    aanmelding = AanmeldingFactory()
    oude_link = geef_link(aanmelding)
    mislukt = mislukt_voor_goed_met(settings, aanmelding)
    settings.MAIL_POGINGEN = 5
    with Postvak(poort) as postvak:
        stuur_nieuwe_link(aanmelding=aanmelding)
        werk_wachtrij_af()
        beheer = client
        beheer.force_login(medewerker("beheer"))
        beheer.post(TAKEN, {"action": "opnieuw_versturen", "_selected_action": [mislukt.pk]})
        werk_wachtrij_af()

    (ontvangen,) = postvak.berichten
    nieuwe_link = link_uit_mail({"tekst": tekst(ontvangen)})
    opnieuw = DBTaskResult.objects.get(pk=MailAfhandeling.objects.get(taak=mislukt).opnieuw_als)
    assert (opnieuw.status, opnieuw.return_value) == ("SUCCESSFUL", NIET_VERSTUURD)
    lijst = {
        filter_: {
            taak.pk for taak in beheer.get(TAKEN, {"mail": filter_}).context["cl"].result_list
        }
        for filter_ in ("verstuurd", "ingehaald")
    }
    assert lijst == {
        "verstuurd": {mailtaken().exclude(pk=opnieuw.pk).get(status="SUCCESSFUL").pk},
        "ingehaald": {opnieuw.pk},
    }
    assert client.get(nieuwe_link).status_code == 200
    assert client.get(oude_link).status_code == 404


def test_a_failed_link_mail_sent_again_while_a_newer_one_waits_is_not_delivered(
    poort, settings, client
):
    aanmelding = AanmeldingFactory()
    oude_link = geef_link(aanmelding)
    mislukt = mislukt_voor_goed_met(settings, aanmelding)
    stuur_nieuwe_link(aanmelding=aanmelding)
    verstuur_opnieuw(taak=mislukt, door=None)

    with Postvak(poort) as postvak:
        werk_wachtrij_af()

    (ontvangen,) = postvak.berichten
    assert client.get(link_uit_mail({"tekst": tekst(ontvangen)})).status_code == 200
    assert client.get(oude_link).status_code == 404


def mislukt_voor_goed_met(settings, aanmelding) -> DBTaskResult:
    """A link mail for `aanmelding` that failed for good (the mail server is down)."""
    stuur_nieuwe_link(aanmelding=aanmelding)
    return mislukt_voor_goed(settings)


def test_the_resend_action_is_for_beheer_only(poort, settings, client):
    queue_een_mail()
    mislukt = mislukt_voor_goed(settings)
    client.force_login(medewerker("coördinator"))

    response = client.post(TAKEN, {"action": "opnieuw_versturen", "_selected_action": [mislukt.pk]})

    assert response.status_code == 403
    assert wachtende_mails() == []
    assert not MailAfhandeling.objects.exists()


def test_the_task_list_shows_each_mail_and_its_try_in_a_fixed_number_of_queries(
    poort, settings, client
):
    client.force_login(medewerker("beheer"))
    queue_een_mail()
    mislukt_voor_goed(settings)
    client.post(TAKEN, {"action": "laat_rusten", "_selected_action": [mislukte_mails().get().pk]})
    client.get(TAKEN)  # the session and permissions cached like any later page

    with CaptureQueriesContext(connection) as bij_een:
        pagina = client.get(TAKEN)
    for nummer in range(5):
        queue_een_mail(aan=f"lid{nummer}@voorbeeld.nl")
    werk_wachtrij_af()
    mislukt = mislukte_mails().filter(afhandeling__isnull=True)
    client.post(
        TAKEN,
        {
            "action": "laat_rusten",
            "_selected_action": list(mislukt[:2].values_list("pk", flat=True)),
        },
    )
    with CaptureQueriesContext(connection) as bij_zes:
        client.get(TAKEN)

    assert len(bij_zes) == len(bij_een)
    assert "iemand@voorbeeld.nl: Tot dinsdag" in pagina.text
    assert "1 van 1" in pagina.text
    assert "afgehandeld zonder versturen door" in pagina.text


def test_pruning_keeps_failed_mails_until_staff_dealt_with_them(poort, settings):
    queue_een_mail(onderwerp="verstuurd")
    queue_een_mail(onderwerp="mislukt, afgehandeld")
    queue_een_mail(onderwerp="mislukt, open")
    nu = timezone.now()
    mailtaken().filter(args_kwargs__kwargs__onderwerp="verstuurd").update(
        status="SUCCESSFUL", finished_at=nu
    )
    mailtaken().exclude(args_kwargs__kwargs__onderwerp="verstuurd").update(
        status="FAILED", finished_at=nu, exception_class_path="builtins.ConnectionRefusedError"
    )
    MailAfhandeling.objects.create(
        taak=mailtaken().get(args_kwargs__kwargs__onderwerp="mislukt, afgehandeld")
    )

    def over(dagen):
        with time_machine.travel(nu + timedelta(days=dagen)):
            call_command("ruim_wachtrij_op", stdout=open(os.devnull, "w"))  # noqa: SIM115
        return sorted(taak.args_kwargs["kwargs"]["onderwerp"] for taak in mailtaken())

    assert over(13) == ["mislukt, afgehandeld", "mislukt, open", "verstuurd"]
    assert over(15) == ["mislukt, open"]
    assert over(400) == ["mislukt, open"]


def test_a_task_a_dead_worker_left_running_goes_back_after_the_timeout(poort, settings):
    settings.WACHTRIJ_VASTGELOPEN_MINUTEN = 15
    queue_een_mail()
    taak = mailtaken().get()
    taak.claim("gestopte-worker")  # its worker died before it marked the row
    nu = timezone.now()

    with Postvak(poort) as postvak:
        with time_machine.travel(nu + timedelta(minutes=14)):
            call_command("ruim_wachtrij_op", stdout=open(os.devnull, "w"))  # noqa: SIM115
            werk_wachtrij_af()
        assert postvak.berichten == []
        with time_machine.travel(nu + timedelta(minutes=16)):
            call_command("ruim_wachtrij_op", stdout=open(os.devnull, "w"))  # noqa: SIM115
            werk_wachtrij_af()

    assert [bericht["To"] for bericht in postvak.berichten] == ["iemand@voorbeeld.nl"]
    taak.refresh_from_db()
    assert taak.status == "SUCCESSFUL"
    assert taak.worker_ids[0] == "gestopte-worker"
    assert len(taak.worker_ids) == 2


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (set DATABASE_URL)")
def test_a_worker_killed_while_sending_sends_the_mail_at_most_once_more(poort, settings):
    """A real db_worker in a process of its own, killed while the server holds the DATA
    phase (the text is in, the 250 not yet sent); the next worker sends it again."""
    queue_een_mail()
    database = connection.settings_dict
    omgeving = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "netwerk.settings",
        "DATABASE_URL": (
            f"postgres://{database['USER']}:{database['PASSWORD']}@"
            f"{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}/{database['NAME']}"
        ),
        "SECRET_KEY": "alleen-voor-tests",
        "EMAIL_URL": f"smtp://127.0.0.1:{poort}",
        "DEBUG": "1",
    }
    worker = [sys.executable, "manage.py", "db_worker", "--no-startup-delay", "--no-reload"]

    with Postvak(poort, vasthouden=True) as postvak:
        eerste = subprocess.Popen(  # noqa: S603
            [*worker, "--interval", "0.1"], cwd=BASIS, env=omgeving, stdout=subprocess.DEVNULL
        )
        try:
            assert postvak.in_data.wait(timeout=60), "the worker never reached the DATA phase"
            eerste.send_signal(signal.SIGKILL)
            eerste.wait(timeout=30)
        finally:
            eerste.kill()
        postvak.laat_los()
        assert mailtaken().get().status == "RUNNING"

        with time_machine.travel(timezone.now() + timedelta(minutes=16)):
            call_command("ruim_wachtrij_op", stdout=open(os.devnull, "w"))  # noqa: SIM115
        subprocess.run([*worker, "--batch"], cwd=BASIS, env=omgeving, check=True, timeout=60)  # noqa: S603

    assert [bericht["To"] for bericht in postvak.berichten] == ["iemand@voorbeeld.nl"] * 2
    (taak,) = mailtaken()
    assert taak.status == "SUCCESSFUL"
    assert len(taak.worker_ids) == 2


def test_a_tampered_row_choice_in_the_task_list_is_dropped(client):
    client.force_login(medewerker("beheer"))

    response = client.post(
        TAKEN, {"action": "opnieuw_versturen", "_selected_action": ["abc\x00", "1" * 40]}
    )

    # Not a 500: values that cannot be a task's key never reach the database.
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == []
