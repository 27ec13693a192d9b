"""Who applies, and what happened to an application: members, status history, changes."""

from django.conf import settings
from django.db import models
from django.db.models import (
    Q,
)
from django.db.models.functions import Lower
from django.utils import timezone

from ..enums import (
    Domein,
    Organisatietype,
    Status,
)


class Coalitielid(models.Model):
    aanmelding = models.ForeignKey("Aanmelding", on_delete=models.CASCADE, related_name="leden")
    naam = models.CharField(max_length=100)
    organisatie = models.CharField(max_length=150)
    organisatietype = models.CharField("soort organisatie", max_length=30, choices=Organisatietype)
    domein = models.CharField(max_length=10, choices=Domein)
    functie = models.CharField(max_length=100)
    email = models.EmailField("e-mailadres", max_length=254)
    is_contactpersoon = models.BooleanField("contactpersoon", default=False)
    volgorde = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "coalitielid"
        verbose_name_plural = "coalitieleden"
        ordering = ["volgorde", "pk"]
        constraints = [
            models.UniqueConstraint(
                "aanmelding",
                Lower("email"),
                condition=~Q(email=""),
                name="coalitielid_email_uniek_per_aanmelding",
                violation_error_message="Dit e-mailadres staat al bij een ander lid.",
            ),
            models.UniqueConstraint(
                fields=["aanmelding"],
                condition=Q(is_contactpersoon=True),
                name="coalitielid_een_contactpersoon",
                violation_error_message="Een aanmelding heeft één contactpersoon.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.naam} ({self.organisatie})"


class Statuswijziging(models.Model):
    aanmelding = models.ForeignKey(
        "Aanmelding", on_delete=models.CASCADE, related_name="statuswijzigingen"
    )
    van = models.CharField(max_length=20, choices=Status)
    naar = models.CharField(max_length=20, choices=Status)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Leeg als de aanvrager zelf de wijziging deed.",
    )
    toelichting = models.TextField(blank=True)
    tijdstip = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "statuswijziging"
        verbose_name_plural = "statuswijzigingen"
        ordering = ["tijdstip", "pk"]

    def __str__(self) -> str:
        return f"{self.get_van_display()} → {self.get_naar_display()}"


class Revisie(models.Model):
    """What the applicant changed after submitting, so that staff notice it."""

    aanmelding = models.ForeignKey("Aanmelding", on_delete=models.CASCADE, related_name="revisies")
    tijdstip = models.DateTimeField(default=timezone.now)
    # [{"veld": label, "oud": text, "nieuw": text}, ...]
    wijzigingen = models.JSONField(default=list)

    class Meta:
        verbose_name = "wijziging door de aanvrager"
        verbose_name_plural = "wijzigingen door de aanvrager na indienen"
        ordering = ["tijdstip", "pk"]

    def __str__(self) -> str:
        return ", ".join(wijziging["veld"] for wijziging in self.wijzigingen)


class Toestemming(models.Model):
    """One consent to the privacy statement: at every save the applicant asks for.

    The applicant ticks the box again for each concept saved, each submission and each
    change, so that the version of the statement they agreed to is always the one that was
    on the site when they gave us their data. The last one is also on the application
    (Aanmelding.privacy_akkoord_op and privacyverklaring_versie).
    """

    class Moment(models.TextChoices):
        CONCEPT = "concept", "opslaan van een concept"
        INDIENEN = "indienen", "indienen"
        WIJZIGING = "wijziging", "wijziging na indienen"

    aanmelding = models.ForeignKey(
        "Aanmelding", on_delete=models.CASCADE, related_name="toestemmingen"
    )
    tijdstip = models.DateTimeField(default=timezone.now)
    versie = models.CharField("versie van de privacyverklaring", max_length=40)
    moment = models.CharField("gegeven bij", max_length=20, choices=Moment)

    class Meta:
        verbose_name = "toestemming"
        verbose_name_plural = "toestemmingen met de privacyverklaring"
        ordering = ["tijdstip", "pk"]

    def __str__(self) -> str:
        return f"versie {self.versie}, {self.get_moment_display()}"
