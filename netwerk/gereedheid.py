"""Whether the database answers, found out within a bounded time (for /readyz)."""

import select
import time

import psycopg2
from django.conf import settings
from django.db import DatabaseError, connection

# /readyz must answer well before a load balancer or gunicorn gives up on it (3 seconds).
WACHTTIJD = 2.0


def database_antwoordt(binnen: float = WACHTTIJD) -> bool:
    """True when the database answers SELECT 1 within `binnen` seconds.

    On PostgreSQL through a connection of its own, asynchronous, so that every step (the
    TCP connection, the start-up, the query) waits at most until the deadline, also for a
    server that accepts the connection and then says nothing. The process's persistent
    connection could hang on such a server: libpq's connect_timeout only covers connecting
    and statement_timeout is applied by the server itself. SQLite is a file beside us.
    """
    instellingen = settings.DATABASES["default"]
    if instellingen["ENGINE"] != "django.db.backends.postgresql":
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
                return cursor.fetchone() == (1,)
        except DatabaseError:
            return False
    tot = time.monotonic() + binnen
    try:
        verbinding = psycopg2.connect(**verbindingsgegevens(instellingen), async_=True)
    except psycopg2.Error:
        return False
    try:
        wacht(verbinding, tot)
        cursor = verbinding.cursor()
        cursor.execute("SELECT 1")
        wacht(verbinding, tot)
        return cursor.fetchone() == (1,)
    except (psycopg2.Error, TimeoutError, OSError):
        return False
    finally:
        verbinding.close()


def verbindingsgegevens(instellingen: dict) -> dict:
    """libpq's parameters from a Django DATABASES entry (as its PostgreSQL backend reads
    them), with Django's own options left out."""
    gegevens = {
        "dbname": instellingen.get("NAME") or "postgres",
        "user": instellingen.get("USER"),
        "password": instellingen.get("PASSWORD"),
        "host": instellingen.get("HOST"),
        "port": instellingen.get("PORT"),
        **instellingen.get("OPTIONS", {}),
    }
    for django_optie in ["isolation_level", "assume_role", "server_side_binding", "pool"]:
        gegevens.pop(django_optie, None)
    return {naam: waarde for naam, waarde in gegevens.items() if waarde not in (None, "")}


def wacht(verbinding, tot: float) -> None:
    """Let an asynchronous psycopg2 connection go on until it is done, or raise TimeoutError
    at the deadline `tot` (time.monotonic())."""
    while True:
        stand = verbinding.poll()
        if stand == psycopg2.extensions.POLL_OK:
            return
        rest = tot - time.monotonic()
        if rest <= 0:
            raise TimeoutError
        lezen = [verbinding.fileno()] if stand == psycopg2.extensions.POLL_READ else []
        schrijven = [verbinding.fileno()] if stand == psycopg2.extensions.POLL_WRITE else []
        if not any(select.select(lezen, schrijven, [], rest)):
            raise TimeoutError
