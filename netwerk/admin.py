"""The task queue's admin (django_tasks_db) in Dutch.

Its model's fields translate through locale/, but three labels of its admin are plain
English strings: the task's name in the list, "run after" and "traceback". This subclass
gives them the fields' translated names and changes nothing else.
"""

from django.contrib import admin
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult


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
