import importlib

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult


@pytest.fixture(autouse=True)
def _statische_bestanden_zonder_manifest(settings):
    # Production serves hashed files after collectstatic; tests read them from the source.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _tweede_stap_uit(settings):
    # Production asks staff for a second step (TWEEDE_STAP=verplicht, netwerk.tweede_stap)
    # before any staff page. The tests of the admin and the staff pages log staff in with
    # force_login or the password form, and are about those pages, not about the login:
    # for them the step is off. The tests of the second step itself turn it on with the
    # fixture `tweede_stap` (tests/netwerk/test_tweede_stap.py), and also check that the
    # admin refuses a session with only the password.
    settings.TWEEDE_STAP = "uit"


@pytest.fixture(autouse=True)
def _sessies_zonder_grens(settings):
    # Sessions end after a while (netwerk.middleware.SessieGrenzen). Many tests log a
    # participant in and then move the clock days ahead to reach a deadline or a session's
    # start; they are about that, not about how long a login lasts. For them the limits are
    # a hundred years; tests/netwerk/test_sessies.py puts the real ones back.
    eeuw = 100 * 365
    settings.SESSIE_MEDEWERKER_INACTIEF_MINUTEN = eeuw * 24 * 60
    settings.SESSIE_MEDEWERKER_MAX_UREN = eeuw * 24
    settings.SESSIE_DEELNEMER_INACTIEF_DAGEN = eeuw
    settings.SESSIE_DEELNEMER_MAX_DAGEN = eeuw


@pytest.fixture(autouse=True)
def _snel_wachtwoord_hashen(settings):
    # Factories make many users; the production hasher is slow on purpose.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def wachtende_mails() -> list[dict]:
    """The mails queued in the task table and not sent yet, as the task's arguments."""
    return [
        taak.args_kwargs["kwargs"]
        for taak in DBTaskResult.objects.filter(
            task_path="netwerk.mail.verstuur_email", status="READY"
        ).order_by("enqueued_at")
    ]


def voer_uit(taak) -> None:
    """Do what the worker would with the queued calls of one task, in this test's
    transaction (werk_wachtrij_af runs the real worker, and needs a transactional test)."""
    for rij in DBTaskResult.objects.filter(task_path=taak.module_path, status="READY"):
        taak.call(*rij.args_kwargs["args"], **rij.args_kwargs["kwargs"])
        rij.delete()


def werk_wachtrij_af() -> None:
    """Run the real worker until the queue is empty. Needs a transactional_db test."""
    call_command("db_worker", batch=True, startup_delay=False, reload=False, interval=0)


@pytest.fixture
def besluitsjablonen(transactional_db):
    """A transactional test's flush empties what the data migrations made: make it again.

    The staff groups come back by themselves (post_migrate, netwerk.rechten)."""
    from django.apps import apps

    migratie = importlib.import_module("aanmeldingen.migrations.0009_besluitsjablonen_en_rechten")
    migratie.vul_in(apps, None)


@pytest.fixture(autouse=True)
def _bijlagen_in_een_tijdelijke_map(settings, tmp_path):
    # Attachments a test adds go to a folder of its own, gone after the run.
    settings.STORAGES = {
        **settings.STORAGES,
        "bijlagen": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "bijlagen", "base_url": None},
        },
    }
