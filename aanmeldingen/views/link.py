"""The applicant's pages behind the secret link, and asking for a new link."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from netwerk.bezoekers import te_vaak
from netwerk.formulieren import foutoverzicht

from ..enums import Status
from ..forms import (
    AanmeldingForm,
    CoalitieFormSet,
    LinkAanvraagForm,
    formulier_voor,
)
from ..models import Aanmelding
from ..services import (
    NietMeerBewerkbaar,
    OngeldigeOvergang,
    VerouderdFormulier,
    trek_in,
    werk_aanmelding_bij,
)
from ..taken import behandel_linkaanvraag
from .formulier import VEROUDERD_MELDING, herschik_of_honingpot, toon_formulier
from .gedeeld import (
    TE_VAAK_LINK_MELDING,
    aanmelding_via_link_of_404,
    geheime_pagina,
    oproep_of_404,
)


@geheime_pagina
@require_safe
def aanmelding(request: HttpRequest, token: str) -> HttpResponse:
    aanmelding = aanmelding_via_link_of_404(token)
    return render(
        request,
        "aanmeldingen/aanmelding_overzicht.html",
        {
            "aanmelding": aanmelding,
            "oproep": aanmelding.oproep,
            "leden": aanmelding.leden.all(),
            "token": token,
            # Only a sent decision is the applicant's to read (status_voor_aanvrager).
            "besluit": aanmelding.status if aanmelding.besluit_verzonden_op else None,
            "Status": Status,
            "dubbele_wijk": aanmelding.status != Status.CONCEPT
            and Aanmelding.objects.zelfde_wijk_als(
                oproep=aanmelding.oproep,
                gemeente=aanmelding.gemeente,
                wijknaam=aanmelding.wijknaam,
                cbs_wijkcode=aanmelding.cbs_wijkcode,
                behalve=aanmelding,
            ).exists(),
        },
    )


@geheime_pagina
@require_http_methods(["GET", "HEAD", "POST"])
def aanmelding_bewerken(request: HttpRequest, token: str) -> HttpResponse:
    aanmelding = aanmelding_via_link_of_404(token)
    oproep = aanmelding.oproep
    if not aanmelding.is_bewerkbaar:
        messages.error(request, aanmelding.waarom_niet_bewerkbaar)
        return redirect("aanmeldingen:aanmelding", token=token)
    if request.method in ("GET", "HEAD"):
        form, formset = formulier_voor(aanmelding)
        return toon_formulier(request, oproep, form, formset, aanmelding)
    if antwoord := herschik_of_honingpot(request, oproep, aanmelding):
        return antwoord

    was_concept = aanmelding.status == Status.CONCEPT
    concept = was_concept and request.POST.get("actie", "concept") == "concept"
    form = AanmeldingForm(request.POST, concept=concept)
    formset = CoalitieFormSet(request.POST, concept=concept)
    if not (form.is_valid() and formset.is_valid()):
        return toon_formulier(request, oproep, form, formset, aanmelding, status=422)
    try:
        wijzigingen = werk_aanmelding_bij(
            aanmelding=aanmelding,
            versie=form.cleaned_data["versie"] or 0,
            gegevens=form.aanmeldgegevens(),
            leden=formset.ledengegevens(),
            indienen=was_concept and not concept,
            token=token,
        )
    except VerouderdFormulier:
        # Show their text against the current version: saving again is then a choice.
        aanmelding.refresh_from_db()
        data = request.POST.copy()
        data["versie"] = str(aanmelding.versie)
        form = AanmeldingForm(data, concept=concept)
        formset = CoalitieFormSet(data, concept=concept)
        form.is_valid()
        formset.is_valid()
        form.add_error(None, VEROUDERD_MELDING)
        return toon_formulier(
            request, oproep, form, formset, aanmelding, status=409, verouderd=True
        )
    except NietMeerBewerkbaar:
        messages.error(request, aanmelding.waarom_niet_bewerkbaar)
        return redirect("aanmeldingen:aanmelding", token=token)
    except ValidationError as fout:
        form.add_error(None, fout)
        return toon_formulier(request, oproep, form, formset, aanmelding, status=422)
    messages.success(
        request,
        _bevestiging(
            concept=concept, ingediend=was_concept and not concept, wijzigingen=wijzigingen
        ),
    )
    return redirect("aanmeldingen:aanmelding", token=token)


def _bevestiging(*, concept: bool, ingediend: bool, wijzigingen: list) -> str:
    if concept:
        return "Het concept is opgeslagen. U kunt later verder via dezelfde link."
    if ingediend:
        return "Uw aanmelding is ingediend. De contactpersoon krijgt een bevestiging per e-mail."
    if not wijzigingen:
        return "U hebt niets gewijzigd; de aanmelding blijft zoals ze was."
    velden = ", ".join(wijziging["veld"] for wijziging in wijzigingen)
    return f"Uw wijzigingen zijn opgeslagen ({velden}). De contactpersoon krijgt een bericht."


@geheime_pagina
@require_http_methods(["GET", "HEAD", "POST"])
def aanmelding_intrekken(request: HttpRequest, token: str) -> HttpResponse:
    aanmelding = aanmelding_via_link_of_404(token)
    if aanmelding.is_ingetrokken:
        # A second click on the button, or the confirmation page opened again.
        messages.info(request, "Deze aanmelding is ingetrokken.")
        return redirect("aanmeldingen:aanmelding", token=token)
    if not aanmelding.is_intrekbaar:
        messages.error(request, "Deze aanmelding kan niet (meer) worden ingetrokken.")
        return redirect("aanmeldingen:aanmelding", token=token)
    if request.method == "POST":
        wat = "Het concept" if aanmelding.is_concept else "Uw aanmelding"
        try:
            trek_in(aanmelding=aanmelding)
        except OngeldigeOvergang:
            messages.error(request, "Deze aanmelding kan niet (meer) worden ingetrokken.")
        else:
            messages.success(
                request,
                f"{wat} is ingetrokken. De contactpersoon krijgt een bevestiging per e-mail.",
            )
        return redirect("aanmeldingen:aanmelding", token=token)
    return render(
        request,
        "aanmeldingen/aanmelding_intrekken.html",
        {"aanmelding": aanmelding, "oproep": aanmelding.oproep, "token": token},
    )


def _adres_in_formulier(group: str, request: HttpRequest) -> str:
    return request.POST.get("email", "").strip().lower()


@require_http_methods(["GET", "HEAD", "POST"])
def link_kwijt(request: HttpRequest, slug: str) -> HttpResponse:
    oproep = oproep_of_404(request, slug)
    form = LinkAanvraagForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        per_uur = settings.LINKAANVRAGEN_PER_UUR
        te_vaak_voor_bezoeker = te_vaak(request, groep="aanmeldingen.link", per_uur=per_uur)
        te_vaak_voor_adres = te_vaak(
            request, groep="aanmeldingen.link.adres", per_uur=per_uur, sleutel=_adres_in_formulier
        )
        if te_vaak_voor_bezoeker or te_vaak_voor_adres:
            form.add_error(None, TE_VAAK_LINK_MELDING)
            return _toon_link_kwijt(request, oproep, form, status=429)
        behandel_linkaanvraag.enqueue(oproep_id=oproep.pk, email=form.cleaned_data["email"])
        # The same answer, in the same time, whether or not the address is known.
        return render(
            request,
            "aanmeldingen/link_aangevraagd.html",
            {"oproep": oproep, "email": form.cleaned_data["email"]},
        )
    return _toon_link_kwijt(request, oproep, form, status=422 if form.is_bound else 200)


def _toon_link_kwijt(request, oproep, form, *, status: int) -> HttpResponse:
    return render(
        request,
        "aanmeldingen/link_kwijt.html",
        {"oproep": oproep, "form": form, "fouten": foutoverzicht(form)},
        status=status,
    )
