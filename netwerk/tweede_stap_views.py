"""The pages of the second step: check a code, set up the app, recovery codes, skip (demo).

Only staff accounts have them; anyone else gets 404, an anonymous visitor the login page.
Each page goes on, once done, to where the staff member was going (a safe `next`, or else
the admin).
"""

from functools import wraps
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from . import tweede_stap as ts
from .formulieren import Tekstregel, foutoverzicht, zeg_wat_te_doen

FOUTE_CODE = "Deze code klopt niet. Typ de zes cijfers die de app nu laat zien, of een herstelcode."
FOUTE_APPCODE = (
    "Deze code klopt niet. Typ de zes cijfers die de app nu laat zien; is de code net "
    "vernieuwd, typ dan de nieuwe."
)
TE_VAAK = "U heeft te vaak een verkeerde code getypt. Wacht {wachttijd} en probeer het dan opnieuw."


class CodeFormulier(forms.Form):
    code = Tekstregel(
        label="Code",
        max_length=64,
        teller=False,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "spellcheck": "false"}),
    )

    def __init__(self, *args, label: str, help_text: str, wat: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].label = label
        self.fields["code"].help_text = help_text
        zeg_wat_te_doen(self, {"code": wat})


def volgende(request: HttpRequest) -> str:
    """Where to go after the step: the `next` asked for if it stays on this site, else
    the admin."""
    doel = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        doel, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return doel
    return reverse("admin:index")


def met_volgende(naam: str, doel: str) -> str:
    return f"{reverse(naam)}?{urlencode({'next': doel})}"


def voor_medewerkers(view):
    @wraps(view)
    @never_cache
    @login_required
    def alleen_medewerkers(request, *args, **kwargs):
        if not ts.is_medewerker(request.user):
            raise Http404("Alleen voor medewerkers.")
        return view(request, *args, **kwargs)

    return alleen_medewerkers


def te_vaak(uitkomst: ts.Uitkomst) -> str:
    """The message for a code not looked at: how long django-otp's throttle still waits."""
    return TE_VAAK.format(wachttijd=ts.wachttijd_in_woorden(uitkomst.wachten))


def _pagina(request, sjabloon: str, **context) -> HttpResponse:
    form = context.get("form")
    return render(
        request,
        sjabloon,
        {
            "volgende": volgende(request),
            "overslaanbaar": ts.stand() == ts.Stand.OVERSLAANBAAR,
            "fouten": foutoverzicht(form) if form is not None else [],
            **context,
        },
    )


@voor_medewerkers
def controleren(request: HttpRequest) -> HttpResponse:
    """The second step of a login: a code from the app, or a recovery code."""
    if ts.is_geverifieerd(request):
        return redirect(volgende(request))
    if not ts.heeft_app(request.user):
        return redirect(met_volgende("account:tweede_stap_instellen", volgende(request)))
    form = CodeFormulier(
        request.POST or None,
        label="Code uit uw app",
        help_text="De zes cijfers die uw authenticator-app nu laat zien. Telefoon niet bij "
        "de hand? Typ dan een van uw herstelcodes.",
        wat="de code uit uw app, of een herstelcode",
    )
    if request.method == "POST" and form.is_valid():
        uitkomst = ts.verifieer(request, form.cleaned_data["code"])
        if uitkomst.apparaat is not None:
            if uitkomst.met_herstelcode:
                over = ts.herstelcodes_over(request.user)
                messages.warning(
                    request,
                    f"U heeft een herstelcode gebruikt; er zijn er nog {over}. Maak nieuwe "
                    "herstelcodes via ‘Tweede stap’ rechtsboven in het beheer.",
                )
            return redirect(volgende(request))
        form.add_error("code", te_vaak(uitkomst) if uitkomst.te_vaak else FOUTE_CODE)
    return _pagina(request, "registration/tweede_stap.html", form=form)


@voor_medewerkers
def instellen(request: HttpRequest) -> HttpResponse:
    """Set up the app: scan the QR code (or type the secret), confirm with a code, and see
    the recovery codes once. Without a verified session only for an account that has no
    app yet: whoever knows just the password cannot replace someone's app."""
    if ts.heeft_app(request.user) and not ts.is_geverifieerd(request):
        return redirect(met_volgende("account:tweede_stap", volgende(request)))
    apparaat = ts.app_in_wording(request.user)
    form = CodeFormulier(
        request.POST or None,
        label="Code uit de app",
        help_text="Na het scannen laat de app zes cijfers zien. Typ die hier.",
        wat="de zes cijfers uit de app",
    )
    if request.method == "POST" and form.is_valid():
        uitkomst, codes = ts.bevestig_app(request, form.cleaned_data["code"])
        if uitkomst.apparaat is not None:
            return _pagina(
                request, "registration/tweede_stap_herstelcodes.html", codes=codes, nieuw=True
            )
        form.add_error("code", te_vaak(uitkomst) if uitkomst.te_vaak else FOUTE_APPCODE)
    return _pagina(
        request,
        "registration/tweede_stap_instellen.html",
        form=form,
        qr_code=ts.qr_code(apparaat),
        geheim=ts.geheim_als_tekst(apparaat),
    )


@voor_medewerkers
def herstelcodes(request: HttpRequest) -> HttpResponse:
    """How many recovery codes are left, and new ones (the old stop working)."""
    if not ts.is_geverifieerd(request):
        return redirect(met_volgende("account:tweede_stap", request.get_full_path()))
    if request.method == "POST":
        return _pagina(
            request,
            "registration/tweede_stap_herstelcodes.html",
            codes=ts.nieuwe_herstelcodes(request),
        )
    return _pagina(
        request,
        "registration/tweede_stap_herstelcodes.html",
        over=ts.herstelcodes_over(request.user),
    )


@require_POST
@voor_medewerkers
def overslaan(request: HttpRequest) -> HttpResponse:
    """Go on without the second step: only where TWEEDE_STAP is "overslaanbaar"."""
    if ts.stand() != ts.Stand.OVERSLAANBAAR:
        raise Http404("De tweede stap kan hier niet worden overgeslagen.")
    ts.sla_over(request)
    return redirect(volgende(request))
