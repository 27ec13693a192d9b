"""Applying: the form, saving a concept, and the pages right after saving."""

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from netwerk.bezoekers import te_vaak
from netwerk.formulieren import foutoverzicht

from ..enums import Status
from ..forms import (
    AanmeldingForm,
    CoalitieFormSet,
    ContactadresForm,
    nieuw_formulier,
)
from ..models import Aanmelding
from ..services import (
    NietMeerBewerkbaar,
    OproepGesloten,
    VerouderdFormulier,
    bewaar_concept,
    corrigeer_contactadres,
    dien_aanmelding_in,
    werk_aanmelding_bij,
)
from .formulier import herschik_of_honingpot, toon_formulier
from .gedeeld import TE_VAAK_LINK_MELDING, oproep_of_404

SESSIE_OPGESLAGEN = "aanmeldingen:opgeslagen"
BINDING_GELDIG = timedelta(hours=1)
ELDERS_GEWIJZIGD_MELDING = (
    "Deze aanmelding is na uw vorige keer opslaan via de persoonlijke link gewijzigd, of "
    "ingediend. Wat u hier invulde, is daarom niet opgeslagen. Ga verder via de link in de "
    "e-mail aan de contactpersoon; kopieer eerst wat u hieronder wilt bewaren."
)


@require_http_methods(["GET", "HEAD", "POST"])
def aanmelden(request: HttpRequest, slug: str) -> HttpResponse:
    oproep = oproep_of_404(request, slug)
    if not oproep.is_open:
        status = 410 if request.method == "POST" else 200
        return render(
            request, "aanmeldingen/aanmelden_gesloten.html", {"oproep": oproep}, status=status
        )
    if request.method in ("GET", "HEAD"):
        form, formset = nieuw_formulier()
        return toon_formulier(request, oproep, form, formset)
    if antwoord := herschik_of_honingpot(request, oproep):
        return antwoord

    concept = request.POST.get("actie") == "concept"
    form = AanmeldingForm(request.POST, concept=concept)
    formset = CoalitieFormSet(request.POST, concept=concept)
    if not (form.is_valid() and formset.is_valid()):
        return toon_formulier(request, oproep, form, formset, status=422)
    sleutel = form.cleaned_data["indieningssleutel"]
    bestaande = Aanmelding.objects.filter(indieningssleutel=sleutel).first()
    gebonden = _gebonden(request)
    if bestaande is not None and gebonden and gebonden["pk"] == bestaande.pk:
        # This browser saved it and sent the form again (Back, or a double click).
        if bestaande.versie != gebonden["versie"]:
            form.add_error(None, ELDERS_GEWIJZIGD_MELDING)
            return toon_formulier(request, oproep, form, formset, status=409)
        if bestaande.status == Status.CONCEPT:
            if te_vaak(
                request, groep="aanmeldingen.concept", per_uur=settings.AANMELDINGEN_PER_UUR
            ):
                form.add_error(None, _te_vaak_opgeslagen(concept=True))
                return toon_formulier(request, oproep, form, formset, status=429)
            return _werk_concept_bij(request, bestaande, form, formset, concept=concept)
    # Only stored applications count, so that fixing mistakes never runs into the limit,
    # and a repeated POST of one that was stored already is answered as before. Concepts
    # have a limit of their own: saving drafts must not use up the submissions of an office
    # that shares one internet address.
    if bestaande is None and te_vaak(
        request,
        groep="aanmeldingen.concept" if concept else "aanmeldingen.indienen",
        per_uur=settings.AANMELDINGEN_PER_UUR,
    ):
        form.add_error(None, _te_vaak_opgeslagen(concept=concept))
        return toon_formulier(request, oproep, form, formset, status=429)
    bewaar = bewaar_concept if concept else dien_aanmelding_in
    try:
        aanmelding, nieuw = bewaar(
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
        return toon_formulier(request, oproep, form, formset, status=422)
    if nieuw:
        _bind(request, aanmelding)
    if aanmelding.status == Status.CONCEPT:
        return redirect("aanmeldingen:concept_opgeslagen", slug=oproep.slug)
    return redirect("aanmeldingen:ontvangen", slug=oproep.slug)


def _te_vaak_opgeslagen(*, concept: bool) -> str:
    wat = "keer een concept opgeslagen" if concept else "aanmeldingen ingediend"
    return (
        f"Vanaf uw internetadres zijn het afgelopen uur al {settings.AANMELDINGEN_PER_UUR} "
        f"{wat}. Om misbruik te voorkomen kan dat pas over een uur weer. Uw antwoorden staan "
        "nog in het formulier; kopieer ze, of mail ons als het niet kan wachten."
    )


def _bind(request: HttpRequest, aanmelding: Aanmelding) -> None:
    """Remember for a while that this browser saved this application, at this version.

    That lets it see the confirmation page, correct a mistyped contact address and send
    the form again after going back; only for an hour, and only while nobody else changed
    the application. Nothing in a form can create this binding: only saving a new one.
    """
    request.session[SESSIE_OPGESLAGEN] = {
        "pk": aanmelding.pk,
        "versie": aanmelding.versie,
        "tot": (timezone.now() + BINDING_GELDIG).isoformat(),
    }


def _gebonden(request: HttpRequest) -> dict | None:
    binding = request.session.get(SESSIE_OPGESLAGEN)
    if not isinstance(binding, dict):
        return None
    try:
        if datetime.fromisoformat(binding["tot"]) < timezone.now():
            return None
    except (KeyError, TypeError, ValueError):
        return None
    return binding


def _werk_concept_bij(request, aanmelding, form, formset, *, concept: bool) -> HttpResponse:
    oproep = aanmelding.oproep
    try:
        werk_aanmelding_bij(
            aanmelding=aanmelding,
            versie=_gebonden(request)["versie"],
            gegevens=form.aanmeldgegevens(),
            leden=formset.ledengegevens(),
            indienen=not concept,
            token=None,
        )
    except NietMeerBewerkbaar:
        return render(
            request, "aanmeldingen/aanmelden_gesloten.html", {"oproep": oproep}, status=410
        )
    except VerouderdFormulier:
        form.add_error(None, ELDERS_GEWIJZIGD_MELDING)
        return toon_formulier(request, oproep, form, formset, status=409)
    except ValidationError as fout:
        form.add_error(None, fout)
        return toon_formulier(request, oproep, form, formset, status=422)
    _bind(request, aanmelding)
    if concept:
        return redirect("aanmeldingen:concept_opgeslagen", slug=oproep.slug)
    return redirect("aanmeldingen:ontvangen", slug=oproep.slug)


def _opgeslagen_aanmelding(request, oproep) -> Aanmelding | None:
    gebonden = _gebonden(request)
    if not gebonden:
        return None
    return (
        Aanmelding.objects.filter(pk=gebonden["pk"], versie=gebonden["versie"], oproep=oproep)
        .prefetch_related("leden")
        .first()
    )


@require_safe
def ontvangen(request: HttpRequest, slug: str) -> HttpResponse:
    oproep = oproep_of_404(request, slug)
    aanmelding = _opgeslagen_aanmelding(request, oproep)
    if aanmelding is None or aanmelding.status == Status.CONCEPT:
        return redirect(oproep)
    return render(
        request,
        "aanmeldingen/aanmelding_ontvangen.html",
        {
            "oproep": oproep,
            "aanmelding": aanmelding,
            "dubbele_wijk": Aanmelding.objects.zelfde_wijk_als(
                oproep=oproep,
                gemeente=aanmelding.gemeente,
                wijknaam=aanmelding.wijknaam,
                cbs_wijkcode=aanmelding.cbs_wijkcode,
                behalve=aanmelding,
            ).exists(),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def concept_opgeslagen(request: HttpRequest, slug: str) -> HttpResponse:
    """Where the link went; this browser may correct a mistyped contact address here."""
    oproep = oproep_of_404(request, slug)
    aanmelding = _opgeslagen_aanmelding(request, oproep)
    if aanmelding is None or aanmelding.status != Status.CONCEPT:
        return redirect(oproep)
    form = ContactadresForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            if te_vaak(request, groep="aanmeldingen.link", per_uur=settings.LINKAANVRAGEN_PER_UUR):
                form.add_error(None, TE_VAAK_LINK_MELDING)
                status = 429
            else:
                try:
                    corrigeer_contactadres(aanmelding=aanmelding, email=form.cleaned_data["email"])
                except NietMeerBewerkbaar:
                    return redirect(oproep)
                except ValidationError as fout:
                    form.add_error("email", fout)
                else:
                    aanmelding.refresh_from_db()
                    _bind(request, aanmelding)
                    messages.success(
                        request,
                        "Het e-mailadres is verbeterd. We hebben een nieuwe link gestuurd; "
                        "de eerdere link werkt niet meer.",
                    )
                    return redirect("aanmeldingen:concept_opgeslagen", slug=oproep.slug)
    return render(
        request,
        "aanmeldingen/concept_opgeslagen.html",
        {"oproep": oproep, "aanmelding": aanmelding, "form": form, "fouten": foutoverzicht(form)},
        status=status,
    )
