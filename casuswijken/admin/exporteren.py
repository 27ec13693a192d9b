"""The "Exporteer als CSV" action that the lists of interventions, findings and action
points share."""

from django.contrib import admin

from netwerk.beveiliging import Soort, noteer
from netwerk.rechten import mag
from netwerk.spreadsheet import csv_bestand

from ..export import Export


class CsvExport:
    """Exports the chosen rows, or the whole filtered list when all are chosen across pages;
    offered only to staff who may read this kind of record."""

    export: Export

    def has_exporteer_permission(self, request) -> bool:
        return mag(request.user, self.export.recht)

    @admin.action(description="Exporteer als CSV", permissions=["exporteer"])
    def exporteer_csv(self, request, queryset):
        response = csv_bestand(self.export.naam)
        rijen = self.export.schrijf(queryset, response)
        noteer(Soort.EXPORT, request=request, gebruiker=request.user, wat=self.export.naam,
               formaat="csv", rijen=rijen)  # fmt: skip
        return response
