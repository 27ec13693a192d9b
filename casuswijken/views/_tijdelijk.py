"""TEMPORARY placeholders for pages that other branches build (the network page, the public
results and a public session), so that search can reverse() their names. Delete this file
and its three lines in leren_urls.py when those branches are merged."""

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET


@require_GET
def netwerk(request: HttpRequest, slug: str) -> HttpResponse:
    return HttpResponse("Netwerkpagina (tijdelijk).")


@require_GET
def opbrengsten(request: HttpRequest, slug: str) -> HttpResponse:
    return HttpResponse("Opbrengsten (tijdelijk).")


@require_GET
def openbare_bijeenkomst(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return HttpResponse("Openbare bijeenkomst (tijdelijk).")
