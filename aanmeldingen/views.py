from datetime import datetime, timedelta
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods
from django_ratelimit.core import is_ratelimited

from netwerk.bezoekers import bezoekersadres
from netwerk.formulieren import foutoverzicht

from .enums import Leervraag, Status
from .forms import (
    HONINGPOT,
    AanmeldingForm,
    CoalitieFormSet,
    ContactadresForm,
    LinkAanvraagForm,
    aanmeldfouten,
    formulier_voor,
    herschik_leden,
    nieuw_formulier,
)
from .models import Aanmelding, Oproep
from .services import (
    NietMeerBewerkbaar,
    OngeldigeOvergang,
    OproepGesloten,
    VerouderdFormulier,
    bewaar_concept,
    corrigeer_contactadres,
    dien_aanmelding_in,
    trek_in,
    werk_aanmelding_bij,
)
from .taken import behandel_linkaanvraag

SESSIE_OPGESLAGEN = "aanmeldingen:opgeslagen"
BINDING_GELDIG = timedelta(hours=1)
ELDERS_GEWIJZIGD_MELDING = (
    "Deze aanmelding is na uw vorige keer opslaan via de persoonlijke link gewijzigd, of "
    "ingediend. Wat u hier invulde, is daarom niet opgeslagen. Ga verder via de link in de "
    "e-mail aan de contactpersoon; kopieer eerst wat u hieronder wilt bewaren."
)
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
TE_VAAK_LINK_MELDING = (
    "Er is het afgelopen uur al vaak een link aangevraagd. Probeer het over een uur "
    "opnieuw, of mail ons als het niet kan wachten."
)


def _oproep_of_404(request: HttpRequest, slug: str) -> Oproep:
    return get_object_or_404(Oproep.objects.zichtbaar_voor(request.user), slug=slug)


def _aanmelding_via_link_of_404(token: str) -> Aanmelding:
    aanmelding = Aanmelding.objects.select_related("oproep").via_link(token)
    if aanmelding is None:
        raise Http404("Onbekende, vervangen of verlopen link.")
    return aanmelding


def geheime_pagina(view):
    """For pages behind a secret link: never cached, never sent to other sites as Referer.

    "same-origin" rather than "no-referrer": with no-referrer the browser sends
    "Origin: null" on our own form posts, which Django's CSRF check rightly refuses.
    """

    @wraps(view)
    @never_cache
    def omhulsel(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Referrer-Policy"] = "same-origin"
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return omhulsel


def _te_vaak(request: HttpRequest, *, groep: str, per_uur: int, sleutel=bezoekersadres) -> bool:
    """Count this request against an hourly limit; True when it is one too many."""
    return is_ratelimited(
        request,
        group=groep,
        key=sleutel,
        rate=f"{per_uur}/h",
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
    # After the decisions were sent the page says so, rather than only "closed".
    selectie_gemaakt = oproep.aanmeldingen.filter(besluit_verzonden_op__isnull=False).exists()
    return render(
        request,
        "aanmeldingen/oproep_detail.html",
        {"oproep": oproep, "leervragen": Leervraag, "selectie_gemaakt": selectie_gemaakt},
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
    if antwoord := _herschik_of_honingpot(request, oproep):
        return antwoord

    concept = request.POST.get("actie") == "concept"
    form = AanmeldingForm(request.POST, concept=concept)
    formset = CoalitieFormSet(request.POST, concept=concept)
    if not (form.is_valid() and formset.is_valid()):
        return _toon_formulier(request, oproep, form, formset, status=422)
    sleutel = form.cleaned_data["indieningssleutel"]
    bestaande = Aanmelding.objects.filter(indieningssleutel=sleutel).first()
    gebonden = _gebonden(request)
    if bestaande is not None and gebonden and gebonden["pk"] == bestaande.pk:
        # This browser saved it and sent the form again (Back, or a double click).
        if bestaande.versie != gebonden["versie"]:
            form.add_error(None, ELDERS_GEWIJZIGD_MELDING)
            return _toon_formulier(request, oproep, form, formset, status=409)
        if bestaande.status == Status.CONCEPT:
            if _te_vaak(
                request, groep="aanmeldingen.concept", per_uur=settings.AANMELDINGEN_PER_UUR
            ):
                form.add_error(None, _te_vaak_opgeslagen(concept=True))
                return _toon_formulier(request, oproep, form, formset, status=429)
            return _werk_concept_bij(request, bestaande, form, formset, concept=concept)
    # Only stored applications count, so that fixing mistakes never runs into the limit,
    # and a repeated POST of one that was stored already is answered as before. Concepts
    # have a limit of their own: saving drafts must not use up the submissions of an office
    # that shares one internet address.
    if bestaande is None and _te_vaak(
        request,
        groep="aanmeldingen.concept" if concept else "aanmeldingen.indienen",
        per_uur=settings.AANMELDINGEN_PER_UUR,
    ):
        form.add_error(None, _te_vaak_opgeslagen(concept=concept))
        return _toon_formulier(request, oproep, form, formset, status=429)
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
        return _toon_formulier(request, oproep, form, formset, status=422)
    if nieuw:
        _bind(request, aanmelding)
    if aanmelding.status == Status.CONCEPT:
        return redirect("aanmeldingen:concept_opgeslagen", slug=oproep.slug)
    return redirect("aanmeldingen:ontvangen", slug=oproep.slug)


def _te_vaak_opgeslagen(*, concept: bool) -> str:
    wat = "keer een concept opgeslagen" if concept else "aanmeldingen verstuurd"
    return (
        f"Vanaf uw internetadres zijn het afgelopen uur al {settings.AANMELDINGEN_PER_UUR} "
        f"{wat}. Om misbruik te voorkomen kan dat pas over een uur weer. Uw antwoorden staan "
        "nog in het formulier; bewaar ze, of mail ons als het niet kan wachten."
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
        return _toon_formulier(request, oproep, form, formset, status=409)
    except ValidationError as fout:
        form.add_error(None, fout)
        return _toon_formulier(request, oproep, form, formset, status=422)
    _bind(request, aanmelding)
    if concept:
        return redirect("aanmeldingen:concept_opgeslagen", slug=oproep.slug)
    return redirect("aanmeldingen:ontvangen", slug=oproep.slug)


def _herschik_of_honingpot(request, oproep, aanmelding=None) -> HttpResponse | None:
    """Answer the POSTs that re-show the form instead of saving it, or None."""
    if request.POST.get(HONINGPOT):
        # Mostly bots, but a browser's autofill can do it too: keep what a person typed.
        form, formset = herschik_leden(request.POST)
        return _toon_formulier(
            request, oproep, form, formset, aanmelding, status=400, melding=HONINGPOT_MELDING
        )
    if "lid_toevoegen" in request.POST or "lid_verwijderen" in request.POST:
        form, formset = herschik_leden(
            request.POST,
            toevoegen="lid_toevoegen" in request.POST,
            verwijder=_rijnummer(request.POST.get("lid_verwijderen")),
        )
        return _toon_formulier(request, oproep, form, formset, aanmelding)
    return None


def _rijnummer(waarde: str | None) -> int | None:
    try:
        return int(waarde) if waarde is not None else None
    except ValueError:
        return None


def _toon_formulier(
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
            "dubbele_wijk": aanmelding is not None and _dubbele_wijk(oproep, form, aanmelding),
            "token": request.resolver_match.kwargs.get("token"),
        },
        status=status,
    )


def _dubbele_wijk(oproep, form, aanmelding=None) -> bool:
    """Whether another coalition applied for the neighbourhood typed in the form."""
    gemeente, wijknaam = form["gemeente"].value() or "", form["wijknaam"].value() or ""
    if not (gemeente.strip() and wijknaam.strip()):
        return False
    cbs_wijkcode = (form["cbs_wijkcode"].value() or "").strip().upper()
    return Aanmelding.objects.zelfde_wijk_als(
        oproep=oproep,
        gemeente=gemeente,
        wijknaam=wijknaam,
        cbs_wijkcode=cbs_wijkcode,
        behalve=aanmelding,
    ).exists()


def _opgeslagen_aanmelding(request, oproep) -> Aanmelding | None:
    gebonden = _gebonden(request)
    if not gebonden:
        return None
    return (
        Aanmelding.objects.filter(pk=gebonden["pk"], versie=gebonden["versie"], oproep=oproep)
        .prefetch_related("leden")
        .first()
    )


@require_GET
def ontvangen(request: HttpRequest, slug: str) -> HttpResponse:
    oproep = _oproep_of_404(request, slug)
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


@require_http_methods(["GET", "POST"])
def concept_opgeslagen(request: HttpRequest, slug: str) -> HttpResponse:
    """Where the link went; this browser may correct a mistyped contact address here."""
    oproep = _oproep_of_404(request, slug)
    aanmelding = _opgeslagen_aanmelding(request, oproep)
    if aanmelding is None or aanmelding.status != Status.CONCEPT:
        return redirect(oproep)
    form = ContactadresForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            if _te_vaak(request, groep="aanmeldingen.link", per_uur=settings.LINKAANVRAGEN_PER_UUR):
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


@geheime_pagina
@require_GET
def aanmelding(request: HttpRequest, token: str) -> HttpResponse:
    aanmelding = _aanmelding_via_link_of_404(token)
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
@require_http_methods(["GET", "POST"])
def aanmelding_bewerken(request: HttpRequest, token: str) -> HttpResponse:
    aanmelding = _aanmelding_via_link_of_404(token)
    oproep = aanmelding.oproep
    if not aanmelding.is_bewerkbaar:
        messages.error(request, aanmelding.waarom_niet_bewerkbaar)
        return redirect("aanmeldingen:aanmelding", token=token)
    if request.method == "GET":
        form, formset = formulier_voor(aanmelding)
        return _toon_formulier(request, oproep, form, formset, aanmelding)
    if antwoord := _herschik_of_honingpot(request, oproep, aanmelding):
        return antwoord

    was_concept = aanmelding.status == Status.CONCEPT
    concept = was_concept and request.POST.get("actie", "concept") == "concept"
    form = AanmeldingForm(request.POST, concept=concept)
    formset = CoalitieFormSet(request.POST, concept=concept)
    if not (form.is_valid() and formset.is_valid()):
        return _toon_formulier(request, oproep, form, formset, aanmelding, status=422)
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
        return _toon_formulier(
            request, oproep, form, formset, aanmelding, status=409, verouderd=True
        )
    except NietMeerBewerkbaar:
        messages.error(request, aanmelding.waarom_niet_bewerkbaar)
        return redirect("aanmeldingen:aanmelding", token=token)
    except ValidationError as fout:
        form.add_error(None, fout)
        return _toon_formulier(request, oproep, form, formset, aanmelding, status=422)
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
@require_http_methods(["GET", "POST"])
def aanmelding_intrekken(request: HttpRequest, token: str) -> HttpResponse:
    aanmelding = _aanmelding_via_link_of_404(token)
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


@require_http_methods(["GET", "POST"])
def link_kwijt(request: HttpRequest, slug: str) -> HttpResponse:
    oproep = _oproep_of_404(request, slug)
    form = LinkAanvraagForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        per_uur = settings.LINKAANVRAGEN_PER_UUR
        te_vaak = _te_vaak(request, groep="aanmeldingen.link", per_uur=per_uur)
        te_vaak_voor_adres = _te_vaak(
            request, groep="aanmeldingen.link.adres", per_uur=per_uur, sleutel=_adres_in_formulier
        )
        if te_vaak or te_vaak_voor_adres:
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
