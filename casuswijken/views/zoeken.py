"""/zoeken/: one box over everything this user may see (casuswijken/zoeken.py)."""

from urllib.parse import urlencode

from django import forms
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from netwerk.formulieren import Velden, foutoverzicht

from ..zoeken import (
    MAX_LENGTE,
    MAX_PER_SOORT,
    SOORTEN,
    Zoekresultaten,
    heeft_woorden,
    schoon_zoekterm,
    zoek,
)


class Zoekveld(forms.CharField):
    """Takes anything: control characters (NUL included, which Django's own validator would
    refuse) become spaces, and a long search is cut by the form rather than refused."""

    def to_python(self, value):
        return schoon_zoekterm(str(value or ""))[0]


class Zoekformulier(forms.Form):
    # The template writes the box itself, with this id; the error summary links to it.
    q = Zoekveld(label="Zoek in bijeenkomsten, interventies, bevindingen en voorbeelden",
                 required=False, widget=forms.TextInput(attrs={"id": "zoekterm"}))  # fmt: skip
    soort = forms.ChoiceField(
        choices=[("", "Alles")] + [(s.sleutel, s.meervoud) for s in SOORTEN.values()],
        required=False,
    )
    ingekort = False
    korte_labels = {"q": "Zoekopdracht"}  # the error summary's name for the box

    def clean_q(self) -> str:
        zoekterm = self.cleaned_data["q"]
        self.ingekort = schoon_zoekterm(self.data.get("q", ""))[1]
        if zoekterm and not heeft_woorden(zoekterm):
            raise forms.ValidationError("Typ minstens één woord of getal om op te zoeken.")
        return zoekterm


def _adres(zoekterm: str, soort: str | None = None, pagina: int | None = None) -> str:
    parameters = {"q": zoekterm, "soort": soort, "pagina": pagina}
    return "?" + urlencode({naam: waarde for naam, waarde in parameters.items() if waarde})


def _filters(resultaten: Zoekresultaten) -> list[dict]:
    """The filter by type: all, and each type, with its number of results and address."""
    filters = [{"sleutel": None, "naam": "Alles", "aantal": resultaten.totaal}] + [
        {"sleutel": sleutel, "naam": soort.meervoud, "aantal": resultaten.aantallen[sleutel]}
        for sleutel, soort in SOORTEN.items()
    ]
    for filter_ in filters:
        filter_["url"] = _adres(resultaten.zoekterm, filter_["sleutel"])
        filter_["actief"] = filter_["sleutel"] == resultaten.soort
        filter_["meer"] = (
            bool(resultaten.meer)
            if filter_["sleutel"] is None
            else (filter_["sleutel"] in resultaten.meer)
        )
    return filters


def _paginanummers(resultaten: Zoekresultaten, pagina) -> list[dict]:
    ellips = pagina.paginator.ELLIPSIS
    return [
        {"nummer": nummer, "ellips": True}
        if nummer == ellips
        else {
            "nummer": nummer,
            "huidig": nummer == pagina.number,
            "url": _adres(resultaten.zoekterm, resultaten.soort, nummer),
        }
        for nummer in pagina.paginator.get_elided_page_range(pagina.number, on_each_side=2)
    ]


@require_safe
def zoeken(request: HttpRequest) -> HttpResponse:
    formulier = Zoekformulier(request.GET)
    formulier.is_valid()
    zoekterm = formulier.cleaned_data.get("q", "")
    context = {
        "formulier": formulier,
        # Only the box can be wrong; an unknown kind of result shows everything, with a note.
        "fouten": foutoverzicht(Velden(formulier, ["q"])),
        "zoekterm": zoekterm,
        # What the box shows again: what was typed, cleaned, also when it found nothing.
        "invoer": schoon_zoekterm(request.GET.get("q", ""))[0],
        "ingekort": formulier.ingekort,
        "max_lengte": MAX_LENGTE,
        # Phrases and "-word" work in PostgreSQL's full-text search only (casuswijken.zoeken).
        "uitgebreid_zoeken": connection.vendor == "postgresql",
    }
    if zoekterm:
        resultaten = zoek(
            user=request.user, zoekterm=zoekterm, soort=formulier.cleaned_data.get("soort") or None
        )
        pagina = resultaten.paginator.get_page(request.GET.get("pagina"))
        context |= {
            "resultaten": resultaten,
            "pagina": pagina,
            "filters": _filters(resultaten),
            "paginanummers": _paginanummers(resultaten, pagina),
            "vorige": _adres(zoekterm, resultaten.soort, pagina.number - 1),
            "volgende": _adres(zoekterm, resultaten.soort, pagina.number + 1),
            "soortnaam": SOORTEN[resultaten.soort].meervoud.lower() if resultaten.soort else "",
            "max_per_soort": MAX_PER_SOORT,
        }
    context["actie"] = reverse("leren:zoeken")
    return render(request, "leren/zoeken.html", context)
