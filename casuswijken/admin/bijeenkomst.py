"""Sessions, with the action points agreed in them and those carried over."""

import copy

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils.html import format_html

from netwerk.beheerpagina import telling
from netwerk.beheersite import is_sleutel
from netwerk.rechten import Recht

from ..bijlagen import sla_bijlage_op
from ..models import (
    Actiepunt,
    Bijeenkomst,
    Bijlage,
    Casuswijk,
    Deelname,
    Reactie,
    Uitnodiging,
)
from ..services import (
    CONCEPTMERK,
    leg_aanwezigheid_vast,
    noteer_actiepuntwijziging,
    rond_af,
    sla_actiepunt_op,
    sla_bijeenkomst_op,
)
from .bijlagen import BijlageInline
from .filters import VerslagFilter, WanneerFilter
from .uitnodiging import aanwezigheidsinlines, samenvatting
from .velden import EigenaarVeld, eigenaars, keuzes_eenmaal, sessielabel, sessieveld


class ActiepuntFormSet(BaseInlineFormSet):
    """The action points agreed in a session: owners among its casuswijk's participants,
    closing sessions among its casuswijk's sessions."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        casuswijk_id = self.instance.casuswijk_id
        self._eigenaar = keuzes_eenmaal(
            EigenaarVeld(eigenaars(casuswijk_id), met_wijk=casuswijk_id is None)
        )
        self._afgerond_in = keuzes_eenmaal(
            sessieveld(
                Bijeenkomst.objects.filter(casuswijk=casuswijk_id),
                met_wijk=False,
                required=False,
                label="afgerond in",
                help_text="Leeg: afgerond in deze bijeenkomst.",
            )
        )

    def add_fields(self, form, index) -> None:
        super().add_fields(form, index)
        form.fields["eigenaar"] = copy.deepcopy(self._eigenaar)
        form.fields["afgerond_in"] = copy.deepcopy(self._afgerond_in)

    def clean(self) -> None:
        super().clean()
        nieuw = [
            form
            for form in self.forms
            if form.has_changed() and not form.cleaned_data.get("DELETE", False)
        ]
        if nieuw and not self.instance.casuswijk_id:
            raise ValidationError(
                "Actiepunten horen bij een casuswijk; een landelijke bijeenkomst heeft er geen."
            )
        # On a new session the casuswijk was not known when the choices were made: they
        # offered every casuswijk's participants. Who owns a point must take part in this one
        # (or owned it already, also after leaving).
        deelnemers = set(
            Deelname.objects.actief()
            .filter(casuswijk=self.instance.casuswijk_id)
            .values_list("gebruiker", flat=True)
        )
        for form in nieuw:
            afgerond_in = form.cleaned_data.get("afgerond_in")
            if afgerond_in and afgerond_in.casuswijk_id != self.instance.casuswijk_id:
                form.add_error("afgerond_in", "Deze bijeenkomst hoort bij een andere casuswijk.")
            eigenaar = form.cleaned_data.get("eigenaar")
            if eigenaar and eigenaar.pk not in deelnemers and "eigenaar" in form.changed_data:
                form.add_error("eigenaar", "Deze persoon neemt geen deel aan deze casuswijk.")


class ActiepuntInline(admin.TabularInline):
    model = Actiepunt
    formset = ActiepuntFormSet
    fk_name = "bijeenkomst"
    fields = ["omschrijving", "eigenaar", "eigenaar_naam", "deadline", "status", "afgerond_in"]
    formfield_overrides = {
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 40})}
    }
    extra = 1
    verbose_name_plural = "actiepunten afgesproken in deze bijeenkomst"


class ReactieInline(admin.TabularInline):
    """The readers' reactions on the concept verslag: read only, and removable by staff who
    may delete them (moderation). They stay with the session once the verslag is final."""

    model = Reactie
    fields = ["door", "geplaatst_op", "tekst"]
    readonly_fields = fields
    extra = 0
    verbose_name = "reactie op het concept"
    verbose_name_plural = (
        "reacties op het concept (alleen lezen; een ongepaste reactie kunt u verwijderen)"
    )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("gebruiker")

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description="door")
    def door(self, reactie: Reactie) -> str:
        gebruiker = reactie.gebruiker
        return gebruiker.get_full_name() or gebruiker.get_username()


class AfrondVeld(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        # A tampered value (not a whole number in range) is no action point of this list.
        for waarde in value:
            if not is_sleutel(str(waarde)):
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": waarde},
                )
        return super()._check_values(value)

    def label_from_instance(self, actiepunt):
        return format_html(
            '<a href="{}">{}</a> · {} · afgesproken {}',
            reverse("admin:casuswijken_actiepunt_change", args=[actiepunt.pk]),
            actiepunt.omschrijving,
            actiepunt.eigenaar_weergave or "nog niemand",
            sessielabel(actiepunt.bijeenkomst),
        )


class BijeenkomstForm(forms.ModelForm):
    afronden = AfrondVeld(
        Actiepunt.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Nog open uit eerdere bijeenkomsten",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        sessie = self.instance
        if "verslagstatus" in self.fields:
            self.fields["verslagstatus"].help_text = (
                "Als concept kunnen de lezers het verslag aanvullen met een reactie; zij "
                "krijgen er een e-mail over. Stel het daarna vast: de lezers horen dat het "
                "vastgesteld is, en alleen een vastgesteld verslag komt in rapporten en op de "
                "openbare pagina's. Terug naar concept kan: de reacties blijven staan en er "
                "kan weer gereageerd worden."
            )
        if sessie.pk and sessie.casuswijk_id:
            nog_open = (
                Actiepunt.objects.open()
                .filter(casuswijk=sessie.casuswijk_id, bijeenkomst__begint_op__lt=sessie.begint_op)
                .exclude(bijeenkomst=sessie)
                .select_related("bijeenkomst", "eigenaar")
            )
            self.fields["afronden"].queryset = nog_open
            self.fields["afronden"].help_text = (
                "Vink aan wat in deze bijeenkomst is afgerond. Elk punt opent ook op zijn "
                "eigen pagina."
                if nog_open.exists()
                else "Niets meer open uit eerdere bijeenkomsten."
            )

    def clean(self):
        gegevens = super().clean()
        sessie = self.instance
        # Action points belong to the session's casuswijk: moving the session would leave
        # them behind in the other one, and points ticked here are of the old casuswijk.
        if (
            sessie.pk
            and "casuswijk" in self.changed_data
            and (
                sessie.actiepunten.exists()
                or sessie.afgeronde_actiepunten.exists()
                or gegevens.get("afronden")
            )
        ):
            self.add_error(
                "casuswijk",
                "Deze bijeenkomst heeft actiepunten van haar casuswijk en kan daarom niet naar "
                "een andere casuswijk. Maak zo nodig een nieuwe bijeenkomst.",
            )
        return gegevens


@admin.register(Bijeenkomst)
class BijeenkomstAdmin(admin.ModelAdmin):
    form = BijeenkomstForm
    list_display = [
        "titel",
        "casuswijk",
        "soort",
        "begint_op",
        "zichtbaarheid",
        "status",
        "verslagstatus",
    ]
    list_filter = [
        WanneerFilter,
        VerslagFilter,
        "soort",
        "zichtbaarheid",
        "gepubliceerd",
        "geannuleerd",
        "verslagstatus",
        "oproep",
        "casuswijk",
    ]
    list_select_related = ["casuswijk", "oproep"]
    search_fields = ["titel", "agenda", "verslag"]
    date_hierarchy = "begint_op"
    fieldsets = [
        (None, {"fields": ["oproep", "casuswijk", "soort", "titel"]}),
        (
            "Wanneer en waar",
            {
                "fields": [
                    "begint_op",
                    "eindigt_op",
                    "locatie",
                    "begeleiders",
                    "geannuleerd",
                    "geannuleerd_op",
                ]
            },
        ),
        (
            "Inhoud (Markdown)",
            {"fields": ["agenda", "verslag", "verslagstatus", "vastgesteld_op"]},
        ),
        ("Wie het mag lezen", {"fields": ["zichtbaarheid", "gepubliceerd", "gepubliceerd_op"]}),
    ]
    readonly_fields = ["gepubliceerd_op", "geannuleerd_op", "vastgesteld_op", "antwoorden"]
    radio_fields = {"verslagstatus": admin.VERTICAL}
    inlines = [ActiepuntInline, BijlageInline, ReactieInline]

    @admin.display(description="status", ordering="gepubliceerd")
    def status(self, sessie: Bijeenkomst) -> str:
        """In words, not only an icon: one column, so that the list fits a laptop's screen."""
        if sessie.geannuleerd:
            return "gaat niet door"
        return "gepubliceerd" if sessie.gepubliceerd else "niet gepubliceerd"

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None:
            fieldsets = [*fieldsets, ("Wie komt er", {"fields": ["antwoorden"]})]
        if obj is not None and obj.casuswijk_id:
            fieldsets = [*fieldsets, ("Actiepunten van eerder", {"fields": ["afronden"]})]
        return fieldsets

    def get_inlines(self, request, obj):
        inlines = list(super().get_inlines(request, obj))
        if not _toon_reacties(request, obj):
            inlines.remove(ReactieInline)
        return [*inlines, *aanwezigheidsinlines(obj)]

    @admin.display(description="antwoorden")
    def antwoorden(self, sessie: Bijeenkomst) -> str:
        return samenvatting(sessie)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        sessie = self.get_object(request, object_id)
        if sessie is not None:
            extra_context = {**(extra_context or {}), "deelnemers_url": deelnemers_url(sessie)}
        return super().change_view(request, object_id, form_url, extra_context)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "begeleiders":
            # A short list of staff: tick boxes, without the picker's untranslated hints.
            kwargs["queryset"] = (
                get_user_model()
                .objects.with_perm(Recht.BEGELEIDEN)
                .filter(is_staff=True)
                .order_by("first_name", "last_name", "username")
            )
            kwargs["widget"] = forms.CheckboxSelectMultiple
            veld = super().formfield_for_manytomany(db_field, request, **kwargs)
            veld.label_from_instance = lambda gebruiker: (
                gebruiker.get_full_name() or (gebruiker.username)
            )
            return veld
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change) -> None:
        concept_gemeld = obj.verslag_gemeld.startswith(CONCEPTMERK)
        gemeld = sla_bijeenkomst_op(bijeenkomst=obj)
        for actiepunt in form.cleaned_data.get("afronden", []):
            rond_af(actiepunt=actiepunt, in_bijeenkomst=obj)
            noteer_actiepuntwijziging(actiepunt=actiepunt, door=request.user)
        if obj.verslag_is_concept:
            verslagmail = "een e-mail dat het conceptverslag online staat, met de uitnodiging "
            verslagmail += "erop te reageren."
        elif concept_gemeld:
            verslagmail = "een e-mail dat het verslag is vastgesteld."
        else:
            verslagmail = "een e-mail dat het verslag online staat."
        for aantal, wat in [
            (gemeld.verslag, verslagmail),
            (
                gemeld.uitnodigingen,
                "een uitnodiging, met de bijeenkomst als bijlage voor de eigen agenda.",
            ),
            (gemeld.wijzigingen, "bericht van de nieuwe tijd, plaats of titel."),
            (gemeld.annuleringen, "bericht dat de bijeenkomst niet doorgaat."),
        ]:
            if aantal:
                self.message_user(
                    request,
                    f"{telling(aantal, 'deelnemer krijgt', 'deelnemers krijgen')} {wat}",
                    messages.INFO,
                )
        if gemeld.ingetrokken:
            self.message_user(
                request,
                f"{telling(gemeld.ingetrokken, 'uitnodiging', 'uitnodigingen')} ingetrokken: "
                "wie de bijeenkomst niet meer mag zien, krijgt daarvan bericht.",
                messages.INFO,
            )

    def save_formset(self, request, form, formset, change) -> None:
        if formset.model is Bijlage:
            for bijlage in formset.save(commit=False):
                sla_bijlage_op(bijlage=bijlage, door=request.user)
            for verwijderd in formset.deleted_objects:
                verwijderd.delete()  # its file goes with it (casuswijken/bijlagen.py)
            return
        if formset.model is Uitnodiging:
            formset.save(commit=False)  # only for the admin's history of the change
            leg_aanwezigheid_vast(bijeenkomst=form.instance, aanwezig=formset.aanwezigheid())
            return
        if formset.model is not Actiepunt:
            return super().save_formset(request, form, formset, change)
        opgeslagen = formset.save(commit=False)
        # A status changed on an existing point is recorded in its history.
        gewijzigd = {
            actiepunt.pk for actiepunt, velden in formset.changed_objects if "status" in velden
        }
        for actiepunt in opgeslagen:
            sla_actiepunt_op(actiepunt=actiepunt, in_bijeenkomst=form.instance)
            if actiepunt.pk in gewijzigd:
                noteer_actiepuntwijziging(actiepunt=actiepunt, door=request.user)
        for verwijderd in formset.deleted_objects:
            verwijderd.delete()
        formset.save_m2m()


def _toon_reacties(request, sessie: Bijeenkomst | None) -> bool:
    """The reactions' inline only where there are reactions. A save handles it only when the
    page it was sent from had it: a reaction placed while staff were editing must not make
    their save fail for want of the inline's management form."""
    if sessie is None:
        return False
    if request.method == "POST":
        # The formset's prefix is the relation's name: Reactie.bijeenkomst's related_name.
        return "reacties-TOTAL_FORMS" in request.POST
    return sessie.reacties.exists()


def deelnemers_url(sessie: Bijeenkomst) -> str | None:
    """The session's page as participants open it. A national session has no casuswijk of
    its own: it opens through the first casuswijk of its call, as for its participants;
    none while the call has no casuswijk."""
    casuswijk = (
        sessie.casuswijk or Casuswijk.objects.filter(aanmelding__oproep=sessie.oproep_id).first()
    )
    if casuswijk is None:
        return None
    return reverse("casuswijken:bijeenkomst", args=[casuswijk.slug, sessie.pk])
