from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


class NetwerkConfig(AppConfig):
    name = "netwerk"
    verbose_name = "Portaal"

    def ready(self) -> None:
        from .rechten import synchroniseer_rollen

        # After every migrate and every test flush: the groups follow netwerk.rechten.
        # Sent per app with models; this app has none, so it listens to auth's.
        post_migrate.connect(
            synchroniseer_rollen,
            sender=apps.get_app_config("auth"),
            dispatch_uid="netwerk.synchroniseer_rollen",
        )
