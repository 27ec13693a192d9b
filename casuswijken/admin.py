import copy

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.forms.models import BaseInlineFormSet
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html

from netwerk.rechten import Recht, mag

from .enums import Rol
from .models import (
    Actiepunt,
    Bevinding,
    Bijeenkomst,
    Casuswijk,
    Deelname,
    Interventie,
    Interventiecategorie,
)
from .services import (
    nodig_coalitie_uit,
    nodig_uit,
    rond_af,
    sla_actiepunt_op,
    sla_bijeenkomst_op,
    stuur_uitnodiging_opnieuw,
)


def _aantal(aantal: int, enkelvoud: str, meervoud: str) -> str:
    return f"{aantal} {enkelvoud if aantal == 1 else meervoud}"


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


def _keuzes_eenmaal(veld: forms.ModelChoiceField) -> forms.ModelChoiceField:
    """The choices read once, for every form of a formset (validation still asks the
    queryset)."""
    veld.choices = list(veld.choices)
    return veld


class PartnerForm(forms.Form):
    naam = forms.CharField(max_length=150)
    email = forms.EmailField(label="E-mailadres", max_length=254)
    organisatie = forms.CharField(max_length=150, required=False)
    functie = forms.CharField(max_length=100, required=False)


class DeelnameInline(admin.TabularInline):
    """The participants, read as people. New ones come in through the list's invitation
    actions (which make the account and mail it), not by picking an account here."""

    model = Deelname
    fields = ["persoon", "rol", "organisatie", "functie", "begonnen_op", "beeindigd_op"]
    readonly_fields = ["persoon", "begonnen_op"]
    extra = 0
    verbose_name_plural = (
        "deelnames (nieuwe deelnemers nodigt u uit met een actie in de lijst van casuswijken)"
    )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("gebruiker")

    @admin.display(description="persoon")
    def persoon(self, deelname: Deelname) -> str:
        return persoon(deelname.gebruiker)

    def has_add_permission(self, request, obj=None) -> bool:
        return False


def persoon(gebruiker) -> str:
    naam = gebruiker.get_full_name()
    return f"{naam} ({gebruiker.email})" if naam else gebruiker.email


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
                f"{casuswijk}: {_aantal(len(nieuw), 'coalitielid', 'coalitieleden')} "
                "uitgenodigd; wie al deelnam, is overgeslagen.",
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

    def change_view(self, request, object_id, form_url="", extra_context=None):
        casuswijk = self.get_object(request, object_id)
        if casuswijk is not None:
            extra_context = {
                **(extra_context or {}),
                "deelnemers_url": reverse("casuswijken:casuswijk", args=[casuswijk.slug]),
            }
        return super().change_view(request, object_id, form_url, extra_context)


class ActiepuntFormSet(BaseInlineFormSet):
    """The action points agreed in a session: owners among its casuswijk's participants,
    closing sessions among its casuswijk's sessions."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        casuswijk_id = self.instance.casuswijk_id
        self._eigenaar = _keuzes_eenmaal(
            EigenaarVeld(eigenaars(casuswijk_id), met_wijk=casuswijk_id is None)
        )
        self._afgerond_in = _keuzes_eenmaal(
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
        for form in nieuw:
            afgerond_in = form.cleaned_data.get("afgerond_in")
            if afgerond_in and afgerond_in.casuswijk_id != self.instance.casuswijk_id:
                form.add_error("afgerond_in", "Deze bijeenkomst hoort bij een andere casuswijk.")


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


class AfrondVeld(forms.ModelMultipleChoiceField):
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


@admin.register(Bijeenkomst)
class BijeenkomstAdmin(admin.ModelAdmin):
    form = BijeenkomstForm
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

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and obj.casuswijk_id:
            fieldsets = [*fieldsets, ("Actiepunten van eerder", {"fields": ["afronden"]})]
        return fieldsets

    def change_view(self, request, object_id, form_url="", extra_context=None):
        sessie = self.get_object(request, object_id)
        if sessie is not None:
            extra_context = {**(extra_context or {}), "deelnemers_url": deelnemers_url(sessie)}
        return super().change_view(request, object_id, form_url, extra_context)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "begeleiders":
            # A short list of staff: tick boxes, without the picker's untranslated hints.
            kwargs["queryset"] = (
                get_user_model().objects.with_perm(Recht.BEGELEIDEN).filter(is_staff=True)
            )
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change) -> None:
        aantal = sla_bijeenkomst_op(bijeenkomst=obj)
        for actiepunt in form.cleaned_data.get("afronden", []):
            rond_af(actiepunt=actiepunt, in_bijeenkomst=obj)
        if aantal:
            self.message_user(
                request,
                f"{_aantal(aantal, 'deelnemer krijgt', 'deelnemers krijgen')} een e-mail dat "
                "het verslag online staat.",
                messages.INFO,
            )

    def save_formset(self, request, form, formset, change) -> None:
        for actiepunt in formset.save(commit=False):
            sla_actiepunt_op(actiepunt=actiepunt, in_bijeenkomst=form.instance)
        for verwijderd in formset.deleted_objects:
            verwijderd.delete()
        formset.save_m2m()


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


class ActiepuntForm(forms.ModelForm):
    """On the change page the choices are the point's casuswijk's; on the add page, where
    the casuswijk is chosen in the same form, every casuswijk's, checked against it."""

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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        casuswijk_id = self.instance.casuswijk_id
        sessies = (
            Bijeenkomst.objects.filter(casuswijk=casuswijk_id)
            if casuswijk_id
            else Bijeenkomst.objects.filter(casuswijk__isnull=False)
        )
        met_wijk = casuswijk_id is None
        self.fields["bijeenkomst"] = sessieveld(
            sessies,
            met_wijk=met_wijk,
            label="bijeenkomst",
            help_text="De bijeenkomst waar het actiepunt is afgesproken.",
        )
        self.fields["afgerond_in"] = sessieveld(
            sessies,
            met_wijk=met_wijk,
            required=False,
            label="afgerond in",
            help_text="Leeg: afgerond buiten een bijeenkomst, op de dag van opslaan.",
        )
        self.fields["eigenaar"] = EigenaarVeld(eigenaars(casuswijk_id), met_wijk=met_wijk)

    def clean(self):
        gegevens = super().clean()
        casuswijk = gegevens.get("casuswijk")
        if casuswijk is None:
            return gegevens
        for veld in ["bijeenkomst", "afgerond_in"]:
            bijeenkomst = gegevens.get(veld)
            if bijeenkomst and bijeenkomst.casuswijk_id != casuswijk.pk:
                self.add_error(veld, "Deze bijeenkomst hoort bij een andere casuswijk.")
        eigenaar = gegevens.get("eigenaar")
        if (
            eigenaar
            and eigenaar.pk != self.instance.eigenaar_id
            and not Deelname.objects.actief().filter(gebruiker=eigenaar, casuswijk=casuswijk)
        ):
            self.add_error("eigenaar", "Deze persoon neemt niet deel aan deze casuswijk.")
        return gegevens


@admin.register(Actiepunt)
class ActiepuntAdmin(admin.ModelAdmin):
    form = ActiepuntForm
    list_display = ["omschrijving", "casuswijk", "eigenaar_weergave", "deadline", "status"]
    list_filter = ["status", "casuswijk"]
    list_select_related = ["casuswijk", "eigenaar"]
    search_fields = ["omschrijving", "eigenaar_naam"]
    readonly_fields = ["afgerond_op"]

    @admin.display(description="eigenaar")
    def eigenaar_weergave(self, actiepunt: Actiepunt) -> str:
        return actiepunt.eigenaar_weergave

    def save_model(self, request, obj, form, change) -> None:
        sla_actiepunt_op(actiepunt=obj)


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


class BevindingForm(forms.ModelForm):
    """The session is one of the casuswijk's own or a national one of its call; on the add
    page every session, checked against the casuswijk chosen."""

    class Meta:
        model = Bevinding
        fields = ["leervraag", "casuswijk", "bijeenkomst", "tekst", "goed_voorbeeld"]

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
class BevindingAdmin(admin.ModelAdmin):
    form = BevindingForm
    list_display = ["__str__", "casuswijk", "leervraag", "goed_voorbeeld", "aangemaakt"]
    list_filter = ["leervraag", "goed_voorbeeld", "casuswijk"]
    list_select_related = ["casuswijk"]
    search_fields = ["tekst"]


@admin.register(Deelname)
class DeelnameAdmin(admin.ModelAdmin):
    list_display = ["gebruiker", "casuswijk", "rol", "begonnen_op", "beeindigd_op"]
    list_filter = ["rol", "casuswijk"]
    list_select_related = ["gebruiker", "casuswijk"]
    search_fields = ["gebruiker__email", "gebruiker__last_name", "casuswijk__naam"]
    readonly_fields = ["gebruiker", "casuswijk"]
    actions = ["uitnodiging_opnieuw"]

    def has_add_permission(self, request) -> bool:
        # People come in through the casuswijken list's invitation actions, which make the
        # account and mail it.
        return False

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
            f"Nieuwe uitnodiging verstuurd aan {_aantal(verstuurd, 'deelnemer', 'deelnemers')}. "
            "Wie al een wachtwoord heeft of niet meer deelneemt, is overgeslagen.",
            messages.SUCCESS,
        )
