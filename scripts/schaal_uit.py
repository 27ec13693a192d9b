"""The portal on more than one server, tried end to end on this machine (make schaal).

Installs HAProxy from Debian where it is missing, makes a fresh PostgreSQL database, runs
the release step once (migrate, createcachetable, collectstatic), loads the demo data,
starts two gunicorn instances with production settings (DEBUG off, Redis for the cache and
the rate limits, a local SMTP sink for the mail, the second step required for staff) and
HAProxy in front of them, round robin and without sticky sessions. Then, through the
balancer: an application on the open call's form, a participant who logs in and reads a
session, a staff member who logs in, sets up the second step and opens the admin, and a
bounded load with no errors (the casuswijk page left out: still far slower than the
others); at the end two task workers deliver 200 queued mails, each
exactly once. Prints a summary, exits non-zero on any failure, and stops everything it
started, also when interrupted.

Environment (all optional):
  SCHAAL_DATABASE_URL  the database to create afresh (default
                       postgres://postgres@127.0.0.1:5432/leernetwerk_schaal); dropped at
                       the end of a run that passed
  SCHAAL_REDIS_URL     default redis://127.0.0.1:6379/0; the portal's keys there (prefixes
                       portaal and portaal_ratelimit) are deleted at the start
  SCHAAL_POORT         the balancer's port (default 8301); the instances take the next two,
                       the SMTP sink the one after
  SCHAAL_VERZOEKEN, SCHAAL_GELIJKTIJDIG, SCHAAL_MAILS   2000, 8, 200
"""

import base64
import os
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from concurrent.futures import ThreadPoolExecutor
from email import message_from_bytes
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import psycopg2
import redis
import requests
from aiosmtpd.controller import Controller
from django_otp.oath import totp

PROJECT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable

DATABASE_URL = os.environ.get(
    "SCHAAL_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/leernetwerk_schaal"
)
REDIS_URL = os.environ.get("SCHAAL_REDIS_URL", "redis://127.0.0.1:6379/0")
BALANCER = int(os.environ.get("SCHAAL_POORT", "8301"))
INSTANTIES = [BALANCER + 1, BALANCER + 2]
SMTP = BALANCER + 3
VERZOEKEN = int(os.environ.get("SCHAAL_VERZOEKEN", "2000"))
GELIJKTIJDIG = int(os.environ.get("SCHAAL_GELIJKTIJDIG", "8"))
MAILS = int(os.environ.get("SCHAAL_MAILS", "200"))

ADRES = f"http://127.0.0.1:{BALANCER}"
OPROEP = "gemengde-wijk-2027"
WACHTWOORD = "demo-leernetwerk"
MERKTEKEN = "Schaalproef"

BEGIN = time.monotonic()


class Mislukt(Exception):
    """One check of the run failed; the message says which."""


def meld(tekst: str) -> None:
    print(f"[{time.monotonic() - BEGIN:6.1f}s] {tekst}", flush=True)


def eis(voorwaarde: bool, tekst: str) -> None:
    if not voorwaarde:
        raise Mislukt(tekst)


# --- the processes ----------------------------------------------------------------------


class Processen:
    """Every process the run starts, each in a group of its own, stopped at the end."""

    def __init__(self) -> None:
        self.lopend: list[tuple[str, subprocess.Popen]] = []

    def start(self, naam: str, opdracht: list[str], omgeving: dict, log: Path):
        proces = subprocess.Popen(
            opdracht,
            cwd=PROJECT,
            env=omgeving,
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.lopend.append((naam, proces))
        return proces

    def stop_alle(self) -> None:
        for _naam, proces in self.lopend:
            if proces.poll() is None:
                os.killpg(proces.pid, signal.SIGTERM)
        for _naam, proces in self.lopend:
            try:
                proces.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(proces.pid, signal.SIGKILL)
                proces.wait()


def beheer(omgeving: dict, *args: str, **extra) -> str:
    """Run manage.py once, as the release does; its output, or Mislukt with it."""
    uitkomst = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=PROJECT,
        env={**omgeving, **extra},
        capture_output=True,
        text=True,
        timeout=300,
    )
    if uitkomst.returncode != 0:
        raise Mislukt(f"manage.py {' '.join(args)}:\n{uitkomst.stdout}{uitkomst.stderr}")
    return uitkomst.stdout


def wacht_op(url: str, *, seconden: float = 60) -> None:
    einde = time.monotonic() + seconden
    while time.monotonic() < einde:
        try:
            if requests.get(url, timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.3)
    raise Mislukt(f"{url} antwoordt niet binnen {seconden:.0f} s")


def haproxy() -> str:
    pad = shutil.which("haproxy")
    if pad:
        return pad
    eis(os.geteuid() == 0, "haproxy ontbreekt; installeer het: apt-get install -y haproxy")
    meld("HAProxy installeren uit Debian")
    stil = {
        "stdout": subprocess.DEVNULL,
        "env": {**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
    }
    if subprocess.run(["apt-get", "install", "-y", "-qq", "haproxy"], **stil).returncode:
        subprocess.run(["apt-get", "update", "-qq"], check=True, **stil)
        subprocess.run(["apt-get", "install", "-y", "-qq", "haproxy"], check=True, **stil)
    return shutil.which("haproxy") or "/usr/sbin/haproxy"


def nieuwe_database() -> None:
    delen = urlsplit(DATABASE_URL)
    naam = delen.path.lstrip("/")
    eis(re.fullmatch(r"[a-z_][a-z0-9_]*", naam) is not None, f"ongeldige databasenaam {naam!r}")
    verbinding = psycopg2.connect(DATABASE_URL.rsplit("/", 1)[0] + "/postgres")
    verbinding.autocommit = True
    with verbinding.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {naam} WITH (FORCE)")
        cursor.execute(f"CREATE DATABASE {naam}")
    verbinding.close()


def verse_redis() -> None:
    """Forget the portal's keys in Redis (its cache and the rate-limit counters of an earlier
    run), and nothing else: others may share the server."""
    server = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    for voorvoegsel in ("portaal:*", "portaal_ratelimit:*"):
        sleutels = list(server.scan_iter(match=voorvoegsel, count=1000))
        if sleutels:
            server.delete(*sleutels)


def verwijder_database() -> None:
    naam = urlsplit(DATABASE_URL).path.lstrip("/")
    verbinding = psycopg2.connect(DATABASE_URL.rsplit("/", 1)[0] + "/postgres")
    verbinding.autocommit = True
    with verbinding.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {naam} WITH (FORCE)")
    verbinding.close()


HAPROXY_CONFIG = """\
global
    maxconn 512

defaults
    mode http
    option forwardfor
    timeout connect 5s
    timeout client 35s
    timeout server 35s

frontend portaal
    bind 127.0.0.1:{balancer}
    default_backend instanties

backend instanties
    balance roundrobin
    option httpchk
    http-check send meth HEAD uri /healthz hdr Host 127.0.0.1
{servers}
"""


# --- the SMTP sink ----------------------------------------------------------------------


class Postvak:
    """Keeps the Message-ID and subject of every message it accepts."""

    def __init__(self) -> None:
        self.berichten: list[tuple[str, str]] = []
        self.slot = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        bericht = message_from_bytes(envelope.content)
        with self.slot:
            self.berichten.append((bericht["Message-ID"] or "", bericht["Subject"] or ""))
        return "250 OK"


# --- HTML forms -------------------------------------------------------------------------


class Formulieren(HTMLParser):
    """The forms on a page that post: each its action and its fields with their values."""

    def __init__(self) -> None:
        super().__init__()
        self.formulieren: list[tuple[str, dict[str, str]]] = []
        self._velden: dict[str, str] | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self._velden = {}
            self.formulieren.append((attrs.get("action") or "", self._velden))
        if self._velden is None:
            return
        naam = attrs.get("name")
        if tag == "input" and naam:
            soort = (attrs.get("type") or "text").lower()
            if soort in ("checkbox", "radio"):
                if "checked" in attrs:
                    self._velden[naam] = attrs.get("value") or "on"
            elif soort not in ("submit", "button"):
                self._velden[naam] = attrs.get("value") or ""
        elif tag == "textarea" and naam:
            self._velden[naam] = ""
        elif tag == "select" and naam:
            self._select = naam
            self._velden.setdefault(naam, "")
        elif tag == "option" and self._select and "selected" in attrs:
            self._velden[self._select] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        if tag == "form":
            self._velden = None


def formulier(antwoord: requests.Response, met: str) -> tuple[str, dict[str, str]]:
    """The action and fields of the form on the page that has the field `met`."""
    lezer = Formulieren()
    lezer.feed(antwoord.text)
    for actie, velden in lezer.formulieren:
        if met in velden:
            return urljoin(antwoord.url, actie), dict(velden)
    raise Mislukt(f"geen formulier met {met} op {antwoord.url}")


def verstuur(sessie: requests.Session, url: str, **velden: str) -> requests.Response:
    """GET the page, fill in its form (the CSRF token and hidden fields as they are), POST."""
    pagina = sessie.get(url, timeout=30)
    eis(pagina.status_code == 200, f"GET {url}: {pagina.status_code}")
    actie, gegevens = formulier(pagina, met=next(iter(velden)))
    gegevens.update(velden)
    return sessie.post(actie, data=gegevens, headers={"Referer": pagina.url}, timeout=30)


# --- the path through the balancer ------------------------------------------------------


def meld_aan() -> None:
    sessie = requests.Session()
    lid = {
        "naam": "Lid",
        "organisatie": "Organisatie",
        "organisatietype": "gemeente",
        "functie": "Adviseur",
    }
    velden = {
        "wijknaam": "Schaalwijk",
        "gemeente": "Utrecht",
        "provincie": "utrecht",
        "cbs_wijkcode": "WK034499",
        "wijkbeschrijving": "Een wijk om het portaal op twee servers te proberen.",
        "aanpak": "Nieuwbouw en een sociaal programma.",
        "leervraag_verwachtingen": "Doorstroming.",
        "leervraag_opbrengsten": "Ontmoeting.",
        "leervraag_randvoorwaarden": "Tijd.",
        "leervraag_interventies": "Welke volgorde werkt?",
        "bestaande_interventies": "Buurthuis",
        "privacy_akkoord": "on",
    }
    for index in range(3):
        for veld, waarde in lid.items():
            velden[f"leden-{index}-{veld}"] = f"{waarde} {index + 1}"
        velden[f"leden-{index}-organisatietype"] = "gemeente"
        velden[f"leden-{index}-domein"] = "fysiek" if index % 2 == 0 else "sociaal"
        velden[f"leden-{index}-email"] = f"schaal{index + 1}@voorbeeld.nl"
    velden["leden-0-is_contactpersoon"] = "on"
    antwoord = verstuur(sessie, f"{ADRES}/oproepen/{OPROEP}/aanmelden/", **velden)
    eis(
        antwoord.status_code == 200 and antwoord.url.endswith("/ontvangen/"),
        f"aanmelden: {antwoord.status_code} op {antwoord.url}",
    )


def log_in_als_deelnemer() -> tuple[requests.Session, list[str]]:
    sessie = requests.Session()
    antwoord = verstuur(
        sessie, f"{ADRES}/account/inloggen/", username="deelnemer", password=WACHTWOORD
    )
    eis(
        antwoord.status_code == 200 and urlsplit(antwoord.url).path == "/wijken/",
        f"inloggen als deelnemer: {antwoord.status_code} op {antwoord.url}",
    )
    wijk = re.search(r'href="(/wijken/[\w-]+/)"', antwoord.text)
    eis(wijk is not None, "geen casuswijk op /wijken/")
    wijkpagina = sessie.get(urljoin(ADRES, wijk.group(1)), timeout=30)
    eis(wijkpagina.status_code == 200, f"{wijk.group(1)}: {wijkpagina.status_code}")
    bijeenkomst = re.search(r'href="(/wijken/[\w-]+/bijeenkomsten/\d+/)"', wijkpagina.text)
    eis(bijeenkomst is not None, f"geen bijeenkomst op {wijk.group(1)}")
    pagina = sessie.get(urljoin(ADRES, bijeenkomst.group(1)), timeout=30)
    eis(pagina.status_code == 200, f"{bijeenkomst.group(1)}: {pagina.status_code}")
    eis("Uitloggen" in pagina.text, f"{bijeenkomst.group(1)} toont de deelnemer niet ingelogd")
    # The load reads the list and the session; the casuswijk page is left out, as it is
    # still far slower than the others (the budgets of issue 15 are about that).
    return sessie, ["/wijken/", bijeenkomst.group(1)]


def log_in_als_medewerker() -> None:
    sessie = requests.Session()
    antwoord = verstuur(
        sessie, f"{ADRES}/admin/login/?next=/admin/", username="beheer", password=WACHTWOORD
    )
    eis(
        antwoord.status_code == 200 and "/account/tweede-stap/instellen/" in antwoord.url,
        f"na het wachtwoord geen tweede stap: {antwoord.status_code} op {antwoord.url}",
    )
    geheim = re.search(r'id="geheime-sleutel">([A-Z2-7 ]+)<', antwoord.text)
    eis(geheim is not None, "geen geheime sleutel op de pagina om de app in te stellen")
    sleutel = geheim.group(1).replace(" ", "")
    sleutel = base64.b32decode(sleutel + "=" * (-len(sleutel) % 8))
    actie, gegevens = formulier(antwoord, met="code")
    gegevens["code"] = f"{totp(sleutel):06d}"
    bevestigd = sessie.post(actie, data=gegevens, timeout=30)
    eis(
        bevestigd.status_code == 200 and "herstelcode" in bevestigd.text.lower(),
        f"de code uit de app is niet aanvaard: {bevestigd.status_code} op {bevestigd.url}",
    )
    beheer_pagina = sessie.get(f"{ADRES}/admin/", timeout=30)
    eis(
        beheer_pagina.status_code == 200 and urlsplit(beheer_pagina.url).path == "/admin/",
        f"/admin/ na de tweede stap: {beheer_pagina.status_code} op {beheer_pagina.url}",
    )
    eis("Aanmeldingen" in beheer_pagina.text, "/admin/ toont de modellen niet")


def belast(deelnemer: requests.Session, deelnemerpaginas: list[str]) -> dict:
    openbaar = ["/", f"/oproepen/{OPROEP}/", "/privacy/", "/healthz"]
    paginas = openbaar + deelnemerpaginas
    plan = [paginas[nummer % len(paginas)] for nummer in range(VERZOEKEN)]
    lokaal = threading.local()
    koekjes = deelnemer.cookies.get_dict()

    def een(pad):
        if not hasattr(lokaal, "sessie"):
            lokaal.sessie = requests.Session()
            lokaal.sessie.cookies.update(koekjes)
        begin = time.perf_counter()
        try:
            antwoord = lokaal.sessie.get(ADRES + pad, timeout=35, allow_redirects=False)
            fout = None if antwoord.status_code == 200 else f"{pad}: {antwoord.status_code}"
        except requests.RequestException as uitzondering:
            fout = f"{pad}: {uitzondering}"
        return time.perf_counter() - begin, fout

    begin = time.perf_counter()
    with ThreadPoolExecutor(GELIJKTIJDIG) as uitvoerder:
        uitkomsten = list(uitvoerder.map(een, plan))
    duur = time.perf_counter() - begin
    tijden = sorted(tijd for tijd, _ in uitkomsten)
    fouten = [fout for _, fout in uitkomsten if fout]
    return {
        "verzoeken": len(uitkomsten),
        "fouten": fouten,
        "per_seconde": len(uitkomsten) / duur,
        "p50": statistics.median(tijden) * 1000,
        "p95": tijden[int(len(tijden) * 0.95)] * 1000,
    }


ZET_MAILS_KLAAR = """
from netwerk.mail import verstuur_email
for nummer in range(1, {aantal} + 1):
    verstuur_email.enqueue(
        aan=[f"proef{{nummer}}@voorbeeld.nl"],
        onderwerp=f"{merkteken} {{nummer:04d}}",
        tekst=f"Mail {{nummer}} van de proef met twee servers.",
        reply_to=["leernetwerk@voorbeeld.nl"],
    )
"""

TEL_TAKEN = """
from collections import Counter
from django_tasks_db.models import DBTaskResult
taken = DBTaskResult.objects.filter(args_kwargs__kwargs__onderwerp__startswith="{merkteken}")
print(dict(Counter(taak.status for taak in taken)))
print(dict(Counter(",".join(taak.worker_ids) for taak in taken)))
"""


def toegang_per_instantie(logs: list[Path]) -> list[int]:
    """Requests per instance so far, from gunicorn's access logs; HAProxy's health checks
    (HEAD) not counted."""
    return [sum(" HEAD " not in regel for regel in log.read_text().splitlines()) for log in logs]


def draai(map_: Path, processen: Processen) -> dict:
    samenvatting: dict = {}
    haproxy_pad = haproxy()
    omgeving = {
        naam: waarde
        for naam, waarde in os.environ.items()
        if naam not in ("DEBUG", "CACHE_URL", "RATELIMIT_CACHE_URL", "TASKS_BACKEND")
    }
    omgeving.update(
        DJANGO_SETTINGS_MODULE="netwerk.settings",
        SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL=DATABASE_URL,
        REDIS_URL=REDIS_URL,
        EMAIL_URL=f"smtp://127.0.0.1:{SMTP}",
        EMAIL_TIMEOUT="10",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        PORTAAL_URL=ADRES,
        TWEEDE_STAP="verplicht",
        # One proxy of ours in front: HAProxy's X-Forwarded-For names the visitor.
        VERTROUWDE_PROXIES="1",
        # Plain HTTP on loopback: in production TLS ends at the balancer and the cookies
        # are secure (the default without DEBUG).
        SECURE_COOKIES="0",
        PYTHONUNBUFFERED="1",
    )

    # collectstatic needs no database: it runs beside the rest of the release step.
    meld("releasestap, één keer: collectstatic, en ernaast migrate en createcachetable")
    statisch = subprocess.Popen(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=PROJECT,
        env=omgeving,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        meld(f"verse database {urlsplit(DATABASE_URL).path.lstrip('/')}")
        nieuwe_database()
        verse_redis()
        beheer(omgeving, "migrate", "--noinput", "-v0")
        beheer(omgeving, "createcachetable")
        meld("demodata laden (laad_demodata vraagt DEBUG=1; de database is wegwerp)")
        beheer(omgeving, "laad_demodata", DEBUG="1")
        uitvoer, _ = statisch.communicate(timeout=300)
        eis(statisch.returncode == 0, f"manage.py collectstatic:\n{uitvoer}")
    finally:
        if statisch.poll() is None:
            statisch.kill()
            statisch.wait()

    postvak = Postvak()
    smtp = Controller(postvak, hostname="127.0.0.1", port=SMTP)
    smtp.start()
    try:
        # The instances only check that the release migrated; they never migrate.
        beheer(omgeving, "migrate", "--check")
        logs = []
        for poort in INSTANTIES:
            log = map_ / f"toegang-{poort}.log"
            log.touch()
            logs.append(log)
            meld(f"gunicorn op 127.0.0.1:{poort}")
            processen.start(
                f"gunicorn {poort}",
                [
                    PYTHON,
                    "-m",
                    "gunicorn",
                    "netwerk.wsgi",
                    "--workers",
                    "3",
                    "--threads",
                    "4",
                    "--timeout",
                    "30",
                    "--bind",
                    f"127.0.0.1:{poort}",
                    "--access-logfile",
                    str(log),
                    "--access-logformat",
                    "%(h)s %(t)s %(m)s %(s)s %(B)s %(M)sms",
                ],
                omgeving,
                map_ / f"gunicorn-{poort}.log",
            )
        for poort in INSTANTIES:
            wacht_op(f"http://127.0.0.1:{poort}/healthz")

        config = map_ / "haproxy.cfg"
        config.write_text(
            HAPROXY_CONFIG.format(
                balancer=BALANCER,
                servers="\n".join(
                    f"    server app{nummer} 127.0.0.1:{poort} check inter 2s"
                    for nummer, poort in enumerate(INSTANTIES, start=1)
                ),
            )
        )
        subprocess.run([haproxy_pad, "-c", "-q", "-f", str(config)], check=True)
        meld(f"HAProxy op 127.0.0.1:{BALANCER}, round robin, zonder sticky sessions")
        processen.start(
            "haproxy", [haproxy_pad, "-db", "-f", str(config)], omgeving, map_ / "haproxy.log"
        )
        wacht_op(f"{ADRES}/readyz")
        voor = toegang_per_instantie(logs)

        meld("aanmelden op het formulier van de open oproep")
        meld_aan()
        meld("inloggen als deelnemer, een bijeenkomst lezen")
        deelnemer, deelnemerpaginas = log_in_als_deelnemer()
        meld("inloggen als medewerker, tweede stap instellen met een TOTP-code, beheer openen")
        log_in_als_medewerker()
        na_pad = toegang_per_instantie(logs)
        samenvatting["pad per instantie"] = [na - v for na, v in zip(na_pad, voor, strict=True)]
        eis(all(samenvatting["pad per instantie"]), "het pad kwam niet langs beide instanties")

        meld(f"belasting: {VERZOEKEN} verzoeken, {GELIJKTIJDIG} tegelijk")
        belasting = belast(deelnemer, deelnemerpaginas)
        na_belasting = toegang_per_instantie(logs)
        belasting["per instantie"] = [na - v for na, v in zip(na_belasting, na_pad, strict=True)]
        samenvatting["belasting"] = belasting
        eis(
            not belasting["fouten"],
            f"{len(belasting['fouten'])} fouten, o.a. {belasting['fouten'][:5]}",
        )

        meld(f"{MAILS} mails in de wachtrij, twee workers")
        beheer(omgeving, "shell", "-c", ZET_MAILS_KLAAR.format(aantal=MAILS, merkteken=MERKTEKEN))
        workers = [
            processen.start(
                f"worker {nummer}",
                [
                    PYTHON,
                    "manage.py",
                    "db_worker",
                    "--batch",
                    "--no-startup-delay",
                    "--interval",
                    "0.2",
                    "--worker-id",
                    f"worker-{nummer}",
                ],
                omgeving,
                map_ / f"worker-{nummer}.log",
            )
            for nummer in (1, 2)
        ]
        begin = time.monotonic()
        for worker in workers:
            try:
                worker.wait(timeout=150)
            except subprocess.TimeoutExpired as fout:
                raise Mislukt("de workers waren niet binnen 150 s klaar") from fout
            eis(worker.returncode == 0, f"een worker stopte met {worker.returncode}")
        with postvak.slot:
            berichten = list(postvak.berichten)
        proef = [onderwerp for _, onderwerp in berichten if onderwerp.startswith(MERKTEKEN)]
        ids = [bericht_id for bericht_id, _ in berichten]
        taken = beheer(omgeving, "shell", "-c", TEL_TAKEN.format(merkteken=MERKTEKEN))
        statussen, per_worker = taken.strip().splitlines()[-2:]
        samenvatting["mail"] = {
            "bezorgd": len(proef),
            "verschillend": len(set(proef)),
            "dubbel": len(ids) - len(set(ids)),
            "alle mails in het postvak": len(berichten),
            "taken": statussen,
            "per worker": per_worker,
            "duur": time.monotonic() - begin,
        }
        eis(len(proef) == MAILS, f"{len(proef)} van de {MAILS} mails bezorgd")
        eis(len(set(proef)) == MAILS, f"{MAILS - len(set(proef))} mails dubbel bezorgd")
        eis(len(ids) == len(set(ids)), "een Message-ID kwam twee keer binnen")
        eis(statussen == f"{{'SUCCESSFUL': {MAILS}}}", f"taken: {statussen}")
    finally:
        smtp.stop()
    return samenvatting


def main() -> int:
    def stop(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    processen = Processen()
    map_ = Path(tempfile.mkdtemp(prefix="schaal-"))
    samenvatting: dict = {}
    gelukt = False
    try:
        samenvatting = draai(map_, processen)
        gelukt = True
    except Mislukt as fout:
        meld(f"MISLUKT: {fout}")
    except Exception:
        meld(f"MISLUKT:\n{traceback.format_exc()}")
    except KeyboardInterrupt:
        meld("onderbroken")
    finally:
        processen.stop_alle()
    if not gelukt:
        meld(f"logboeken in {map_}")
        return 1
    verwijder_database()
    shutil.rmtree(map_, ignore_errors=True)
    belasting = samenvatting["belasting"]
    mail = samenvatting["mail"]
    print()
    print("Samenvatting")
    print(
        f"  pad (aanmelden, deelnemer, medewerker met tweede stap): geslaagd, "
        f"verzoeken per instantie {samenvatting['pad per instantie']}"
    )
    print(
        f"  belasting: {belasting['verzoeken']} verzoeken, {len(belasting['fouten'])} fouten, "
        f"{belasting['per_seconde']:.0f}/s, p50 {belasting['p50']:.0f} ms, "
        f"p95 {belasting['p95']:.0f} ms, per instantie {belasting['per instantie']}"
    )
    print(
        f"  mail: {mail['bezorgd']} bezorgd, {mail['verschillend']} verschillend, "
        f"{mail['dubbel']} dubbele Message-ID's, taken {mail['taken']}, "
        f"per worker {mail['per worker']}, "
        f"{mail['duur']:.1f} s"
    )
    print(f"  looptijd: {time.monotonic() - BEGIN:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
