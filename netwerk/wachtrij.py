"""django_tasks_db, the queue every mail passes through, with a Dutch name in the admin.

Its own name ("Tasks Database Backend") is a plain string, out of reach of translation;
Django's way to rename another app is a subclass of its AppConfig in INSTALLED_APPS. The
label stays, so its tables and migrations are the same.
"""

from django_tasks_db.apps import TasksAppConfig


class WachtrijConfig(TasksAppConfig):
    verbose_name = "Wachtrij"
