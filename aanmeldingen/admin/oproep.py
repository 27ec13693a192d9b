"""Calls, with the action that sends their decisions."""

from django.contrib import admin, messages
from django.db.models import Count, Q

from netwerk.beheerpagina import beheerpagina, telling
from netwerk.rechten import Recht, mag

from ..enums import Status
from ..models import Oproep
from ..services import (
    KanNietVersturen,
    besluitmails,
    sla_oproep_op,
    verstuur_besluiten,
    vingerafdruk,
    waarom_niet_versturen,
)
from .formulieren import VersturenForm


@admin.register(Oproep)
class OproepAdmin(admin.ModelAdmin):
    list_display = ["titel", "deadline", "gepubliceerd", "aantal_aanmeldingen"]
    list_filter = ["gepubliceerd"]
    search_fields = ["titel"]
    prepopulated_fields = {"slug": ["titel"]}
    fieldsets = [
        (None, {"fields": ["titel", "slug", "gepubliceerd", "deadline"]}),
        ("Tekst op de pagina", {"fields": ["inleiding", "gevraagde_inzet"]}),
        ("Selectie", {"fields": ["min_wijken", "max_wijken", "beoordeling_deadline"]}),
        ("Leernetwerk", {"fields": ["netwerk_einde"]}),
    ]

    actions = ["besluiten_versturen"]

    def save_model(self, request, obj, form, change) -> None:
        # A new review deadline gets its own reminder (services.sla_oproep_op).
        sla_oproep_op(oproep=obj)

    def has_verstuur_besluiten_permission(self, request) -> bool:
        return mag(request.user, Recht.VERSTUUR_BESLUITEN)

    @admin.action(
        description="Besluiten versturen (eerst een voorbeeld)", permissions=["verstuur_besluiten"]
    )
    def besluiten_versturen(self, request, queryset):
        if len(queryset) != 1:
            self.message_user(request, "Kies één oproep.", messages.WARNING)
            return None
        oproep = queryset.get()
        form = VersturenForm.uit(request)
        if form.bevestigd_en_geldig():
            try:
                berichten = verstuur_besluiten(
                    oproep=oproep, door=request.user, gezien=form.cleaned_data["gezien"]
                )
            except KanNietVersturen as reden:
                self.message_user(request, str(reden), messages.ERROR)
                return None
            self.message_user(request, _klaargezet(len(berichten)), messages.SUCCESS)
            return None
        bezwaar = waarom_niet_versturen(oproep=oproep)
        try:
            mails = besluitmails(oproep=oproep)
        except KanNietVersturen as reden:
            mails, bezwaar = [], bezwaar or str(reden)
        return beheerpagina(
            request,
            self,
            template="admin/aanmeldingen/besluiten_versturen.html",
            titel=f"Besluiten versturen: {oproep}",
            oproep=oproep,
            mails=mails,
            bezwaar=bezwaar,
            form=VersturenForm(initial={"gezien": vingerafdruk(mails)}),
        )

    def get_queryset(self, request):
        # Concepts are not applications: they are not counted.
        return (
            super()
            .get_queryset(request)
            .annotate(
                _aantal_aanmeldingen=Count(
                    "aanmeldingen", filter=~Q(aanmeldingen__status=Status.CONCEPT)
                )
            )
        )

    @admin.display(description="aanmeldingen", ordering="_aantal_aanmeldingen")
    def aantal_aanmeldingen(self, oproep: Oproep) -> int:
        return oproep._aantal_aanmeldingen


def _klaargezet(aantal_mails: int) -> str:
    if aantal_mails == 0:
        return "Er waren geen besluiten meer te versturen."
    if aantal_mails == 1:
        return (
            "1 besluitmail staat klaar om te worden verstuurd. Onder Besluitberichten ziet u "
            "of die aankomt."
        )
    return (
        f"{telling(aantal_mails, 'besluitmail', 'besluitmails')} staan klaar om te worden "
        "verstuurd. Onder Besluitberichten ziet u of ze aankomen."
    )
