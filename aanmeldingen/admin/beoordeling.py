"""Reviews: each staff member writes their own, with the application beside the scores."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Case, IntegerField, Value, When
from django.forms.models import ModelChoiceIterator
from django.http import HttpResponseRedirect
from django.urls import reverse

from netwerk.beheersite import GaatMeeBijVerwijderen

from ..models import (
    SCORE_VELDEN,
    Aanmelding,
    Beoordeling,
)
from .paginas import getal


class AangebodenKeuzes(ModelChoiceIterator):
    def __init__(self, field):
        super().__init__(field)
        self.queryset = field.aangeboden


class AanmeldingKeuze(forms.ModelChoiceField):
    """Offers only the applications still to review (`aangeboden`), but accepts any, so
    that the form can say why one is refused rather than "not a valid choice"."""

    iterator = AangebodenKeuzes

    def __init__(self, *args, **kwargs):
        self.aangeboden = Aanmelding.objects.none()
        super().__init__(*args, **kwargs)

    def bied_aan(self, aanmeldingen) -> None:
        self.aangeboden = aanmeldingen
        self.widget.choices = self.choices


def _waarom_niet(aanmelding: Aanmelding) -> str | None:
    """Why this application takes no reviews, in words for the reviewer; None if it does."""
    if aanmelding.is_in_beoordeling:
        return None
    if aanmelding.is_concept:
        return "Deze aanmelding is nog niet ingediend."
    if aanmelding.is_ingetrokken:
        return "Deze aanmelding is ingetrokken en wordt niet meer beoordeeld."
    return "Over deze aanmelding is al besloten; ze wordt niet meer beoordeeld."


class BeoordelingForm(forms.ModelForm):
    beoordelaar = None  # the staff member writing it; set per request by the admin

    aanmelding = AanmeldingKeuze(queryset=Aanmelding.objects.all(), label="Aanmelding")

    class Meta:
        model = Beoordeling
        fields = ["aanmelding", *SCORE_VELDEN, "advies", "motivatie"]
        widgets = {
            **dict.fromkeys(SCORE_VELDEN, forms.RadioSelect(attrs={"class": "scores"})),
            "advies": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "aanmelding" in self.fields:
            self.fields["aanmelding"].bied_aan(
                Aanmelding.objects.nog_te_beoordelen_door(self.beoordelaar)
            )
        # A score or an advice is required: no "---------" to choose.
        for naam in [*SCORE_VELDEN, "advies"]:
            if naam in self.fields:
                veld = self.fields[naam]
                veld.choices = [keuze for keuze in veld.choices if keuze[0] != ""]

    def clean_aanmelding(self):
        aanmelding = self.cleaned_data["aanmelding"]
        reden = _waarom_niet(aanmelding)
        if reden:
            raise ValidationError(reden)
        if Beoordeling.objects.filter(aanmelding=aanmelding, beoordelaar=self.beoordelaar).exists():
            raise ValidationError(
                "U hebt deze aanmelding al beoordeeld. Pas uw eerdere beoordeling aan in "
                "plaats van een tweede te schrijven."
            )
        return aanmelding

    def clean(self):
        gegevens = super().clean()
        if self.instance.pk:
            aanmelding = Aanmelding.objects.get(pk=self.instance.aanmelding_id)
            if aanmelding.is_ingetrokken:
                raise ValidationError(
                    "Deze aanmelding is ingetrokken; uw beoordeling verandert niet meer."
                )
            if not aanmelding.is_in_beoordeling:
                raise ValidationError(
                    "Over deze aanmelding is al besloten; uw beoordeling verandert niet meer."
                )
        return gegevens


@admin.register(Beoordeling)
class BeoordelingAdmin(GaatMeeBijVerwijderen, admin.ModelAdmin):
    """Reviews: each staff member writes and changes only their own, and reads others'
    only after writing their own (BeoordelingQuerySet.zichtbaar_voor). The page shows the
    application beside the form; saving opens the next one still to review."""

    form = BeoordelingForm
    list_display = ["aanmelding", "beoordelaar", "gemiddelde_score", "advies", "gewijzigd"]
    list_filter = ["advies", "aanmelding__oproep"]
    list_select_related = ["aanmelding", "beoordelaar"]
    search_fields = ["aanmelding__wijknaam", "aanmelding__gemeente"]

    class Media:
        css = {"all": ["css/admin.css"]}
        js = ["js/beoordelen.js"]

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

    def has_change_permission(self, request, obj=None) -> bool:
        if obj is not None and obj.beoordelaar_id != request.user.pk:
            return False
        return super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change) -> None:
        if not change:
            obj.beoordelaar = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description="gemiddeld")
    def gemiddelde_score(self, beoordeling: Beoordeling) -> str:
        return getal(beoordeling.gemiddelde)

    # The application beside the form.

    def _volgende(self, request, na: Aanmelding | None = None) -> Aanmelding | None:
        """The next application this user has not reviewed, the same call's first."""
        volgende = Aanmelding.objects.nog_te_beoordelen_door(request.user)
        if na is not None:
            volgende = volgende.annotate(
                _andere_oproep=Case(
                    When(oproep_id=na.oproep_id, then=Value(0)),
                    default=Value(1),
                    output_field=IntegerField(),
                )
            ).order_by("_andere_oproep", *Aanmelding._meta.ordering)
        return volgende.first()

    def _getoond(self, request, object_id=None) -> Aanmelding | None:
        """The application the page is about: the review's own, the one posted or asked
        for (?aanmelding=), or else the next one to review."""
        if object_id is not None:
            beoordeling = self.get_object(request, object_id)
            gekozen = beoordeling.aanmelding_id if beoordeling else None
        else:
            gekozen = request.POST.get("aanmelding") or request.GET.get("aanmelding")
        if gekozen and str(gekozen).isdigit():
            gevonden = self._met_inhoud().filter(pk=gekozen).first()
            if gevonden is not None:
                return gevonden
        if object_id is not None or request.method == "POST":
            return None
        volgende = self._volgende(request)
        return self._met_inhoud().filter(pk=volgende.pk).first() if volgende else None

    def _met_inhoud(self):
        return Aanmelding.objects.met_coalitie_samenvatting().prefetch_related("leden")

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        getoond = getattr(request, "_getoonde_aanmelding", None)
        if getoond is not None:
            initial["aanmelding"] = getoond.pk
        return initial

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        getoond = self._getoond(request, object_id)
        if object_id is None and request.method == "GET" and getoond is not None:
            eigen = Beoordeling.objects.filter(aanmelding=getoond, beoordelaar=request.user).first()
            if eigen is not None:
                # Asked to review what you reviewed before: open your own review.
                return HttpResponseRedirect(
                    reverse("admin:aanmeldingen_beoordeling_change", args=[eigen.pk])
                )
        request._getoonde_aanmelding = getoond
        extra_context = {
            **(extra_context or {}),
            "getoonde_aanmelding": getoond,
            "waarom_niet": _waarom_niet(getoond) if getoond else None,
            # Saving opens the next application; "save and add another" would say less.
            "show_save_and_add_another": False,
        }
        return super().changeform_view(request, object_id, form_url, extra_context)

    def response_add(self, request, obj, post_url_continue=None):
        if "_continue" in request.POST or "_popup" in request.POST:
            return super().response_add(request, obj, post_url_continue)
        return self._naar_de_volgende(request, obj)

    def response_change(self, request, obj):
        if "_continue" in request.POST or "_popup" in request.POST:
            return super().response_change(request, obj)
        return self._naar_de_volgende(request, obj)

    def _naar_de_volgende(self, request, beoordeling: Beoordeling):
        self.message_user(
            request, f"Uw beoordeling van {beoordeling.aanmelding} is opgeslagen.", messages.SUCCESS
        )
        volgende = self._volgende(request, na=beoordeling.aanmelding)
        if volgende is None:
            self.message_user(request, "U hebt alle aanmeldingen beoordeeld.", messages.INFO)
            return HttpResponseRedirect(reverse("admin:aanmeldingen_aanmelding_changelist"))
        return HttpResponseRedirect(
            f"{reverse('admin:aanmeldingen_beoordeling_add')}?aanmelding={volgende.pk}"
        )
