"""The admin of the portal's own records: the task queue (django_tasks_db) in Dutch, the
security log, and the login blocks of django-axes.

The task queue's model fields translate through locale/, but three labels of its admin are
plain English strings: the task's name in the list, "run after" and "traceback". This subclass
gives them the fields' translated names and changes nothing else.
"""

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import admin
from django.utils import timezone
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult

from .models import Beveiligingsgebeurtenis


def _veldnaam(naam: str):
    return DBTaskResult._meta.get_field(naam).verbose_name


class TaakAdmin(DBTaskResultAdmin):
    list_display = tuple(
        "taak" if kolom == "task_name" else kolom for kolom in DBTaskResultAdmin.list_display
    )

    @admin.display(description="taak")
    def taak(self, taak: DBTaskResult) -> str:
        return taak.task_name

    @admin.display(description=_veldnaam("run_after"))
    def display_run_after(self, taak: DBTaskResult):
        return super().display_run_after(taak)

    @admin.display(description=_veldnaam("traceback"))
    def formatted_traceback(self, taak: DBTaskResult) -> str:
        return super().formatted_traceback(taak)


admin.site.unregister(DBTaskResult)
admin.site.register(DBTaskResult, TaakAdmin)


@admin.register(Beveiligingsgebeurtenis)
class BeveiligingslogAdmin(admin.ModelAdmin):
    """The security log, to read only: who logged in or failed, from where, and when."""

    list_display = ["tijdstip", "soort", "gebruikersnaam", "adres", "details"]
    list_filter = ["soort", ("tijdstip", admin.DateFieldListFilter)]
    search_fields = ["gebruikersnaam", "adres"]
    date_hierarchy = "tijdstip"
    fields = ["tijdstip", "soort", "gebruiker", "gebruikersnaam", "adres", "details"]
    readonly_fields = fields
    list_select_related = ["gebruiker"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(AccessAttempt)
class InlogblokkadeAdmin(admin.ModelAdmin):
    """django-axes' failed logins per account and address: beheer sees who is locked out
    (or nearly) and lifts a block by deleting its row. Replaces axes' English admin."""

    list_display = ["username", "ip_address", "failures_since_start", "attempt_time", "status"]
    search_fields = ["username", "ip_address"]
    date_hierarchy = "attempt_time"
    fields = ["username", "ip_address", "failures_since_start", "attempt_time", "path_info",
              "user_agent"]  # fmt: skip
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description="status")
    def status(self, poging: AccessAttempt) -> str:
        if poging.failures_since_start < settings.AXES_FAILURE_LIMIT:
            return "nog niet geblokkeerd"
        tot = timezone.localtime(poging.attempt_time + settings.AXES_COOLOFF_TIME)
        if tot <= timezone.localtime():
            return "blokkade voorbij"
        return f"geblokkeerd tot {tot:%H:%M}"
