"""How long does the network report's PDF take for a full call? A benchmark with a limit.

    make benchmark                       # SQLite in memory
    DATABASE_URL=postgres://... make benchmark   # PostgreSQL (makes test_<name>, drops it)

It builds a throwaway test database with one call of 4 casuswijken, each with 30 held
sessions (notes, two action points and a finding each) and 20 interventions, plus 10 good
examples from elsewhere; then a begeleider asks for the network report as PDF with intern
content three times. It prints the times (and the CPU time, which a busy machine changes
less) and exits non-zero when the slowest is over GRENS seconds (10 by default).
BEWAAR=/tmp/rapport.pdf keeps the last PDF to look at.
"""

import os
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

from opstart import start_django  # scripts/ is on the path when a script runs

start_django()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    setup_databases,
    setup_test_environment,
    teardown_databases,
)
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

WIJKEN = 4
SESSIES = 30
INTERVENTIES = 20
GRENS = float(os.environ.get("GRENS", "10"))

VERSLAG = """\
**Aanwezig:** de coalitie, twee bewoners, de corporatie en Platform31.

## Wat we hoorden
- Nieuwe bewoners kennen de buurthuizen niet; de wachttijd voor een huurwoning loopt op.
- De corporatie wil bij nieuwe verhuur een welkomstgesprek voeren.

| Thema | Wie | Wanneer |
|---|---|---|
| Welkom | corporatie | voorjaar |
| Ontmoeting | welzijn | zomer |

## Afspraken
Zie de actiepunten; volgende keer bespreken we de eerste ervaringen met het welkomstgesprek.
"""


def vul() -> str:
    from aanmeldingen.enums import Leervraag, Provincie, Status
    from aanmeldingen.models import Aanmelding, Oproep
    from casuswijken.enums import (
        Actiestatus,
        InterventieDomein,
        Interventiestatus,
        Soort,
        Zichtbaarheid,
    )
    from casuswijken.models import (
        Actiepunt,
        Bevinding,
        Bijeenkomst,
        Casuswijk,
        Interventie,
        Interventiecategorie,
        Voorbeeld,
    )

    nu = timezone.now()
    oproep = Oproep.objects.create(
        titel="Benchmark leernetwerk", slug="benchmark", inleiding="-", deadline=nu
    )
    categorieen = list(Interventiecategorie.objects.all())
    domeinen, statussen, leervragen = (
        list(InterventieDomein),
        list(Interventiestatus),
        list(Leervraag),
    )
    niveaus = [Zichtbaarheid.WIJK, Zichtbaarheid.NETWERK, Zichtbaarheid.INTERN]
    for nummer in range(WIJKEN):
        aanmelding = Aanmelding.objects.create(
            oproep=oproep,
            wijknaam=f"Wijk {nummer}",
            gemeente="Zwolle",
            provincie=Provincie.OVERIJSSEL,
            status=Status.GESELECTEERD,
            ingediend_op=nu,
        )
        wijk = Casuswijk.objects.create(
            aanmelding=aanmelding, naam=f"Wijk {nummer}", slug=f"w{nummer}"
        )
        sessies = Bijeenkomst.objects.bulk_create(
            Bijeenkomst(
                oproep=oproep,
                casuswijk=wijk,
                soort=Soort.OPEN_GESPREK,
                titel=f"Gesprek {index} in wijk {nummer}",
                begint_op=nu - timedelta(days=10 * (SESSIES - index)),
                eindigt_op=nu - timedelta(days=10 * (SESSIES - index), hours=-2),
                verslag=VERSLAG,
                zichtbaarheid=niveaus[index % 3],
                gepubliceerd=True,
            )
            for index in range(SESSIES)
        )
        Actiepunt.objects.bulk_create(
            Actiepunt(
                casuswijk=wijk,
                bijeenkomst=sessie,
                omschrijving=f"Actiepunt {soort} uit {sessie.titel}",
                eigenaar_naam="Ans de Vries",
                deadline=timezone.localdate(),
                status=Actiestatus.AFGEROND if soort else Actiestatus.OPEN,
                afgerond_op=timezone.localdate() if soort else None,
            )
            for sessie in sessies
            for soort in range(2)
        )
        Bevinding.objects.bulk_create(
            Bevinding(
                casuswijk=wijk,
                bijeenkomst=sessie,
                leervraag=leervragen[index % 4],
                tekst=f"Bevinding uit {sessie.titel}: bewoners willen **eerst** kennismaken, "
                "dan pas meedoen aan activiteiten. Dat vraagt tijd van de corporatie.",
                zichtbaarheid=Zichtbaarheid.NETWERK,
                goed_voorbeeld=index % 10 == 0,
            )
            for index, sessie in enumerate(sessies)
        )
        Interventie.objects.bulk_create(
            Interventie(
                casuswijk=wijk,
                naam=f"Interventie {index} van wijk {nummer}",
                domein=domeinen[index % 3],
                categorie=categorieen[index % len(categorieen)],
                status=statussen[index % 4],
                omschrijving="Een wekelijkse inloop met koffie, voor oude en nieuwe bewoners.",
                ervaringen="Loopt goed zodra de buurtconciërge meedoet.",
            )
            for index in range(INTERVENTIES)
        )
    Voorbeeld.objects.bulk_create(
        Voorbeeld(
            oproep=oproep,
            titel=f"Voorbeeld {index}",
            organisatie="Woonstichting Elders",
            plaats="Deventer",
            omschrijving="Buren heten nieuwe bewoners welkom met een kennismakingsgesprek.",
            leervraag=leervragen[index % 4],
        )
        for index in range(10)
    )
    return oproep.slug


def main() -> int:
    setup_test_environment()
    oude_config = setup_databases(verbosity=0, interactive=False)
    try:
        slug = vul()
        begeleider = get_user_model().objects.create_user("begeleider", is_staff=True)
        begeleider.groups.add(Group.objects.get(name="begeleider"))
        client = Client()
        client.force_login(begeleider)
        url = reverse("leren:netwerkrapport_pdf", args=[slug]) + "?intern=1"
        tijden, rekentijden = [], []
        for _ in range(3):
            begin, rekenbegin = time.perf_counter(), time.process_time()
            response = client.get(url)
            tijden.append(time.perf_counter() - begin)
            rekentijden.append(time.process_time() - rekenbegin)
            assert response.status_code == 200, response.status_code
        print(
            f"Netwerkrapport als PDF ({WIJKEN} casuswijken van {SESSIES} bijeenkomsten, "
            f"{len(response.content) // 1024} kB, {connection.vendor}): mediaan "
            f"{statistics.median(tijden):.2f} s, traagste {max(tijden):.2f} s "
            f"(grens {GRENS:g} s); rekentijd mediaan {statistics.median(rekentijden):.2f} s."
        )
        if os.environ.get("BEWAAR"):
            Path(os.environ["BEWAAR"]).write_bytes(response.content)
        if max(tijden) > GRENS:
            print("Te traag: het netwerkrapport duurt langer dan de grens.")
            return 1
        return 0
    finally:
        teardown_databases(oude_config, verbosity=0)


if __name__ == "__main__":
    # Static files straight from the apps, as in the tests: no collectstatic needed.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    sys.exit(main())
