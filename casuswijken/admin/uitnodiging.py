"""Who answered a session's invitation and who was there: two inlines on the session's
page (the answers, with attendance once the session has begun; and participants who came
without answering), a summary of the counts, and a read-only list of all answers."""

import copy

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import OuterRef, Subquery
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html

from netwerk.beheerpagina import telling
from netwerk.beheersite import GaatMeeBijVerwijderen

from ..antwoorden import tel_antwoorden
from ..enums import Antwoord
from ..models import Bijeenkomst, Uitnodiging
from ..services import deelnemers_van
from .velden import keuzes_eenmaal, persoon, sessielabel

VOOR_HET_BEGIN = "Wie er was, legt u vast vanaf het begin van de bijeenkomst."


def is_begonnen(bijeenkomst: Bijeenkomst | None) -> bool:
    return bijeenkomst is not None and bijeenkomst.begint_op <= timezone.now()


def samenvatting(bijeenkomst: Bijeenkomst) -> str:
    """The counts in one line, for the session's page in the admin."""
    tal = tel_antwoorden(bijeenkomst)
    delen = [
        telling(tal.komt, "komt", "komen"),
        telling(tal.komt_niet, "komt niet", "komen niet"),
        f"{tal.misschien} misschien",
        f"{tal.geen_antwoord} nog geen antwoord",
    ]
    tekst = ", ".join(delen)
    if is_begonnen(bijeenkomst):
        tekst += f"; {tal.aanwezig} aanwezig"
    return tekst


class AanwezigheidFormSet(BaseInlineFormSet):
    """What both inlines share: attendance is recorded from the start of the session (the
    instance is the session as it is being saved, a changed start included)."""

    def clean(self) -> None:
        super().clean()
        if self.aanwezigheid() and not is_begonnen(self.instance):
            raise ValidationError(VOOR_HET_BEGIN)

    def aanwezigheid(self) -> dict[int, bool]:
        """Per person (user pk) whether they were there, from the forms that changed."""
        raise NotImplementedError


class AntwoordrijForm(forms.ModelForm):
    """One invitation: its answer read-only and, once the session has begun, whether they
    were there: ticked beforehand for those who said they would come, until recorded."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Not recorded yet: saving records it, also when the pre-filled box is left as is.
        self.vast_te_leggen = "aanwezig" in self.fields and self.instance.aanwezig is None
        if "aanwezig" in self.fields:
            self.fields["aanwezig"] = forms.BooleanField(
                required=False,
                label="aanwezig",
                help_text="Vooraf aangevinkt voor wie 'Ik kom' antwoordde; opslaan legt het vast.",
            )
            uitnodiging = self.instance
            self.initial["aanwezig"] = (
                uitnodiging.antwoord == Antwoord.JA
                if uitnodiging.aanwezig is None
                else uitnodiging.aanwezig
            )

    def has_changed(self) -> bool:
        # A pre-filled box that nobody touched is still to be recorded.
        return super().has_changed() or self.vast_te_leggen


class AntwoordenFormSet(AanwezigheidFormSet):
    def aanwezigheid(self) -> dict[int, bool]:
        return {
            form.instance.gebruiker_id: form.cleaned_data["aanwezig"]
            for form in self.forms
            if "aanwezig" in form.fields and form.has_changed() and form.is_valid()
        }


class AntwoordInline(admin.TabularInline):
    model = Uitnodiging
    form = AntwoordrijForm
    formset = AntwoordenFormSet
    readonly_fields = ["persoon", "antwoord", "beantwoord_op"]
    extra = 0
    can_delete = False
    verbose_name = "antwoord"
    verbose_name_plural = "antwoorden op de uitnodiging (en wie er was)"

    def get_fields(self, request, obj=None):
        velden = ["persoon", "antwoord", "beantwoord_op"]
        return [*velden, "aanwezig"] if is_begonnen(obj) else velden

    def get_queryset(self, request):
        # The row's own label names the session too.
        return super().get_queryset(request).select_related("gebruiker", "bijeenkomst")

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description="persoon")
    def persoon(self, uitnodiging: Uitnodiging) -> str:
        return persoon(uitnodiging.gebruiker)


def kandidaten(bijeenkomst: Bijeenkomst):
    """Who can be recorded as there without having answered: the session's participants
    (deelnemers_van) who have no invitation of it yet, with their organisation and
    casuswijk for the label."""
    deelnames = deelnemers_van(bijeenkomst)
    eerste = deelnames.filter(gebruiker=OuterRef("pk")).order_by("casuswijk__naam", "pk")
    return (
        get_user_model()
        .objects.filter(pk__in=deelnames.values("gebruiker"))
        .exclude(pk__in=Uitnodiging.objects.filter(bijeenkomst=bijeenkomst).values("gebruiker"))
        .annotate(
            deelname_organisatie=Subquery(eerste.values("organisatie")[:1]),
            deelname_wijk=Subquery(eerste.values("casuswijk__naam")[:1]),
        )
        .order_by("first_name", "last_name", "pk")
    )


class DeelnemerVeld(forms.ModelChoiceField):
    def __init__(self, *args, met_wijk: bool = False, **kwargs):
        self.met_wijk = met_wijk
        super().__init__(*args, **kwargs)

    def label_from_instance(self, gebruiker) -> str:
        naam = gebruiker.get_full_name() or gebruiker.email
        details = [gebruiker.deelname_organisatie] + [gebruiker.deelname_wijk] * self.met_wijk
        details = ", ".join(detail for detail in details if detail)
        return f"{naam} ({details})" if details else naam


class ZonderAntwoordFormSet(AanwezigheidFormSet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._gebruiker = keuzes_eenmaal(
            DeelnemerVeld(
                kandidaten(self.instance),
                met_wijk=self.instance.is_landelijk,
                label="deelnemer",
                help_text="Een deelnemer die er was zonder te antwoorden.",
            )
        )

    def add_fields(self, form, index) -> None:
        super().add_fields(form, index)
        form.fields["gebruiker"] = copy.deepcopy(self._gebruiker)

    def aanwezigheid(self) -> dict[int, bool]:
        return {
            form.cleaned_data["gebruiker"].pk: True
            for form in self.forms
            if form.has_changed() and form.is_valid() and form.cleaned_data.get("gebruiker")
        }


class ZonderAntwoordInline(admin.TabularInline):
    """Participants who came without answering: only new rows, once the session has begun."""

    model = Uitnodiging
    formset = ZonderAntwoordFormSet
    fields = ["gebruiker"]
    extra = 1
    can_delete = False
    verbose_name = "aanwezige zonder antwoord"
    verbose_name_plural = "ook aanwezig, zonder te hebben geantwoord"

    def get_queryset(self, request):
        return super().get_queryset(request).none()


def aanwezigheidsinlines(bijeenkomst: Bijeenkomst | None) -> list[type[admin.TabularInline]]:
    """The inlines of a session's change page: the answers, and from its start those who
    came without answering, while there is anyone left to add. None on the add page:
    nobody can answer a session yet to be."""
    if bijeenkomst is None:
        return []
    if is_begonnen(bijeenkomst) and kandidaten(bijeenkomst).exists():
        return [AntwoordInline, ZonderAntwoordInline]
    return [AntwoordInline]


@admin.register(Uitnodiging)
class UitnodigingAdmin(GaatMeeBijVerwijderen, admin.ModelAdmin):
    """Every answer, to read and filter; attendance is recorded on the session's page. The
    list is narrow enough for 1280 px beside the menu and the filters: the e-mail address on
    a second line, the date of the answer short."""

    list_display = ["persoon_in_lijst", "sessie", "antwoord", "beantwoord", "aanwezig"]
    list_filter = ["antwoord", "aanwezig", "bijeenkomst__casuswijk", "bijeenkomst"]
    list_select_related = ["gebruiker", "bijeenkomst__casuswijk"]
    search_fields = [
        "gebruiker__first_name",
        "gebruiker__last_name",
        "gebruiker__email",
        "bijeenkomst__titel",
    ]
    fields = ["persoon", "sessie", "antwoord", "beantwoord_op", "aanwezig"]
    readonly_fields = fields

    @admin.display(description="persoon", ordering="gebruiker__first_name")
    def persoon(self, uitnodiging: Uitnodiging) -> str:
        return persoon(uitnodiging.gebruiker)

    @admin.display(description="persoon", ordering="gebruiker__first_name")
    def persoon_in_lijst(self, uitnodiging: Uitnodiging) -> str:
        gebruiker = uitnodiging.gebruiker
        return format_html(
            '{}<span class="tweede-regel">{}</span>',
            gebruiker.get_full_name() or gebruiker.email,
            gebruiker.email if gebruiker.get_full_name() else "",
        )

    @admin.display(description="beantwoord op", ordering="beantwoord_op")
    def beantwoord(self, uitnodiging: Uitnodiging) -> str:
        if uitnodiging.beantwoord_op is None:
            return "-"
        return date_format(timezone.localtime(uitnodiging.beantwoord_op), "j b Y, H:i")

    @admin.display(description="bijeenkomst", ordering="bijeenkomst__begint_op")
    def sessie(self, uitnodiging: Uitnodiging) -> str:
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:casuswijken_bijeenkomst_change", args=[uitnodiging.bijeenkomst_id]),
            sessielabel(uitnodiging.bijeenkomst, met_wijk=True),
        )

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
