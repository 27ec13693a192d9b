"""A call's network page: its casuswijken compared, their findings side by side, and the
good examples. Who may open it is netwerk_of_404's; what is on it, zichtbaar_voor's."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import urlencode
from django.views.decorators.http import require_safe

from aanmeldingen.enums import Leervraag
from netwerk.formulieren import Fout
from netwerk.rechten import Recht, mag

from ..enums import InterventieDomein, Interventiestatus
from ..models import Bevinding, Casuswijk, Interventie, Interventiecategorie, Voorbeeld
from ..vergelijking import gefilterd, per_leervraag, vergelijk
from .toegang import mag_netwerkrapport_lezen, netwerk_of_404


class Interventiefilter(forms.Form):
    """What the reader narrows the comparison to (visible fields), and which cell of the
    table they opened (categorie and wijk, from the cell's link). A value that is not one
    of the choices is left out with a message: the page then shows everything for it."""

    domein = forms.ChoiceField(
        label="Domein",
        required=False,
        choices=[
            ("", "Alle domeinen"),
            (InterventieDomein.FYSIEK, "Fysiek (met beide)"),
            (InterventieDomein.SOCIAAL, "Sociaal (met beide)"),
            (InterventieDomein.BEIDE, "Alleen beide"),
        ],
        help_text="Fysiek en sociaal tonen ook de interventies die in beide domeinen vallen; "
        "‘Alleen beide’ toont alleen die.",
        error_messages={"invalid_choice": "Kies een domein uit de lijst. Nu ziet u alle domeinen."},
    )
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "Alle statussen"), *Interventiestatus.choices],
        error_messages={
            "invalid_choice": "Kies een status uit de lijst. Nu ziet u alle statussen."
        },
    )
    categorie = forms.TypedChoiceField(
        required=False,
        coerce=int,
        widget=forms.HiddenInput,
        error_messages={
            "invalid_choice": "Deze categorie bestaat niet (meer). Hieronder staan alle "
            "interventies."
        },
    )
    wijk = forms.ChoiceField(
        required=False,
        widget=forms.HiddenInput,
        error_messages={
            "invalid_choice": "Deze casuswijk hoort niet bij dit netwerk. Hieronder staan alle "
            "interventies."
        },
    )

    def __init__(self, data, *, categorieen, casuswijken) -> None:
        super().__init__(data)
        self.categorieen, self.casuswijken = categorieen, casuswijken
        self.fields["categorie"].choices = [("", ""), *((str(c.pk), c.naam) for c in categorieen)]
        self.fields["wijk"].choices = [("", ""), *((c.slug, c.naam) for c in casuswijken)]

    def keuze(self) -> dict[str, str | int]:
        """The valid values; an invalid or missing one is "" (no filter)."""
        self.is_valid()
        return {naam: self.cleaned_data.get(naam) or "" for naam in self.fields}

    def cel(self) -> tuple[Interventiecategorie | None, Casuswijk | None]:
        """The category and the casuswijk the reader opened; either may be None (all)."""
        keuze = self.keuze()
        categorie = next((c for c in self.categorieen if c.pk == keuze["categorie"]), None)
        wijk = next((c for c in self.casuswijken if c.slug == keuze["wijk"]), None)
        return categorie, wijk

    def filterquery(self) -> str:
        """The filters in force as a query string, for the cells' links to carry on."""
        keuze = self.keuze()
        return urlencode({naam: keuze[naam] for naam in ("domein", "status") if keuze[naam]})

    def gekozen(self) -> list[str]:
        """The filters in force, in words ("domein: fysiek (met beide)")."""
        keuze = self.keuze()
        woorden = []
        for naam in ("domein", "status"):
            if keuze[naam]:
                gekozen = dict(self.fields[naam].choices)[keuze[naam]]
                woorden.append(f"{self.fields[naam].label.lower()}: {gekozen.lower()}")
        return woorden

    def fouten(self) -> list[Fout]:
        """For the error summary; a cell that does not exist points at the form."""
        return [
            Fout("", tekst, "#filters" if self[naam].is_hidden else f"#{self[naam].auto_id}")
            for naam in self.fields
            for tekst in self[naam].errors
        ]


def _interventies_in(interventies, categorie, wijk):
    """The interventions behind the opened cell (or row, or column; all without one)."""
    lijst = interventies.select_related("casuswijk", "categorie").order_by(
        "categorie__naam", "casuswijk__naam", "naam"
    )
    if categorie:
        lijst = lijst.filter(categorie=categorie)
    if wijk:
        lijst = lijst.filter(casuswijk=wijk)
    return lijst


@login_required
@require_safe
def netwerk(request: HttpRequest, slug: str) -> HttpResponse:
    oproep = netwerk_of_404(request.user, slug)
    casuswijken = list(
        Casuswijk.objects.in_netwerk_van(request.user).filter(aanmelding__oproep=oproep)
    )
    filter_ = Interventiefilter(
        request.GET, categorieen=list(Interventiecategorie.objects.all()), casuswijken=casuswijken
    )
    keuze = filter_.keuze()
    interventies = gefilterd(
        Interventie.objects.zichtbaar_voor(request.user).filter(casuswijk__in=casuswijken),
        domein=keuze["domein"],
        status=keuze["status"],
    )
    categorie, wijk = filter_.cel()
    bevindingen = list(
        Bevinding.objects.zichtbaar_voor(request.user)
        .filter(casuswijk__in=casuswijken)
        .select_related("casuswijk")
        .order_by("casuswijk__naam", "-aangemaakt", "pk")
    )
    return render(
        request,
        "leren/netwerk.html",
        {
            "oproep": oproep,
            "casuswijken": casuswijken,
            "rapport_zichtbaar": mag_netwerkrapport_lezen(request.user, oproep),
            # Staff who may open the casuswijken but not read what happens in them (the
            # beoordelaar) see the openbaar part only; the page says so.
            "alleen_openbaar": mag(request.user, Recht.LEES_CASUSWIJKEN)
            and not mag(request.user, Recht.LEES_INTERVENTIES),
            "filter": filter_,
            "fouten": filter_.fouten(),
            "filterquery": filter_.filterquery(),
            "vergelijking": vergelijk(interventies, casuswijken, filter_.categorieen),
            "gekozen_categorie": categorie,
            "gekozen_wijk": wijk,
            "interventies": _interventies_in(interventies, categorie, wijk),
            "leervragen": per_leervraag(bevindingen, casuswijken),
            "goede_bevindingen": sorted(
                (b for b in bevindingen if b.goed_voorbeeld),
                key=lambda b: list(Leervraag).index(b.leervraag),
            ),
            "voorbeelden": Voorbeeld.objects.zichtbaar_voor(request.user)
            .filter(oproep=oproep)
            .select_related("categorie"),
        },
    )
