"""A person's rights in the admin: "Gegevens van een persoon" (look up by e-mail address,
export, erase after a confirmation) and the record of those requests (Privacyverzoek).

The address travels in POST bodies only, never in an address bar: addresses of pages end
up in logs. The work itself is netwerk.persoonsgegevens.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone

from . import persoonsgegevens
from .beheerpagina import beheerpagina, telling
from .models import Privacyverzoek
from .rechten import Recht, mag


class PersoonFormulier(forms.Form):
    email = forms.EmailField(
        label="E-mailadres",
        max_length=254,
        help_text="Hoofdletters maken niet uit.",
        error_messages={
            "required": "Vul het e-mailadres van de persoon in.",
            "invalid": "Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.",
        },
    )


class VerwijderFormulier(PersoonFormulier):
    bevestigd = forms.BooleanField(required=False, widget=forms.HiddenInput)
    # The names ticked to be replaced in other people's texts; checked against the names
    # the lookup finds for the address (persoonsgegevens.verwijder ignores any other).
    namen = forms.MultipleChoiceField(required=False, choices=())

    def __init__(self, *args, namen=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["namen"].choices = [(naam, naam) for naam in namen]


@admin.register(Privacyverzoek)
class PrivacyverzoekAdmin(admin.ModelAdmin):
    """The requests handled, to read only; they hold no personal data of the person."""

    list_display = ["tijdstip", "soort", "behandeld_door", "aantallen_tekst"]
    list_filter = ["soort"]
    list_select_related = ["behandeld_door"]
    date_hierarchy = "tijdstip"
    fields = ["tijdstip", "soort", "behandeld_door", "aantallen_tekst"]
    readonly_fields = fields
    actions = None

    def has_module_permission(self, request) -> bool:
        return mag(request.user, Recht.BEHANDEL_PRIVACYVERZOEKEN)

    def has_view_permission(self, request, obj=None) -> bool:
        return mag(request.user, Recht.BEHANDEL_PRIVACYVERZOEKEN)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description="aantallen")
    def aantallen_tekst(self, verzoek: Privacyverzoek) -> str:
        titels = {soort.sleutel: soort.titel.lower() for soort in persoonsgegevens.SOORTEN}
        delen = [f"{titels.get(k, k)}: {v}" for k, v in verzoek.aantallen.items()]
        return "; ".join(delen) or "niets gevonden"

    def get_urls(self):
        return [
            path(
                "persoon/",
                self.admin_site.admin_view(self.persoon),
                name="netwerk_privacyverzoek_persoon",
            ),
            path(
                "persoon/export/",
                self.admin_site.admin_view(self.export),
                name="netwerk_privacyverzoek_export",
            ),
            path(
                "persoon/verwijderen/",
                self.admin_site.admin_view(self.verwijderen),
                name="netwerk_privacyverzoek_verwijderen",
            ),
            *super().get_urls(),
        ]

    def _mag(self, request) -> None:
        if not mag(request.user, Recht.BEHANDEL_PRIVACYVERZOEKEN):
            raise PermissionDenied

    def persoon(self, request):
        """Look a person up: the form, and after a POST what was found, grouped."""
        self._mag(request)
        form = PersoonFormulier(request.POST if request.method == "POST" else None)
        vondsten = persoon = None
        if form.is_valid():
            persoon = persoonsgegevens.persoon_met(form.cleaned_data["email"])
            zichtbaar = {
                model
                for model, modelbeheer in self.admin_site._registry.items()
                if modelbeheer.has_view_permission(request)
            }
            vondsten = [
                (vondst, vondst.items(zichtbaar)) for vondst in persoonsgegevens.zoek(persoon)
            ]
        return beheerpagina(
            request,
            self,
            template="admin/netwerk/privacyverzoek/persoon.html",
            titel="Gegevens van een persoon",
            form=form,
            vondsten=vondsten,
            persoon=persoon,
            gevonden=sum(vondst.aantal for vondst, _ in vondsten or []),
        )

    @staticmethod
    def _naar_opzoeken():
        return redirect("admin:netwerk_privacyverzoek_persoon")

    def export(self, request):
        """The zip of everything about the person (POST: the address stays out of URLs)."""
        self._mag(request)
        form = PersoonFormulier(request.POST if request.method == "POST" else None)
        if not form.is_valid():
            return self._naar_opzoeken()
        persoon = persoonsgegevens.persoon_met(form.cleaned_data["email"])
        inhoud = persoonsgegevens.exporteer(persoon=persoon, door=request.user, request=request)
        response = HttpResponse(inhoud, content_type="application/zip")
        naam = f"persoonsgegevens-{timezone.localtime():%Y%m%d-%H%M}.zip"
        response["Content-Disposition"] = f'attachment; filename="{naam}"'
        response["Cache-Control"] = "no-store"
        return response

    def verwijderen(self, request):
        """First what erasure will do (a GET or an unconfirmed POST changes nothing), then,
        confirmed, the erasure."""
        self._mag(request)
        if request.method != "POST":
            return self._naar_opzoeken()
        adres = PersoonFormulier(request.POST)
        if not adres.is_valid():
            return self._naar_opzoeken()
        persoon = persoonsgegevens.persoon_met(adres.cleaned_data["email"])
        form = VerwijderFormulier(request.POST, namen=persoon.namen)
        if form.is_valid() and form.cleaned_data["bevestigd"]:
            return self._verwijder(request, persoon, form.cleaned_data["namen"])
        vondsten = [vondst for vondst in persoonsgegevens.zoek(persoon) if vondst.aantal]
        links = {
            lid.aanmelding_id
            for vondst in vondsten
            if vondst.soort.sleutel == "coalitieleden"
            for lid in vondst.rijen
            if lid.is_contactpersoon and lid.aanmelding.toegang_selector
        }
        per_aanpak = {bij: [] for bij in persoonsgegevens.Bij}
        for vondst in vondsten:
            per_aanpak[vondst.soort.bij_verwijderen].append(vondst)
        return beheerpagina(
            request,
            self,
            template="admin/netwerk/privacyverzoek/verwijderen.html",
            titel="Gegevens van deze persoon verwijderen?",
            email=persoon.email,
            verwijderd=per_aanpak[persoonsgegevens.Bij.VERWIJDERD],
            plaatshouder=per_aanpak[persoonsgegevens.Bij.PLAATSHOUDER],
            blijft=per_aanpak[persoonsgegevens.Bij.BLIJFT],
            plaatshoudertekst=persoon.plaatshouder,
            namen=persoonsgegevens.treffers_per_naam(persoon),
            andere_namen=persoon.andere_namen,
            is_medewerker=persoon.is_medewerker,
            links=len(links),
            bezwaar=persoonsgegevens.bezwaar(persoon, request.user),
        )

    def _verwijder(self, request, persoon, namen):
        try:
            verzoek = persoonsgegevens.verwijder(
                persoon=persoon, door=request.user, namen=namen, request=request
            )
        except persoonsgegevens.Geweigerd as reden:
            self.message_user(request, str(reden), messages.ERROR)
            return self._naar_opzoeken()
        aantal = sum(verzoek.aantallen.values())
        self.message_user(
            request,
            f"De gegevens zijn verwijderd: {telling(aantal, 'record', 'records')} verwijderd "
            f"of vervangen door “{persoon.plaatshouder}”. Het verzoek staat hieronder, "
            "zonder e-mailadres of naam.",
            messages.SUCCESS,
        )
        return redirect(reverse("admin:netwerk_privacyverzoek_changelist"))
