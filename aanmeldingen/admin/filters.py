"""The application list's own filters."""

from django.contrib import admin

from netwerk.beheersite import is_sleutel

from ..enums import Status
from ..models import Oproep


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
        return queryset.aanmeldingen().exclude(status=Status.INGETROKKEN)

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
