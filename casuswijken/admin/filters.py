"""The list filters that the staff start page links to (netwerk.dashboard): each opens the
same records that the start page counts, through the same queryset method."""

from django.contrib import admin


class _Keuzefilter(admin.SimpleListFilter):
    """A filter whose choices are queryset methods: {value: (label, method name)}."""

    keuzes: dict[str, tuple[str, str]] = {}

    def lookups(self, request, model_admin):
        return [(waarde, label) for waarde, (label, _) in self.keuzes.items()]

    def queryset(self, request, queryset):
        if self.value() in self.keuzes:
            return getattr(queryset, self.keuzes[self.value()][1])()
        return queryset


class WanneerFilter(_Keuzefilter):
    title = "wanneer"
    parameter_name = "wanneer"
    keuzes = {"komend": ("Nog te komen", "komend")}


class VerslagFilter(_Keuzefilter):
    title = "verslag"
    parameter_name = "verslag"
    keuzes = {
        "te_schrijven": (
            "Nog te schrijven (voorbij, geen gepubliceerd verslag)",
            "verslag_te_schrijven",
        )
    }


class StandFilter(_Keuzefilter):
    title = "stand"
    parameter_name = "stand"
    keuzes = {
        "open": ("Open (niet afgerond)", "open"),
        "verlopen": ("Verlopen (open, deadline voorbij)", "verlopen"),
    }
