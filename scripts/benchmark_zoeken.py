"""How fast is /zoeken/ over 10,000 sessions, 10,000 interventions and 10,000 findings?

    make benchmark                                 # SQLite in memory: measured, not judged
    DATABASE_URL=postgres://... make benchmark     # PostgreSQL (makes test_<name>, drops it)

It builds a throwaway test database with five calls of four casuswijken each, fills it
with AANTAL sessions, interventions and findings each (and 200 good examples) in every
visibility, with Dutch-looking texts whose words follow a Zipf curve (a few words occur
nearly everywhere, most are rare), and then asks for result pages as a participant, a
begeleider and an anonymous visitor: a word that occurs nearly everywhere, a middling and
a rare one, two words, a phrase, an "or", and one that matches nothing, first pages and a
later page. It prints p50 and p95 of the whole request and the query count of each kind
of page. On PostgreSQL it exits non-zero when p95 is 100 ms or more, or when two pages of
the same user cost a different number of queries. AANTAL=2000 changes the number;
HERHALINGEN (default 5) how often each page is asked; TOON_PLAN=1 prints EXPLAIN ANALYZE
of the slowest page's queries. Beside each median: the CPU time of the Django process and
the time its queries took, which show where the time goes when the machine is busy.
"""

import os
import random
import statistics
import sys
import time
import uuid
from datetime import timedelta
from urllib.parse import urlencode

from opstart import start_django  # scripts/ is on the path when a script runs

start_django()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_databases,
    setup_test_environment,
    teardown_databases,
)
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

AANTAL = int(os.environ.get("AANTAL", "10000"))
HERHALINGEN = int(os.environ.get("HERHALINGEN", "5"))
BUDGET_MS = 100
OPROEPEN, WIJKEN_PER_OPROEP = 5, 4

# Real words first (the first ones occur nearly everywhere), then made-up ones for the
# long tail of a real vocabulary.
WOORDEN = str.split(
    "bewoners wijk buurt gemeente woningcorporatie ontmoeting samen huurders welzijn "
    "opbouwwerk buurthuis koopwoningen sociale huur menging inclusie nieuwkomers school "
    "jongeren ouderen speeltuin bibliotheek moskee kerk vrijwilligers wijkagent "
    "straatcoach gesprek afspraken leefbaarheid veiligheid eenzaamheid schuldhulp "
    "taalcafé moestuin markt festival renovatie sloop nieuwbouw doorstroming "
    "wachtlijst zorg mantelzorg huisarts wijkteam budget subsidie partners aanpak"
)
LETTERS = "bdfghklmnprstvwz"
KLINKERS = "aeiou"


def _verzonnen(nummer: int) -> str:
    rng = random.Random(nummer)
    return "".join(rng.choice(LETTERS) + rng.choice(KLINKERS) for _ in range(rng.randint(2, 4)))


VOCABULAIRE = WOORDEN + [_verzonnen(n) for n in range(4000)]
GEWICHTEN = [1 / (rang + 1) for rang in range(len(VOCABULAIRE))]


def tekst(rng: random.Random, woorden: int) -> str:
    return " ".join(rng.choices(VOCABULAIRE, weights=GEWICHTEN, k=woorden)).capitalize() + "."


def vul(rng: random.Random):
    from aanmeldingen.enums import Leervraag, Provincie, Status
    from aanmeldingen.models import Aanmelding, Oproep
    from casuswijken.enums import InterventieDomein, Soort, Zichtbaarheid
    from casuswijken.models import (
        Bevinding,
        Bijeenkomst,
        Casuswijk,
        Deelname,
        Interventie,
        Interventiecategorie,
        Voorbeeld,
    )

    nu = timezone.now()
    oproepen = [
        Oproep.objects.create(
            titel=f"Oproep {n}", slug=f"oproep-{n}", inleiding="-", deadline=nu, gepubliceerd=True
        )  # fmt: skip
        for n in range(OPROEPEN)
    ]
    wijken = []
    for oproep in oproepen:
        for n in range(WIJKEN_PER_OPROEP):
            aanmelding = Aanmelding.objects.create(
                oproep=oproep, wijknaam=f"Wijk {oproep.pk}-{n}", gemeente="Utrecht",
                provincie=Provincie.UTRECHT, wijkbeschrijving="x", aanpak="x",
                leervraag_verwachtingen="x", leervraag_opbrengsten="x",
                leervraag_randvoorwaarden="x", leervraag_interventies="x",
                status=Status.GESELECTEERD, ingediend_op=nu, indieningssleutel=uuid.uuid4(),
            )  # fmt: skip
            wijken.append(Casuswijk.objects.create(aanmelding=aanmelding, naam=aanmelding.wijknaam,
                                                   slug=f"wijk-{oproep.pk}-{n}"))  # fmt: skip
    niveaus = list(Zichtbaarheid)
    bijeenkomsten = []
    for _ in range(AANTAL):
        wijk = rng.choice(wijken + [None])  # about one in 21 is national
        begint = nu + timedelta(days=rng.randint(-700, 200))
        niveau = rng.choice([z for z in niveaus if wijk or z != Zichtbaarheid.WIJK])
        bijeenkomsten.append(Bijeenkomst(
            oproep=wijk.aanmelding.oproep if wijk else rng.choice(oproepen), casuswijk=wijk,
            soort=Soort.OPEN_GESPREK, titel=tekst(rng, rng.randint(3, 7)), begint_op=begint,
            eindigt_op=begint + timedelta(hours=2), agenda=tekst(rng, 30),
            verslag=tekst(rng, rng.randint(150, 450)), zichtbaarheid=niveau,
            gepubliceerd=rng.random() < 0.9,
        ))  # fmt: skip
    Bijeenkomst.objects.bulk_create(bijeenkomsten, batch_size=1000)
    categorie = Interventiecategorie.objects.create(naam="Ontmoeting")
    Interventie.objects.bulk_create(
        [
            Interventie(
                casuswijk=rng.choice(wijken),
                naam=tekst(rng, rng.randint(2, 5)),
                domein=InterventieDomein.SOCIAAL,
                categorie=categorie,
                omschrijving=tekst(rng, 80),
                partners=tekst(rng, 6),
                ervaringen=tekst(rng, 80),
                zichtbaarheid=rng.choice(niveaus),
            )  # fmt: skip
            for _ in range(AANTAL)
        ],
        batch_size=1000,
    )
    Bevinding.objects.bulk_create(
        [
            Bevinding(
                casuswijk=rng.choice(wijken),
                leervraag=rng.choice(list(Leervraag)),
                tekst=tekst(rng, rng.randint(20, 120)),
                zichtbaarheid=rng.choice(niveaus),
            )  # fmt: skip
            for _ in range(AANTAL)
        ],
        batch_size=1000,
    )
    Voorbeeld.objects.bulk_create(
        [
            Voorbeeld(oproep=rng.choice(oproepen), titel=tekst(rng, 4), organisatie="Elders",
                      plaats="Zwolle", omschrijving=tekst(rng, 100),
                      leervraag=Leervraag.INTERVENTIES,
                      zichtbaarheid=rng.choice([Zichtbaarheid.NETWERK, Zichtbaarheid.OPENBAAR]))
            for _ in range(200)
        ]
    )  # fmt: skip
    gebruikers = get_user_model().objects
    deelnemer = gebruikers.create_user("deelnemer")
    Deelname.objects.create(gebruiker=deelnemer, casuswijk=wijken[0], rol="coalitielid")
    begeleider = gebruikers.create_user("begeleider", is_staff=True)
    begeleider.groups.add(Group.objects.get(name="begeleider"))
    return {"deelnemer": deelnemer, "begeleider": begeleider, "anoniem": None}


# (name, search, page). A word's rank in VOCABULAIRE sets how many documents hold it: the
# first about all of them, rank 100 about a quarter of the sessions, rank 3000 one in a
# hundred.
ZOEKOPDRACHTEN = [
    ("overal", "bewoners", 1),
    ("overal, pagina 5", "bewoners", 5),
    ("vaak", VOCABULAIRE[100], 1),
    ("middel", VOCABULAIRE[500], 1),
    ("zeldzaam", VOCABULAIRE[3000], 1),
    ("twee woorden", f"{VOCABULAIRE[30]} {VOCABULAIRE[300]}", 1),
    ("woordgroep", '"sociale huur"', 1),
    ("of", f"{VOCABULAIRE[1000]} or {VOCABULAIRE[1500]}", 1),
    ("niets", "onvindbaarwoord", 1),
]


def main() -> int:
    setup_test_environment()
    oude_config = setup_databases(verbosity=0, interactive=False)
    try:
        begin = time.perf_counter()
        mensen = vul(random.Random(31))
        print(f"{AANTAL} bijeenkomsten, interventies en bevindingen elk aangemaakt in "
              f"{time.perf_counter() - begin:.1f} s ({connection.vendor})")  # fmt: skip
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        tijden, traagste, fouten = [], (0.0, ""), []
        for wie, gebruiker in mensen.items():
            client = Client()
            if gebruiker:
                client.force_login(gebruiker)
            aantallen = {}
            for naam, zoekterm, pagina in ZOEKOPDRACHTEN:
                url = reverse("leren:zoeken") + "?" + urlencode({"q": zoekterm, "pagina": pagina})
                metingen, rekentijd, databasetijd = [], [], []
                for _ in range(HERHALINGEN):
                    with CaptureQueriesContext(connection) as queries:
                        start, cpu = time.perf_counter(), time.process_time()
                        response = client.get(url)
                        metingen.append(time.perf_counter() - start)
                        rekentijd.append(time.process_time() - cpu)
                    databasetijd.append(sum(float(q["time"]) for q in queries.captured_queries))
                    assert response.status_code == 200, (url, response.status_code)
                tijden += metingen
                if max(metingen) > traagste[0]:
                    traagste = (max(metingen), url, [q["sql"] for q in queries.captured_queries])
                aantal = len(response.context["pagina"].paginator.object_list)
                aantallen[naam] = len(queries.captured_queries)
                print(f"  {wie:10} {naam:17} {aantal:4} resultaten  "
                      f"mediaan {statistics.median(metingen) * 1000:4.0f} ms "
                      f"(python {statistics.median(rekentijd) * 1000:3.0f}, "
                      f"database {statistics.median(databasetijd) * 1000:3.0f})  "
                      f"{len(queries.captured_queries)} queries")  # fmt: skip
            met_resultaten = {n: q for n, q in aantallen.items() if n != "niets"}
            if len(set(met_resultaten.values())) != 1:
                fouten.append(f"{wie}: het aantal queries verschilt per pagina: {met_resultaten}")
        p50 = statistics.median(tijden) * 1000
        p95 = statistics.quantiles(tijden, n=20)[-1] * 1000
        print(f"Zoeken ({len(tijden)} verzoeken): p50 {p50:.0f} ms, p95 {p95:.0f} ms, "
              f"traagste {traagste[0] * 1000:.0f} ms ({traagste[1]})")  # fmt: skip
        if os.environ.get("TOON_PLAN") and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                for sql in traagste[2]:
                    if sql.lstrip("(").startswith("SELECT"):
                        cursor.execute("EXPLAIN ANALYZE " + sql)
                        print("\n".join(regel for (regel,) in cursor.fetchall()), "\n")
        if connection.vendor != "postgresql":
            print(f"(Het budget van {BUDGET_MS} ms geldt voor PostgreSQL; hier alleen gemeten.)")
            return 1 if fouten else 0
        if p95 >= BUDGET_MS:
            fouten.append(f"p95 {p95:.0f} ms haalt het budget van {BUDGET_MS} ms niet")
        for fout in fouten:
            print("MISLUKT:", fout)
        return 1 if fouten else 0
    finally:
        teardown_databases(oude_config, verbosity=0)


if __name__ == "__main__":
    # Static files straight from the apps, as in the tests: no collectstatic needed.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    sys.exit(main())
