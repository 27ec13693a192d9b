"""The actions on a selection of applications: compare, export, assign reviewers, decide,
send a new link."""

from django.contrib import admin, messages
from django.db.models import Prefetch

from netwerk.beheerpagina import beheerpagina, telling
from netwerk.beveiliging import Soort, noteer
from netwerk.formulieren import foutoverzicht
from netwerk.rechten import Recht, mag
from netwerk.spreadsheet import csv_bestand

from ..enums import Criterium, Status
from ..export import schrijf_csv
from ..models import (
    SCORE_VELDEN,
    Aanmelding,
    Beoordeling,
)
from ..services import (
    BesluitGeweigerd,
    ToewijzingGeweigerd,
    neem_besluiten,
    stuur_nieuwe_link,
    waarom_geen_besluit,
    wijs_toe,
)
from .formulieren import BesluitForm, ToewijzenForm, Tussenformulier
from .paginas import adviestelling, beoordelingscel, getal


class AanmeldingActies:
    """The actions of AanmeldingAdmin: each asks for what it needs on a page of its own and
    leaves the work to a service."""

    def has_exporteer_permission(self, request) -> bool:
        return mag(request.user, Recht.LEES_ALLE_BEOORDELINGEN)

    @admin.action(
        description="Exporteren als CSV (met leden en beoordelingen)", permissions=["exporteer"]
    )
    def exporteer_csv(self, request, queryset):
        aanmeldingen = (
            Aanmelding.objects.filter(pk__in=queryset.values("pk"))
            .select_related("oproep")
            .prefetch_related(
                "leden",
                # Not the reviews of an application the exporter declared a conflict for.
                Prefetch(
                    "beoordelingen",
                    queryset=Beoordeling.objects.zichtbaar_voor(request.user).select_related(
                        "beoordelaar"
                    ),
                ),
            )
            .order_by("oproep", "wijknaam")
        )
        response = csv_bestand("aanmeldingen")
        rijen = schrijf_csv(aanmeldingen, response)
        noteer(Soort.EXPORT, request=request, gebruiker=request.user, wat="aanmeldingen",
               formaat="csv", rijen=rijen)  # fmt: skip
        return response

    @admin.action(description="Vergelijken (naast elkaar)", permissions=["view"])
    def vergelijk(self, request, queryset):
        """The chosen applications side by side, to keep the selection balanced."""
        aanmeldingen = list(
            self.get_queryset(request)
            .filter(pk__in=queryset.values("pk"))
            .select_related("oproep")
            .met_criteriumgemiddelden_voor(request.user)
            .order_by("provincie", "wijknaam")
        )

        def cel(aanmelding, waarde) -> str:
            return beoordelingscel(aanmelding, waarde, ingetrokken="ingetrokken")

        rijen = [
            (
                criterium.label,
                [cel(a, getal(getattr(a, f"gem_{veld}"))) for a in aanmeldingen],
            )
            for criterium, veld in zip(Criterium, SCORE_VELDEN, strict=True)
        ]
        rijen += [
            ("Gemiddeld", [cel(a, getal(a.gemiddelde)) for a in aanmeldingen]),
            (
                "Advies (sel. / res. / afw.)",
                [cel(a, adviestelling(a)) for a in aanmeldingen],
            ),
        ]
        return beheerpagina(
            request,
            self,
            template="admin/aanmeldingen/vergelijken.html",
            titel="Aanmeldingen vergelijken",
            aanmeldingen=aanmeldingen,
            scorerijen=rijen,
        )

    def has_wijs_beoordelaars_toe_permission(self, request) -> bool:
        return mag(request.user, Recht.WIJS_BEOORDELAARS_TOE)

    @admin.action(description="Beoordelaars toewijzen", permissions=["wijs_beoordelaars_toe"])
    def wijs_beoordelaars_toe(self, request, queryset):
        """Ask how many reviewers and from whom; then give each chosen application that many,
        spread evenly (services.wijs_toe), or, when that cannot be done, none at all."""
        aanmeldingen = list(queryset.select_related("oproep").order_by("wijknaam", "pk"))
        if not aanmeldingen:
            return self._niets_gekozen(request)
        form = ToewijzenForm.uit(request)
        if form.bevestigd_en_geldig():
            try:
                nieuw = wijs_toe(
                    aanmeldingen=aanmeldingen,
                    beoordelaars=form.cleaned_data["beoordelaars"],
                    aantal=form.cleaned_data["aantal"],
                    door=request.user,
                )
            except ToewijzingGeweigerd as reden:
                form.add_error(None, str(reden))
            else:
                self.message_user(request, _toegewezen(nieuw, len(aanmeldingen)), messages.SUCCESS)
                return None
        return beheerpagina(
            request,
            self,
            template="admin/aanmeldingen/toewijzen.html",
            titel="Beoordelaars toewijzen",
            aanmeldingen=aanmeldingen,
            form=form,
            fouten=foutoverzicht(form) if form.is_bound else [],
        )

    def has_neem_besluit_permission(self, request) -> bool:
        return mag(request.user, Recht.NEEM_BESLUIT)

    @admin.action(description="Besluit vastleggen: geselecteerd", permissions=["neem_besluit"])
    def besluit_geselecteerd(self, request, queryset):
        return self._leg_besluit_vast(request, queryset, Status.GESELECTEERD)

    @admin.action(description="Besluit vastleggen: reserve", permissions=["neem_besluit"])
    def besluit_reserve(self, request, queryset):
        return self._leg_besluit_vast(request, queryset, Status.RESERVE)

    @admin.action(description="Besluit vastleggen: afgewezen", permissions=["neem_besluit"])
    def besluit_afgewezen(self, request, queryset):
        return self._leg_besluit_vast(request, queryset, Status.AFGEWEZEN)

    def _leg_besluit_vast(self, request, queryset, besluit: Status):
        """Ask for the reason first; then record the decision for all of them, or for none."""
        aanmeldingen = list(queryset.select_related("oproep").order_by("wijknaam"))
        if not aanmeldingen:
            return self._niets_gekozen(request)
        for oproep in {aanmelding.oproep for aanmelding in aanmeldingen}:
            if reden := waarom_geen_besluit(oproep=oproep):
                self.message_user(request, reden, messages.ERROR)
                return None
        form = BesluitForm.uit(request)
        if not form.bevestigd_en_geldig():
            return beheerpagina(
                request,
                self,
                template="admin/aanmeldingen/besluit_vastleggen.html",
                titel=f"Besluit vastleggen: {besluit.label.lower()}",
                besluit=besluit,
                actie=f"besluit_{besluit.value}",
                aanmeldingen=aanmeldingen,
                form=form,
            )
        toelichting = form.cleaned_data["toelichting"]
        try:
            neem_besluiten(
                aanmeldingen=aanmeldingen,
                besluit=besluit,
                door=request.user,
                toelichting=toelichting,
            )
        except BesluitGeweigerd as reden:
            self.message_user(request, str(reden), messages.ERROR)
            return None
        for aanmelding in aanmeldingen:
            self.log_change(
                request, aanmelding, f"Besluit vastgelegd: {besluit.label}. {toelichting}"
            )
        self.message_user(
            request,
            f"Besluit {besluit.label.lower()} vastgelegd voor: "
            f"{', '.join(str(aanmelding) for aanmelding in aanmeldingen)}. Het wordt pas "
            "verstuurd als u de besluiten van de oproep verstuurt.",
            messages.SUCCESS,
        )
        return None

    @admin.action(description="Nieuwe link sturen naar de contactpersoon", permissions=["change"])
    def stuur_link(self, request, queryset):
        aanmeldingen = list(queryset.prefetch_related("leden"))
        if not aanmeldingen:
            return self._niets_gekozen(request)
        if not Tussenformulier.uit(request).bevestigd_en_geldig():
            # The current links stop working once the mails went: ask first, like Django's
            # own delete action.
            return beheerpagina(
                request,
                self,
                template="admin/aanmeldingen/stuur_link_bevestigen.html",
                titel="Nieuwe link sturen?",
                aanmeldingen=aanmeldingen,
                form=Tussenformulier(),
            )
        zonder_adres = [
            aanmelding
            for aanmelding in aanmeldingen
            if not stuur_nieuwe_link(aanmelding=aanmelding, door_medewerker=True)
        ]
        if zonder_adres:
            self.message_user(
                request,
                "Geen link gestuurd voor "
                + ", ".join(str(aanmelding) for aanmelding in zonder_adres)
                + ": de contactpersoon heeft geen e-mailadres meer (de gegevens zijn op "
                "verzoek verwijderd). Maak eerst een ander lid contactpersoon.",
                messages.WARNING,
            )
            aanmeldingen = [a for a in aanmeldingen if a not in zonder_adres]
            if not aanmeldingen:
                return None
        if len(aanmeldingen) == 1:
            tekst = (
                "De contactpersoon van 1 aanmelding krijgt een nieuwe link. De vorige link "
                "werkt niet meer zodra de e-mail verstuurd is."
            )
        else:
            tekst = (
                f"De contactpersonen van {len(aanmeldingen)} aanmeldingen krijgen een nieuwe "
                "link. De vorige links werken niet meer zodra de e-mails verstuurd zijn."
            )
        self.message_user(request, tekst, messages.SUCCESS)
        return None

    def _niets_gekozen(self, request) -> None:
        # Django's admin hands an action only the chosen rows the list shows; chosen ids
        # that the list does not show (another filter, a tampered form) leave nothing.
        self.message_user(
            request,
            "Geen van de gekozen aanmeldingen staat in deze lijst; er is niets gedaan. Kies "
            "de aanmeldingen opnieuw, zo nodig met een ander filter.",
            messages.WARNING,
        )


def _toegewezen(nieuw: list, aantal_aanmeldingen: int) -> str:
    if not nieuw:
        return "Elke gekozen aanmelding had al genoeg beoordelaars; er is niemand bij gekomen."
    per_beoordelaar = {}
    for toewijzing in nieuw:
        naam = toewijzing.beoordelaar.get_full_name() or toewijzing.beoordelaar.get_username()
        per_beoordelaar[naam] = per_beoordelaar.get(naam, 0) + 1
    verdeling = ", ".join(
        f"{naam} {telling(n, 'aanmelding', 'aanmeldingen')}"
        for naam, n in sorted(per_beoordelaar.items())
    )
    return (
        f"{telling(len(nieuw), 'toewijzing', 'toewijzingen')} gemaakt voor "
        f"{telling(aantal_aanmeldingen, 'aanmelding', 'aanmeldingen')}: {verdeling}."
    )
