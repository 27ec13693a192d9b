"""The home page and a call's page."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from casuswijken.opbrengsten import wat_er_openbaar_is

from ..enums import Leervraag
from ..models import Oproep
from .gedeeld import oproep_of_404


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    oproepen = list(Oproep.objects.zichtbaar_voor(request.user))
    return render(
        request,
        "aanmeldingen/home.html",
        {
            "open_oproepen": [oproep for oproep in oproepen if oproep.is_open],
            "gesloten_oproepen": [oproep for oproep in reversed(oproepen) if not oproep.is_open],
        },
    )


@require_safe
def oproep_detail(request: HttpRequest, slug: str) -> HttpResponse:
    oproep = oproep_of_404(request, slug)
    # After the decisions were sent the page says so, rather than only "closed".
    selectie_gemaakt = oproep.aanmeldingen.filter(besluit_verzonden_op__isnull=False).exists()
    return render(
        request,
        "aanmeldingen/oproep_detail.html",
        {
            "oproep": oproep,
            "leervragen": Leervraag,
            "selectie_gemaakt": selectie_gemaakt,
            # The results page answers 404 until the call is published: no link before.
            "opbrengsten": wat_er_openbaar_is(oproep) if oproep.gepubliceerd else None,
        },
    )
