"""Interventions, their shared categories, findings, and good examples from elsewhere."""

from django import forms
from django.contrib import admin
from django.db.models import Q

from ..enums import Zichtbaarheid
from ..export import BEVINDINGEN, INTERVENTIES
from ..models import (
    Bevinding,
    Bijeenkomst,
    Casuswijk,
    Interventie,
    Interventiecategorie,
    Voorbeeld,
)
from .exporteren import CsvExport
from .velden import sessieveld


@admin.register(Interventie)
class InterventieAdmin(CsvExport, admin.ModelAdmin):
    export = INTERVENTIES
    actions = ["exporteer_csv"]
    list_display = ["naam", "casuswijk", "categorie", "domein", "status", "zichtbaarheid"]
    list_filter = ["categorie", "domein", "status", "zichtbaarheid", "casuswijk"]
    list_select_related = ["casuswijk", "categorie"]
    search_fields = ["naam", "omschrijving", "partners"]


@admin.register(Interventiecategorie)
class InterventiecategorieAdmin(admin.ModelAdmin):
    list_display = ["naam"]
    search_fields = ["naam"]


class BevindingForm(forms.ModelForm):
    """The session is one of the casuswijk's own or a national one of its call; on the add
    page every session, checked against the casuswijk chosen."""

    class Meta:
        model = Bevinding
        fields = [
            "leervraag",
            "casuswijk",
            "bijeenkomst",
            "tekst",
            "goed_voorbeeld",
            "zichtbaarheid",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        casuswijk = self.instance.casuswijk if self.instance.casuswijk_id else None
        self.fields["bijeenkomst"] = sessieveld(
            _sessies_voor_bevinding(casuswijk),
            met_wijk=casuswijk is None,
            required=False,
            label="bijeenkomst",
        )

    def clean(self):
        gegevens = super().clean()
        casuswijk, bijeenkomst = gegevens.get("casuswijk"), gegevens.get("bijeenkomst")
        if (
            casuswijk
            and bijeenkomst
            and not _sessies_voor_bevinding(casuswijk).filter(pk=bijeenkomst.pk).exists()
        ):
            self.add_error("bijeenkomst", "Deze bijeenkomst hoort niet bij deze casuswijk.")
        return gegevens


def _sessies_voor_bevinding(casuswijk: Casuswijk | None):
    if casuswijk is None:
        return Bijeenkomst.objects.all()
    return Bijeenkomst.objects.filter(
        Q(casuswijk=casuswijk) | Q(casuswijk__isnull=True, oproep=casuswijk.aanmelding.oproep_id)
    )


@admin.register(Bevinding)
class BevindingAdmin(CsvExport, admin.ModelAdmin):
    form = BevindingForm
    export = BEVINDINGEN
    actions = ["exporteer_csv"]
    list_display = [
        "__str__",
        "casuswijk",
        "leervraag",
        "goed_voorbeeld",
        "zichtbaarheid",
        "aangemaakt",
    ]
    list_filter = ["leervraag", "goed_voorbeeld", "zichtbaarheid", "casuswijk"]
    list_select_related = ["casuswijk"]
    search_fields = ["tekst"]


class VoorbeeldForm(forms.ModelForm):
    link = forms.URLField(label="Webadres", max_length=500, required=False, assume_scheme="https")

    class Meta:
        model = Voorbeeld
        fields = [
            "oproep",
            "titel",
            "organisatie",
            "plaats",
            "omschrijving",
            "link",
            "leervraag",
            "categorie",
            "zichtbaarheid",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # An example from elsewhere belongs to no casuswijk: the wijk level is not offered.
        self.fields["zichtbaarheid"].choices = [
            keuze for keuze in Zichtbaarheid.choices if keuze[0] != Zichtbaarheid.WIJK
        ]


@admin.register(Voorbeeld)
class VoorbeeldAdmin(admin.ModelAdmin):
    form = VoorbeeldForm
    list_display = ["titel", "organisatie", "plaats", "oproep", "leervraag", "zichtbaarheid"]
    list_filter = ["oproep", "leervraag", "zichtbaarheid", "categorie"]
    list_select_related = ["oproep"]
    search_fields = ["titel", "organisatie", "plaats", "omschrijving"]
