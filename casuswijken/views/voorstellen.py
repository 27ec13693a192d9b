"""A participant proposes an intervention for their casuswijk's inventory: the fields of an
intervention, in the shared classification. Staff decide on it in the admin; the proposer
follows it under "Uw voorstellen" on the casuswijk page.

Only those who take part in the casuswijk now propose (staff who do not take part get
404, as anyone else does)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from netwerk.formulieren import Tekstregel, Tekstvak, foutoverzicht, zeg_wat_te_doen

from ..models import Casuswijk, Deelname, Interventiecategorie, Interventievoorstel
from ..services import dien_voorstel_in
from .toegang import casuswijk_of_404, deelname_of_404

# The inventory's text fields have no limit of their own; a proposal does.
TEKST_MAX = 3000


class VoorstelForm(forms.ModelForm):
    omschrijving = Tekstvak(
        label="Omschrijving",
        required=False,
        max_length=TEKST_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Wat houdt de interventie in, voor wie? Niet verplicht.",
    )
    ervaringen = Tekstvak(
        label="Ervaringen",
        required=False,
        max_length=TEKST_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Wat werkt, wat niet, en waarom. Niet verplicht.",
    )

    benamingen = {
        "naam": "de naam van de interventie",
        "domein": "een domein",
        "categorie": "een categorie",
        "status": "een status",
    }

    class Meta:
        model = Interventievoorstel
        fields = ["naam", "categorie", "domein", "status", "omschrijving", "partners", "ervaringen"]
        labels = {"naam": "Naam van de interventie"}
        field_classes = {"naam": Tekstregel, "partners": Tekstregel}
        help_texts = {
            "categorie": "De indeling die alle casuswijken gebruiken, zodat ze hun interventies "
            "kunnen vergelijken. De begeleiders passen die zo nodig aan.",
            "partners": "Wie doen er mee? Niet verplicht.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["categorie"].queryset = Interventiecategorie.objects.order_by("naam")
        self.fields["categorie"].empty_label = "Kies een categorie"
        self.fields["domein"].choices = [("", "Kies een domein")] + [
            keuze for keuze in self.fields["domein"].choices if keuze[0]
        ]
        zeg_wat_te_doen(self, self.benamingen)
        for naam in ["categorie", "domein", "status"]:
            self.fields[naam].error_messages["invalid_choice"] = (
                f"Kies {self.benamingen[naam]} uit de lijst."
            )


def eigen_voorstellen(user, casuswijk: Casuswijk, eigen_deelname: Deelname | None) -> list:
    """The proposals this user made for this casuswijk, newest first; none for someone who
    does not take part (staff read proposals in the admin)."""
    if eigen_deelname is None:
        return []
    return list(
        Interventievoorstel.objects.zichtbaar_voor(user)
        .filter(casuswijk=casuswijk, voorgesteld_door=user)
        .select_related("categorie")
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def voorstel(request: HttpRequest, slug: str) -> HttpResponse:
    wijk = casuswijk_of_404(request.user, slug)
    deelname_of_404(request.user, wijk)
    form = VoorstelForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        nieuw = dien_voorstel_in(
            voorstel=form.save(commit=False), casuswijk=wijk, door=request.user
        )
        messages.success(
            request,
            f"Dank u. Uw voorstel “{nieuw.naam}” staat bij Uw voorstellen. De begeleiders "
            "besluiten of het in de inventarisatie komt; u krijgt daarover een e-mail.",
        )
        return redirect(reverse("casuswijken:casuswijk", args=[wijk.slug]) + "#voorstellen")
    return render(
        request,
        "casuswijken/voorstel.html",
        {"casuswijk": wijk, "form": form, "fouten": foutoverzicht(form)},
        status=422 if form.is_bound else 200,
    )
