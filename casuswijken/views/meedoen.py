"""Taking part in a session: a participant's answer to its invitation (ik kom, ik kom niet,
misschien), and what the session page shows of who comes and who came."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from netwerk.formulieren import foutoverzicht

from ..antwoorden import mensen_voor, tel_antwoorden
from ..enums import Antwoord
from ..models import Bijeenkomst, Uitnodiging
from ..services import antwoorden_gesloten, beantwoord, kan_antwoorden
from .toegang import bijeenkomst_of_404, casuswijk_of_404

KIES = "Kies of u komt, niet komt of misschien komt."


class AntwoordForm(forms.Form):
    antwoord = forms.ChoiceField(
        label="Komt u?",
        choices=Antwoord.choices,
        widget=forms.RadioSelect,
        error_messages={"required": KIES, "invalid_choice": KIES},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The message says what to do: the error summary shows it without the label.
        self.zelfsprekend = {KIES}


def antwoordcontext(user, sessie: Bijeenkomst, *, formulier: AntwoordForm | None = None) -> dict:
    """What the session page shows of the answers: for one of its lezers their own answer
    and, while answering is open, the form; for every reader the counts; and the people
    this reader may see, by answer and (once recorded) at the session."""
    eigen = None
    if kan := kan_antwoorden(bijeenkomst=sessie, gebruiker=user):
        eigen = Uitnodiging.objects.filter(bijeenkomst=sessie, gebruiker=user).first()
    gesloten = antwoorden_gesloten(sessie)
    if kan and not gesloten and formulier is None:
        formulier = AntwoordForm(initial={"antwoord": eigen.antwoord if eigen else None})
    telling = tel_antwoorden(sessie)
    mensen = mensen_voor(user, sessie)
    return {
        "kan_antwoorden": kan,
        "eigen": eigen,
        "gesloten": gesloten,
        "begonnen": sessie.begint_op <= timezone.now(),
        "formulier": formulier if kan and not gesloten else None,
        "telling": telling,
        "per_antwoord": [groep for groep in mensen.per_antwoord if groep.mensen],
        "aanwezig": mensen.aanwezig,
        "aanwezig_anderen": telling.aanwezig - len(mensen.aanwezig),
    }


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def antwoord(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The answer to a session's invitation (POST). A GET is what the browser does after
    the login this page sent a logged-out visitor to: it goes to the session, where the
    form is. Either way back at the top of the session page, where the message is."""
    wijk = casuswijk_of_404(request.user, slug)
    sessie = bijeenkomst_of_404(request.user, wijk, pk)
    terug = reverse("casuswijken:bijeenkomst", args=[slug, pk])
    if request.method != "POST":
        return redirect(terug)
    formulier = AntwoordForm(request.POST)
    try:
        uitnodiging = beantwoord(
            bijeenkomst=sessie,
            gebruiker=request.user,
            antwoord=str(formulier.data.get("antwoord", "")),
        )
    except ValidationError as fout:
        if hasattr(fout, "error_dict") and not formulier.is_valid():
            # Only a forged or missing answer gets here: the page shows its message at the
            # field, and nothing is saved.
            return render(
                request,
                "casuswijken/antwoord.html",
                {
                    "casuswijk": wijk,
                    "bijeenkomst": sessie,
                    "form": formulier,
                    "fouten": foutoverzicht(formulier),
                },
                status=422,
            )
        messages.error(request, " ".join(fout.messages))
        return redirect(terug)
    messages.success(
        request, f"Uw antwoord is opgeslagen: {uitnodiging.get_antwoord_display().lower()}."
    )
    return redirect(terug)
