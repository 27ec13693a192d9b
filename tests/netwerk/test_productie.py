"""With production settings, Django's deployment check passes at the warning level."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]

PRODUCTIE = {
    "SECRET_KEY": secrets.token_urlsafe(60),
    "ALLOWED_HOSTS": "leernetwerk.platform31.nl",
    "PORTAAL_URL": "https://leernetwerk.platform31.nl",
    "EMAIL_URL": "smtp://mail.platform31.nl:587",
    "SECURE_SSL_REDIRECT": "1",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "1",
    "SECURE_HSTS_PRELOAD": "1",
}


def check_deploy(**omgeving) -> subprocess.CompletedProcess:
    env = {
        naam: waarde
        for naam, waarde in os.environ.items()
        # Not what a test run sets: the browser tests' DJANGO_ALLOW_ASYNC_UNSAFE, pytest's
        # own variables, settings this test sets itself.
        if naam not in {"DEBUG", "SECURE_COOKIES", "DJANGO_ALLOW_ASYNC_UNSAFE"}
        and not naam.startswith(("SECURE_", "PYTEST_"))
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=PROJECT,
        env={**env, **omgeving},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_deployment_check_passes_with_production_settings():
    uitkomst = check_deploy(**PRODUCTIE)

    assert uitkomst.returncode == 0, uitkomst.stderr
    assert "no issues" in uitkomst.stdout


@pytest.mark.parametrize("zonder", ["SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD"])
def test_the_deployment_check_names_what_is_missing(zonder):
    omgeving = {naam: waarde for naam, waarde in PRODUCTIE.items() if naam != zonder}

    uitkomst = check_deploy(**omgeving)

    assert uitkomst.returncode == 1
    assert zonder in uitkomst.stderr


def test_the_deployment_check_warns_when_staff_may_skip_the_second_step():
    uitkomst = check_deploy(**PRODUCTIE, TWEEDE_STAP="overslaanbaar")

    assert uitkomst.returncode == 1
    assert "netwerk.W001" in uitkomst.stderr
