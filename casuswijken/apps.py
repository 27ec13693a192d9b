from django.apps import AppConfig


class CasuswijkenConfig(AppConfig):
    name = "casuswijken"
    verbose_name = "Casuswijken"

    def ready(self) -> None:
        # An attachment's file leaves the storage with it (a post_delete receiver).
        from . import bijlagen  # noqa: F401
