from axes import apps as axes_apps
from django.apps import AppConfig, apps
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_migrate


class NetwerkConfig(AppConfig):
    name = "netwerk"
    verbose_name = "Portaal"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        # Logins in the security log, and the lookup that drops out-of-range keys.
        from . import inlogsignalen, opzoeken  # noqa: F401
        from .middleware import begin_sessie
        from .rechten import synchroniseer_rollen
        from .wijzigingslog import verbind

        # The admin's change log goes with the records it names (netwerk.wijzigingslog).
        verbind()

        # A login starts the session's clock (netwerk.middleware.SessieGrenzen).
        user_logged_in.connect(begin_sessie, dispatch_uid="netwerk.begin_sessie")

        # After every migrate and every test flush: the groups follow netwerk.rechten.
        # Sent per app with models; auth's comes before every app that has rights.
        post_migrate.connect(
            synchroniseer_rollen,
            sender=apps.get_app_config("auth"),
            dispatch_uid="netwerk.synchroniseer_rollen",
        )


class BeheerConfig(admin_apps.AdminConfig):
    """Django's admin, with the portal's own site (netwerk.beheersite)."""

    default = False  # named in INSTALLED_APPS as netwerk.apps.BeheerConfig
    default_site = "netwerk.beheersite.Beheersite"


class InlogblokkadeConfig(axes_apps.AppConfig):
    """django-axes (netwerk.inlogblokkade) under a Dutch name in the admin."""

    default = False  # named in INSTALLED_APPS as netwerk.apps.InlogblokkadeConfig
    verbose_name = "Inlogblokkades"
