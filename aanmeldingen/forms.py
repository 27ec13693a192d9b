import uuid
from contextlib import contextmanager

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.forms.formsets import BaseFormSet, formset_factory
from django.urls import reverse
from django.utils.html import format_html

from netwerk.formulieren import Fout, Tekstregel, Tekstvak, Velden, foutoverzicht, zeg_wat_te_doen
from netwerk.persoonsgegevens import PLAATSHOUDER

from .enums import Leervraag
from .models import AANVRAGERVELDEN, Aanmelding, Coalitielid, cbs_wijkcode_validator
from .validators import MAX_LEDEN, MIN_LEDEN, valideer_coalitie

# The multi-line answers; their length is counted as the browser counts it.
TEKSTVAKKEN = [
    veld
    for veld in AANVRAGERVELDEN
    if isinstance(Aanmelding._meta.get_field(veld), models.TextField)
]
# The one-line answers typed in (not chosen from a list); like the answers above, they show
# their limit and count along (netwerk.formulieren.Tekstregel).
TEKSTREGELS = [
    veld
    for veld in AANVRAGERVELDEN
    if type(Aanmelding._meta.get_field(veld)) is models.CharField
    and not Aanmelding._meta.get_field(veld).choices
    and veld != "cbs_wijkcode"
]

# A field that people never see; bots that fill in every input do fill it in.
HONINGPOT = "website"


@contextmanager
def _leeg_toegestaan(form: forms.BaseForm, namen):
    """In a concept, empty fields pass validation; they stay marked as required on the page."""
    verplicht = [form.fields[naam] for naam in namen if form.concept and form.fields[naam].required]
    for veld in verplicht:
        veld.required = False
    try:
        yield
    finally:
        for veld in verplicht:
            veld.required = True


class AanmeldingForm(forms.ModelForm):
    """The application itself. With concept=True every answer may still be empty.

    What is filled in must be valid in a concept too, and consent is needed for a concept
    as much as for a submission: both store the members' personal data.
    """

    indieningssleutel = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)
    # The version the applicant started from; a save from an older one is refused.
    versie = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)
    # A code, not a text: the limit guards the server, without a counter (the hint names
    # the form of the code). The model's validator checks it after clean_cbs_wijkcode.
    cbs_wijkcode = Tekstregel(
        label="CBS-wijkcode",
        required=False,
        max_length=8,
        teller=False,
        error_messages={"max_length": cbs_wijkcode_validator.message},
        help_text="Niet verplicht. WK en zes cijfers, te vinden op de website van het CBS "
        "(bijvoorbeeld WK036301).",
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    privacy_akkoord = forms.BooleanField(
        error_messages={"required": "Geef toestemming om de aanmelding te kunnen verwerken."},
    )

    # Page order, which the error summary follows; the members come before consent.
    field_order = ["indieningssleutel", "versie", *AANVRAGERVELDEN, "privacy_akkoord"]

    # What each required answer asks for; the empty field says "Vul … in." or "Kies … .".
    benamingen = {
        "wijknaam": "de naam van de wijk",
        "gemeente": "de gemeente",
        "provincie": "een provincie",
        "wijkbeschrijving": "een beschrijving van de wijk",
        "aanpak": "een korte beschrijving van de aanpak",
        **{
            f"leervraag_{vraag.value}": f"uw antwoord op de leervraag over {vraag.label.lower()}"
            for vraag in Leervraag
        },
    }

    korte_labels = {
        "privacy_akkoord": "Privacyverklaring",
        "leervraag_verwachtingen": "Leervraag verwachtingen",
        "leervraag_opbrengsten": "Leervraag opbrengsten",
        "leervraag_randvoorwaarden": "Leervraag randvoorwaarden",
        "leervraag_interventies": "Leervraag interventies",
    }

    class Meta:
        model = Aanmelding
        fields = AANVRAGERVELDEN
        help_texts = {
            "bestaande_interventies": "Projecten, voorzieningen en afspraken voor menging en "
            "inclusie die al lopen of gepland zijn. Eén per regel is het handigst. Niet verplicht.",
        }
        field_classes = dict.fromkeys(TEKSTVAKKEN, Tekstvak) | dict.fromkeys(
            TEKSTREGELS, Tekstregel
        )
        widgets = {
            "wijkbeschrijving": forms.Textarea(attrs={"rows": 5}),
            "aanpak": forms.Textarea(attrs={"rows": 5}),
            "leervraag_verwachtingen": forms.Textarea(attrs={"rows": 4}),
            "leervraag_opbrengsten": forms.Textarea(attrs={"rows": 4}),
            "leervraag_randvoorwaarden": forms.Textarea(attrs={"rows": 4}),
            "leervraag_interventies": forms.Textarea(attrs={"rows": 4}),
            "bestaande_interventies": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, concept: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.concept = concept
        zeg_wat_te_doen(self, self.benamingen)
        self.fields["privacy_akkoord"].label = format_html(
            'Ik heb de <a href="{}" target="_blank" rel="noopener">privacyverklaring</a> '
            "(opent in een nieuw venster) gelezen en ga akkoord met de verwerking van de "
            "gegevens in deze aanmelding.",
            reverse("privacy"),
        )
        self.fields["provincie"].choices = [("", "Kies een provincie")] + list(
            self.fields["provincie"].choices
        )[1:]

    def full_clean(self) -> None:
        with _leeg_toegestaan(self, self.Meta.fields):
            super().full_clean()

    def clean_cbs_wijkcode(self) -> str:
        return self.cleaned_data["cbs_wijkcode"].strip().upper()

    def aanmeldgegevens(self) -> dict:
        """The cleaned fields that belong on the Aanmelding record."""
        return {naam: self.cleaned_data[naam] for naam in self.Meta.fields}


class CoalitielidForm(forms.ModelForm):
    """One member. With concept=True the fields may stay empty, but not be wrong."""

    class Meta:
        model = Coalitielid
        # In page order (includes/coalitielid.html, two columns read left to right): the
        # error summary follows it.
        fields = ["naam", "functie", "organisatie", "organisatietype", "email", "domein"]
        field_classes = dict.fromkeys(["naam", "functie", "organisatie"], Tekstregel)
        labels = {"organisatietype": "Soort organisatie"}
        widgets = {
            "domein": forms.RadioSelect,
            "naam": forms.TextInput(attrs={"autocomplete": "off"}),
            "email": forms.EmailInput(attrs={"autocomplete": "off"}),
        }
        help_texts = {
            "domein": "Fysiek: ruimte, wonen, vastgoed. Sociaal: welzijn, zorg, "
            "participatie, onderwijs.",
        }

    @property
    def op_verzoek_verwijderd(self) -> bool:
        """A member whose data were erased on request (netwerk.persoonsgegevens): their
        row stays as the placeholder until the applicant replaces or removes it."""
        return self.initial.get("naam") == PLAATSHOUDER and not self.initial.get("email")

    # What each field asks for; "van lid 2" follows (see __init__).
    benamingen = {
        "naam": "de naam",
        "functie": "de functie",
        "organisatie": "de organisatie",
        "organisatietype": "de soort organisatie",
        "email": "het e-mailadres",
        "domein": "het domein",
    }

    is_contactpersoon = forms.BooleanField(
        label="Dit lid is de contactpersoon voor deze aanmelding",
        required=False,
        help_text="De contactpersoon ontvangt de bevestiging en hoort als eerste van ons.",
    )

    def __init__(self, *args, concept: bool = False, nummer: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.concept = concept
        lid = f"lid {nummer}" if nummer else "dit lid"
        zeg_wat_te_doen(self, {naam: f"{wat} van {lid}" for naam, wat in self.benamingen.items()})
        self.fields["organisatietype"].choices = [("", "Kies een soort organisatie")] + list(
            self.fields["organisatietype"].choices
        )[1:]
        self.fields["domein"].choices = list(self.fields["domein"].choices)[1:]

    def full_clean(self) -> None:
        with _leeg_toegestaan(self, self.Meta.fields):
            super().full_clean()

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip()

    def lidgegevens(self) -> dict:
        return {naam: self.cleaned_data[naam] for naam in [*self.Meta.fields, "is_contactpersoon"]}

    def has_changed(self) -> bool:
        # The contact person's tick is there before anything is typed: alone, it makes no
        # member (and an empty form no "1 member filled in").
        return any(naam in self.changed_data for naam in self.Meta.fields)


class BaseCoalitieFormSet(BaseFormSet):
    default_error_messages = {
        "missing_management_form": "Het formulier kwam onvolledig aan. Laad de pagina "
        "opnieuw en probeer het nog eens.",
        "too_many_forms": f"Een coalitie heeft maximaal {MAX_LEDEN} leden.",
        "too_few_forms": f"Een coalitie heeft minstens {MIN_LEDEN} leden.",
    }

    def __init__(self, *args, concept: bool = False, **kwargs):
        kwargs.setdefault("form_kwargs", {})["concept"] = concept
        super().__init__(*args, **kwargs)
        # The member count is judged by valideer_coalitie, which lets a concept have fewer.
        self.concept = concept

    @classmethod
    def get_default_prefix(cls) -> str:
        return "leden"

    def initial_form_count(self) -> int:
        # Members are never existing records here: every row is new, and rows past the
        # minimum may stay blank. Ignoring INITIAL_FORMS also keeps a tampered count out.
        return 0

    def total_form_count(self) -> int:
        if self.is_bound:
            return super().total_form_count()
        return min(max(len(self.initial or []), self.min_num), self.max_num)

    @property
    def kan_toevoegen(self) -> bool:
        return self.total_form_count() < self.max_num

    @property
    def kan_verwijderen(self) -> bool:
        return self.total_form_count() > self.min_num

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        kwargs["label_suffix"] = ""
        # The number in the member's heading, for messages such as "Vul de naam van lid 2 in."
        kwargs["nummer"] = None if index is None else index + 1
        # A wholly blank row is no member, whichever row it is: a missing member is one
        # message about the coalition (valideer_coalitie), not six "required" ones.
        kwargs["empty_permitted"] = True
        return kwargs

    def clean(self) -> None:
        if not self.management_form.is_valid():
            return
        # The coalition is judged also while a member has a mistake of its own, so that a
        # missing domain shows at once and not only after the fields are right. A value
        # that failed its own check counts as not filled in.
        rijen = self._ingevulde_rijen()
        leden = [
            {naam: form.cleaned_data.get(naam, "") for naam in CoalitielidForm.Meta.fields}
            | {"is_contactpersoon": form.cleaned_data.get("is_contactpersoon", False)}
            for form in rijen
        ]
        try:
            valideer_coalitie(leden, concept=self.concept)
        except ValidationError as fout:
            self._markeer_dubbele_adressen()
            over = [f for f in fout.error_list if not self._al_bij_een_veld(f, rijen)]
            if over:
                raise ValidationError(over) from None

    def _al_bij_een_veld(self, fout: ValidationError, rijen: list[CoalitielidForm]) -> bool:
        """Whether a member's own field message already says what this coalition one would.

        "Add someone from the social domain" misleads while a member's domain is not chosen
        yet; so does "fill in the contact's address" while that address is only mistyped.
        """
        if fout.code == "domeinen":
            return any("domein" in form.errors for form in rijen)
        if fout.code == "contactpersoon" and self.concept:
            return any(
                "email" in form.errors
                for form in rijen
                if form.cleaned_data.get("is_contactpersoon")
            )
        return False

    def _ingevulde_rijen(self) -> list[CoalitielidForm]:
        return [form for form in self.forms if form.has_changed()]

    def _markeer_dubbele_adressen(self) -> None:
        """Put the duplicate-address message at the fields too, not only above the members."""
        ingevuld = self._ingevulde_rijen()
        adressen = [form.cleaned_data.get("email", "").lower() for form in ingevuld]
        for form, adres in zip(ingevuld, adressen, strict=True):
            if adres and adressen.count(adres) > 1:
                form.add_error("email", "Dit e-mailadres staat ook bij een ander lid.")

    def ledengegevens(self) -> list[dict]:
        """The members that were filled in; blank rows are left out."""
        return [form.lidgegevens() for form in self._ingevulde_rijen()]


CoalitieFormSet = formset_factory(
    CoalitielidForm,
    formset=BaseCoalitieFormSet,
    extra=0,
    min_num=MIN_LEDEN,
    max_num=MAX_LEDEN,
    absolute_max=MAX_LEDEN,
)


def aanmeldfouten(form: AanmeldingForm, formset: BaseCoalitieFormSet) -> list[Fout]:
    """The error summary of the application form, in page order: consent follows the members."""
    na_coalitie = ["privacy_akkoord"]
    return foutoverzicht(
        Velden(form, [naam for naam in form.fields if naam not in na_coalitie], algemeen=True),
        formset,
        Velden(form, na_coalitie),
    )


def nieuw_formulier() -> tuple[AanmeldingForm, BaseCoalitieFormSet]:
    """An empty application form; the first member is the contact person until changed."""
    return AanmeldingForm(), CoalitieFormSet(initial=[{"is_contactpersoon": True}])


def formulier_voor(aanmelding: Aanmelding) -> tuple[AanmeldingForm, BaseCoalitieFormSet]:
    """The form filled in with a stored application, to continue or change it."""
    form = AanmeldingForm(
        instance=aanmelding,
        initial={
            # Not the application's own key: that must not travel in a page where it
            # could be copied into the public form.
            "indieningssleutel": uuid.uuid4(),
            "versie": aanmelding.versie,
            # Consent is asked again, unticked, at every save: each save records its own
            # (with the statement's version of that moment), never one given earlier.
        },
    )
    leden = [
        {naam: getattr(lid, naam) for naam in [*CoalitielidForm.Meta.fields, "is_contactpersoon"]}
        for lid in aanmelding.leden.all()
    ]
    return form, CoalitieFormSet(initial=leden or [{"is_contactpersoon": True}])


class ContactadresForm(forms.Form):
    email = forms.EmailField(
        label="Juiste e-mailadres van de contactpersoon",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        zeg_wat_te_doen(self, {"email": "het juiste e-mailadres van de contactpersoon"})


class LinkAanvraagForm(forms.Form):
    email = forms.EmailField(
        label="E-mailadres van de contactpersoon",
        max_length=254,
        help_text="Het adres dat in de aanmelding staat bij de contactpersoon.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        zeg_wat_te_doen(self, {"email": "het e-mailadres van de contactpersoon"})


def herschik_leden(data, *, toevoegen: bool = False, verwijder: int | None = None):
    """Re-show what was typed with one member more or less, without judging it yet.

    This is how "Lid toevoegen" and "Verwijderen" work without JavaScript: the typed values
    come back as the initial values of unbound forms, so no error shows until the
    applicant actually submits.
    """
    form = AanmeldingForm(data)
    formset = CoalitieFormSet(data)
    leden = [
        {naam: lidform[naam].value() for naam in lidform.fields}
        for lidform in formset.forms
        if formset.is_bound
    ]
    if verwijder is not None and 0 <= verwijder < len(leden) and len(leden) > MIN_LEDEN:
        del leden[verwijder]
    if toevoegen and len(leden) < MAX_LEDEN:
        leden.append({})
    return (
        AanmeldingForm(initial={naam: form[naam].value() for naam in form.fields}),
        CoalitieFormSet(initial=leden),
    )
