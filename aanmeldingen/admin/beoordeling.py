"""Reviews: each staff member writes their own, with the application beside the scores;
"Mijn beoordelingen" lists what is assigned to them, and from the review page they declare
a conflict of interest."""

from itertools import groupby

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import MaxLengthValidator
from django.db.models import Case, Exists, IntegerField, OuterRef, Value, When
from django.forms.models import ModelChoiceIterator
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse

from netwerk.beheerpagina import beheerpagina
from netwerk.beheersite import GaatMeeBijVerwijderen
from netwerk.formulieren import foutoverzicht
from netwerk.rechten import Recht, mag

from ..enums import Toewijzingsstand
from ..models import (
    SCORE_VELDEN,
    Aanmelding,
    Belangenconflict,
    Beoordeling,
    Toewijzing,
)
from ..services import (
    BelangenconflictGeweigerd,
    meld_belangenconflict,
    mijn_toewijzingen,
    volgende_toewijzing,
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


_MET_CONFLICT = (
    "U hebt voor deze aanmelding een belangenconflict gemeld. U beoordeelt haar daarom niet."
)


class BelangenconflictForm(forms.Form):
    MAX = 1000

    toelichting = forms.CharField(
        label="Toelichting (niet verplicht)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 80}),
        help_text="Bijvoorbeeld: ik werk bij een van de organisaties in de coalitie. Alleen de "
        "coördinatoren lezen dit.",
        validators=[
            MaxLengthValidator(
                MAX,
                message="De toelichting mag maximaal %(limit_value)d tekens lang zijn; nu zijn "
                "het er %(show_value)d. Maak haar korter.",
            )
        ],
    )


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
        if Belangenconflict.objects.filter(
            aanmelding=aanmelding, beoordelaar=self.beoordelaar
        ).exists():
            raise ValidationError(_MET_CONFLICT)
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
        """The next application this user has not reviewed: one assigned to them first
        (in the order of "Mijn beoordelingen"), else the same call's first."""
        toegewezen = volgende_toewijzing(request.user)
        if toegewezen is not None:
            return toegewezen.aanmelding
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
        met_conflict = (
            getoond is not None
            and Belangenconflict.objects.filter(
                aanmelding=getoond, beoordelaar=request.user
            ).exists()
        )
        extra_context = {
            **(extra_context or {}),
            "getoonde_aanmelding": getoond,
            "waarom_niet": (_MET_CONFLICT if met_conflict else _waarom_niet(getoond))
            if getoond
            else None,
            # A conflict of interest is declared before a review is written, not after.
            "mag_conflict_melden": object_id is None
            and getoond is not None
            and not met_conflict
            and getoond.is_in_beoordeling,
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

    # "Mijn beoordelingen" and the conflict of interest.

    def get_urls(self):
        return [
            path(
                "mijn/",
                self.admin_site.admin_view(self.mijn_beoordelingen),
                name="aanmeldingen_mijn_beoordelingen",
            ),
            path(
                "mijn/volgende/",
                self.admin_site.admin_view(self.volgende),
                name="aanmeldingen_volgende_beoordeling",
            ),
            path(
                "belangenconflict/<int:pk>/",
                self.admin_site.admin_view(self.belangenconflict_melden),
                name="aanmeldingen_belangenconflict_melden",
            ),
            *super().get_urls(),
        ]

    def _alleen_beoordelaars(self, request) -> None:
        if not mag(request.user, Recht.BEOORDELEN):
            raise PermissionDenied

    def mijn_beoordelingen(self, request):
        """The applications assigned to this reviewer, per call: to do, done, conflict."""
        self._alleen_beoordelaars(request)
        toewijzingen = list(mijn_toewijzingen(request.user))
        oproepen = []
        for oproep, rijen in groupby(toewijzingen, key=lambda t: t.aanmelding.oproep):
            rijen = list(rijen)
            oproepen.append(
                {
                    "oproep": oproep,
                    "toewijzingen": rijen,
                    "te_doen": sum(1 for t in rijen if t.stand == Toewijzingsstand.TE_DOEN),
                    "gedaan": sum(1 for t in rijen if t.stand == Toewijzingsstand.GEDAAN),
                }
            )
        return beheerpagina(
            request,
            self,
            template="admin/aanmeldingen/mijn_beoordelingen.html",
            titel="Mijn beoordelingen",
            oproepen=oproepen,
            nog_te_doen=sum(o["te_doen"] for o in oproepen),
            Stand=Toewijzingsstand,
        )

    def volgende(self, request):
        """To the next assigned application still to review; back to the list when none."""
        self._alleen_beoordelaars(request)
        toewijzing = volgende_toewijzing(request.user)
        if toewijzing is None:
            self.message_user(
                request,
                "U hebt geen toegewezen aanmeldingen meer te beoordelen. Dank u wel!",
                messages.INFO,
            )
            return HttpResponseRedirect(reverse("admin:aanmeldingen_mijn_beoordelingen"))
        return HttpResponseRedirect(
            f"{reverse('admin:aanmeldingen_beoordeling_add')}?aanmelding={toewijzing.aanmelding_id}"
        )

    def belangenconflict_melden(self, request, pk: int):
        """The reviewer declares a conflict of interest for this application, with an
        optional explanation (services.meld_belangenconflict)."""
        self._alleen_beoordelaars(request)
        aanmelding = get_object_or_404(
            Aanmelding.objects.aanmeldingen().select_related("oproep"), pk=pk
        )
        form = BelangenconflictForm(request.POST if request.method == "POST" else None)
        if form.is_valid():
            try:
                meld_belangenconflict(
                    aanmelding=aanmelding,
                    beoordelaar=request.user,
                    toelichting=form.cleaned_data["toelichting"],
                )
            except BelangenconflictGeweigerd as reden:
                form.add_error(None, str(reden))
            else:
                self.message_user(
                    request,
                    f"U hebt een belangenconflict gemeld voor {aanmelding}. U beoordeelt deze "
                    "aanmelding niet en ziet haar beoordelingen niet. De coördinatoren zien uw "
                    "melding.",
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(reverse("admin:aanmeldingen_mijn_beoordelingen"))
        return beheerpagina(
            request,
            self,
            template="admin/aanmeldingen/belangenconflict_melden.html",
            titel=f"Belangenconflict melden: {aanmelding}",
            aanmelding=aanmelding,
            form=form,
            fouten=foutoverzicht(form),
        )


@admin.register(Belangenconflict)
class BelangenconflictAdmin(admin.ModelAdmin):
    """The conflicts of interest that reviewers declared, for the coördinatoren to read.
    A reviewer declares one from the review page; nobody writes one here."""

    list_display = ["aanmelding", "beoordelaar", "gemeld_op", "toelichting", "was_toegewezen"]
    list_filter = ["aanmelding__oproep"]
    list_select_related = ["aanmelding", "beoordelaar"]
    search_fields = ["aanmelding__wijknaam", "aanmelding__gemeente", "beoordelaar__username"]
    fields = ["aanmelding", "beoordelaar", "toelichting", "gemeld_op"]
    readonly_fields = fields

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                _was_toegewezen=Exists(
                    Toewijzing.objects.filter(
                        aanmelding=OuterRef("aanmelding"), beoordelaar=OuterRef("beoordelaar")
                    )
                )
            )
        )

    @admin.display(description="was toegewezen", boolean=True, ordering="_was_toegewezen")
    def was_toegewezen(self, conflict: Belangenconflict) -> bool:
        return conflict._was_toegewezen

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
