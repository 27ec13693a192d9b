"""The compiled reports of a casuswijk and of a call's network, as a page and as a PDF.

Both forms render the same data (casuswijken/rapport.py) with the same templates; the PDF
wraps the report's content in a page of its own, without the portal's header and footer.
"""

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from netwerk.beveiliging import Soort, noteer

from ..rapport import netwerkrapport as verzamel_netwerkrapport
from ..rapport import wijkrapport
from .toegang import casuswijkrapport_of_404, mag_intern_meenemen, netwerkrapport_of_404


class Rapportkeuze(forms.Form):
    """?intern=1: the choice offered by includes/rapport_bediening.html."""

    intern = forms.BooleanField(required=False)


def _intern_gekozen(request: HttpRequest) -> bool:
    keuze = Rapportkeuze(request.GET)
    return keuze.is_valid() and keuze.cleaned_data["intern"]


def _context(request: HttpRequest, rapport, *, adres: str, pdf_adres: str) -> dict:
    vervolg = "?intern=1" if rapport.intern else ""
    return {
        "rapport": rapport,
        "mag_intern": mag_intern_meenemen(request.user),
        "adres": adres,
        "pdf_adres": pdf_adres + vervolg,
    }


def _pdf(
    request: HttpRequest, template: str, rapport, *, bestandsnaam: str, wat: str, van: str
) -> HttpResponse:
    # WeasyPrint loads Pango when imported: only the PDF needs it, not every page.
    from ..pdf import pdf_antwoord

    if request.user.is_staff:
        # A staff member's copy leaves the portal with the names in it (action points'
        # owners): the security log notes it, as it notes the CSV exports.
        noteer(Soort.EXPORT, request=request, gebruiker=request.user, wat=wat, van=van,
               formaat="pdf", intern=rapport.intern)  # fmt: skip
    return pdf_antwoord(request, template, {"rapport": rapport}, bestandsnaam=bestandsnaam)


def _bestandsnaam(*delen: str, intern: bool) -> str:
    datum = timezone.localdate().isoformat()
    return " ".join([*delen, *(["intern"] if intern else []), datum])


@login_required
@require_safe
@never_cache
def rapport(request: HttpRequest, slug: str) -> HttpResponse:
    wijk = casuswijkrapport_of_404(request.user, slug)
    verslag = wijkrapport(lezer=request.user, casuswijk=wijk, intern=_intern_gekozen(request))
    return render(
        request,
        "casuswijken/rapport.html",
        _context(
            request,
            verslag,
            adres=reverse("casuswijken:rapport", args=[slug]),
            pdf_adres=reverse("casuswijken:rapport_pdf", args=[slug]),
        ),
    )


@login_required
@require_safe
@never_cache
def rapport_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    wijk = casuswijkrapport_of_404(request.user, slug)
    verslag = wijkrapport(lezer=request.user, casuswijk=wijk, intern=_intern_gekozen(request))
    return _pdf(
        request,
        "casuswijken/rapport_pdf.html",
        verslag,
        bestandsnaam=_bestandsnaam("rapport", wijk.naam, intern=verslag.intern),
        wat="wijkrapport",
        van=slug,
    )


@login_required
@require_safe
@never_cache
def netwerkrapport(request: HttpRequest, slug: str) -> HttpResponse:
    oproep = netwerkrapport_of_404(request.user, slug)
    verslag = verzamel_netwerkrapport(
        lezer=request.user, oproep=oproep, intern=_intern_gekozen(request)
    )
    return render(
        request,
        "leren/netwerkrapport.html",
        _context(
            request,
            verslag,
            adres=reverse("leren:netwerkrapport", args=[slug]),
            pdf_adres=reverse("leren:netwerkrapport_pdf", args=[slug]),
        ),
    )


@login_required
@require_safe
@never_cache
def netwerkrapport_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    oproep = netwerkrapport_of_404(request.user, slug)
    verslag = verzamel_netwerkrapport(
        lezer=request.user, oproep=oproep, intern=_intern_gekozen(request)
    )
    return _pdf(
        request,
        "leren/netwerkrapport_pdf.html",
        verslag,
        bestandsnaam=_bestandsnaam("netwerkrapport", oproep.titel, intern=verslag.intern),
        wat="netwerkrapport",
        van=slug,
    )
