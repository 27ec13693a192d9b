"""SQLite as `make run` uses it: one database file, admin saves and a task worker beside them.

The suite's own SQLite database lives in memory, where nothing ever waits for a lock. So
the scenario runs in a subprocess of its own on a file, with the settings of
netwerk/settings.py (DATABASE_URL points at the file): it makes the tables, starts a real
`manage.py db_worker`, lets several staff members save in the admin at the same moment,
and reports what went wrong as JSON on its last line.
"""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="about SQLite's file locking; CI runs on PostgreSQL"
)

BASIS = Path(__file__).resolve().parents[2]
MEDEWERKERS = 4
GEBRUIKERS_PER_MEDEWERKER = 3
LINKS_PER_MEDEWERKER = 2
BESLUITEN_PER_MEDEWERKER = 4


def test_admin_saves_beside_the_task_worker_never_meet_a_locked_database(tmp_path):
    omgeving = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "netwerk.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        # As `make run`: debug on (plain static files); the mail is kept, not printed.
        "DEBUG": "1",
        "SECRET_KEY": "alleen-voor-tests",
        "EMAIL_URL": "memorymail://",
    }
    uitvoer = subprocess.run(
        [sys.executable, "-m", "tests.netwerk.test_sqlite", str(tmp_path)],
        cwd=BASIS,
        env=omgeving,
        capture_output=True,
        text=True,
        timeout=90,
    )
    assert uitvoer.returncode == 0, uitvoer.stderr[-3000:]
    uitkomst = json.loads(uitvoer.stdout.strip().splitlines()[-1])

    assert uitkomst["fouten"] == []
    assert uitkomst["nieuwe_gebruikers"] == MEDEWERKERS * GEBRUIKERS_PER_MEDEWERKER
    assert uitkomst["besluiten"] == MEDEWERKERS * BESLUITEN_PER_MEDEWERKER
    # Every mail the admin queued was sent by the worker beside it.
    assert uitkomst["mails"] == {"SUCCESSFUL": MEDEWERKERS * LINKS_PER_MEDEWERKER}


def _scenario(map_: Path) -> dict:
    """Runs in the subprocess: netwerk/settings.py's settings, on a database file."""
    import threading
    from collections import Counter

    import django
    from django.conf import settings

    django.setup()

    from django.apps import apps
    from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django_tasks_db.models import DBTaskResult

    from aanmeldingen.enums import Status
    from aanmeldingen.models import Aanmelding
    from tests.factories import AanmeldingFactory, OproepFactory

    setup_test_environment()
    # The tables straight from the models, like pytest-django's --no-migrations: a tenth of
    # the time of every migration, and the locks are the same.
    settings.MIGRATION_MODULES = {app.label: None for app in apps.get_app_configs()}
    call_command("migrate", run_syncdb=True, verbosity=0)

    # The worker as `make run` starts it, but polling ten times as often, to be in the way.
    logboek = map_ / "db_worker.log"
    with open(logboek, "w") as uit:
        worker = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--interval", "0.1", "--no-reload",
             "--no-startup-delay"],
            cwd=BASIS,
            stdout=uit,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        # Without a password: the staff members log in with force_login.
        medewerker = get_user_model().objects.create_user(
            "beheer", is_staff=True, is_superuser=True
        )
        werk = [
            (
                [a.pk for a in AanmeldingFactory.create_batch(LINKS_PER_MEDEWERKER)],
                [a.pk for a in AanmeldingFactory.create_batch(
                    BESLUITEN_PER_MEDEWERKER,
                    oproep=OproepFactory(gesloten=True, max_wijken=BESLUITEN_PER_MEDEWERKER),
                )],
            )
            for _ in range(MEDEWERKERS)
        ]  # fmt: skip
        gebruikers_voor = get_user_model().objects.count()
        einde = time.monotonic() + 30
        while "Starting worker" not in logboek.read_text() and time.monotonic() < einde:
            time.sleep(0.05)
        assert worker.poll() is None, logboek.read_text()

        fouten = []
        start = threading.Barrier(MEDEWERKERS)

        def medewerker_aan_het_werk(nummer, links, besluiten):
            lijst = "/admin/aanmeldingen/aanmelding/"
            stappen = [
                ("/admin/auth/user/add/", {"username": f"nieuw-{nummer}-{i}",
                                           "usable_password": "false", "_save": "Opslaan"})
                for i in range(GEBRUIKERS_PER_MEDEWERKER)
            ] + [
                (lijst, {"action": "stuur_link", ACTION_CHECKBOX_NAME: links,
                         "bevestigd": "ja"}),
                (lijst, {"action": "besluit_reserve", ACTION_CHECKBOX_NAME: besluiten,
                         "bevestigd": "ja", "toelichting": "Op de reservelijst."}),
            ]  # fmt: skip
            client = Client()
            try:
                client.force_login(medewerker)
                start.wait()
                for pad, velden in stappen:
                    stap = f"{pad} {velden.get('action', '')}".strip()
                    try:
                        antwoord = client.post(pad, velden)
                    except Exception as fout:  # noqa: BLE001 - reported; the next step goes on
                        fouten.append(f"{stap}: {fout!r}")
                    else:
                        if antwoord.status_code != 302:
                            fouten.append(f"{stap}: {antwoord.status_code}")
            except Exception as fout:  # noqa: BLE001 - reported by the test
                fouten.append(repr(fout))
            finally:
                connection.close()

        draden = [
            threading.Thread(target=medewerker_aan_het_werk, args=(nummer, *werk[nummer]))
            for nummer in range(MEDEWERKERS)
        ]
        for draad in draden:
            draad.start()
        for draad in draden:
            draad.join()
        # The worker sends what the admin queued.
        einde = time.monotonic() + 15
        while (
            DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).exists()
            and time.monotonic() < einde
        ):
            time.sleep(0.05)
    finally:
        worker.terminate()
        worker.wait(timeout=10)
    return {
        "fouten": fouten,
        "nieuwe_gebruikers": get_user_model().objects.count() - gebruikers_voor,
        "besluiten": Aanmelding.objects.filter(status=Status.RESERVE).count(),
        "mails": dict(Counter(DBTaskResult.objects.values_list("status", flat=True))),
    }


if __name__ == "__main__":
    print(json.dumps(_scenario(Path(sys.argv[1]))))
