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
