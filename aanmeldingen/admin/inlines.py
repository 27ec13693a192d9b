"""The rows shown inside an application: members, assigned reviewers, declared conflicts
of interest, reviews, changes, history."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.html import format_html_join

from netwerk.persoonsgegevens import PLAATSHOUDER
from netwerk.rechten import Recht, mag

from ..enums import Status
from ..models import (
    SCORE_VELDEN,
    Aanmelding,
    Belangenconflict,
    Beoordeling,
    Coalitielid,
    Revisie,
    Statuswijziging,
    Toestemming,
    Toewijzing,
)
from ..services import beoordelaars
from ..validators import valideer_coalitie


class CoalitieInlineFormSet(BaseInlineFormSet):
    """Staff may correct members, but the coalition rules hold here as on the public form.

    A member erased on request (netwerk.persoonsgegevens) stays as PLAATSHOUDER without a
    position or address: those two may stay empty for that row, so that the application
    can still be saved."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for form in self.forms:
            lid = form.instance
            if lid.pk and lid.naam == PLAATSHOUDER and not lid.email:
                form.fields["functie"].required = False
                form.fields["email"].required = False

    def clean(self) -> None:
        super().clean()
        if any(self.errors):
            return
        leden = [
            form.cleaned_data
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        try:
            valideer_coalitie(leden, concept=self.instance.status == Status.CONCEPT)
        except ValidationError as fout:
            raise ValidationError(fout.messages) from None

    def save(self, commit: bool = True):
        # Rows are saved one by one, and the database allows one contact person at any
        # moment: clear the old one first when the contact person moves to another member.
        if commit and any("is_contactpersoon" in form.changed_data for form in self.forms):
            self.instance.leden.update(is_contactpersoon=False)
            for form in self.forms:
                if form.instance.pk and form.cleaned_data.get("is_contactpersoon"):
                    form.changed_data.append("is_contactpersoon")
        return super().save(commit)


class CoalitielidInline(admin.TabularInline):
    model = Coalitielid
    formset = CoalitieInlineFormSet
    fields = [
        "naam",
        "organisatie",
        "organisatietype",
        "domein",
        "functie",
        "email",
        "is_contactpersoon",
    ]
    extra = 0


class StatuswijzigingInline(admin.TabularInline):
    model = Statuswijziging

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("door")

    fields = ["tijdstip", "van", "naar", "door", "toelichting"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = "geschiedenis van de status"

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class RevisieInline(admin.TabularInline):
    model = Revisie
    fields = ["tijdstip", "overzicht"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description="wat er veranderde")
    def overzicht(self, revisie: Revisie) -> str:
        return format_html_join(
            "",
            "<details><summary>{}</summary><p><strong>Was:</strong> {}</p>"
            "<p><strong>Werd:</strong> {}</p></details>",
            (
                (wijziging["veld"], wijziging["oud"] or "(leeg)", wijziging["nieuw"] or "(leeg)")
                for wijziging in revisie.wijzigingen
            ),
        )


class ToestemmingInline(admin.TabularInline):
    """Every consent the applicant gave, with the statement's version: a log, read-only."""

    model = Toestemming
    fields = ["tijdstip", "versie", "moment"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class BeoordelingInline(admin.StackedInline):
    """The reviews this staff member may read, read-only; writing is on its own page."""

    model = Beoordeling
    fields = ["beoordelaar", *SCORE_VELDEN, "advies", "motivatie", "gewijzigd"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = "beoordelingen (zichtbaar nadat u zelf hebt beoordeeld)"

    def get_queryset(self, request):
        return Beoordeling.objects.zichtbaar_voor(request.user).select_related("beoordelaar")

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class ToewijzingForm(forms.ModelForm):
    """One reviewer assigned by hand: only to an application under review, and never one
    who declared a conflict of interest."""

    class Meta:
        model = Toewijzing
        fields = ["beoordelaar"]

    def clean(self):
        gegevens = super().clean()
        beoordelaar = gegevens.get("beoordelaar")
        if beoordelaar is not None and not self.instance.pk:
            aanmelding = Aanmelding.objects.get(pk=self.instance.aanmelding_id)
            if not aanmelding.is_in_beoordeling:
                self.add_error(
                    "beoordelaar",
                    "Deze aanmelding wordt niet meer beoordeeld en krijgt geen beoordelaars meer.",
                )
                return gegevens
        if (
            beoordelaar is not None
            and not self.instance.pk
            and Belangenconflict.objects.filter(
                aanmelding_id=self.instance.aanmelding_id, beoordelaar=beoordelaar
            ).exists()
        ):
            self.add_error(
                "beoordelaar",
                f"{beoordelaar.get_full_name() or beoordelaar.get_username()} heeft een "
                "belangenconflict gemeld voor deze aanmelding en kan haar niet beoordelen.",
            )
        return gegevens


class ToewijzingInline(admin.TabularInline):
    """The reviewers assigned to the application, for who may assign them; one is added or
    taken off here, many at once with the list's action "Beoordelaars toewijzen"."""

    model = Toewijzing
    form = ToewijzingForm
    fields = ["beoordelaar", "stand", "toegewezen_door", "aangemaakt"]
    readonly_fields = ["stand", "toegewezen_door", "aangemaakt"]
    extra = 0
    verbose_name = "toegewezen beoordelaar"
    verbose_name_plural = "toegewezen beoordelaars"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .met_stand()
            .select_related("beoordelaar", "toegewezen_door")
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "beoordelaar":
            kwargs["queryset"] = beoordelaars()
        veld = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "beoordelaar":
            veld.label_from_instance = lambda g: g.get_full_name() or g.get_username()
        return veld

    @admin.display(description="stand")
    def stand(self, toewijzing: Toewijzing) -> str:
        return toewijzing.stand_tekst if toewijzing.pk else "–"

    def has_view_permission(self, request, obj=None) -> bool:
        return mag(request.user, Recht.WIJS_BEOORDELAARS_TOE)

    def has_add_permission(self, request, obj=None) -> bool:
        return mag(request.user, Recht.WIJS_BEOORDELAARS_TOE)

    def has_change_permission(self, request, obj=None) -> bool:
        # Another reviewer is another assignment: take this one off and add that one.
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return mag(request.user, Recht.WIJS_BEOORDELAARS_TOE)


class BelangenconflictInline(admin.TabularInline):
    """The conflicts of interest reviewers declared for the application, read-only."""

    model = Belangenconflict
    fields = ["beoordelaar", "toelichting", "gemeld_op"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("beoordelaar")

    def has_view_permission(self, request, obj=None) -> bool:
        return mag(request.user, Recht.LEES_BELANGENCONFLICTEN)

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
