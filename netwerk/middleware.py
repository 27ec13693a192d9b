"""Middleware of our own."""

import logging
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import BadRequest
from django.http import HttpResponseNotAllowed, QueryDict
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.defaults import bad_request

from . import tweede_stap
from .beveiliging import Soort, noteer

logger = logging.getLogger(__name__)


class PriveVoorIngelogden:
    """A page shown to a logged-in person is theirs: no browser back-button cache on a shared
    computer and no proxy may keep it (Cache-Control: private, no-store). Pages that set
    their own caching already (never_cache) keep it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not response.has_header("Cache-Control") and request.user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response


# While a staff member has passed the password but not the second step, these pages still
# open: the login, logout and password pages and the second step itself (the account:
# namespace; each of its views checks what it needs), the admin's logout, and the pages
# that show nobody's data.
OPEN_ZONDER_TWEEDE_STAP = {"admin:logout", "healthz", "readyz", "privacy", "toegankelijkheid"}
INLOGPAGINAS = {"account:login", "admin:login"}


class TweedeStapVoorMedewerkers:
    """A staff member who logged in with only the password is sent to the second step
    (netwerk.tweede_stap) and then on to the page they asked for.

    With TWEEDE_STAP "verplicht" every page but those above waits for it: the admin, and
    the casuswijk pages, reports, exports and search that show staff more than a
    participant. With "overslaanbaar" (make run) they are only taken there once, straight
    after logging in, where a button lets them skip it. With "uit" nothing happens.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.method == "POST"
            and response.status_code == 302
            and _naam(request) in INLOGPAGINAS
            and tweede_stap.wacht_op_tweede_stap(request)
        ):
            return redirect(_naar_tweede_stap(response["Location"]))
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        naam = _naam(request)
        if (
            tweede_stap.stand() != tweede_stap.Stand.VERPLICHT
            or naam in OPEN_ZONDER_TWEEDE_STAP
            or naam.startswith("account:")
            or not tweede_stap.wacht_op_tweede_stap(request)
        ):
            return None
        if naam in INLOGPAGINAS:
            doel = request.GET.get("next", "")
        elif request.method in ("GET", "HEAD"):
            doel = request.get_full_path()
        else:
            doel = request.path
        return redirect(_naar_tweede_stap(doel))


def _naam(request) -> str:
    match = getattr(request, "resolver_match", None)
    return match.view_name if match else ""


def _naar_tweede_stap(doel: str) -> str:
    url = reverse("account:tweede_stap")
    return f"{url}?{urlencode({'next': doel})}" if doel else url


class SessieGrenzen:
    """How long a login lasts: a staff session ends after SESSIE_MEDEWERKER_INACTIEF_MINUTEN
    without a request or SESSIE_MEDEWERKER_MAX_UREN after logging in, a participant's after
    SESSIE_DEELNEMER_INACTIEF_DAGEN and SESSIE_DEELNEMER_MAX_DAGEN. Then the person is
    logged out, sent to the login page with a message that says why, and the security log
    notes it.

    The moment of logging in and of the last request are kept in the session (seconds since
    1970). The last one is written at most once a minute, so that a page does not cost a
    session write each time; a session may therefore end up to a minute early.
    """

    BIJWERKEN_NA = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            verlopen = self._verlopen(request)
            if verlopen:
                return self._uitloggen(request, verlopen)
        return self.get_response(request)

    def _verlopen(self, request) -> str:
        nu = int(timezone.now().timestamp())
        sessie = request.session
        begonnen = sessie.setdefault(BEGONNEN, nu)
        actief = sessie.get(ACTIEF, begonnen)
        inactief, maximum = sessieduur(request.user)
        if nu - actief > inactief:
            return "inactief"
        if nu - begonnen > maximum:
            return "maximum"
        if nu - actief >= self.BIJWERKEN_NA or ACTIEF not in sessie:
            sessie[ACTIEF] = nu
        return ""

    def _uitloggen(self, request, reden: str):
        gebruiker = request.user
        medewerker = gebruiker.is_staff
        noteer(
            Soort.SESSIE_VERLOPEN,
            request=request,
            gebruiker=gebruiker,
            reden=reden,
            # Whose limits ran out: a staff member's or a participant's.
            grenzen="medewerker" if medewerker else "deelnemer",
        )
        logout(request)
        messages.warning(request, _waarom(reden, medewerker))
        inlogpagina = "admin:login" if request.path.startswith("/admin/") else "account:login"
        doel = request.get_full_path() if request.method in ("GET", "HEAD") else request.path
        return redirect(f"{reverse(inlogpagina)}?{urlencode({'next': doel})}")


BEGONNEN = "sessie_begonnen"
ACTIEF = "sessie_actief"


def sessieduur(user) -> tuple[int, int]:
    """How long this account's session may stay unused, and last at most (seconds)."""
    if user.is_staff:
        return (
            settings.SESSIE_MEDEWERKER_INACTIEF_MINUTEN * 60,
            settings.SESSIE_MEDEWERKER_MAX_UREN * 60 * 60,
        )
    return (
        settings.SESSIE_DEELNEMER_INACTIEF_DAGEN * 24 * 60 * 60,
        settings.SESSIE_DEELNEMER_MAX_DAGEN * 24 * 60 * 60,
    )


def begin_sessie(sender, request, user, **kwargs) -> None:
    """At every login the session's clock starts again (user_logged_in, netwerk.apps)."""
    nu = int(timezone.now().timestamp())
    request.session[BEGONNEN] = nu
    request.session[ACTIEF] = nu


def _waarom(reden: str, medewerker: bool) -> str:
    if reden == "inactief":
        if medewerker:
            duur = f"{settings.SESSIE_MEDEWERKER_INACTIEF_MINUTEN} minuten"
        else:
            duur = f"{settings.SESSIE_DEELNEMER_INACTIEF_DAGEN} dagen"
        return (
            f"U bent uitgelogd, omdat u {duur} niets op het portaal heeft gedaan. "
            "Log opnieuw in om verder te gaan."
        )
    if medewerker:
        duur = f"{settings.SESSIE_MEDEWERKER_MAX_UREN} uur"
    else:
        duur = f"{settings.SESSIE_DEELNEMER_MAX_DAGEN} dagen"
    return (
        f"U bent uitgelogd, omdat u al {duur} geleden bent ingelogd. Zo blijft uw account "
        "veilig, ook op een gedeelde computer. Log opnieuw in om verder te gaan."
    )


class WeigerRareInvoer:
    """Refuses what no page of the portal takes, before anything reads the database.

    - A method other than GET, HEAD, POST (and OPTIONS, which each view answers itself)
      gets 405 with the methods the portal does take, instead of the CSRF page.
    - A NUL character in the path, or in the admin's query string (its list filters have
      no field to speak at), gets a Dutch 400: PostgreSQL cannot store or compare text
      holding one, and no person types it. The portal's own pages read their query string
      and forms through forms, which say at the field that the character is not allowed
      (the netwerk page, search); tests/netwerk/test_rare_invoer.py and
      test_rare_formulieren.py put one into every address and every form.
    - A cookie holding a NUL is left out, as if the browser had not sent it: the session
      would otherwise be looked up by it.

    Sits after SecurityMiddleware and WhiteNoise and before the session, CSRF and login
    middleware.
    """

    METHODEN = ("GET", "HEAD", "POST")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in (*self.METHODEN, "OPTIONS"):
            return HttpResponseNotAllowed(
                self.METHODEN, content=render_to_string("405.html"), content_type="text/html"
            )
        for naam in [naam for naam, waarde in request.COOKIES.items() if NUL in naam + waarde]:
            del request.COOKIES[naam]
        beheer = request.path.startswith(reverse("admin:index"))
        if NUL in request.path or (beheer and heeft_nul(request.GET)):
            # One line, without the address: it may hold an applicant's secret link.
            logger.warning("Verzoek met een NUL-teken geweigerd (400).")
            return bad_request(request, BadRequest("NUL"))
        return self.get_response(request)


NUL = "\x00"


def heeft_nul(velden: QueryDict) -> bool:
    return any(NUL in naam + waarde for naam, waarden in velden.lists() for waarde in waarden)
