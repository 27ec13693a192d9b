"""Calls, with the action that sends their decisions."""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db.models import Count, Q
from django.template.response import TemplateResponse

from netwerk.rechten import Recht, mag

from ..enums import Status
from ..models import Oproep
from ..services import (
    KanNietVersturen,
    besluitmails,
    verstuur_besluiten,
    vingerafdruk,
    waarom_niet_versturen,
)


@admin.register(Oproep)
class OproepAdmin(admin.ModelAdmin):
    list_display = ["titel", "deadline", "gepubliceerd", "aantal_aanmeldingen"]
    list_filter = ["gepubliceerd"]
    search_fields = ["titel"]
    prepopulated_fields = {"slug": ["titel"]}
    fieldsets = [
        (None, {"fields": ["titel", "slug", "gepubliceerd", "deadline"]}),
        ("Tekst op de pagina", {"fields": ["inleiding", "gevraagde_inzet"]}),
        ("Selectie", {"fields": ["min_wijken", "max_wijken"]}),
    ]

    actions = ["besluiten_versturen"]

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
        if request.POST.get("bevestigd") == "ja":
            try:
                berichten = verstuur_besluiten(
                    oproep=oproep, door=request.user, gezien=request.POST.get("gezien", "")
                )
            except KanNietVersturen as reden:
                self.message_user(request, str(reden), messages.ERROR)
                return None
            self.message_user(
                request,
                f"{len(berichten)} besluitmail(s) staan klaar om te worden verstuurd. Onder "
                "Besluitberichten ziet u of ze aankomen.",
                messages.SUCCESS,
            )
            return None
        bezwaar = waarom_niet_versturen(oproep=oproep)
        try:
            mails = besluitmails(oproep=oproep)
        except KanNietVersturen as reden:
            mails, bezwaar = [], bezwaar or str(reden)
        return TemplateResponse(
            request,
            "admin/aanmeldingen/besluiten_versturen.html",
            {
                **self.admin_site.each_context(request),
                "title": f"Besluiten versturen: {oproep}",
                "oproep": oproep,
                "mails": mails,
                "gezien": vingerafdruk(mails),
                "bezwaar": bezwaar,
                "opts": self.model._meta,
                "actie_checkbox_naam": helpers.ACTION_CHECKBOX_NAME,
            },
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
