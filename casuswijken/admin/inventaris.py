"""Interventions, their shared categories, findings, and good examples from elsewhere."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.urls import reverse
from django.utils.html import format_html

from netwerk.formulieren import Tekstvak
from netwerk.rechten import Recht, mag

from ..enums import Voorstelstatus, Zichtbaarheid
from ..export import BEVINDINGEN, INTERVENTIES
from ..models import (
    Bevinding,
    Bijeenkomst,
    Casuswijk,
    Interventie,
    Interventiecategorie,
    Interventievoorstel,
    Voorbeeld,
)
from ..services import aanvaard_voorstel, wijs_voorstel_af
from .exporteren import CsvExport
from .velden import persoon, sessieveld


@admin.register(Interventie)
class InterventieAdmin(CsvExport, admin.ModelAdmin):
    export = INTERVENTIES
    actions = ["exporteer_csv"]
    list_display = ["naam", "casuswijk", "categorie", "domein", "status", "zichtbaarheid"]
    list_filter = ["categorie", "domein", "status", "zichtbaarheid", "casuswijk"]
    list_select_related = ["casuswijk", "categorie"]
    search_fields = ["naam", "omschrijving", "partners"]

    def changelist_view(self, request, extra_context=None):
        # Staff who keep the inventory see above the list how many proposals wait.
        if mag(request.user, Recht.LEES_INTERVENTIES):
            extra_context = {
                **(extra_context or {}),
                "wachtende_voorstellen": Interventievoorstel.objects.filter(
                    besluit=Voorstelstatus.VOORGESTELD
                ).count(),
            }
        return super().changelist_view(request, extra_context)


AL_BESLOTEN = (
    "Over dit voorstel is intussen al besloten; het kan niet opnieuw. Open het voorstel "
    "opnieuw om het besluit te zien."
)

BESLISSINGEN = [
    ("", "Nog niet: alleen de gegevens opslaan"),
    (Voorstelstatus.AANVAARD, "Opnemen in de inventarisatie"),
    (Voorstelstatus.AFGEWEZEN, "Niet opnemen (met een reden voor de indiener)"),
]


class InterventievoorstelForm(forms.ModelForm):
    """The proposal's fields, which staff may correct (the category above all), and the
    decision: accept with a visibility for the new intervention, or decline with a reason."""

    beslissing = forms.ChoiceField(
        label="Besluit",
        choices=BESLISSINGEN,
        initial="",
        required=False,
        widget=forms.RadioSelect,
        help_text="De indiener krijgt een e-mail met het besluit. Een besluit is definitief.",
    )
    zichtbaarheid = forms.ChoiceField(
        label="Zichtbaarheid van de interventie",
        choices=Zichtbaarheid.choices,
        initial=Zichtbaarheid.NETWERK,
        required=False,
        help_text="Alleen bij opnemen. Netwerk: de casuswijken van de oproep vergelijken "
        "elkaars interventies.",
    )
    reden = Tekstvak(
        label="Reden",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text="Alleen bij niet opnemen, en dan verplicht: de indiener leest deze reden. "
        "Hoogstens 1000 tekens.",
    )

    class Meta:
        model = Interventievoorstel
        fields = ["naam", "categorie", "domein", "status", "omschrijving", "partners", "ervaringen"]

    def clean(self):
        gegevens = super().clean()
        beslissing = gegevens.get("beslissing")
        if beslissing == Voorstelstatus.AFGEWEZEN and not (gegevens.get("reden") or "").strip():
            self.add_error("reden", "Geef de reden waarom het voorstel niet wordt opgenomen; de "
                           "indiener leest die.")  # fmt: skip
        # Read again, and locked until the admin's transaction ends with the save: someone
        # else may have decided since this page was opened, or be deciding now.
        if self.instance.pk and (
            Interventievoorstel.objects.select_for_update()
            .filter(pk=self.instance.pk)
            .values_list("besluit", flat=True)
            .first()
            != Voorstelstatus.VOORGESTELD
        ):
            self.add_error("beslissing" if beslissing else None, AL_BESLOTEN)
        return gegevens


class BeslotenVoorstelForm(forms.ModelForm):
    """A decided proposal reads only: its page has no fields and no save button, and a
    form posted to it anyway (opened before the decision) is refused."""

    def clean(self):
        raise ValidationError(AL_BESLOTEN)


BESLUITVELDEN = ["besluit", "reden", "besloten_op", "besloten_door_weergave", "interventie_link"]


@admin.register(Interventievoorstel)
class InterventievoorstelAdmin(admin.ModelAdmin):
    """Participants' proposals for the inventory. Open one to correct it and decide on it;
    a decided proposal reads only."""

    form = InterventievoorstelForm
    list_display = ["naam", "casuswijk", "categorie", "indiener", "voorgesteld_op", "besluit"]
    list_filter = ["besluit", "casuswijk"]
    list_select_related = ["casuswijk", "categorie", "voorgesteld_door"]
    search_fields = ["naam", "omschrijving", "partners"]
    date_hierarchy = "voorgesteld_op"

    VOORSTELVELDEN = [
        "naam",
        "categorie",
        "domein",
        "status",
        "omschrijving",
        "partners",
        "ervaringen",
    ]

    def get_fieldsets(self, request, obj=None):
        herkomst = (None, {"fields": ["casuswijk", "indiener", "voorgesteld_op"]})
        interventie = ("De voorgestelde interventie", {"fields": self.VOORSTELVELDEN})
        if obj is not None and obj.besluit != Voorstelstatus.VOORGESTELD:
            return [herkomst, interventie, ("Besluit", {"fields": BESLUITVELDEN})]
        besluit = ("Besluit", {"fields": ["beslissing", "zichtbaarheid", "reden"]})
        return [herkomst, interventie, besluit]

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is not None and obj.besluit != Voorstelstatus.VOORGESTELD:
            kwargs["form"] = BeslotenVoorstelForm
        return super().get_form(request, obj, change, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        vast = ["casuswijk", "indiener", "voorgesteld_op"]
        if obj is not None and obj.besluit != Voorstelstatus.VOORGESTELD:
            return [*vast, *self.VOORSTELVELDEN, *BESLUITVELDEN]
        return vast

    @admin.display(description="ingediend door", ordering="voorgesteld_door__last_name")
    def indiener(self, voorstel: Interventievoorstel) -> str:
        return persoon(voorstel.voorgesteld_door) if voorstel.voorgesteld_door else "–"

    @admin.display(description="besloten door")
    def besloten_door_weergave(self, voorstel: Interventievoorstel) -> str:
        return persoon(voorstel.besloten_door) if voorstel.besloten_door else "–"

    @admin.display(description="interventie")
    def interventie_link(self, voorstel: Interventievoorstel) -> str:
        if voorstel.interventie_id is None:
            return "–"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:casuswijken_interventie_change", args=[voorstel.interventie_id]),
            voorstel.interventie,
        )

    def has_add_permission(self, request) -> bool:
        # Proposals come from participants; staff add to the inventory directly.
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return mag(request.user, Recht.BESLUIT_OVER_VOORSTELLEN)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        voorstel = self.get_object(request, object_id)
        if voorstel is not None and voorstel.besluit != Voorstelstatus.VOORGESTELD:
            # Nothing left to change: no save buttons.
            extra_context = {
                **(extra_context or {}),
                "show_save": False,
                "show_save_and_continue": False,
                "show_save_and_add_another": False,
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change) -> None:
        obj.save()
        beslissing = form.cleaned_data.get("beslissing")
        if beslissing == Voorstelstatus.AANVAARD:
            interventie = aanvaard_voorstel(
                voorstel=obj,
                door=request.user,
                zichtbaarheid=form.cleaned_data["zichtbaarheid"] or Zichtbaarheid.NETWERK,
            )
            self.message_user(
                request,
                format_html(
                    'Het voorstel is opgenomen in de inventarisatie als <a href="{}">{}</a>; de '
                    "indiener krijgt een e-mail.",
                    reverse("admin:casuswijken_interventie_change", args=[interventie.pk]),
                    interventie,
                ),
                messages.SUCCESS,
            )
        elif beslissing == Voorstelstatus.AFGEWEZEN:
            wijs_voorstel_af(voorstel=obj, door=request.user, reden=form.cleaned_data["reden"])
            self.message_user(
                request,
                "Het voorstel is niet opgenomen; de indiener krijgt een e-mail met de reden.",
                messages.SUCCESS,
            )


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
