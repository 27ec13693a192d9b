from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods
from django_ratelimit.core import is_ratelimited

from netwerk.bezoekers import bezoekersadres
from netwerk.formulieren import foutoverzicht

from .enums import Leervraag
from .forms import (
    HONINGPOT,
    AanmeldingForm,
    CoalitieFormSet,
    herschik_leden,
    nieuw_formulier,
)
from .models import Aanmelding, Oproep
from .services import OproepGesloten, dien_aanmelding_in

SESSIE_INGEDIEND = "aanmeldingen:ingediend"
HONINGPOT_MELDING = (
    "We hebben uw aanmelding nog niet opgeslagen: het formulier bevatte een veld dat alleen "
    "automatische programma's invullen. Uw antwoorden staan hieronder nog. Kijk ze na en "
    "verstuur het formulier opnieuw."
)


def _oproep_of_404(request: HttpRequest, slug: str) -> Oproep:
    return get_object_or_404(Oproep.objects.zichtbaar_voor(request.user), slug=slug)


def _te_vaak_ingediend(request: HttpRequest) -> bool:
    """Count this submission for the visitor's address; True when it is one too many."""
    return is_ratelimited(
        request,
        group="aanmeldingen.indienen",
        key=bezoekersadres,
        rate=f"{settings.AANMELDINGEN_PER_UUR}/h",
        method="POST",
        increment=True,
    )


@require_GET
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


@require_GET
def oproep_detail(request: HttpRequest, slug: str) -> HttpResponse:
    oproep = _oproep_of_404(request, slug)
    return render(
        request, "aanmeldingen/oproep_detail.html", {"oproep": oproep, "leervragen": Leervraag}
    )


@require_http_methods(["GET", "POST"])
def aanmelden(request: HttpRequest, slug: str) -> HttpResponse:
    oproep = _oproep_of_404(request, slug)
    if not oproep.is_open:
        status = 410 if request.method == "POST" else 200
        return render(
            request, "aanmeldingen/aanmelden_gesloten.html", {"oproep": oproep}, status=status
        )

    if request.method == "GET":
        form, formset = nieuw_formulier()
        return _toon_formulier(request, oproep, form, formset)

    if request.POST.get(HONINGPOT):
        # Mostly bots, but a browser's autofill can do it too: keep what a person typed.
        form, formset = herschik_leden(request.POST)
        return _toon_formulier(
            request, oproep, form, formset, status=400, melding=HONINGPOT_MELDING
        )
    if "lid_toevoegen" in request.POST or "lid_verwijderen" in request.POST:
        form, formset = herschik_leden(
            request.POST,
            toevoegen="lid_toevoegen" in request.POST,
            verwijder=_rijnummer(request.POST.get("lid_verwijderen")),
        )
        return _toon_formulier(request, oproep, form, formset)
    form = AanmeldingForm(request.POST)
    formset = CoalitieFormSet(request.POST)
    if not (form.is_valid() and formset.is_valid()):
        return _toon_formulier(request, oproep, form, formset, status=422)
    # Only complete submissions count, so that fixing mistakes never runs into the limit,
    # and a repeated POST of one that was stored already is answered as before.
    sleutel = form.cleaned_data["indieningssleutel"]
    al_ontvangen = Aanmelding.objects.filter(indieningssleutel=sleutel).exists()
    if not al_ontvangen and _te_vaak_ingediend(request):
        form.add_error(
            None,
            f"Vanaf uw internetadres zijn het afgelopen uur al {settings.AANMELDINGEN_PER_UUR} "
            "aanmeldingen verstuurd. Om misbruik te voorkomen kan dat pas over een uur weer. "
            "Uw antwoorden staan nog in het formulier; bewaar ze, of mail ons als het niet "
            "kan wachten.",
        )
        return _toon_formulier(request, oproep, form, formset, status=429)
    try:
        aanmelding, _ = dien_aanmelding_in(
            oproep=oproep,
            gegevens=form.aanmeldgegevens(),
            leden=formset.ledengegevens(),
            indieningssleutel=sleutel,
        )
    except OproepGesloten:
        return render(
            request, "aanmeldingen/aanmelden_gesloten.html", {"oproep": oproep}, status=410
        )
    except ValidationError as fout:
        form.add_error(None, fout)
        return _toon_formulier(request, oproep, form, formset, status=422)
    request.session[SESSIE_INGEDIEND] = aanmelding.pk
    return redirect("aanmeldingen:ontvangen", slug=oproep.slug)


def _rijnummer(waarde: str | None) -> int | None:
    try:
        return int(waarde) if waarde is not None else None
    except ValueError:
        return None


def _toon_formulier(
    request, oproep, form, formset, *, status: int = 200, melding: str = ""
) -> HttpResponse:
    return render(
        request,
        "aanmeldingen/aanmelding_form.html",
        {
            "oproep": oproep,
            "form": form,
            "formset": formset,
            "fouten": foutoverzicht(form, formset),
            "honingpot": HONINGPOT,
            "melding": melding,
        },
        status=status,
    )


@require_GET
def ontvangen(request: HttpRequest, slug: str) -> HttpResponse:
    oproep = _oproep_of_404(request, slug)
    pk = request.session.get(SESSIE_INGEDIEND)
    aanmelding = (
        Aanmelding.objects.filter(pk=pk, oproep=oproep).prefetch_related("leden").first()
        if pk
        else None
    )
    if aanmelding is None:
        return redirect(oproep)
    return render(
        request,
        "aanmeldingen/aanmelding_ontvangen.html",
        {"oproep": oproep, "aanmelding": aanmelding},
    )
