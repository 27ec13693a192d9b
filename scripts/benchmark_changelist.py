"""How fast is the applications list with 10,000 applications? A benchmark, not a test.

    make benchmark                       # SQLite in memory
    DATABASE_URL=postgres://... make benchmark   # PostgreSQL (makes test_<name>, drops it)

It builds a throwaway test database, fills it with 10,000 submitted applications (three
members each, 6,000 reviews, some changed after review), then asks for the first page of
the admin list as a coördinator ten times and prints the times and the query count.
AANTAL=2000 changes the number; TOON_QUERIES=1 prints the three slowest queries.
"""

import os
import statistics
import time
import uuid

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


def vul(oproep_model, aanmelding_model, lid_model, beoordeling_model, revisie_model):
    from aanmeldingen.enums import Advies, Domein, Organisatietype, Provincie, Status

    nu = timezone.now()
    oproep = oproep_model.objects.create(
        titel="Benchmark", slug="benchmark", inleiding="-", deadline=nu, gepubliceerd=True
    )
    provincies = list(Provincie)
    aanmeldingen = aanmelding_model.objects.bulk_create(
        aanmelding_model(
            oproep=oproep,
            wijknaam=f"Wijk {nummer}",
            gemeente=f"Gemeente {nummer % 300}",
            provincie=provincies[nummer % len(provincies)],
            wijkbeschrijving="x",
            aanpak="x",
            leervraag_verwachtingen="x",
            leervraag_opbrengsten="x",
            leervraag_randvoorwaarden="x",
            leervraag_interventies="x",
            status=Status.INGEDIEND,
            ingediend_op=nu,
            indieningssleutel=uuid.uuid4(),
        )
        for nummer in range(AANTAL)
    )
    domeinen = [Domein.FYSIEK, Domein.FYSIEK, Domein.SOCIAAL]
    lid_model.objects.bulk_create(
        lid_model(
            aanmelding=aanmelding,
            naam=f"Lid {index}",
            organisatie="Organisatie",
            organisatietype=Organisatietype.GEMEENTE,
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
        for nummer in range(2)
    ]
    beoordeling_model.objects.bulk_create(
        beoordeling_model(
            aanmelding=aanmelding,
            beoordelaar=beoordelaar,
            score_coalitie=3,
            score_opgave=4,
            score_vooravond=2,
            score_leervraag=5,
            score_netwerk=3,
            motivatie="x",
            advies=Advies.RESERVE,
        )
        for aanmelding in aanmeldingen[:3000]
        for beoordelaar in beoordelaars
    )
    revisie_model.objects.bulk_create(
        revisie_model(aanmelding=aanmelding, wijzigingen=[]) for aanmelding in aanmeldingen[:500]
    )


def main() -> None:
    setup_test_environment()
    oude_config = setup_databases(verbosity=0, interactive=False)
    try:
        from aanmeldingen.models import Aanmelding, Beoordeling, Coalitielid, Oproep, Revisie

        begin = time.perf_counter()
        vul(Oproep, Aanmelding, Coalitielid, Beoordeling, Revisie)
        print(f"{AANTAL} aanmeldingen aangemaakt in {time.perf_counter() - begin:.1f} s "
              f"({connection.vendor})")  # fmt: skip
        coordinator = get_user_model().objects.create_user("coordinator", is_staff=True)
        coordinator.groups.add(Group.objects.get(name="coördinator"))
        client = Client()
        client.force_login(coordinator)
        url = reverse("admin:aanmeldingen_aanmelding_changelist")
        tijden = []
        for _ in range(10):
            with CaptureQueriesContext(connection) as queries:
                begin = time.perf_counter()
                response = client.get(url)
                tijden.append(time.perf_counter() - begin)
            assert response.status_code == 200, response.status_code
        if os.environ.get("TOON_QUERIES"):
            for query in sorted(queries.captured_queries, key=lambda q: -float(q["time"]))[:3]:
                print(query["time"], query["sql"][:3000])
        print(
            f"Lijst van aanmeldingen (100 per pagina, {AANTAL} in totaal): mediaan "
            f"{statistics.median(tijden) * 1000:.0f} ms, snelste {min(tijden) * 1000:.0f} ms, "
            f"traagste {max(tijden) * 1000:.0f} ms, {len(queries.captured_queries)} queries."
        )
    finally:
        teardown_databases(oude_config, verbosity=0)


if __name__ == "__main__":
    # Static files straight from the apps, as in the tests: no collectstatic needed.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    main()
