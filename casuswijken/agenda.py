"""Sessions in iCalendar: the feed a participant subscribes to in their own calendar app, and
the invitation, update and cancellation mailed to them. One event builder serves both, so a
session has the same UID, SEQUENCE and details in the feed and in every mail."""

from datetime import datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress

from .models import Bijeenkomst, Casuswijk

PRODID = "-//Platform31 en Movisie//Leernetwerk Gemengde Wijk//NL"
ORGANISATOR = "Platform31 en Movisie"


def uid(bijeenkomst: Bijeenkomst) -> str:
    """The session's UID, the same in the feed and in every mail about it. It ends in the
    portal's own host, so that sessions of two installations (a test one and the real one)
    never replace each other in someone's calendar."""
    host = urlsplit(settings.PORTAAL_URL).hostname or "leernetwerk"
    return f"bijeenkomst-{bijeenkomst.pk}@{host}"


def gebeurtenis(
    bijeenkomst: Bijeenkomst, *, url: str, dtstamp: datetime, afgezegd: bool = False
) -> Event:
    """The session as an event, at its current version (SEQUENCE = volgnummer); cancelled
    ones, or (afgezegd) one withdrawn from this reader, say so (STATUS:CANCELLED), so that
    calendars take them away."""
    gebeurtenis = Event()
    gebeurtenis.add("uid", uid(bijeenkomst))
    gebeurtenis.add("sequence", bijeenkomst.volgnummer)
    gebeurtenis.add("dtstamp", dtstamp)
    gebeurtenis.add("summary", bijeenkomst.titel)
    # Local time with its VTIMEZONE (added with the calendar), as people read it.
    gebeurtenis.add("dtstart", timezone.localtime(bijeenkomst.begint_op))
    gebeurtenis.add("dtend", timezone.localtime(bijeenkomst.eindigt_op))
    if bijeenkomst.locatie:
        gebeurtenis.add("location", bijeenkomst.locatie)
    if url:
        gebeurtenis.add("url", url)
    gebeurtenis.add("status", "CANCELLED" if afgezegd or bijeenkomst.geannuleerd else "CONFIRMED")
    return gebeurtenis


def _kalender(gebeurtenissen: list[Event], **eigenschappen) -> Calendar:
    kalender = Calendar()
    kalender.add("prodid", PRODID)
    kalender.add("version", "2.0")
    for naam, waarde in eigenschappen.items():
        kalender.add(naam, waarde)
    for onderdeel in gebeurtenissen:
        kalender.add_component(onderdeel)
    if gebeurtenissen:
        # The time zone's rules only for the years the sessions span: a short VTIMEZONE.
        momenten = [onderdeel.decoded("dtstart") for onderdeel in gebeurtenissen] + [
            onderdeel.decoded("dtend") for onderdeel in gebeurtenissen
        ]
        kalender.add_missing_timezones(
            first_date=min(momenten).date() - timedelta(days=366),
            last_date=max(momenten).date() + timedelta(days=366),
        )
    return kalender


def ical(*, casuswijk: Casuswijk, bijeenkomsten: list[Bijeenkomst]) -> bytes:
    """The feed of these sessions, opened through this casuswijk. Cancelled sessions stay in
    it, marked so, for calendars to remove them."""
    gebeurtenissen = [
        gebeurtenis(
            bijeenkomst,
            url=settings.PORTAAL_URL
            + reverse("casuswijken:bijeenkomst", args=[casuswijk.slug, bijeenkomst.pk]),
            dtstamp=bijeenkomst.geannuleerd_op
            or bijeenkomst.gepubliceerd_op
            or bijeenkomst.begint_op,
        )
        for bijeenkomst in bijeenkomsten
    ]
    return _kalender(gebeurtenissen, **{"x-wr-calname": f"Leernetwerk: {casuswijk.naam}"}).to_ical()


def uitnodiging(
    *, bijeenkomst: Bijeenkomst, url: str, email: str, naam: str, annuleren: bool, nu: datetime
) -> tuple[str, str, str]:
    """The mail attachment (file name, text, MIME type) for one participant: METHOD:REQUEST
    for an invitation or update, METHOD:CANCEL (STATUS:CANCELLED) for a cancellation or an
    invitation withdrawn. Participants answer on the portal, not by mail: RSVP=FALSE."""
    onderdeel = gebeurtenis(bijeenkomst, url=url, dtstamp=nu, afgezegd=annuleren)
    organisator = vCalAddress(f"mailto:{settings.CONTACT_EMAIL}")
    organisator.params["cn"] = ORGANISATOR
    onderdeel.add("organizer", organisator)
    deelnemer = vCalAddress(f"mailto:{email}")
    if naam:
        deelnemer.params["cn"] = naam
    deelnemer.params["role"] = "REQ-PARTICIPANT"
    deelnemer.params["partstat"] = "NEEDS-ACTION"
    deelnemer.params["rsvp"] = "FALSE"
    onderdeel.add("attendee", deelnemer)
    methode = "CANCEL" if annuleren else "REQUEST"
    tekst = _kalender([onderdeel], method=methode).to_ical().decode()
    naam_bestand = "annulering.ics" if annuleren else "uitnodiging.ics"
    return naam_bestand, tekst, f"text/calendar; method={methode}; charset=UTF-8"
