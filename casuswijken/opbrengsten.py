"""What the public results of a call hold: everything read as an anonymous visitor.

The results page, its session pages and the link on the call's page read through here,
whoever is logged in, so that staff and participants see exactly what the public sees and
nothing of their own rights leaks onto a public page. Every read goes through
zichtbaar_voor(AnonymousUser()); the casuswijken are named through
CasuswijkQuerySet.openbaar_genoemd (name and place only).
"""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import Func, IntegerField, QuerySet, Subquery
from django.http import Http404

from aanmeldingen.enums import Leervraag
from aanmeldingen.models import Oproep

from .models import Bevinding, Bijeenkomst, Casuswijk, Interventie, Voorbeeld

PUBLIEK = AnonymousUser()


def oproep_of_404(slug: str) -> Oproep:
    """The call, if the public may see it: a call that is not published has no results."""
    oproep = Oproep.objects.zichtbaar_voor(PUBLIEK).filter(slug=slug).first()
    if oproep is None:
        raise Http404("Onbekende oproep.")
    return oproep


def casuswijken(oproep: Oproep) -> QuerySet:
    """The casuswijken of the call with their place; only the fields the page shows."""
    return (
        Casuswijk.objects.openbaar_genoemd()
        .filter(aanmelding__oproep=oproep)
        .select_related("aanmelding")
        .only("naam", "aanmelding", "aanmelding__gemeente", "aanmelding__provincie")
        .order_by("naam", "pk")
    )


def bijeenkomsten(oproep: Oproep) -> QuerySet:
    return (
        Bijeenkomst.objects.zichtbaar_voor(PUBLIEK)
        .filter(oproep=oproep)
        .select_related("casuswijk")
        .order_by("begint_op", "pk")
    )


def bijeenkomst_of_404(oproep: Oproep, pk: int) -> Bijeenkomst:
    """A public session of this call; any other (of another call too) answers 404."""
    sessie = bijeenkomsten(oproep).filter(pk=pk).first()
    if sessie is None:
        raise Http404("Onbekende bijeenkomst.")
    return sessie


def bevindingen(oproep: Oproep) -> QuerySet:
    """The good examples first within each question, then the newest."""
    return (
        Bevinding.objects.zichtbaar_voor(PUBLIEK)
        .filter(casuswijk__aanmelding__oproep=oproep)
        .select_related("casuswijk")
        .order_by("-goed_voorbeeld", "-aangemaakt", "pk")
    )


def per_leervraag(lijst) -> list[tuple[Leervraag, list[Bevinding]]]:
    """The findings under each of the four questions, in the network's fixed order."""
    return [(vraag, [b for b in lijst if b.leervraag == vraag]) for vraag in Leervraag]


def interventies(oproep: Oproep) -> QuerySet:
    return (
        Interventie.objects.zichtbaar_voor(PUBLIEK)
        .filter(casuswijk__aanmelding__oproep=oproep)
        .select_related("categorie")
        .order_by("casuswijk", "categorie__naam", "naam", "pk")
    )


def per_casuswijk(lijst, wijken) -> list[tuple[Casuswijk, list[Interventie]]]:
    """The interventions under their casuswijk; casuswijken without any are left out."""
    groepen = [(wijk, [i for i in lijst if i.casuswijk_id == wijk.pk]) for wijk in wijken]
    return [(wijk, rijen) for wijk, rijen in groepen if rijen]


def voorbeelden(oproep: Oproep) -> QuerySet:
    return (
        Voorbeeld.objects.zichtbaar_voor(PUBLIEK).filter(oproep=oproep).select_related("categorie")
    )


def _aantal(queryset: QuerySet) -> Subquery:
    # COUNT as a plain function, not an aggregate: no GROUP BY, one row with the number.
    return Subquery(
        queryset.order_by().annotate(n=Func("pk", function="COUNT")).values("n"),
        output_field=IntegerField(),
    )


@dataclass
class Openbaar:
    """How much of each kind the results page holds."""

    bijeenkomsten: int
    bevindingen: int
    interventies: int
    voorbeelden: int

    def __bool__(self) -> bool:
        return any([self.bijeenkomsten, self.bevindingen, self.interventies, self.voorbeelden])

    @property
    def omschrijving(self) -> str:
        """In words, e.g. "2 bijeenkomsten, 1 bevinding en 3 interventies"."""
        delen = [
            f"{aantal} {enkel if aantal == 1 else meer}"
            for aantal, enkel, meer in [
                (self.bijeenkomsten, "bijeenkomst", "bijeenkomsten"),
                (self.bevindingen, "bevinding", "bevindingen"),
                (self.interventies, "interventie", "interventies"),
                (self.voorbeelden, "goed voorbeeld van elders", "goede voorbeelden van elders"),
            ]
            if aantal
        ]
        if len(delen) < 2:
            return "".join(delen)
        return ", ".join(delen[:-1]) + " en " + delen[-1]


def wat_er_openbaar_is(oproep: Oproep) -> Openbaar:
    """The numbers behind the call page's link to its results, in one query."""
    soorten = {
        "bijeenkomsten": bijeenkomsten(oproep),
        "bevindingen": bevindingen(oproep),
        "interventies": interventies(oproep),
        "voorbeelden": voorbeelden(oproep),
    }
    # Prefixed: the plain names are the call's own relations.
    aantallen = (
        Oproep.objects.filter(pk=oproep.pk)
        .values(**{f"aantal_{soort}": _aantal(lijst) for soort, lijst in soorten.items()})
        .get()
    )
    return Openbaar(**{soort: aantallen[f"aantal_{soort}"] for soort in soorten})
