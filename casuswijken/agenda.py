"""The sessions a participant may see, as an iCalendar feed for their own calendar app."""

from django.conf import settings
from django.urls import reverse
from icalendar import Calendar, Event

from .models import Bijeenkomst, Casuswijk


def ical(*, casuswijk: Casuswijk, bijeenkomsten: list[Bijeenkomst]) -> bytes:
    kalender = Calendar()
    kalender.add("prodid", "-//Platform31 en Movisie//Leernetwerk Gemengde Wijk//NL")
    kalender.add("version", "2.0")
    kalender.add("x-wr-calname", f"Leernetwerk: {casuswijk.naam}")
    for bijeenkomst in bijeenkomsten:
        gebeurtenis = Event()
        gebeurtenis.add("uid", f"bijeenkomst-{bijeenkomst.pk}@leernetwerk")
        gebeurtenis.add("summary", bijeenkomst.titel)
        gebeurtenis.add("dtstart", bijeenkomst.begint_op)
        gebeurtenis.add("dtend", bijeenkomst.eindigt_op)
        gebeurtenis.add("dtstamp", bijeenkomst.gepubliceerd_op or bijeenkomst.begint_op)
        if bijeenkomst.locatie:
            gebeurtenis.add("location", bijeenkomst.locatie)
        gebeurtenis.add(
            "url",
            settings.PORTAAL_URL
            + reverse("casuswijken:bijeenkomst", args=[casuswijk.slug, bijeenkomst.pk]),
        )
        kalender.add_component(gebeurtenis)
    return kalender.to_ical()
