from django.contrib import admin

from .models import Casuswijk


@admin.register(Casuswijk)
class CasuswijkAdmin(admin.ModelAdmin):
    list_display = ["naam", "gemeente", "aangemaakt"]
    list_select_related = ["aanmelding"]
    readonly_fields = ["aanmelding", "aangemaakt"]
    fields = ["naam", "slug", "aanmelding", "aangemaakt"]
    search_fields = ["naam", "aanmelding__gemeente"]

    @admin.display(description="gemeente", ordering="aanmelding__gemeente")
    def gemeente(self, casuswijk: Casuswijk) -> str:
        return casuswijk.aanmelding.gemeente

    def has_add_permission(self, request) -> bool:
        # A casuswijk comes from a selected application when the decisions are sent.
        return False
