"""The admin of the portal's own records: the task queue (django_tasks_db) in Dutch, the
security log, and the staff's second step.

The task queue's model fields translate through locale/, but three labels of its admin are
plain English strings: the task's name in the list, "run after" and "traceback". This subclass
gives them the fields' translated names and changes nothing else.
"""

from django.contrib import admin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult

from .models import Beveiligingsgebeurtenis, TweedeStap
from .tweede_stap import verwijder_tweede_stap


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


# django-otp's own pages would show each app's secret and QR code, in English, and let one
# staff member set up another's app; beheer gets TweedeStapAdmin instead.
admin.site.unregister(TOTPDevice)
admin.site.unregister(StaticDevice)


@admin.register(TweedeStap)
class TweedeStapAdmin(admin.ModelAdmin):
    """Who set up the second step, and removing it when a phone is lost: the staff member
    then sets up a new app at the next login. The recovery codes go with it."""

    list_display = ["account", "aangemaakt", "laatst_gebruikt"]
    list_select_related = ["user"]
    search_fields = ["user__username", "user__email", "user__first_name", "user__last_name"]
    ordering = ["user__username"]
    fields = ["account", "aangemaakt", "laatst_gebruikt", "mislukte_pogingen"]
    readonly_fields = fields

    def get_queryset(self, request):
        # An app being set up but never confirmed is no second step yet.
        return super().get_queryset(request).filter(confirmed=True)

    @admin.display(description="account", ordering="user__username")
    def account(self, apparaat: TweedeStap) -> str:
        naam = apparaat.user.get_full_name()
        return f"{naam} ({apparaat.user.get_username()})" if naam else apparaat.user.username

    @admin.display(description="ingesteld op", ordering="created_at")
    def aangemaakt(self, apparaat: TweedeStap):
        return apparaat.created_at

    @admin.display(description="laatst gebruikt", ordering="last_used_at")
    def laatst_gebruikt(self, apparaat: TweedeStap):
        return apparaat.last_used_at

    @admin.display(description="verkeerde codes op rij")
    def mislukte_pogingen(self, apparaat: TweedeStap) -> int:
        return apparaat.throttling_failure_count

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def delete_model(self, request, obj: TweedeStap) -> None:
        verwijder_tweede_stap(gebruiker=obj.user, door=request.user, request=request)

    def delete_queryset(self, request, queryset) -> None:
        # Django's bulk delete, after its confirmation page; through the security log too.
        for apparaat in queryset.select_related("user"):
            verwijder_tweede_stap(gebruiker=apparaat.user, door=request.user, request=request)
