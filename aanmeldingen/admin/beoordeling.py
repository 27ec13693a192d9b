"""Reviews: each staff member writes their own."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from ..models import (
    SCORE_VELDEN,
    Aanmelding,
    Beoordeling,
)


class BeoordelingForm(forms.ModelForm):
    beoordelaar = None  # the staff member writing it; set per request by the admin

    class Meta:
        model = Beoordeling
        fields = ["aanmelding", *SCORE_VELDEN, "advies", "motivatie"]
        widgets = {
            **dict.fromkeys(SCORE_VELDEN, forms.RadioSelect),
            "advies": forms.RadioSelect,
        }

    def clean(self):
        gegevens = super().clean()
        aanmelding = gegevens.get("aanmelding") or (
            self.instance.aanmelding if self.instance.aanmelding_id else None
        )
        if (
            aanmelding
            and Beoordeling.objects.filter(aanmelding=aanmelding, beoordelaar=self.beoordelaar)
            .exclude(pk=self.instance.pk)
            .exists()
        ):
            raise ValidationError(
                "U hebt deze aanmelding al beoordeeld. Pas uw eerdere beoordeling aan in "
                "plaats van een tweede te schrijven."
            )
        return gegevens


@admin.register(Beoordeling)
class BeoordelingAdmin(admin.ModelAdmin):
    """Reviews: each staff member writes and changes only their own, and reads others'
    only after writing their own (BeoordelingQuerySet.zichtbaar_voor)."""

    form = BeoordelingForm
    list_display = ["aanmelding", "beoordelaar", "gemiddelde_score", "advies", "gewijzigd"]
    list_filter = ["advies", "aanmelding__oproep"]
    list_select_related = ["aanmelding", "beoordelaar"]
    search_fields = ["aanmelding__wijknaam", "aanmelding__gemeente"]

    def get_queryset(self, request):
        return Beoordeling.objects.zichtbaar_voor(request.user).select_related(
            "aanmelding", "beoordelaar"
        )

    def get_form(self, request, obj=None, change=False, **kwargs):
        formulier = super().get_form(request, obj, change, **kwargs)
        formulier.beoordelaar = request.user
        return formulier

    def get_readonly_fields(self, request, obj=None):
        return ["aanmelding", "beoordelaar"] if obj else []

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "aanmelding":
            kwargs["queryset"] = Aanmelding.objects.aanmeldingen().exclude(
                beoordelingen__beoordelaar=request.user
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_change_permission(self, request, obj=None) -> bool:
        if obj is not None and obj.beoordelaar_id != request.user.pk:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def save_model(self, request, obj, form, change) -> None:
        if not change:
            obj.beoordelaar = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description="gemiddeld")
    def gemiddelde_score(self, beoordeling: Beoordeling) -> str:
        return f"{beoordeling.gemiddelde:.1f}".replace(".", ",")
