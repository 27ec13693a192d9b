"""Nothing is held in one process: two app instances (here two processes, each with the
settings read from its own environment) share the cache and the rate-limit counters, in
Redis when REDIS_URL is set and in the database otherwise (netwerk/settings.py)."""

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.urls import reverse

from aanmeldingen.models import Aanmelding
from tests.factories import OproepFactory, aanmeld_data
from tests.mailservers import vrije_poort

PROJECT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")

# One "instance": reads the cache key, writes it when asked, and counts one or more
# submissions against the portal's own hourly limit (netwerk.bezoekers.te_vaak).
INSTANTIE = """
import json, sys
import django
django.setup()
from django.conf import settings
from django.core.cache import cache
from django.test import RequestFactory
from netwerk.bezoekers import te_vaak

sleutel, schrijf, groep, pogingen = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
gelezen = cache.get(sleutel)
if schrijf:
    cache.set(sleutel, schrijf, 60)
verzoek = RequestFactory().post("/", REMOTE_ADDR="203.0.113.7")
te_veel = [te_vaak(verzoek, groep=groep, per_uur=3) for _ in range(pogingen)]
print(json.dumps({
    "cache": settings.CACHES["default"]["BACKEND"],
    "ratelimit": settings.CACHES["ratelimit"]["BACKEND"],
    "gelezen": gelezen,
    "te_veel": te_veel,
}))
"""


def _omgeving(**extra) -> dict:
    omgeving = {
        naam: waarde
        for naam, waarde in os.environ.items()
        if naam not in ("REDIS_URL", "CACHE_URL", "RATELIMIT_CACHE_URL", "DATABASE_URL")
    }
    omgeving.update(
        DJANGO_SETTINGS_MODULE="netwerk.settings",
        SECRET_KEY="alleen-voor-tests",
        EMAIL_URL="memorymail://",
        DEBUG="0",
        **extra,
    )
    return omgeving


def _instantie(omgeving: dict, *args) -> dict:
    uitkomst = subprocess.run(
        [sys.executable, "-c", INSTANTIE, *map(str, args)],
        cwd=PROJECT,
        env=omgeving,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(uitkomst.stdout.strip().splitlines()[-1])


def _redis_bereikbaar() -> bool:
    import redis

    try:
        return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return False


def _twee_instanties_delen(omgeving: dict) -> tuple[dict, dict]:
    sleutel, groep = f"proef-{uuid.uuid4()}", f"proef-{uuid.uuid4()}"
    eerste = _instantie(omgeving, sleutel, "van de eerste", groep, 3)
    tweede = _instantie(omgeving, sleutel, "", groep, 1)
    return eerste, tweede


def test_with_redis_two_instances_share_the_cache_and_the_rate_limit():
    if not _redis_bereikbaar():
        if os.environ.get("CI") == "true":
            pytest.fail(f"Redis antwoordt niet op {REDIS_URL}")
        pytest.skip(f"Redis antwoordt niet op {REDIS_URL}")

    eerste, tweede = _twee_instanties_delen(_omgeving(REDIS_URL=REDIS_URL))

    redis_cache = "django.core.cache.backends.redis.RedisCache"
    assert eerste["cache"] == eerste["ratelimit"] == redis_cache
    assert eerste["gelezen"] is None
    assert eerste["te_veel"] == [False, False, False]
    # The second process sees what the first wrote, and its one submission is the fourth.
    assert tweede["gelezen"] == "van de eerste"
    assert tweede["te_veel"] == [True]


def test_without_redis_two_instances_share_the_database_cache(tmp_path):
    omgeving = _omgeving(DATABASE_URL=f"sqlite:///{tmp_path / 'gedeeld.sqlite3'}")
    subprocess.run(
        [sys.executable, "manage.py", "createcachetable"],
        cwd=PROJECT,
        env=omgeving,
        capture_output=True,
        timeout=60,
        check=True,
    )

    eerste, tweede = _twee_instanties_delen(omgeving)

    database_cache = "django.core.cache.backends.db.DatabaseCache"
    assert eerste["cache"] == eerste["ratelimit"] == database_cache
    assert eerste["te_veel"] == [False, False, False]
    assert tweede["gelezen"] == "van de eerste"
    assert tweede["te_veel"] == [True]


def _redis_die_niet_antwoordt() -> dict:
    return {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "ratelimit": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{vrije_poort()}/0",
        },
    }


@pytest.mark.django_db
def test_an_application_goes_through_while_redis_is_down(client, settings, caplog):
    oproep = OproepFactory(slug="gemengde-wijk")
    settings.CACHES = _redis_die_niet_antwoordt()

    response = client.post(
        reverse("aanmeldingen:aanmelden", kwargs={"slug": oproep.slug}), aanmeld_data()
    )

    assert response.status_code == 302
    assert Aanmelding.objects.filter(oproep=oproep).count() == 1
    assert "De tellers van de limieten antwoorden niet" in caplog.text


@pytest.mark.django_db
def test_a_password_reset_request_is_answered_while_redis_is_down(client, settings, caplog):
    settings.CACHES = _redis_die_niet_antwoordt()

    response = client.post(reverse("account:password_reset"), {"email": "iemand@voorbeeld.nl"})

    assert response.status_code == 302
    assert "De tellers van de limieten antwoorden niet" in caplog.text
