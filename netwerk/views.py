import sys
from functools import wraps

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from . import toegankelijkheid as verklaring
from .bewaartermijnen import TERMIJNEN
from .bezoekers import te_vaak
from .gereedheid import database_antwoordt
from .sessies import zonder_database, zonder_sessie


@require_safe
@never_cache
@zonder_sessie
def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness: the process answers. Deliberately touches no database."""
    return HttpResponse("ok\n", content_type="text/plain")


@require_safe
@never_cache
@zonder_sessie
def readyz(request: HttpRequest) -> HttpResponse:
    """Readiness: the database answers a query, within two seconds (netwerk.gereedheid)."""
    if not database_antwoordt():
        return HttpResponse("database onbereikbaar\n", content_type="text/plain", status=503)
    return HttpResponse("ok\n", content_type="text/plain")


def serverfout(request: HttpRequest) -> HttpResponse:
    """handler500: a database that cannot be reached or timed out is a calm 503 ("even niet
    beschikbaar", try again in a few minutes); any other fault Django's 500 page. Django
    calls it while it handles the exception, so sys.exc_info() is that exception."""
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        antwoord = HttpResponse(render_to_string("503.html"), status=503)
        antwoord["Retry-After"] = "60"
        return antwoord
    return defaults.server_error(request)


def csrf_fout(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: Django's page is English and full of technical words."""
    return HttpResponseForbidden(render_to_string("403_csrf.html", request=request))


@require_safe
@zonder_database
def privacy(request: HttpRequest) -> HttpResponse:
    # The terms come from the settings the code applies (netwerk/bewaartermijnen.py), so
    # text and practice agree.
    return render(
        request,
        "netwerk/privacy.html",
        {
            "versie": settings.PRIVACYVERKLARING_VERSIE,
            "inlogfouten": settings.AXES_FAILURE_LIMIT,
            "blokkade_minuten": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
            "bewaartermijnen": TERMIJNEN,
            "aanmeldlink_dagen": settings.AANMELDLINK_GELDIG_DAGEN,
            "uitnodiging_dagen": settings.PASSWORD_RESET_TIMEOUT // (24 * 60 * 60),
            "fg_email": settings.FG_EMAIL,
        },
    )


@require_safe
@zonder_database
def toegankelijkheid(request: HttpRequest) -> HttpResponse:
    # Status, evaluation and known problems come from one list (netwerk/toegankelijkheid.py).
    return render(
        request,
        "netwerk/toegankelijkheid.html",
        {
            "status": verklaring.STATUS,
            "statusnaam": verklaring.STATUSNAAM,
            "norm": verklaring.NORM,
            "wcag": verklaring.WCAG,
            "evaluatiedatum": verklaring.EVALUATIEDATUM,
            "verklaard_op": verklaring.VERKLAARD_OP,
            "evaluatiemethode": verklaring.EVALUATIEMETHODE,
            "onderzoek_door": verklaring.ONDERZOEK_DOOR,
            "bewijzen": verklaring.BEWIJS,
            "problemen": verklaring.BEKENDE_PROBLEMEN,
            "antwoordtermijn": verklaring.ANTWOORDTERMIJN_WERKDAGEN,
            "portaal_url": settings.PORTAAL_URL,
        },
    )


@require_safe
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers and feed readers ask for /favicon.ico whatever the page says."""
    return redirect(static("favicon.svg"), permanent=True)


def begrensd(view, *, groep: str, instelling: str):
    """At most settings.<instelling> POSTs an hour from one visitor address; then a calm
    429 page. The setting is read per request, so that it can change without a restart."""

    @wraps(view)
    def omhulsel(request, *args, **kwargs):
        if request.method == "POST" and te_vaak(
            request, groep=groep, per_uur=getattr(settings, instelling)
        ):
            return render(request, "netwerk/te_vaak.html", status=429)
        return view(request, *args, **kwargs)

    return omhulsel
