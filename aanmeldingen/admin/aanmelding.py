"""Applications: the list, the read page and the change page; the actions are in acties.py."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F, OuterRef, Subquery
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.timezone import localtime

from casuswijken.models import Casuswijk
from netwerk.beheerpagina import beheerpagina
from netwerk.beheersite import is_sleutel
from netwerk.rechten import Recht, mag

from ..enums import Status
from ..models import (
    AANVRAGERVELDEN,
    Aanmelding,
    Belangenconflict,
    Beoordeling,
    Revisie,
    Toewijzing,
)
from .acties import AanmeldingActies
from .filters import (
    AantalBeoordelingenFilter,
    DomeinenFilter,
    DoorMijBeoordeeldFilter,
    OproepFilter,
    OrganisatietypeFilter,
    StatusFilter,
    ToegewezenAanFilter,
)
from .inlines import (
    BelangenconflictInline,
    BeoordelingInline,
    CoalitielidInline,
    RevisieInline,
    StatuswijzigingInline,
    ToestemmingInline,
    ToewijzingInline,
)
from .paginas import adviestelling, beoordelingscel, getal


def _datum(moment) -> str:
    """A moment in the list in Dutch, as on the read page: "1 december 2026 14:05"."""
    return date_format(localtime(moment), "j F Y H:i") if moment else "–"


class AanmeldingAdminForm(forms.ModelForm):
    """Refuses a save when the application changed after this page was opened.

    The applicant may save through the secret link at any time before the deadline, and
    that rewrites the members: a page opened before would otherwise fail on every member
    row, or undo the applicant's change.
    """

    geopende_versie = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Aanmelding
        fields = ["oproep", "wijktype", *AANVRAGERVELDEN]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["geopende_versie"] = self.instance.versie

    def clean(self):
        gegevens = super().clean()
        if self.instance.pk:
            huidig = Aanmelding.objects.values_list("versie", flat=True).get(pk=self.instance.pk)
            if gegevens.get("geopende_versie") != huidig:
                raise ValidationError(
                    "De aanvrager of een collega heeft deze aanmelding gewijzigd nadat u haar "
                    "opende. Uw wijzigingen zijn niet opgeslagen: open de aanmelding opnieuw "
                    "en breng ze daar aan."
                )
        return gegevens


@admin.register(Aanmelding)
class AanmeldingAdmin(AanmeldingActies, admin.ModelAdmin):
    # Fits a 1366 px screen: related facts share a column, on a second line.
    list_display = [
        "wijknaam",
        "lees_link",
        "plaats",
        "coalitie",
        "status_en_datum",
        "beoordelingen",
        "gemiddelde",
        "adviezen",
        "gewijzigd_na_indienen",
        "mogelijk_dubbel",
    ]
    list_filter = [
        OproepFilter,
        StatusFilter,
        DoorMijBeoordeeldFilter,
        DomeinenFilter,
        "provincie",
        "wijktype",
        OrganisatietypeFilter,
        AantalBeoordelingenFilter,
        ToegewezenAanFilter,
    ]
    actions = [
        "vergelijk",
        "exporteer_csv",
        "wijs_beoordelaars_toe",
        "besluit_geselecteerd",
        "besluit_reserve",
        "besluit_afgewezen",
        "stuur_link",
    ]
    list_select_related = ["oproep"]
    # "8 resultaten (11 totaal)" would count the concepts, which are not applications.
    show_full_result_count = False
    search_fields = [
        "wijknaam",
        "gemeente",
        "cbs_wijkcode",
        "leden__naam",
        "leden__organisatie",
        "leden__email",
    ]
    date_hierarchy = "ingediend_op"
    readonly_fields = [
        "status",
        "ingediend_op",
        "privacy_akkoord_op",
        "privacyverklaring_versie",
        "aangemaakt",
        "gewijzigd",
    ]
    form = AanmeldingAdminForm
    fieldsets = [
        (None, {"fields": ["oproep", "status", "ingediend_op", "geopende_versie"]}),
        ("Voor de selectie", {"fields": ["wijktype"]}),
        ("De casuswijk", {"fields": ["wijknaam", "gemeente", "provincie", "cbs_wijkcode"]}),
        ("Wijk en aanpak", {"fields": ["wijkbeschrijving", "aanpak", "bestaande_interventies"]}),
        (
            "De vier leervragen",
            {
                "fields": [
                    "leervraag_verwachtingen",
                    "leervraag_opbrengsten",
                    "leervraag_randvoorwaarden",
                    "leervraag_interventies",
                ]
            },
        ),
        (
            "Toestemming en registratie",
            {
                "fields": [
                    "privacy_akkoord_op",
                    "privacyverklaring_versie",
                    "aangemaakt",
                    "gewijzigd",
                ]
            },
        ),
    ]
    inlines = [
        CoalitielidInline,
        ToewijzingInline,
        BelangenconflictInline,
        BeoordelingInline,
        RevisieInline,
        StatuswijzigingInline,
        ToestemmingInline,
    ]

    def get_queryset(self, request):
        laatste_revisie = Revisie.objects.filter(aanmelding=OuterRef("pk")).order_by("-tijdstip")
        return (
            super()
            .get_queryset(request)
            .met_coalitie_samenvatting()
            .met_dubbelmarkering()
            .met_beoordelingen_voor(request.user)
            .annotate(laatste_revisie=Subquery(laatste_revisie.values("tijdstip")[:1]))
            .prefetch_related("leden")
        )

    def get_urls(self):
        return [
            path(
                "<int:pk>/lezen/",
                self.admin_site.admin_view(self.lezen),
                name="aanmeldingen_aanmelding_lezen",
            ),
            *super().get_urls(),
        ]

    def lezen(self, request, pk: int):
        """The whole application as a document: members, reviews you may see, history."""
        aanmelding = get_object_or_404(
            self.get_queryset(request)
            .select_related("oproep")
            .prefetch_related("statuswijzigingen__door", "revisies"),
            pk=pk,
        )
        if not self.has_view_or_change_permission(request, aanmelding):
            raise PermissionDenied
        beoordelingen = (
            Beoordeling.objects.zichtbaar_voor(request.user)
            .filter(aanmelding=aanmelding)
            .select_related("beoordelaar")
        )
        return beheerpagina(
            request,
            self,
            template="admin/aanmeldingen/aanmelding_lezen.html",
            titel=str(aanmelding),
            aanmelding=aanmelding,
            beoordelingen=beoordelingen,
            eigen_beoordeling=next(
                (b for b in beoordelingen if b.beoordelaar_id == request.user.pk), None
            ),
            mag_beoordelen=mag(request.user, Recht.BEOORDELEN),
            mijn_belangenconflict=Belangenconflict.objects.filter(
                aanmelding=aanmelding, beoordelaar=request.user
            ).first(),
            belangenconflicten=(
                aanmelding.belangenconflicten.select_related("beoordelaar")
                if mag(request.user, Recht.LEES_BELANGENCONFLICTEN)
                else None
            ),
            toewijzingen=(
                aanmelding.toewijzingen.met_stand().select_related("beoordelaar")
                if mag(request.user, Recht.WIJS_BEOORDELAARS_TOE)
                else None
            ),
            casuswijk=Casuswijk.objects.filter(aanmelding=aanmelding).first(),
        )

    @admin.display(description="lezen")
    def lees_link(self, aanmelding: Aanmelding) -> str:
        return format_html(
            '<a href="{}">lezen</a>',
            reverse("admin:aanmeldingen_aanmelding_lezen", args=[aanmelding.pk]),
        )

    def changelist_view(self, request, extra_context=None):
        # The list needs the width; the admin's own menu is one click away (breadcrumbs).
        extra_context = {**(extra_context or {}), "is_nav_sidebar_enabled": False}
        return super().changelist_view(request, extra_context)

    @admin.display(description="gemeente", ordering="gemeente")
    def plaats(self, aanmelding: Aanmelding) -> str:
        return format_html(
            '{}<span class="tweede-regel">{}</span>',
            aanmelding.gemeente,
            aanmelding.get_provincie_display(),
        )

    @admin.display(description="coalitie", ordering="aantal_leden")
    def coalitie(self, aanmelding: Aanmelding) -> str:
        soorten = sorted(
            {lid.get_organisatietype_display().lower() for lid in aanmelding.leden.all()}
        )
        return format_html(
            '{} leden: {}<span class="tweede-regel">{}</span>',
            aanmelding.aantal_leden,
            self.domeinen(aanmelding),
            ", ".join(soorten),
        )

    @admin.display(description="status, ingediend", ordering="ingediend_op")
    def status_en_datum(self, aanmelding: Aanmelding) -> str:
        return format_html(
            '{}<span class="tweede-regel">{}</span>',
            aanmelding.get_status_display(),
            _datum(aanmelding.ingediend_op),
        )

    def get_readonly_fields(self, request, obj=None):
        velden = list(super().get_readonly_fields(request, obj))
        # Moving an application to another call would carry its decision past that call's
        # counter and cap.
        return [*velden, "oproep"] if obj is not None else velden

    def has_delete_permission(self, request, obj=None) -> bool:
        # A selected application stays: it counts towards the call's cap and is a casuswijk.
        # Others may go (the privacy statement promises deletion after twelve months).
        if obj is not None and obj.status == Status.GESELECTEERD:
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        acties = super().get_actions(request)
        # Bulk deletion would skip the per-application check above.
        acties.pop("delete_selected", None)
        return acties

    def change_view(self, request, object_id, form_url="", extra_context=None):
        eigen = Beoordeling.objects.filter(
            aanmelding_id=object_id if is_sleutel(str(object_id)) else None,
            beoordelaar=request.user,
        ).first()
        extra_context = {
            **(extra_context or {}),
            "eigen_beoordeling": eigen,
            "mag_beoordelen": mag(request.user, Recht.BEOORDELEN),
            "mijn_belangenconflict": Belangenconflict.objects.filter(
                aanmelding_id=object_id if is_sleutel(str(object_id)) else None,
                beoordelaar=request.user,
            ).exists(),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.display(description="beoordelingen", ordering="aantal_beoordelingen")
    def beoordelingen(self, aanmelding: Aanmelding) -> str:
        eigen = " (ook door u)" if aanmelding.door_mij_beoordeeld else ""
        return f"{aanmelding.aantal_beoordelingen}{eigen}"

    @admin.display(description="gem.", ordering="gemiddelde")
    def gemiddelde(self, aanmelding: Aanmelding) -> str:
        return beoordelingscel(aanmelding, getal(aanmelding.gemiddelde))

    @admin.display(description="advies sel./res./afw.")
    def adviezen(self, aanmelding: Aanmelding) -> str:
        return beoordelingscel(aanmelding, adviestelling(aanmelding))

    def save_formset(self, request, form, formset, change) -> None:
        if formset.model is not Toewijzing:
            return super().save_formset(request, form, formset, change)
        for toewijzing in formset.save(commit=False):
            toewijzing.toegewezen_door = request.user
            toewijzing.save()
        for toewijzing in formset.deleted_objects:
            toewijzing.delete()
        return None

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        alleen_toewijzingen = not form.has_changed() and all(
            formset.model is Toewijzing or not formset.has_changed() for formset in formsets
        )
        if change and not alleen_toewijzingen:
            # Staff changed the application: a form the applicant opened before is stale now
            # and must not silently undo the correction. Assigning reviewers changes nothing
            # the applicant wrote.
            Aanmelding.objects.filter(pk=form.instance.pk).update(versie=F("versie") + 1)

    @admin.display(description="gewijzigd na indienen", ordering="laatste_revisie")
    def gewijzigd_na_indienen(self, aanmelding: Aanmelding):
        if aanmelding.gewijzigd_na_beoordeling:
            return format_html(
                '<strong>{}</strong><span class="tweede-regel">(na een beoordeling)</span>',
                _datum(aanmelding.laatste_revisie),
            )
        if aanmelding.laatste_revisie:
            return _datum(aanmelding.laatste_revisie)
        return "–"

    @admin.display(description="zelfde wijk", ordering="mogelijk_dubbel")
    def mogelijk_dubbel(self, aanmelding: Aanmelding) -> str:
        # Words, not the admin's green tick: a possible duplicate is not good news.
        return "mogelijk dubbel" if aanmelding.mogelijk_dubbel else ""

    def get_search_results(self, request, queryset, search_term):
        # Searching on member names joins the members a second time, which would multiply
        # the annotated counts (and Django's answer, DISTINCT, does not undo that). Search
        # on the bare table and keep the annotated rows whose id matches.
        if not search_term:
            return queryset, False
        gevonden, _ = super().get_search_results(request, Aanmelding.objects.all(), search_term)
        return queryset.filter(pk__in=gevonden.values("pk")), False

    def domeinen(self, aanmelding: Aanmelding) -> str:
        if aanmelding.aantal_fysiek and aanmelding.aantal_sociaal:
            return f"fysiek {aanmelding.aantal_fysiek}, sociaal {aanmelding.aantal_sociaal}"
        if aanmelding.aantal_fysiek:
            return f"alleen fysiek ({aanmelding.aantal_fysiek})"
        return f"alleen sociaal ({aanmelding.aantal_sociaal})"
