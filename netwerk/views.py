from functools import wraps

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django_ratelimit.core import is_ratelimited

from .bezoekers import bezoekersadres


@require_safe
@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness: the process answers. Deliberately touches no database."""
    return HttpResponse("ok\n", content_type="text/plain")


@require_safe
@never_cache
def readyz(request: HttpRequest) -> HttpResponse:
    """Readiness: the database answers a query."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse("database onbereikbaar\n", content_type="text/plain", status=503)
    return HttpResponse("ok\n", content_type="text/plain")


@require_safe
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "netwerk/privacy.html", {"versie": settings.PRIVACYVERKLARING_VERSIE})


@require_safe
def toegankelijkheid(request: HttpRequest) -> HttpResponse:
    return render(request, "netwerk/toegankelijkheid.html")


@require_safe
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers and feed readers ask for /favicon.ico whatever the page says."""
    return redirect(static("favicon.svg"), permanent=True)


def begrensd(view, *, groep: str, instelling: str):
    """At most settings.<instelling> POSTs an hour from one visitor address; then a calm
    429 page. The setting is read per request, so that it can change without a restart."""

    @wraps(view)
    def omhulsel(request, *args, **kwargs):
        if request.method == "POST" and is_ratelimited(
            request,
            group=groep,
            key=bezoekersadres,
            rate=f"{getattr(settings, instelling)}/h",
            method="POST",
            increment=True,
        ):
            return render(request, "netwerk/te_vaak.html", status=429)
        return view(request, *args, **kwargs)

    return omhulsel
