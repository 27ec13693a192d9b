"""Choice fields and labels the casuswijken admin shares: sessions by date, owners by name."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.formats import date_format

from ..models import (
    Actiepunt,
    Bijeenkomst,
    Deelname,
)


def sessielabel(bijeenkomst: Bijeenkomst, *, met_wijk: bool = False) -> str:
    """A session as staff pick it: "12 januari 2027 – Open gesprek 2", and with met_wijk
    its casuswijk (or "landelijk") in front."""
    label = f"{date_format(timezone.localtime(bijeenkomst.begint_op), 'j F Y')} – {bijeenkomst}"
    if not met_wijk:
        return label
    return f"{bijeenkomst.casuswijk.naam if bijeenkomst.casuswijk_id else 'Landelijk'}: {label}"


class SessieVeld(forms.ModelChoiceField):
    def __init__(self, *args, met_wijk: bool = False, **kwargs):
        self.met_wijk = met_wijk
        super().__init__(*args, **kwargs)

    def label_from_instance(self, bijeenkomst) -> str:
        return sessielabel(bijeenkomst, met_wijk=self.met_wijk)


def sessieveld(sessies, *, met_wijk: bool, **kwargs) -> SessieVeld:
    return SessieVeld(sessies.select_related("casuswijk"), met_wijk=met_wijk, **kwargs)


def eigenaars(casuswijk_id: int | None):
    """Who can own an action point: the active participants of that casuswijk (of any, when
    not known yet), and whoever owns one of its points already (also after leaving)."""
    deelnames = Deelname.objects.actief()
    if casuswijk_id is not None:
        deelnames = deelnames.filter(casuswijk=casuswijk_id)
    eerste = deelnames.filter(gebruiker=OuterRef("pk")).order_by("casuswijk__naam", "pk")
    kan = Q(pk__in=deelnames.values("gebruiker"))
    if casuswijk_id is not None:
        kan |= Q(pk__in=Actiepunt.objects.filter(casuswijk=casuswijk_id).values("eigenaar"))
    return (
        get_user_model()
        .objects.filter(kan)
        .annotate(
            deelname_organisatie=Subquery(eerste.values("organisatie")[:1]),
            deelname_wijk=Subquery(eerste.values("casuswijk__naam")[:1]),
        )
        .order_by("first_name", "last_name", "pk")
    )


class EigenaarVeld(forms.ModelChoiceField):
    def __init__(self, *args, met_wijk: bool = False, **kwargs):
        self.met_wijk = met_wijk
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", "eigenaar")
        kwargs.setdefault("help_text", "Een deelnemer, of laat leeg en vul een naam in.")
        super().__init__(*args, **kwargs)

    def label_from_instance(self, gebruiker) -> str:
        naam = gebruiker.get_full_name() or gebruiker.email
        if gebruiker.deelname_wijk is None:
            return f"{naam} (neemt niet meer deel)"
        details = [gebruiker.deelname_organisatie] + ([gebruiker.deelname_wijk] * self.met_wijk)
        details = ", ".join(d for d in details if d)
        return f"{naam} ({details})" if details else naam


def keuzes_eenmaal(veld: forms.ModelChoiceField) -> forms.ModelChoiceField:
    """The choices read once, for every form of a formset (validation still asks the
    queryset)."""
    veld.choices = list(veld.choices)
    return veld


def persoon(gebruiker) -> str:
    naam = gebruiker.get_full_name()
    return f"{naam} ({gebruiker.email})" if naam else gebruiker.email
