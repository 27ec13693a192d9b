"""The public results of a call: for anyone, read as an anonymous visitor whoever is
logged in (casuswijken/opbrengsten.py holds the reads)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from .. import opbrengsten as openbaar


@require_safe
def overzicht(request: HttpRequest, slug: str) -> HttpResponse:
    oproep = openbaar.oproep_of_404(slug)
    casuswijken = list(openbaar.casuswijken(oproep))
    return render(
        request,
        "leren/opbrengsten.html",
        {
            "oproep": oproep,
            "casuswijken": casuswijken,
            "bijeenkomsten": openbaar.bijeenkomsten(oproep),
            "bevindingen": openbaar.per_leervraag(openbaar.bevindingen(oproep)),
            "interventies": openbaar.per_casuswijk(openbaar.interventies(oproep), casuswijken),
            "voorbeelden": openbaar.voorbeelden(oproep),
        },
    )


@require_safe
def bijeenkomst(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    oproep = openbaar.oproep_of_404(slug)
    sessie = openbaar.bijeenkomst_of_404(oproep, pk)
    return render(
        request,
        "leren/openbare_bijeenkomst.html",
        {
            "oproep": oproep,
            "bijeenkomst": sessie,
            "bevindingen": openbaar.bevindingen(oproep).filter(bijeenkomst=sessie),
        },
    )
