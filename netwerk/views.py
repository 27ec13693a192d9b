from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@require_GET
@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness: the process answers. Deliberately touches no database."""
    return HttpResponse("ok\n", content_type="text/plain")


@require_GET
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


@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "netwerk/privacy.html", {"versie": settings.PRIVACYVERKLARING_VERSIE})


@require_GET
def toegankelijkheid(request: HttpRequest) -> HttpResponse:
    return render(request, "netwerk/toegankelijkheid.html")


@require_GET
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers and feed readers ask for /favicon.ico whatever the page says."""
    return redirect(static("favicon.svg"), permanent=True)
