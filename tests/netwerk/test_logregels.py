"""No e-mail address and no secret in any log line, through the portal's main flows.

Every logger is set to DEBUG and every handler the settings configured writes into a buffer
instead of its stream, so that the test reads what the portal would really write: after
the filters of the loggers and the handlers, formatted, with tracebacks.
"""

import io
import logging
import re
import secrets
from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from aanmeldingen.models import Aanmelding, Coalitielid
from casuswijken.services import nieuwe_agendalink
from netwerk.mail import verstuur_email
from tests.conftest import wachtende_mails
from tests.factories import DeelnameFactory, OproepFactory, aanmeld_data, link_uit_mail
from tests.mailservers import Postvak, vrije_poort

pytestmark = pytest.mark.django_db(transaction=True)

WACHTWOORD = "een-lang-geheim-wachtwoord"
NIEUW_WACHTWOORD = "nog-een-lang-wachtwoord-9"
ADRES = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


@pytest.fixture
def logregels():
    """What the configured handlers write while every logger is at DEBUG: a StringIO."""
    buffer = io.StringIO()
    # The test's own mail server (aiosmtpd) logs every line it receives, and factory_boy
    # what it makes: they are no part of the portal (their records reach no handler now).
    gereedschap = [logging.getLogger("mail.log"), logging.getLogger("factory")]
    for logger in gereedschap:
        logger.propagate = False
    loggers = [logging.getLogger(), *_alle_loggers()]
    handlers = {h for logger in loggers for h in logger.handlers if _van_de_instellingen(h)}
    assert handlers, "no handler from LOGGING found"
    niveaus = {logger: logger.level for logger in loggers}
    handlerniveaus = {handler: handler.level for handler in handlers}
    streams = {handler: handler.setStream(buffer) for handler in handlers}
    for logger in loggers:
        logger.setLevel(logging.DEBUG)
    for handler in handlers:
        handler.setLevel(logging.DEBUG)
    yield buffer
    for handler, stream in streams.items():
        handler.setStream(stream)
        handler.setLevel(handlerniveaus[handler])
    for logger, niveau in niveaus.items():
        logger.setLevel(niveau)
    for logger in gereedschap:
        logger.propagate = True


def _alle_loggers() -> list[logging.Logger]:
    return [
        logger
        for logger in logging.root.manager.loggerDict.values()
        if isinstance(logger, logging.Logger)
    ]


def _van_de_instellingen(handler: logging.Handler) -> bool:
    # pytest's own capture handlers are not what the portal writes.
    return isinstance(handler, logging.StreamHandler) and not type(handler).__module__.startswith(
        "_pytest"
    )


def _werk_af() -> None:
    """The real worker, at DEBUG as `db_worker -v 3` logs, until the queue is empty."""
    call_command(
        "db_worker", batch=True, startup_delay=False, reload=False, interval=0, verbosity=3
    )


def _paden(tekst: str) -> list[str]:
    return re.findall(r"https?://[^/\s]+(/\S+)", tekst)


def test_the_main_flows_write_no_address_and_no_secret_to_the_logs(client, logregels, settings):
    oproep = OproepFactory(slug="gemengde-wijk")
    aanmelden = reverse("aanmeldingen:aanmelden", kwargs={"slug": oproep.slug})

    # Apply, save a concept, and change and submit it through the secret link.
    client.post(aanmelden, aanmeld_data(actie="concept"))
    _werk_af()
    aanmelding = Aanmelding.objects.get()
    contact = aanmelding.contactpersoon.email
    client.post(aanmelden, aanmeld_data())
    _werk_af()
    with_link = [mail for mail in _verzonden(settings) if "/aanmelding/" in mail]
    link = link_uit_mail({"tekst": with_link[0]})
    client.get(link)
    client.get(link + "wijzigen/")
    client.post(
        link + "wijzigen/",
        aanmeld_data(versie=str(aanmelding.versie), wijknaam="Lombok", actie="indienen"),
    )
    _werk_af()

    # Link kwijt: the address typed, a mail with a new link.
    client.post(
        reverse("aanmeldingen:link_kwijt", kwargs={"slug": oproep.slug}), {"email": contact}
    )
    client.post(
        reverse("aanmeldingen:link_kwijt", kwargs={"slug": oproep.slug}),
        {"email": "onbekend@voorbeeld.nl"},
    )
    _werk_af()

    # A participant logs in wrongly, then rightly, and out; then forgets the password.
    deelname = DeelnameFactory(
        gebruiker__username="deelnemer@voorbeeld.nl",
        gebruiker__email="deelnemer@voorbeeld.nl",
        gebruiker__password=WACHTWOORD,
    )
    inloggen = reverse("account:login")
    client.post(inloggen, {"username": "deelnemer@voorbeeld.nl", "password": "fout-wachtwoord"})
    client.post(inloggen, {"username": "deelnemer@voorbeeld.nl", "password": WACHTWOORD})
    agenda = reverse(
        "casuswijken:agenda",
        kwargs={"slug": deelname.casuswijk.slug, "token": nieuwe_agendalink(deelname=deelname)},
    )
    client.get(agenda)
    client.post(reverse("account:logout"))
    client.post(reverse("account:password_reset"), {"email": "deelnemer@voorbeeld.nl"})
    _werk_af()
    [resetmail] = [mail for mail in _verzonden(settings) if "/wachtwoord-instellen/" in mail]
    [instellen] = [pad for pad in _paden(resetmail) if "/wachtwoord-instellen/" in pad]
    formulier = client.get(instellen, follow=True)
    client.post(
        formulier.redirect_chain[-1][0],
        {"new_password1": NIEUW_WACHTWOORD, "new_password2": NIEUW_WACHTWOORD},
    )

    # A 404 on secret links: an applicant's, a calendar feed's, a set-password link's.
    onzin = secrets.token_urlsafe(24)
    client.get(f"/aanmelding/{onzin}/")
    client.get(f"/aanmelding/{onzin}/wijzigen/")
    client.get(agenda.replace(deelname.agenda_token, onzin))
    client.get(f"/account/wachtwoord-instellen/MTIz/{onzin}/")

    # A mail the server refuses for good, and one to a server that is down, then up.
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", vrije_poort()
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    with time_machine.travel(timezone.now(), tick=False) as reis:
        with Postvak(settings.EMAIL_PORT, weiger=("geweigerd@voorbeeld.nl",)):
            verstuur_email.enqueue(
                aan=["geweigerd@voorbeeld.nl"], onderwerp="Test", tekst="Hallo", reply_to=[]
            )
            _werk_af()
        verstuur_email.enqueue(
            aan=["later@voorbeeld.nl"], onderwerp="Test", tekst=f"Ga naar {link}", reply_to=[]
        )
        _werk_af()
        assert [mail["poging"] for mail in wachtende_mails()] == [2]
        with Postvak(settings.EMAIL_PORT):
            reis.shift(timedelta(minutes=5))
            _werk_af()
    assert wachtende_mails() == []

    # What runserver writes for a request through a secret link.
    logging.getLogger("django.server").info(
        '"%s" %s %s', f"GET {link}?email={contact} HTTP/1.1", "200", "512"
    )

    geschreven = logregels.getvalue()
    assert geschreven.count("Not Found") == 3  # the log was captured at all
    assert "Task id=" in geschreven
    assert "Traceback" in geschreven
    adressen = {
        *Coalitielid.objects.values_list("email", flat=True),
        "deelnemer@voorbeeld.nl",
        "onbekend@voorbeeld.nl",
        "geweigerd@voorbeeld.nl",
        "later@voorbeeld.nl",
    }
    geheimen = {
        link.strip("/").split("/")[-1],
        onzin,
        deelname.agenda_token,
        *instellen.strip("/").split("/")[-2:],
        WACHTWOORD,
        NIEUW_WACHTWOORD,
    }
    assert [adres for adres in adressen if adres.lower() in geschreven.lower()] == []
    assert [geheim for geheim in geheimen if geheim in geschreven] == []
    assert ADRES.findall(geschreven) == []


def _verzonden(settings) -> list[str]:
    from django.core import mail

    return [f"{bericht.to} {bericht.body}" for bericht in mail.outbox]
