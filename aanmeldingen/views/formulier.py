"""Showing the application form, for a new application and behind the secret link."""

from django.http import HttpResponse
from django.shortcuts import render

from ..forms import (
    HONINGPOT,
    aanmeldfouten,
    herschik_leden,
)
from ..models import Aanmelding

HONINGPOT_MELDING = (
    "We hebben uw aanmelding nog niet opgeslagen: het formulier bevatte een veld dat alleen "
    "automatische programma's invullen. Uw antwoorden staan hieronder nog. Kijk ze na en "
    "verstuur het formulier opnieuw."
)
VEROUDERD_MELDING = (
    "Iemand heeft deze aanmelding opgeslagen nadat u dit formulier opende, bijvoorbeeld een "
    "collega via dezelfde link. Uw wijzigingen zijn daarom nog niet opgeslagen; ze staan "
    "hieronder. Bekijk eerst de huidige versie. Slaat u dit formulier daarna opnieuw op, "
    "dan vervangt uw versie de huidige."
)


def herschik_of_honingpot(request, oproep, aanmelding=None) -> HttpResponse | None:
    """Answer the POSTs that re-show the form instead of saving it, or None."""
    if request.POST.get(HONINGPOT):
        # Mostly bots, but a browser's autofill can do it too: keep what a person typed.
        form, formset = herschik_leden(request.POST)
        return toon_formulier(
            request, oproep, form, formset, aanmelding, status=400, melding=HONINGPOT_MELDING
        )
    if "lid_toevoegen" in request.POST or "lid_verwijderen" in request.POST:
        form, formset = herschik_leden(
            request.POST,
            toevoegen="lid_toevoegen" in request.POST,
            verwijder=_rijnummer(request.POST.get("lid_verwijderen")),
        )
        return toon_formulier(request, oproep, form, formset, aanmelding)
    return None


def _rijnummer(waarde: str | None) -> int | None:
    try:
        return int(waarde) if waarde is not None else None
    except ValueError:
        return None


def toon_formulier(
    request,
    oproep,
    form,
    formset,
    aanmelding=None,
    *,
    status: int = 200,
    melding: str = "",
    verouderd: bool = False,
) -> HttpResponse:
    return render(
        request,
        "aanmeldingen/aanmelding_form.html",
        {
            "oproep": oproep,
            "aanmelding": aanmelding,
            "form": form,
            "formset": formset,
            "fouten": aanmeldfouten(form, formset),
            "honingpot": HONINGPOT,
            "melding": melding,
            "verouderd": verouderd,
            # Only for a stored application: the empty form must not become a way to ask
            # which neighbourhoods have applied.
            "dubbele_wijk": aanmelding is not None and dubbele_wijk(oproep, form, aanmelding),
            "token": request.resolver_match.kwargs.get("token"),
        },
        status=status,
    )


def dubbele_wijk(oproep, form, aanmelding=None) -> bool:
    """Whether another coalition applied for the neighbourhood typed in the form."""
    gemeente, wijknaam = form["gemeente"].value() or "", form["wijknaam"].value() or ""
    if not (gemeente.strip() and wijknaam.strip()):
        return False
    cbs_wijkcode = (form["cbs_wijkcode"].value() or "").strip().upper()
    if "\x00" in gemeente + wijknaam + cbs_wijkcode:
        # Stored text never holds a NUL (the form refuses it), and PostgreSQL cannot compare
        # with one: no other coalition has this neighbourhood.
        return False
    return Aanmelding.objects.zelfde_wijk_als(
        oproep=oproep,
        gemeente=gemeente,
        wijknaam=wijknaam,
        cbs_wijkcode=cbs_wijkcode,
        behalve=aanmelding,
    ).exists()
