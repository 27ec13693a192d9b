"""The interventions of a casuswijk in a shared classification, and its findings."""

from django.db import models
from django.db.models import Q

from aanmeldingen.enums import Leervraag
from netwerk.rechten import Recht, mag

from ..enums import (
    InterventieDomein,
    Interventiestatus,
)
from .bijeenkomst import Bijeenkomst
from .wijk import Casuswijk, actieve_deelnames


class Interventiecategorie(models.Model):
    """The shared classification, so that casuswijken can be compared; staff extend it."""

    naam = models.CharField(max_length=100, unique=True)
    omschrijving = models.TextField(blank=True)

    class Meta:
        verbose_name = "categorie van interventies"
        verbose_name_plural = "categorieën van interventies"
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


class InterventieQuerySet(models.QuerySet):
    def zichtbaar_voor(self, user) -> "InterventieQuerySet":
        """The casuswijk's own inventory: its participants, and staff with the right."""
        if mag(user, Recht.LEES_INTERVENTIES):
            return self.all()
        if not user.is_authenticated:
            return self.none()
        return self.filter(casuswijk__in=actieve_deelnames(user).values("casuswijk"))


class Interventie(models.Model):
    casuswijk = models.ForeignKey(Casuswijk, on_delete=models.CASCADE, related_name="interventies")
    naam = models.CharField(max_length=200)
    domein = models.CharField(max_length=10, choices=InterventieDomein)
    categorie = models.ForeignKey(
        Interventiecategorie, on_delete=models.PROTECT, related_name="interventies"
    )
    omschrijving = models.TextField(blank=True)
    partners = models.CharField(max_length=300, blank=True)
    status = models.CharField(
        max_length=10, choices=Interventiestatus, default=Interventiestatus.IDEE
    )
    ervaringen = models.TextField(blank=True, help_text="Wat werkt, wat niet, en waarom.")

    objects = InterventieQuerySet.as_manager()

    class Meta:
        verbose_name = "interventie"
        verbose_name_plural = "interventies"
        ordering = ["casuswijk", "categorie", "naam"]

    def __str__(self) -> str:
        return self.naam


class BevindingQuerySet(models.QuerySet):
    def zichtbaar_voor(self, user) -> "BevindingQuerySet":
        """A finding is its casuswijk's; a goed voorbeeld is for every casuswijk of the call."""
        if mag(user, Recht.LEES_BEVINDINGEN):
            return self.all()
        if not user.is_authenticated:
            return self.none()
        uit_zichtbare_sessie = Q(bijeenkomst__isnull=True) | Q(
            bijeenkomst__in=Bijeenkomst.objects.zichtbaar_voor(user).values("pk")
        )
        return self.filter(
            Q(casuswijk__in=actieve_deelnames(user).values("casuswijk"))
            | Q(
                goed_voorbeeld=True,
                casuswijk__aanmelding__oproep__in=actieve_deelnames(user).values(
                    "casuswijk__aanmelding__oproep"
                ),
            ),
            uit_zichtbare_sessie,
        )


class Bevinding(models.Model):
    leervraag = models.CharField(max_length=20, choices=Leervraag)
    casuswijk = models.ForeignKey(Casuswijk, on_delete=models.CASCADE, related_name="bevindingen")
    bijeenkomst = models.ForeignKey(
        Bijeenkomst,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bevindingen",
    )
    tekst = models.TextField(max_length=3000, help_text="Markdown.")
    goed_voorbeeld = models.BooleanField(
        default=False, help_text="Zichtbaar voor de deelnemers van alle casuswijken van de oproep."
    )
    aangemaakt = models.DateTimeField(auto_now_add=True)

    objects = BevindingQuerySet.as_manager()

    class Meta:
        verbose_name = "bevinding"
        verbose_name_plural = "bevindingen"
        ordering = ["leervraag", "-aangemaakt"]

    def __str__(self) -> str:
        return f"{self.get_leervraag_display()}: {self.tekst[:60]}"
