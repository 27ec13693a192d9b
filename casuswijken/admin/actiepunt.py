"""Action points on their own list, outside a session."""

from django import forms
from django.contrib import admin
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join

from ..export import ACTIEPUNTEN
from ..models import (
    Actiepunt,
    Actiepuntwijziging,
    Bijeenkomst,
    Deelname,
)
from ..services import (
    noteer_actiepuntwijziging,
    sla_actiepunt_op,
)
from .exporteren import CsvExport
from .filters import StandFilter
from .velden import EigenaarVeld, eigenaars, sessieveld


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
class ActiepuntAdmin(CsvExport, admin.ModelAdmin):
    form = ActiepuntForm
    export = ACTIEPUNTEN
    actions = ["exporteer_csv"]
    list_display = ["omschrijving", "casuswijk", "eigenaar_weergave", "deadline", "status"]
    list_filter = [StandFilter, "status", "casuswijk"]
    list_select_related = ["casuswijk", "eigenaar"]
    search_fields = ["omschrijving", "eigenaar_naam"]
    readonly_fields = ["afgerond_op", "geschiedenis"]

    @admin.display(description="geschiedenis van de status")
    def geschiedenis(self, actiepunt: Actiepunt) -> str:
        """Who set the status when, on the casuswijk page or here; read only. A field rather
        than an inline, so that the change form posts no extra formset."""
        if actiepunt.pk is None:
            return "–"
        wijzigingen = actiepunt.wijzigingen.select_related("door")
        if not wijzigingen:
            return "Nog geen wijziging vastgelegd."
        return format_html(
            '<ol class="actiepunt-geschiedenis">{}</ol>',
            format_html_join(
                "",
                "<li>{} – {}: {}{}</li>",
                (
                    (
                        date_format(timezone.localtime(wijziging.op), "j F Y, H:i"),
                        _door(wijziging),
                        wijziging.get_status_display(),
                        f" – {wijziging.notitie}" if wijziging.notitie else "",
                    )
                    for wijziging in wijzigingen
                ),
            ),
        )

    @admin.display(description="eigenaar")
    def eigenaar_weergave(self, actiepunt: Actiepunt) -> str:
        return actiepunt.eigenaar_weergave

    def save_model(self, request, obj, form, change) -> None:
        sla_actiepunt_op(actiepunt=obj)
        if change and "status" in form.changed_data:
            noteer_actiepuntwijziging(actiepunt=obj, door=request.user)


def _door(wijziging: Actiepuntwijziging) -> str:
    if wijziging.door is None:
        return "onbekend"
    return wijziging.door.get_full_name() or wijziging.door.get_username()
