"""The application list's own filters."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef

from netwerk.beheersite import is_sleutel

from ..enums import Organisatietype, Status
from ..models import Oproep, Toewijzing


class DoorMijBeoordeeldFilter(admin.SimpleListFilter):
    title = "door mij beoordeeld"
    parameter_name = "door_mij"

    def lookups(self, request, model_admin):
        return [("ja", "Ja"), ("nee", "Nog niet")]

    def queryset(self, request, queryset):
        if self.value() == "ja":
            return queryset.filter(door_mij_beoordeeld=True)
        if self.value() == "nee":
            return queryset.filter(door_mij_beoordeeld=False)
        return queryset


class DomeinenFilter(admin.SimpleListFilter):
    title = "domeinen"
    parameter_name = "domeinen"

    def lookups(self, request, model_admin):
        return [
            ("beide", "Fysiek én sociaal"),
            ("fysiek", "Alleen fysiek"),
            ("sociaal", "Alleen sociaal"),
        ]

    def queryset(self, request, queryset):
        if self.value() == "beide":
            return queryset.filter(aantal_fysiek__gt=0, aantal_sociaal__gt=0)
        if self.value() == "fysiek":
            return queryset.filter(aantal_sociaal=0)
        if self.value() == "sociaal":
            return queryset.filter(aantal_fysiek=0)
        return queryset


class StatusFilter(admin.SimpleListFilter):
    """By default the live applications: not withdrawn and not concepts (which are not
    applications yet). Those two, and everything, only when staff ask for them."""

    title = "status"
    parameter_name = "status"
    ALLE = "alle"

    def lookups(self, request, model_admin):
        return [
            *[
                (status.value, status.label)
                for status in Status
                if status not in {Status.CONCEPT, Status.INGETROKKEN}
            ],
            (Status.INGETROKKEN.value, "Ingetrokken"),
            (Status.CONCEPT.value, "Concepten (nog niet ingediend)"),
            (self.ALLE, "Alle behalve concepten"),
        ]

    def queryset(self, request, queryset):
        if self.value() in Status.values:
            return queryset.filter(status=self.value())
        if self.value() == self.ALLE:
            return queryset.aanmeldingen()
        return queryset.lopend()

    def choices(self, changelist):
        keuzes = list(super().choices(changelist))
        keuzes[0]["display"] = "Lopend"  # Django's "Alle", which is no choice here
        yield from keuzes


class OproepFilter(admin.SimpleListFilter):
    """By default the calls still running: no decision of theirs has been sent."""

    title = "oproep"
    parameter_name = "oproep"
    ALLE = "alle"

    def lookups(self, request, model_admin):
        return [
            (self.ALLE, "Alle oproepen"),
            *[(str(oproep.pk), oproep.titel) for oproep in Oproep.objects.order_by("-deadline")],
        ]

    def queryset(self, request, queryset):
        if self.value() == self.ALLE:
            return queryset
        if self.value():
            # A tampered value is no call: it shows nothing rather than failing.
            return (
                queryset.filter(oproep_id=self.value())
                if is_sleutel(self.value())
                else (queryset.none())
            )
        return queryset.exclude(
            oproep__in=Oproep.objects.filter(aanmeldingen__besluit_verzonden_op__isnull=False)
        )

    def choices(self, changelist):
        keuzes = list(super().choices(changelist))
        keuzes[0]["display"] = "Lopende oproepen"  # Django's "Alle", likewise
        yield from keuzes


# The filters below open what the staff start page counts (netwerk.dashboard).


class ToegewezenAanFilter(admin.SimpleListFilter):
    """The applications assigned to one reviewer: all, those still to do, or those done
    (reviewed by them). The value is the reviewer's key, with ":open" or ":gedaan"."""

    title = "toegewezen aan"
    parameter_name = "toegewezen_aan"
    STANDEN = {"open": "nog te doen", "gedaan": "gedaan"}

    def lookups(self, request, model_admin):
        beoordelaars = (
            get_user_model()
            .objects.filter(Exists(Toewijzing.objects.filter(beoordelaar=OuterRef("pk"))))
            .order_by("first_name", "last_name", "username")
        )
        keuzes = []
        for beoordelaar in beoordelaars:
            naam = beoordelaar.get_full_name() or beoordelaar.get_username()
            keuzes.append((str(beoordelaar.pk), naam))
            keuzes += [
                (f"{beoordelaar.pk}:{stand}", f"{naam}: {label}")
                for stand, label in self.STANDEN.items()
            ]
        return keuzes

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        beoordelaar, _, stand = self.value().partition(":")
        if not is_sleutel(beoordelaar) or (stand and stand not in self.STANDEN):
            return queryset.none()
        return queryset.toegewezen_aan(int(beoordelaar), stand)


class AantalBeoordelingenFilter(admin.SimpleListFilter):
    """By the number of reviews an application has: 0, 1, 2, or 3 and more."""

    title = "aantal beoordelingen"
    parameter_name = "beoordelingen"
    MEER = "3+"

    def lookups(self, request, model_admin):
        return [("0", "Geen"), ("1", "1"), ("2", "2"), (self.MEER, "3 of meer")]

    def queryset(self, request, queryset):
        if self.value() == self.MEER:
            return queryset.filter(aantal_beoordelingen__gte=3)
        if self.value() in {"0", "1", "2"}:
            return queryset.filter(aantal_beoordelingen=int(self.value()))
        return queryset


class OrganisatietypeFilter(admin.SimpleListFilter):
    """Applications whose coalition has at least one member of this type."""

    title = "soort organisatie in de coalitie"
    parameter_name = "organisatietype"

    def lookups(self, request, model_admin):
        return Organisatietype.choices

    def queryset(self, request, queryset):
        if self.value() in Organisatietype.values:
            return queryset.met_lid_van_type(self.value())
        return queryset
