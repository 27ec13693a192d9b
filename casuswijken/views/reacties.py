"""Reactions on a concept verslag: listed on the session page, placed through their own
address. The rules are in services.plaats_reactie; what a reader sees of them in
Reactie.objects.zichtbaar_voor."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from netwerk.formulieren import Tekstvak, foutoverzicht

from ..models import Bijeenkomst, Reactie
from ..services import (
    REACTIE_MAX,
    ReagerenKanNiet,
    controleer_reactietekst,
    plaats_reactie,
    reden_om_niet_te_reageren,
)
from .toegang import bijeenkomst_of_404, casuswijk_of_404


class ReactieForm(forms.Form):
    tekst = Tekstvak(
        label="Uw reactie",
        max_length=REACTIE_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Gewone tekst. Wie het verslag mag lezen, leest ook uw reactie, met uw naam "
        "erbij.",
        error_messages={
            "required": "Schrijf uw reactie.",
            "max_length": "Uw reactie is %(show_value)d tekens lang; er passen er maximaal "
            "%(limit_value)d in.",
            "null_characters_not_allowed": "Uw reactie bevat een teken dat niet kan worden "
            "opgeslagen (een nul-teken). Haal het weg en probeer het opnieuw.",
        },
    )

    @property
    def zelfsprekend(self) -> set[str]:
        """Each message names the reaction itself: the error summary shows it without the
        field's label in front (netwerk.formulieren.foutoverzicht)."""
        return set(self.errors.get("tekst", []))

    def clean_tekst(self) -> str:
        return controleer_reactietekst(self.cleaned_data["tekst"])


def reactiecontext(user, bijeenkomst: Bijeenkomst, formulier: ReactieForm | None = None) -> dict:
    """What includes/reacties.html needs on the session page: the reactions this user may
    read (one query, whatever their number), and the form or why there is none."""
    reden = reden_om_niet_te_reageren(bijeenkomst=bijeenkomst, gebruiker=user)
    return {
        "reacties": list(
            Reactie.objects.zichtbaar_voor(user)
            .filter(bijeenkomst=bijeenkomst)
            .select_related("gebruiker")
        ),
        "mag_reageren": reden is None,
        "reden_geen_reactie": reden,
        "reactieformulier": formulier or ReactieForm(),
    }


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def reactie(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The form to react on a concept verslag. The session page holds the same form; this
    page shows it again when something was wrong, with the typed text kept."""
    wijk = casuswijk_of_404(request.user, slug)
    sessie = bijeenkomst_of_404(request.user, wijk, pk)
    formulier = ReactieForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and formulier.is_valid():
        try:
            nieuw = plaats_reactie(
                bijeenkomst=sessie, gebruiker=request.user, tekst=formulier.cleaned_data["tekst"]
            )
        except ValidationError as fout:
            formulier.add_error("tekst", fout)
        except ReagerenKanNiet:
            pass  # the page says why, from reden_om_niet_te_reageren
        else:
            messages.success(request, "Uw reactie is geplaatst. Dank u wel.")
            return redirect(
                reverse("casuswijken:bijeenkomst", args=[wijk.slug, sessie.pk])
                + f"#reactie-{nieuw.pk}"
            )
    context = reactiecontext(request.user, sessie, formulier)
    if request.method == "POST":
        # Refused whatever the text (vastgesteld meanwhile, say): the page says why and
        # shows the typed text to keep, instead of what to correct in it (409); else the
        # text has errors (422, as every form of the portal).
        status = 422 if context["mag_reageren"] else 409
    return render(
        request,
        "casuswijken/reactie.html",
        {
            **context,
            "casuswijk": wijk,
            "bijeenkomst": sessie,
            "fouten": foutoverzicht(formulier) if context["mag_reageren"] else [],
        },
        status=status,
    )
