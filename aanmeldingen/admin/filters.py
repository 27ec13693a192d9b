"""The application list's own filters."""

from django.contrib import admin

from ..enums import Status


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
    """Concepts are not applications: they only show when staff ask for them."""

    title = "status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [
            *[(status.value, status.label) for status in Status if status != Status.CONCEPT],
            (Status.CONCEPT.value, "Concepten (nog niet ingediend)"),
        ]

    def queryset(self, request, queryset):
        if self.value() in Status.values:
            return queryset.filter(status=self.value())
        return queryset.aanmeldingen()

    def choices(self, changelist):
        for keuze in super().choices(changelist):
            if keuze["display"] == "Alle":
                keuze["display"] = "Alle behalve concepten"
            yield keuze
