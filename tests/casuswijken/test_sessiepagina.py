"""The session page with everything on it costs the same number of queries with one person
as with many: answers, attendance, reactions, attachments and action points together."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from casuswijken.enums import Antwoord, Verslagstatus
from casuswijken.models import Actiepunt, Bijlage
from tests.factories import (
    BijeenkomstFactory,
    CasuswijkFactory,
    DeelnameFactory,
    ReactieFactory,
    UitnodigingFactory,
    medewerker,
)

pytestmark = pytest.mark.django_db


def vul(sessie, *, mensen: int, reacties: int) -> None:
    antwoorden = [Antwoord.JA, Antwoord.NEE, Antwoord.MISSCHIEN]
    for nummer in range(mensen):
        UitnodigingFactory(bijeenkomst=sessie, antwoord=antwoorden[nummer % 3],
                           beantwoord_op=sessie.begint_op - timedelta(days=1),
                           aanwezig=nummer % 3 == 0)  # fmt: skip
    for _ in range(reacties):
        ReactieFactory(bijeenkomst=sessie)
    for nummer in range(min(mensen, 5)):
        bijlage = Bijlage(bijeenkomst=sessie, naam=f"dia {nummer}.pdf",
                          inhoudstype="application/pdf", grootte=9)  # fmt: skip
        bijlage.bestand.save("dia.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
        Actiepunt.objects.create(casuswijk=sessie.casuswijk, bijeenkomst=sessie,
                                 omschrijving=f"Punt {nummer}")  # fmt: skip


def zoveel_queries(client, lezer, *, mensen: int, reacties: int) -> int:
    wijk = CasuswijkFactory()
    begon = timezone.now() - timedelta(days=2)
    sessie = BijeenkomstFactory(
        casuswijk=wijk,
        begint_op=begon,
        eindigt_op=begon + timedelta(hours=2),
        verslag="Wat we bespraken.",
        verslagstatus=Verslagstatus.CONCEPT,
    )
    vul(sessie, mensen=mensen, reacties=reacties)
    wie = DeelnameFactory(casuswijk=wijk).gebruiker if lezer == "deelnemer" else medewerker(lezer)
    client.force_login(wie)
    url = reverse("casuswijken:bijeenkomst", args=[wijk.slug, sessie.pk])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("lezer", ["deelnemer", "begeleider"])
def test_the_session_page_costs_the_same_with_50_people_and_20_reactions_as_with_one(client, lezer):
    een = zoveel_queries(client, lezer, mensen=1, reacties=1)
    veel = zoveel_queries(client, lezer, mensen=50, reacties=20)

    assert veel == een


def test_headings_in_the_notes_sit_below_the_pages_own(client):
    import re

    wijk = CasuswijkFactory()
    begon = timezone.now() - timedelta(days=2)
    sessie = BijeenkomstFactory(
        casuswijk=wijk,
        begint_op=begon,
        eindigt_op=begon + timedelta(hours=2),
        agenda="# Opening\n\nWelkom.",
        verslag="## Afspraken\n\nWie doet wat.",
    )
    client.force_login(DeelnameFactory(casuswijk=wijk).gebruiker)

    html = client.get(reverse("casuswijken:bijeenkomst", args=[wijk.slug, sessie.pk])).text
    koppen = re.findall(r"<h([1-6])[^>]*>\s*([^<]+?)\s*<", html)

    assert ("3", "Opening") in koppen
    # The verslag's own highest heading, "##", is the first level below "Verslag": no h4
    # straight under an h2 (axe's heading-order).
    assert ("3", "Afspraken") in koppen
    assert ("2", "Verslag") in koppen
