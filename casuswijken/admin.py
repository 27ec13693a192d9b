from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.models import BaseInlineFormSet
from django.template.response import TemplateResponse
from django.utils import timezone

from netwerk.rechten import Recht, mag

from .enums import Actiestatus, Rol
from .models import (
    Actiepunt,
    Bevinding,
    Bijeenkomst,
    Casuswijk,
    Deelname,
    Interventie,
    Interventiecategorie,
)
from .services import meld_verslag, nodig_coalitie_uit, nodig_uit, stuur_uitnodiging_opnieuw


class PartnerForm(forms.Form):
    naam = forms.CharField(max_length=150)
    email = forms.EmailField(label="E-mailadres", max_length=254)
    organisatie = forms.CharField(max_length=150, required=False)
    functie = forms.CharField(max_length=100, required=False)


class DeelnameInline(admin.TabularInline):
    model = Deelname
    fields = ["gebruiker", "rol", "organisatie", "functie", "begonnen_op", "beeindigd_op"]
    readonly_fields = ["begonnen_op"]
    raw_id_fields = ["gebruiker"]
    extra = 0


class InterventieInline(admin.StackedInline):
    model = Interventie
    fields = ["naam", "domein", "categorie", "status", "partners", "omschrijving", "ervaringen"]
    extra = 0


@admin.register(Casuswijk)
class CasuswijkAdmin(admin.ModelAdmin):
    list_display = ["naam", "gemeente", "aangemaakt"]
    list_select_related = ["aanmelding"]
    readonly_fields = ["aanmelding", "aangemaakt"]
    fields = ["naam", "slug", "aanmelding", "aangemaakt"]
    search_fields = ["naam", "aanmelding__gemeente"]
    inlines = [DeelnameInline, InterventieInline]
    actions = ["coalitie_uitnodigen", "partner_uitnodigen"]

    def has_uitnodigen_permission(self, request) -> bool:
        return mag(request.user, Recht.UITNODIGEN)

    @admin.action(
        description="De coalitieleden van de aanmelding uitnodigen", permissions=["uitnodigen"]
    )
    def coalitie_uitnodigen(self, request, queryset) -> None:
        for casuswijk in queryset.select_related("aanmelding"):
            nieuw = nodig_coalitie_uit(casuswijk=casuswijk)
            self.message_user(
                request,
                f"{casuswijk}: {len(nieuw)} coalitielid/-leden uitgenodigd; wie al deelnam, "
                "is overgeslagen.",
                messages.SUCCESS,
            )

    @admin.action(description="Een lokale partner uitnodigen", permissions=["uitnodigen"])
    def partner_uitnodigen(self, request, queryset):
        if len(queryset) != 1:
            self.message_user(request, "Kies één casuswijk.", messages.WARNING)
            return None
        casuswijk = queryset.get()
        form = PartnerForm(request.POST if "email" in request.POST else None)
        if form.is_bound and form.is_valid():
            deelname, nieuw = nodig_uit(
                casuswijk=casuswijk, rol=Rol.LOKALE_PARTNER, **form.cleaned_data
            )
            self.message_user(
                request,
                f"Uitnodiging voor {casuswijk} verstuurd naar {deelname.gebruiker.email}."
                if nieuw
                else f"Er neemt al iemand met {deelname.gebruiker.email} deel aan {casuswijk}.",
                messages.SUCCESS if nieuw else messages.INFO,
            )
            return None
        return TemplateResponse(
            request,
            "admin/casuswijken/partner_uitnodigen.html",
            {
                **self.admin_site.each_context(request),
                "title": f"Lokale partner uitnodigen voor {casuswijk}",
                "casuswijk": casuswijk,
                "form": form,
                "opts": self.model._meta,
                "actie_checkbox_naam": helpers.ACTION_CHECKBOX_NAME,
            },
        )

    @admin.display(description="gemeente", ordering="aanmelding__gemeente")
    def gemeente(self, casuswijk: Casuswijk) -> str:
        return casuswijk.aanmelding.gemeente

    def has_add_permission(self, request) -> bool:
        # A casuswijk comes from a selected application when the decisions are sent.
        return False


class ActiepuntFormSet(BaseInlineFormSet):
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
        for form in nieuw:
            afgerond_in = form.cleaned_data.get("afgerond_in")
            if afgerond_in and afgerond_in.casuswijk_id != self.instance.casuswijk_id:
                form.add_error("afgerond_in", "Deze bijeenkomst hoort bij een andere casuswijk.")


class ActiepuntInline(admin.TabularInline):
    model = Actiepunt
    formset = ActiepuntFormSet
    fk_name = "bijeenkomst"
    fields = ["omschrijving", "eigenaar", "eigenaar_naam", "deadline", "status", "afgerond_in"]
    raw_id_fields = ["eigenaar"]
    formfield_overrides = {
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 40})}
    }
    extra = 1
    verbose_name_plural = "actiepunten afgesproken in deze bijeenkomst"


@admin.register(Bijeenkomst)
class BijeenkomstAdmin(admin.ModelAdmin):
    list_display = ["titel", "casuswijk", "soort", "begint_op", "zichtbaarheid", "gepubliceerd"]
    list_filter = ["soort", "zichtbaarheid", "gepubliceerd", "oproep", "casuswijk"]
    list_select_related = ["casuswijk", "oproep"]
    search_fields = ["titel", "agenda", "verslag"]
    date_hierarchy = "begint_op"
    fieldsets = [
        (None, {"fields": ["oproep", "casuswijk", "soort", "titel"]}),
        ("Wanneer en waar", {"fields": ["begint_op", "eindigt_op", "locatie", "begeleiders"]}),
        ("Inhoud (Markdown)", {"fields": ["agenda", "verslag"]}),
        ("Wie het mag lezen", {"fields": ["zichtbaarheid", "gepubliceerd", "gepubliceerd_op"]}),
    ]
    readonly_fields = ["gepubliceerd_op"]
    inlines = [ActiepuntInline]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "begeleiders":
            # A short list of staff: tick boxes, without the picker's untranslated hints.
            kwargs["queryset"] = (
                get_user_model().objects.with_perm(Recht.BEGELEIDEN).filter(is_staff=True)
            )
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change) -> None:
        if obj.gepubliceerd and obj.gepubliceerd_op is None:
            obj.gepubliceerd_op = timezone.now()
        super().save_model(request, obj, form, change)
        aantal = meld_verslag(bijeenkomst=obj)
        if aantal:
            self.message_user(
                request,
                f"{aantal} deelnemer(s) krijgen een e-mail dat het verslag online staat.",
                messages.INFO,
            )

    def save_formset(self, request, form, formset, change) -> None:
        # Action points made at a session belong to that session's casuswijk; one closed
        # here without saying where was closed in this session.
        for actiepunt in formset.save(commit=False):
            actiepunt.casuswijk_id = form.instance.casuswijk_id
            if actiepunt.status == Actiestatus.AFGEROND and actiepunt.afgerond_in_id is None:
                actiepunt.afgerond_in = form.instance
            actiepunt.save()
        for verwijderd in formset.deleted_objects:
            verwijderd.delete()
        formset.save_m2m()


class ActiepuntForm(forms.ModelForm):
    class Meta:
        model = Actiepunt
        fields = [
            "casuswijk",
            "bijeenkomst",
            "omschrijving",
            "eigenaar",
            "eigenaar_naam",
            "deadline",
            "status",
            "afgerond_in",
        ]

    def clean(self):
        gegevens = super().clean()
        casuswijk = gegevens.get("casuswijk")
        for veld in ["bijeenkomst", "afgerond_in"]:
            bijeenkomst = gegevens.get(veld)
            if casuswijk and bijeenkomst and bijeenkomst.casuswijk_id != casuswijk.pk:
                self.add_error(veld, "Deze bijeenkomst hoort bij een andere casuswijk.")
        if gegevens.get("status") == Actiestatus.AFGEROND and not gegevens.get("afgerond_in"):
            self.add_error("afgerond_in", "Kies de bijeenkomst waarin het actiepunt is afgerond.")
        return gegevens


@admin.register(Actiepunt)
class ActiepuntAdmin(admin.ModelAdmin):
    form = ActiepuntForm
    list_display = ["omschrijving", "casuswijk", "eigenaar_weergave", "deadline", "status"]
    list_filter = ["status", "casuswijk"]
    list_select_related = ["casuswijk", "eigenaar"]
    search_fields = ["omschrijving", "eigenaar_naam"]
    raw_id_fields = ["eigenaar"]

    @admin.display(description="eigenaar")
    def eigenaar_weergave(self, actiepunt: Actiepunt) -> str:
        return actiepunt.eigenaar_weergave


@admin.register(Interventie)
class InterventieAdmin(admin.ModelAdmin):
    list_display = ["naam", "casuswijk", "categorie", "domein", "status"]
    list_filter = ["categorie", "domein", "status", "casuswijk"]
    list_select_related = ["casuswijk", "categorie"]
    search_fields = ["naam", "omschrijving", "partners"]


@admin.register(Interventiecategorie)
class InterventiecategorieAdmin(admin.ModelAdmin):
    list_display = ["naam"]
    search_fields = ["naam"]


@admin.register(Bevinding)
class BevindingAdmin(admin.ModelAdmin):
    list_display = ["__str__", "casuswijk", "leervraag", "goed_voorbeeld", "aangemaakt"]
    list_filter = ["leervraag", "goed_voorbeeld", "casuswijk"]
    list_select_related = ["casuswijk"]
    search_fields = ["tekst"]
    raw_id_fields = ["bijeenkomst"]


@admin.register(Deelname)
class DeelnameAdmin(admin.ModelAdmin):
    list_display = ["gebruiker", "casuswijk", "rol", "begonnen_op", "beeindigd_op"]
    list_filter = ["rol", "casuswijk"]
    list_select_related = ["gebruiker", "casuswijk"]
    search_fields = ["gebruiker__email", "gebruiker__last_name", "casuswijk__naam"]
    raw_id_fields = ["gebruiker"]
    actions = ["uitnodiging_opnieuw"]

    def has_uitnodigen_permission(self, request) -> bool:
        return mag(request.user, Recht.UITNODIGEN)

    @admin.action(
        description="Uitnodiging opnieuw sturen (wie nog geen wachtwoord heeft)",
        permissions=["uitnodigen"],
    )
    def uitnodiging_opnieuw(self, request, queryset) -> None:
        verstuurd = sum(
            stuur_uitnodiging_opnieuw(deelname=deelname)
            for deelname in queryset.select_related("gebruiker", "casuswijk")
        )
        self.message_user(
            request,
            f"Nieuwe uitnodiging verstuurd aan {verstuurd} deelnemer(s). Wie al een wachtwoord "
            "heeft of niet meer deelneemt, is overgeslagen.",
            messages.SUCCESS,
        )
