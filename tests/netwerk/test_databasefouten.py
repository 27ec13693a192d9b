"""Database faults: /readyz answers within three seconds whatever the database does, pages
that need no database keep working while it is down, and the portal goes on by itself once
it is back (without a restart)."""

import socket
import threading
import time

import psycopg2
import pytest
from django.db import close_old_connections, connection

from tests.factories import DeelnameFactory

alleen_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL (set DATABASE_URL)"
)


@pytest.fixture
def zwijgende_database():
    """A port that accepts connections and never says a word: a database that hangs."""
    luisteraar = socket.create_server(("127.0.0.1", 0))
    aangenomen = []

    def neem_aan():
        while True:
            try:
                aangenomen.append(luisteraar.accept()[0])
            except OSError:
                return

    threading.Thread(target=neem_aan, daemon=True).start()
    yield luisteraar.getsockname()[1]
    luisteraar.close()
    for verbinding in aangenomen:
        verbinding.close()


@pytest.fixture
def dichte_poort():
    """A port where nothing listens: a database that is down."""
    with socket.create_server(("127.0.0.1", 0)) as bezet:
        return bezet.getsockname()[1]


def postgresql_op(poort: int) -> dict:
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "leernetwerk",
        "USER": "leernetwerk",
        "HOST": "127.0.0.1",
        "PORT": str(poort),
        "OPTIONS": {"connect_timeout": 30},
    }


def test_readyz_answers_503_within_three_seconds_when_the_database_never_answers(
    client, settings, zwijgende_database
):
    settings.DATABASES = {"default": postgresql_op(zwijgende_database)}
    begin = time.monotonic()

    response = client.get("/readyz")

    assert time.monotonic() - begin < 3
    assert response.status_code == 503
    assert response.text == "database onbereikbaar\n"


def test_healthz_answers_at_once_while_the_database_never_answers(
    client, settings, zwijgende_database
):
    settings.DATABASES = {"default": postgresql_op(zwijgende_database)}
    begin = time.monotonic()

    response = client.get("/healthz")

    assert time.monotonic() - begin < 0.5
    assert response.status_code == 200


def test_readyz_answers_503_when_nothing_listens(client, settings, dichte_poort):
    settings.DATABASES = {"default": postgresql_op(dichte_poort)}

    response = client.get("/readyz")

    assert response.status_code == 503


class Schakelaar:
    """Takes the process's own database connection away (to a port where nothing listens,
    or one that never answers) and gives it back, as a database restart or an outage would."""

    def __init__(self, monkeypatch):
        self.monkeypatch = monkeypatch

    def weg(self, poort: int) -> None:
        connection.close()
        self.monkeypatch.setitem(connection.settings_dict, "PORT", str(poort))

    def terug(self) -> None:
        self.monkeypatch.undo()
        connection.close()


@pytest.fixture
def database(monkeypatch, client):
    client.raise_request_exception = False  # as in production: the error page, not a trace
    schakelaar = Schakelaar(monkeypatch)
    yield schakelaar
    schakelaar.terug()


@pytest.mark.parametrize("pagina", ["/privacy/", "/toegankelijkheid/", "/healthz"])
@pytest.mark.parametrize("ingelogd", [False, True])
@pytest.mark.django_db(transaction=True)
@pytest.mark.postgres
@alleen_postgresql
def test_pages_that_need_no_database_work_while_it_is_down(
    client, database, dichte_poort, pagina, ingelogd
):
    if ingelogd:
        client.force_login(DeelnameFactory().gebruiker)
    database.weg(dichte_poort)

    response = client.get(pagina)

    assert response.status_code == 200
    assert "sessionid" not in response.cookies


@pytest.mark.django_db(transaction=True)
@pytest.mark.postgres
@alleen_postgresql
def test_a_page_that_needs_the_database_answers_a_calm_503_while_it_is_down(
    client, database, dichte_poort
):
    client.force_login(DeelnameFactory().gebruiker)
    database.weg(dichte_poort)

    response = client.get("/wijken/")

    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert '<html lang="nl">' in response.text
    assert "De website is even niet beschikbaar" in response.text


@pytest.mark.django_db(transaction=True)
@pytest.mark.postgres
@alleen_postgresql
def test_a_database_that_hangs_gives_503_within_the_connect_timeout(
    client, database, zwijgende_database
):
    # libpq waits at least two seconds; production waits DATABASE_CONNECT_TIMEOUT.
    database.monkeypatch.setitem(connection.settings_dict["OPTIONS"], "connect_timeout", 2)
    database.weg(zwijgende_database)
    begin = time.monotonic()

    response = client.get("/")

    assert time.monotonic() - begin < 4
    assert response.status_code == 503


@pytest.mark.django_db(transaction=True)
@pytest.mark.postgres
@alleen_postgresql
def test_the_portal_goes_on_by_itself_once_the_database_is_back(client, database, dichte_poort):
    client.force_login(DeelnameFactory().gebruiker)
    database.weg(dichte_poort)
    tijdens = [client.get("/wijken/").status_code, client.get("/readyz").status_code]

    database.terug()

    assert tijdens == [503, 503]
    assert client.get("/readyz").status_code == 200
    assert client.get("/wijken/").status_code == 200


@pytest.mark.django_db(transaction=True)
@pytest.mark.postgres
@alleen_postgresql
def test_a_kept_connection_the_database_dropped_is_replaced_before_a_request_uses_it(client):
    """A restarted database drops the connections the workers keep (CONN_MAX_AGE): the
    health check finds that out when the next request begins, and that request gets a new
    connection instead of an error."""
    client.force_login(DeelnameFactory().gebruiker)
    eigen_pid = connection.cursor().connection.info.backend_pid
    with psycopg2.connect(**connection.get_connection_params()) as ander:
        ander.autocommit = True
        ander.cursor().execute("SELECT pg_terminate_backend(%s)", [eigen_pid])
    close_old_connections()  # what Django does when a request begins

    response = client.get("/wijken/")

    assert response.status_code == 200
