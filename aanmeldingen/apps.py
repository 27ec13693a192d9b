from django.apps import AppConfig


class AanmeldingenConfig(AppConfig):
    name = "aanmeldingen"
    verbose_name = "Aanmeldingen"
