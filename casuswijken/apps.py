from django.apps import AppConfig


class CasuswijkenConfig(AppConfig):
    name = "casuswijken"
    verbose_name = "Casuswijken"
