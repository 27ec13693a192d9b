from django.db import models


class Casuswijk(models.Model):
    """A selected neighbourhood, made from its application when the selection is sent."""

    aanmelding = models.OneToOneField(
        "aanmeldingen.Aanmelding", on_delete=models.PROTECT, related_name="casuswijk"
    )
    naam = models.CharField(max_length=100)
    slug = models.SlugField(max_length=120, unique=True, help_text="Deel van /wijken/<slug>/.")
    aangemaakt = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "casuswijk"
        verbose_name_plural = "casuswijken"
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam
