from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from netwerk.rechten import Recht, mag

from ..agenda import ical
from ..enums import Antwoord, Zichtbaarheid
from ..models import (
    Actiepunt,
    Bevinding,
    Bijeenkomst,
    Casuswijk,
    Deelname,
    Interventie,
    Uitnodiging,
)
from ..services import antwoorden_gesloten, nieuwe_agendalink
from .actiepunten import open_actiepunten
from .meedoen import antwoordcontext
from .reacties import reactiecontext
from .toegang import bijeenkomst_of_404, casuswijk_of_404, mag_rapport_lezen
from .voorstellen import eigen_voorstellen


def _bijeenkomsten_van(user, casuswijk: Casuswijk, *, als_deelnemer: bool = False):
    """The sessions of this casuswijk and the national ones of its call that user may see."""
    return Bijeenkomst.objects.zichtbaar_voor(user, als_deelnemer=als_deelnemer).filter(
        Q(casuswijk=casuswijk) | Q(casuswijk__isnull=True, oproep=casuswijk.aanmelding.oproep_id)
    )


@login_required
@require_safe
def overzicht(request: HttpRequest) -> HttpResponse:
    casuswijken = list(
        Casuswijk.objects.zichtbaar_voor(request.user).select_related("aanmelding__oproep")
    )
    # One network page per call of these casuswijken.
    netwerken = {
        casuswijk.aanmelding.oproep_id: casuswijk.aanmelding.oproep for casuswijk in casuswijken
    }
    # A national session opens through one of the user's casuswijken of the same call.
    via = {casuswijk.aanmelding.oproep_id: casuswijk.slug for casuswijk in casuswijken}
    eigen = {casuswijk.pk for casuswijk in casuswijken}
    landelijk = [
        bijeenkomst
        for bijeenkomst in Bijeenkomst.objects.zichtbaar_voor(request.user)
        .filter(oproep__in=via)
        .select_related("casuswijk")
        .order_by("-begint_op")
        if bijeenkomst.casuswijk_id not in eigen
    ]
    for bijeenkomst in landelijk:
        bijeenkomst.via_slug = via[bijeenkomst.oproep_id]
    return render(
        request,
        "casuswijken/overzicht.html",
        {
            "casuswijken": casuswijken,
            "netwerken": list(netwerken.values()),
            "landelijke_bijeenkomsten": landelijk,
            "nu": timezone.now(),
        },
    )


@login_required
@require_safe
def casuswijk(request: HttpRequest, slug: str) -> HttpResponse:
    wijk = casuswijk_of_404(request.user, slug)
    nu = timezone.now()
    bijeenkomsten = list(_bijeenkomsten_van(request.user, wijk))
    eigen_deelname = (
        Deelname.objects.actief().filter(gebruiker=request.user, casuswijk=wijk).first()
    )
    return render(
        request,
        "casuswijken/casuswijk.html",
        {
            "casuswijk": wijk,
            "deelnames": Deelname.objects.zichtbaar_voor(request.user)
            .actief()
            .filter(casuswijk=wijk)
            .select_related("gebruiker")
            .order_by("rol", "gebruiker__last_name"),
            "komend": _met_eigen_antwoord(
                [b for b in bijeenkomsten if b.eindigt_op >= nu], request.user, eigen_deelname
            ),
            "geweest": [b for b in reversed(bijeenkomsten) if b.eindigt_op < nu],
            "actiepunten": open_actiepunten(request.user, wijk, eigen_deelname),
            "eigen_deelname": eigen_deelname,
            "voorstellen": eigen_voorstellen(request.user, wijk, eigen_deelname),
            "mag_rapport": mag_rapport_lezen(request.user, wijk),
            "mensen_zichtbaar": eigen_deelname is not None
            or mag(request.user, Recht.LEES_DEELNAMES),
            "interventies": Interventie.objects.zichtbaar_voor(request.user)
            .filter(casuswijk=wijk)
            .select_related("categorie"),
            # Its own findings, and the good examples of the other casuswijken of the call.
            "bevindingen": Bevinding.objects.zichtbaar_voor(request.user)
            .filter(
                Q(casuswijk=wijk)
                | Q(goed_voorbeeld=True, casuswijk__aanmelding__oproep=wijk.aanmelding.oproep_id)
            )
            .select_related("casuswijk"),
        },
    )


def _met_eigen_antwoord(sessies: list[Bijeenkomst], user, deelname) -> list[Bijeenkomst]:
    """The sessions, each with `eigen_antwoord` for the participant's own line in the list:
    their answer in words, "" while they have not answered, None where there is nothing to
    answer (started, cancelled, unpublished or intern, or the reader takes no part)."""
    antwoorden = (
        dict(
            Uitnodiging.objects.filter(gebruiker=user, bijeenkomst__in=sessies).values_list(
                "bijeenkomst", "antwoord"
            )
        )
        if deelname is not None and sessies
        else {}
    )
    for sessie in sessies:
        # The session page's own rule (antwoorden_gesloten), without a query per session;
        # an intern session, which a staff participant sees here, has no lezers.
        te_beantwoorden = (
            deelname is not None
            and sessie.zichtbaarheid != Zichtbaarheid.INTERN
            and not antwoorden_gesloten(sessie)
        )
        antwoord = antwoorden.get(sessie.pk, "")
        sessie.eigen_antwoord = (
            (Antwoord(antwoord).label if antwoord else "") if te_beantwoorden else None
        )
    return sessies


@login_required
@require_safe
def bijeenkomst(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    wijk = casuswijk_of_404(request.user, slug)
    sessie = bijeenkomst_of_404(request.user, wijk, pk)
    actiepunten = Actiepunt.objects.zichtbaar_voor(request.user).select_related(
        "eigenaar", "bijeenkomst"
    )
    return render(
        request,
        "casuswijken/bijeenkomst.html",
        {
            "casuswijk": wijk,
            "bijeenkomst": sessie,
            "afgesproken": actiepunten.filter(bijeenkomst=sessie),
            "afgerond": actiepunten.filter(afgerond_in=sessie),
            # Still open, from the casuswijk's earlier sessions: carried over to this one.
            "nog_open": actiepunten.open()
            .filter(casuswijk=wijk, bijeenkomst__begint_op__lt=sessie.begint_op)
            .exclude(bijeenkomst=sessie),
            "bijlagen": sessie.bijlagen.zichtbaar_voor(request.user),
            "antwoorden": antwoordcontext(request.user, sessie),
            **reactiecontext(request.user, sessie),
        },
    )


@never_cache
@require_safe
def agenda(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    """The private calendar feed: no login (calendar apps have none), the address is the key."""
    deelname = (
        Deelname.objects.actief()
        .filter(agenda_token=token, casuswijk__slug=slug, gebruiker__is_active=True)
        .select_related("gebruiker", "casuswijk__aanmelding")
        .first()
    )
    if deelname is None:
        raise Http404("Onbekende of vervangen agenda-link.")
    # What the participation gives, also in a staff member's own feed: never intern or
    # unpublished sessions, whatever their rights.
    bijeenkomsten = list(
        _bijeenkomsten_van(deelname.gebruiker, deelname.casuswijk, als_deelnemer=True)
    )
    response = HttpResponse(
        ical(casuswijk=deelname.casuswijk, bijeenkomsten=bijeenkomsten),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'inline; filename="{slug}.ics"'
    return response


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def agenda_link(request: HttpRequest, slug: str) -> HttpResponse:
    """A new calendar address (POST). A GET, as after the login a logged-out visitor was
    sent to, goes back to the casuswijk page, where the button is."""
    wijk = casuswijk_of_404(request.user, slug)
    if request.method != "POST":
        return redirect(reverse("casuswijken:casuswijk", args=[slug]) + "#agenda")
    deelname = Deelname.objects.actief().filter(gebruiker=request.user, casuswijk=wijk).first()
    if deelname is None:
        messages.error(request, "Alleen deelnemers van deze casuswijk hebben een agenda-link.")
    else:
        nieuwe_agendalink(deelname=deelname)
        messages.success(
            request, "Uw nieuwe agenda-adres staat hieronder. Een eerder adres werkt niet meer."
        )
    return redirect(reverse("casuswijken:casuswijk", args=[slug]) + "#agenda")
