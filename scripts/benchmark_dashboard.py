"""How fast is the staff start page (the admin index with its figures, netwerk.dashboard)
with 10,000 applications and 100 running casuswijken? On PostgreSQL, the database of
production, it fails (exit 1) when the median is 300 ms or more; on SQLite it measures.

    make benchmark                       # SQLite in memory
    DATABASE_URL=postgres://... make benchmark   # PostgreSQL (makes test_<name>, drops it)

It builds a throwaway test database with one call in review (10,000 submitted applications
of three members, two reviewers assigned to each, 6,000 reviews, 40 selected) and one call
whose network runs (100 casuswijken, each with 10 sessions, 6 action points, 5
interventions and findings), then asks for the start page as a coördinator ten times and
prints the times and the query count. AANTAL and WIJKEN change the numbers; GRENS_MS the
limit; TOON_QUERIES=1 prints the three slowest queries.
"""

import os
import statistics
import sys
import time
import uuid
from datetime import timedelta

from opstart import start_django  # scripts/ is on the path when a script runs

start_django()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    override_settings,
    setup_databases,
    setup_test_environment,
    teardown_databases,
)
from django.utils import timezone  # noqa: E402

AANTAL = int(os.environ.get("AANTAL", "10000"))
WIJKEN = int(os.environ.get("WIJKEN", "100"))
GRENS_MS = float(os.environ.get("GRENS_MS", "300"))


def _aanmeldingen(oproep, aantal: int, nu, **velden) -> list:
    from aanmeldingen.enums import Provincie, Status
    from aanmeldingen.models import Aanmelding

    provincies = list(Provincie)
    return Aanmelding.objects.bulk_create(
        Aanmelding(
            oproep=oproep,
            wijknaam=f"Wijk {oproep.pk}-{nummer}",
            gemeente=f"Gemeente {nummer % 300}",
            provincie=provincies[nummer % len(provincies)],
            wijkbeschrijving="x",
            aanpak="x",
            leervraag_verwachtingen="x",
            leervraag_opbrengsten="x",
            leervraag_randvoorwaarden="x",
            leervraag_interventies="x",
            ingediend_op=nu,
            indieningssleutel=uuid.uuid4(),
            **{"status": Status.INGEDIEND, **velden},
        )
        for nummer in range(aantal)
    )


def vul_oproep_in_beoordeling(nu) -> None:
    from aanmeldingen.enums import Advies, Domein, Organisatietype, Status, Wijktype
    from aanmeldingen.models import Beoordeling, Coalitielid, Oproep, Toewijzing

    oproep = Oproep.objects.create(
        titel="In beoordeling",
        slug="in-beoordeling",
        inleiding="-",
        deadline=nu - timedelta(days=5),
        beoordeling_deadline=nu + timedelta(days=10),
        gepubliceerd=True,
        max_wijken=40,
    )
    aanmeldingen = _aanmeldingen(oproep, AANTAL - 40, nu)
    aanmeldingen += _aanmeldingen(
        oproep, 40, nu, status=Status.GESELECTEERD, wijktype=Wijktype.NAOORLOGS
    )
    soorten = list(Organisatietype)
    domeinen = [Domein.FYSIEK, Domein.FYSIEK, Domein.SOCIAAL]
    Coalitielid.objects.bulk_create(
        Coalitielid(
            aanmelding=aanmelding,
            naam=f"Lid {index}",
            organisatie="Organisatie",
            organisatietype=soorten[(aanmelding.pk + index) % len(soorten)],
            domein=domeinen[index],
            functie="Adviseur",
            email=f"lid{index}-{aanmelding.pk}@voorbeeld.nl",
            is_contactpersoon=index == 0,
            volgorde=index,
        )
        for aanmelding in aanmeldingen
        for index in range(3)
    )
    beoordelaars = [
        get_user_model().objects.create_user(f"beoordelaar{nummer}", is_staff=True)
        for nummer in range(10)
    ]
    Toewijzing.objects.bulk_create(
        Toewijzing(aanmelding=aanmelding, beoordelaar=beoordelaars[(nummer + stap) % 10])
        for nummer, aanmelding in enumerate(aanmeldingen)
        for stap in range(2)
    )
    Beoordeling.objects.bulk_create(
        Beoordeling(
            aanmelding=aanmelding,
            beoordelaar=beoordelaars[(nummer + stap) % 10],
            score_coalitie=1 + nummer % 5,
            score_opgave=1 + (nummer + 1) % 5,
            score_vooravond=1 + (nummer + 2) % 5,
            score_leervraag=1 + (nummer + 3) % 5,
            score_netwerk=1 + (nummer + 4) % 5,
            motivatie="x",
            advies=Advies.RESERVE,
        )
        for nummer, aanmelding in enumerate(aanmeldingen[:3000])
        for stap in range(2)
    )


def vul_lopend_netwerk(nu) -> None:
    from aanmeldingen.enums import Leervraag, Status
    from aanmeldingen.models import Oproep
    from casuswijken.enums import Actiestatus, InterventieDomein, Interventiestatus, Soort
    from casuswijken.models import (
        Actiepunt,
        Bevinding,
        Bijeenkomst,
        Casuswijk,
        Interventie,
        Interventiecategorie,
    )

    oproep = Oproep.objects.create(
        titel="Lopend netwerk",
        slug="lopend-netwerk",
        inleiding="-",
        deadline=nu - timedelta(days=300),
        gepubliceerd=True,
        max_wijken=WIJKEN,
        min_wijken=1,
    )
    gekozen = _aanmeldingen(oproep, WIJKEN, nu, status=Status.GESELECTEERD, besluit_verzonden_op=nu)
    wijken = Casuswijk.objects.bulk_create(
        Casuswijk(aanmelding=aanmelding, naam=aanmelding.wijknaam, slug=f"wijk-{aanmelding.pk}")
        for aanmelding in gekozen
    )
    sessies = Bijeenkomst.objects.bulk_create(
        Bijeenkomst(
            oproep=oproep,
            casuswijk=wijk,
            soort=Soort.OPEN_GESPREK,
            titel=f"Sessie {index}",
            begint_op=nu + timedelta(days=14 * (index - 7)),
            eindigt_op=nu + timedelta(days=14 * (index - 7), hours=2),
            verslag="Verslag." if index % 3 else "",
            gepubliceerd=index != 5,
        )
        for wijk in wijken
        for index in range(10)
    )
    eerste = {sessie.casuswijk_id: sessie for sessie in reversed(sessies)}
    statussen = [Actiestatus.OPEN, Actiestatus.LOOPT, Actiestatus.OPEN]
    Actiepunt.objects.bulk_create(
        Actiepunt(
            casuswijk=wijk,
            bijeenkomst=eerste[wijk.pk],
            omschrijving=f"Actiepunt {index}",
            deadline=timezone.localdate(nu) + timedelta(days=7 * (index - 3)),
            status=statussen[index % 3],
        )
        for wijk in wijken
        for index in range(6)
    )
    categorie, _ = Interventiecategorie.objects.get_or_create(naam="Ontmoeting")
    soorten = list(Interventiestatus)
    Interventie.objects.bulk_create(
        Interventie(
            casuswijk=wijk,
            categorie=categorie,
            naam=f"Interventie {index}",
            domein=InterventieDomein.SOCIAAL,
            status=soorten[index % len(soorten)],
        )
        for wijk in wijken
        for index in range(5)
    )
    Bevinding.objects.bulk_create(
        Bevinding(casuswijk=wijk, leervraag=Leervraag.OPBRENGSTEN, tekst="x")
        for wijk in wijken
        for _ in range(3)
    )


def main() -> int:
    setup_test_environment()
    oude_config = setup_databases(verbosity=0, interactive=False)
    try:
        nu = timezone.now()
        begin = time.perf_counter()
        vul_oproep_in_beoordeling(nu)
        vul_lopend_netwerk(nu)
        print(f"{AANTAL} aanmeldingen en {WIJKEN} casuswijken aangemaakt in "
              f"{time.perf_counter() - begin:.1f} s ({connection.vendor})")  # fmt: skip
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        coordinator = get_user_model().objects.create_user("coordinator", is_staff=True)
        coordinator.groups.add(Group.objects.get(name="coördinator"))
        client = Client()
        client.force_login(coordinator)
        client.get("/admin/")  # warm: templates compiled, permissions cached per request
        tijden, sql, cpu = [], [], []
        for _ in range(10):
            with CaptureQueriesContext(connection) as queries:
                begin, begin_cpu = time.perf_counter(), time.process_time()
                response = client.get("/admin/")
                tijden.append(time.perf_counter() - begin)
                cpu.append(time.process_time() - begin_cpu)
            sql.append(sum(float(query["time"]) for query in queries.captured_queries))
            assert response.status_code == 200, response.status_code
            assert len(response.context["casuswijken"]) == WIJKEN
        if os.environ.get("PROFIEL"):
            import cProfile
            import pstats

            profiel = cProfile.Profile()
            profiel.runcall(client.get, "/admin/")
            pstats.Stats(profiel).sort_stats(os.environ["PROFIEL"]).print_stats(30)
        if os.environ.get("TOON_QUERIES"):
            for query in sorted(queries.captured_queries, key=lambda q: -float(q["time"]))[
                : int(os.environ.get("TOON_QUERIES"))
            ]:
                print(query["time"], query["sql"][: int(os.environ.get("TOON_LENGTE", "3000"))])
                if os.environ.get("TOON_PLAN") and connection.vendor == "postgresql":
                    with connection.cursor() as cursor:
                        cursor.execute(f"EXPLAIN ANALYZE {query['sql']}")
                        print("\n".join(regel for (regel,) in cursor.fetchall()[-2:]))
        mediaan = statistics.median(tijden) * 1000
        print(
            f"Startpagina ({AANTAL} aanmeldingen, {WIJKEN} casuswijken): mediaan "
            f"{mediaan:.0f} ms, snelste {min(tijden) * 1000:.0f} ms, traagste "
            f"{max(tijden) * 1000:.0f} ms, {len(queries.captured_queries)} queries "
            f"(samen mediaan {statistics.median(sql) * 1000:.0f} ms), rekentijd van Python "
            f"mediaan {statistics.median(cpu) * 1000:.0f} ms; "
            f"grens {GRENS_MS:.0f} ms."
        )
        postgresql = connection.vendor == "postgresql"
    finally:
        teardown_databases(oude_config, verbosity=0)
    if mediaan >= GRENS_MS and postgresql:
        print(f"Te traag: de mediaan is {mediaan:.0f} ms, de grens {GRENS_MS:.0f} ms.")
        return 1
    return 0


if __name__ == "__main__":
    # Static files straight from the apps, as in the tests: no collectstatic needed. Through
    # override_settings, which also drops a storage made before.
    with override_settings(
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
    ):
        uitkomst = main()
    sys.exit(uitkomst)
