"""A session's attachments, added and replaced on the session's page: each file checked
(casuswijken/bijlagen.py) before anything is saved."""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from ..bijlagen import (
    EXTENSIES,
    controleer_bestand,
    extensie,
    grootte_in_woorden,
    naamfout,
    schone_naam,
    soort_in_woorden,
    standaardnaam,
)
from ..models import Bijlage, Casuswijk


class BijlageForm(forms.ModelForm):
    class Meta:
        model = Bijlage
        fields = ["bestand", "naam"]
        # A plain file input: the current file is never shown by a storage URL, only linked
        # through the checked download (BijlageInline.downloaden).
        widgets = {"bestand": forms.FileInput(attrs={"accept": ",".join(sorted(EXTENSIES))})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bestand"].help_text = (
            "PDF, afbeelding (PNG, JPEG, GIF, WebP), presentatie, document of spreadsheet "
            "(Office of OpenDocument), tekst of CSV; maximaal "
            f"{grootte_in_woorden(settings.BIJLAGEN_MAX_GROOTTE)}. Bij een bestaande bijlage "
            "vervangt een nieuw bestand het oude."
        )
        self.fields["naam"].required = False
        self.fields["naam"].help_text = (
            "Zoals lezers hem zien. Leeg: de naam van het bestand. Een naam met extensie "
            "(.pdf, .docx) moet bij het bestand passen en wordt bij een nieuw bestand diens "
            "naam; een naam zonder extensie blijft staan."
        )

    def clean_bestand(self):
        bestand = self.cleaned_data.get("bestand")
        if bestand and "bestand" in self.changed_data:
            self.instance.inhoudstype = controleer_bestand(bestand)
            self.instance.grootte = bestand.size
        return bestand

    def clean_naam(self) -> str:
        return schone_naam(self.cleaned_data.get("naam", ""))

    def clean(self):
        """The name readers see: the file's own name when none is given, and when a file
        replaces another under a file name (one with an extension of a kind we know) that
        was left as it was; a title without extension stays. A name given for another kind
        than the file's is refused at the name."""
        gegevens = super().clean()
        naam = gegevens.get("naam")
        bestand = gegevens.get("bestand")
        nieuw_bestand = bool(bestand) and "bestand" in self.changed_data
        if nieuw_bestand and (
            not naam or ("naam" not in self.changed_data and extensie(naam) in EXTENSIES)
        ):
            gegevens["naam"] = standaardnaam(bestand.name)
        elif not naam and self.instance.pk:
            gegevens["naam"] = self.instance.naam
        elif (
            naam
            and "bestand" not in self.errors
            and "naam" in self.changed_data
            and (fout := naamfout(naam, self.instance.inhoudstype))
        ):
            self.add_error("naam", fout)
        return gegevens


def downloadadres(bijlage: Bijlage) -> str | None:
    """The attachment's download as participants open it: through the session's casuswijk,
    or for a national session through the first casuswijk of its call."""
    sessie = bijlage.bijeenkomst
    casuswijk = (
        sessie.casuswijk or Casuswijk.objects.filter(aanmelding__oproep=sessie.oproep_id).first()
    )
    if casuswijk is None:
        return None
    return reverse("casuswijken:bijlage", args=[casuswijk.slug, sessie.pk, bijlage.pk])


class BijlageInline(admin.TabularInline):
    model = Bijlage
    form = BijlageForm
    fields = ["bestand", "naam", "soort", "grootte_weergave", "downloaden"]
    readonly_fields = ["soort", "grootte_weergave", "downloaden"]
    extra = 1
    verbose_name_plural = "bijlagen (alleen te openen voor wie de bijeenkomst mag lezen)"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("bijeenkomst__casuswijk")

    @admin.display(description="soort")
    def soort(self, bijlage: Bijlage) -> str:
        return soort_in_woorden(bijlage.inhoudstype) if bijlage.pk else "–"

    @admin.display(description="grootte")
    def grootte_weergave(self, bijlage: Bijlage) -> str:
        return grootte_in_woorden(bijlage.grootte) if bijlage.pk else "–"

    @admin.display(description="bestand openen")
    def downloaden(self, bijlage: Bijlage) -> str:
        adres = downloadadres(bijlage) if bijlage.pk else None
        if adres is None:
            return "–"
        return format_html('<a href="{}">Downloaden</a>', adres)
