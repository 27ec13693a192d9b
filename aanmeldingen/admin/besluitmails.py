"""The texts of the decision mails, and every decision mail sent."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError

from netwerk.beheerpagina import telling
from netwerk.beheersite import GaatMeeBijVerwijderen
from netwerk.rechten import Recht, mag

from ..enums import BESLUITEN
from ..models import BESLUITWOORDEN, Besluitbericht, Besluitsjabloon
from ..services import verstuur_opnieuw
from ..services.besluiten import vul_in


class BesluitsjabloonForm(forms.ModelForm):
    class Meta:
        model = Besluitsjabloon
        fields = ["besluit", "onderwerp", "tekst"]
        widgets = {"tekst": forms.Textarea(attrs={"rows": 18, "cols": 90})}

    def _controleer(self, veld: str) -> str:
        tekst = self.cleaned_data[veld]
        try:
            vul_in(tekst, dict.fromkeys(BESLUITWOORDEN, "x"))
        except Exception as fout:  # noqa: BLE001 - whatever breaks filling in, refuse it here
            raise ValidationError(
                f"Deze tekst kan niet worden ingevuld: {fout}. Controleer de accolades en "
                "gebruik alleen de genoemde woorden."
            ) from None
        return tekst

    def clean_onderwerp(self) -> str:
        return self._controleer("onderwerp")

    def clean_tekst(self) -> str:
        return self._controleer("tekst")


@admin.register(Besluitsjabloon)
class BesluitsjabloonAdmin(admin.ModelAdmin):
    form = BesluitsjabloonForm
    list_display = ["besluit", "onderwerp", "gewijzigd"]
    fields = ["besluit", "onderwerp", "tekst"]

    def get_readonly_fields(self, request, obj=None):
        return ["besluit"] if obj is not None else []

    def has_add_permission(self, request) -> bool:
        # Only to make a missing one again; there is one per decision.
        return super().has_add_permission(request) and Besluitsjabloon.objects.count() < len(
            BESLUITEN
        )

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Besluitbericht)
class BesluitberichtAdmin(GaatMeeBijVerwijderen, admin.ModelAdmin):
    """Every decision mail: to whom, what, and whether it reached the mail server."""

    list_display = [
        "aanmelding",
        "besluit",
        "aan",
        "status",
        "pogingen",
        "volgende_poging_op",
        "in_wachtrij_op",
        "verstuurd_op",
    ]
    list_filter = ["status", "besluit", "aanmelding__oproep"]
    list_select_related = ["aanmelding"]
    search_fields = ["aan", "aanmelding__wijknaam"]
    readonly_fields = [
        "aanmelding",
        "besluit",
        "aan",
        "onderwerp",
        "tekst",
        "status",
        "in_wachtrij_op",
        "verstuurd_op",
        "pogingen",
        "volgende_poging_op",
        "fout",
    ]
    fields = readonly_fields
    actions = ["opnieuw_versturen"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_verstuur_besluiten_permission(self, request) -> bool:
        return mag(request.user, Recht.VERSTUUR_BESLUITEN)

    @admin.action(
        description="Mislukte berichten opnieuw versturen", permissions=["verstuur_besluiten"]
    )
    def opnieuw_versturen(self, request, queryset) -> None:
        mislukt = list(queryset.filter(status=Besluitbericht.Verzendstatus.MISLUKT))
        opnieuw = sum(verstuur_opnieuw(bericht=bericht) for bericht in mislukt)
        self.message_user(
            request,
            f"{telling(opnieuw, 'mislukt bericht', 'mislukte berichten')} opnieuw in de "
            "wachtrij gezet; berichten die al verstuurd zijn, worden niet nog eens verstuurd.",
            messages.SUCCESS,
        )
