"""Casuswijken with their participants and interventions, and inviting people."""

from django import forms
from django.contrib import admin, messages
from django.urls import reverse

from netwerk.beheerpagina import beheerpagina, telling
from netwerk.rechten import Recht, mag

from ..enums import Rol
from ..models import (
    Casuswijk,
    Deelname,
    Interventie,
)
from ..services import (
    nodig_coalitie_uit,
    nodig_uit,
    stuur_uitnodiging_opnieuw,
)
from .velden import persoon


class PartnerForm(forms.Form):
    naam = forms.CharField(max_length=150)
    email = forms.EmailField(label="E-mailadres", max_length=254)
    organisatie = forms.CharField(max_length=150, required=False)
    functie = forms.CharField(max_length=100, required=False)


class DeelnameForm(forms.ModelForm):
    """A participation as staff change it: its end date, role and details, never its person."""

    def clean(self):
        gegevens = super().clean()
        deelname = self.instance
        einde = gegevens.get("beeindigd_op")
        if einde and deelname.begonnen_op and einde < deelname.begonnen_op:
            self.add_error("beeindigd_op", "Een deelname eindigt niet voordat ze begon.")
        # The person and the casuswijk are read-only here, so Django does not check the
        # "one active participation" constraint itself: reopening an ended one would fail.
        if (
            deelname.pk
            and einde is None
            and "beeindigd_op" in self.changed_data
            and Deelname.objects.actief()
            .filter(gebruiker=deelname.gebruiker_id, casuswijk=deelname.casuswijk_id)
            .exclude(pk=deelname.pk)
            .exists()
        ):
            self.add_error(
                "beeindigd_op",
                "Deze persoon neemt al opnieuw deel aan deze casuswijk; deze eerdere deelname "
                "blijft beëindigd.",
            )
        return gegevens


class DeelnameInline(admin.TabularInline):
    """The participants, read as people. New ones come in through the list's invitation
    actions (which make the account and mail it), not by picking an account here."""

    model = Deelname
    form = DeelnameForm
    fields = ["persoon", "rol", "organisatie", "functie", "begonnen_op", "beeindigd_op"]
    readonly_fields = ["persoon", "begonnen_op"]
    extra = 0
    verbose_name_plural = (
        "deelnames (nieuwe deelnemers nodigt u uit met een actie in de lijst van casuswijken)"
    )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("gebruiker")

    @admin.display(description="persoon")
    def persoon(self, deelname: Deelname) -> str:
        return persoon(deelname.gebruiker)

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class InterventieInline(admin.StackedInline):
    model = Interventie
    fields = ["naam", "domein", "categorie", "status", "partners", "omschrijving", "ervaringen"]
    extra = 0


@admin.register(Casuswijk)
class CasuswijkAdmin(admin.ModelAdmin):
    list_display = ["naam", "gemeente", "aangemaakt"]
    list_select_related = ["aanmelding"]
    readonly_fields = ["aanmelding", "aangemaakt"]
    fields = ["naam", "slug", "aanmelding", "aangemaakt"]
    search_fields = ["naam", "aanmelding__gemeente"]
    inlines = [DeelnameInline, InterventieInline]
    actions = ["coalitie_uitnodigen", "partner_uitnodigen"]

    def has_uitnodigen_permission(self, request) -> bool:
        return mag(request.user, Recht.UITNODIGEN)

    @admin.action(
        description="De coalitieleden van de aanmelding uitnodigen", permissions=["uitnodigen"]
    )
    def coalitie_uitnodigen(self, request, queryset) -> None:
        for casuswijk in queryset.select_related("aanmelding"):
            nieuw = nodig_coalitie_uit(casuswijk=casuswijk)
            self.message_user(
                request,
                f"{casuswijk}: {telling(len(nieuw), 'coalitielid', 'coalitieleden')} "
                "uitgenodigd; wie al deelnam, is overgeslagen.",
                messages.SUCCESS,
            )

    @admin.action(description="Een lokale partner uitnodigen", permissions=["uitnodigen"])
    def partner_uitnodigen(self, request, queryset):
        if len(queryset) != 1:
            self.message_user(request, "Kies één casuswijk.", messages.WARNING)
            return None
        casuswijk = queryset.get()
        form = PartnerForm(request.POST if "email" in request.POST else None)
        if form.is_bound and form.is_valid():
            deelname, nieuw = nodig_uit(
                casuswijk=casuswijk, rol=Rol.LOKALE_PARTNER, **form.cleaned_data
            )
            self.message_user(
                request,
                f"Uitnodiging voor {casuswijk} verstuurd naar {deelname.gebruiker.email}."
                if nieuw
                else f"Er neemt al iemand met {deelname.gebruiker.email} deel aan {casuswijk}.",
                messages.SUCCESS if nieuw else messages.INFO,
            )
            return None
        return beheerpagina(
            request,
            self,
            template="admin/casuswijken/partner_uitnodigen.html",
            titel=f"Lokale partner uitnodigen voor {casuswijk}",
            casuswijk=casuswijk,
            form=form,
        )

    @admin.display(description="gemeente", ordering="aanmelding__gemeente")
    def gemeente(self, casuswijk: Casuswijk) -> str:
        return casuswijk.aanmelding.gemeente

    def has_add_permission(self, request) -> bool:
        # A casuswijk comes from a selected application when the decisions are sent.
        return False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        casuswijk = self.get_object(request, object_id)
        if casuswijk is not None:
            extra_context = {
                **(extra_context or {}),
                "deelnemers_url": reverse("casuswijken:casuswijk", args=[casuswijk.slug]),
            }
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(Deelname)
class DeelnameAdmin(admin.ModelAdmin):
    form = DeelnameForm
    list_display = ["gebruiker", "casuswijk", "rol", "begonnen_op", "beeindigd_op"]
    list_filter = ["rol", "casuswijk"]
    list_select_related = ["gebruiker", "casuswijk"]
    search_fields = ["gebruiker__email", "gebruiker__last_name", "casuswijk__naam"]
    readonly_fields = ["gebruiker", "casuswijk"]
    actions = ["uitnodiging_opnieuw"]

    def has_add_permission(self, request) -> bool:
        # People come in through the casuswijken list's invitation actions, which make the
        # account and mail it.
        return False

    def has_uitnodigen_permission(self, request) -> bool:
        return mag(request.user, Recht.UITNODIGEN)

    @admin.action(
        description="Uitnodiging opnieuw sturen (wie nog geen wachtwoord heeft)",
        permissions=["uitnodigen"],
    )
    def uitnodiging_opnieuw(self, request, queryset) -> None:
        verstuurd = sum(
            stuur_uitnodiging_opnieuw(deelname=deelname)
            for deelname in queryset.select_related("gebruiker", "casuswijk")
        )
        self.message_user(
            request,
            f"Nieuwe uitnodiging verstuurd aan {telling(verstuurd, 'deelnemer', 'deelnemers')}. "
            "Wie al een wachtwoord heeft of niet meer deelneemt, is overgeslagen.",
            messages.SUCCESS,
        )
