"""A call for applications: its page, its deadline and its selection cap."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import (
    Q,
)
from django.urls import reverse
from django.utils import timezone

from netwerk.rechten import Recht, mag


class OproepQuerySet(models.QuerySet):
    def zichtbaar_voor(self, user) -> "OproepQuerySet":
        """Published calls for everyone; staff also see calls that are not published yet."""
        if mag(user, Recht.LEES_OPROEPEN):
            return self.all()
        return self.filter(gepubliceerd=True)


class Oproep(models.Model):
    titel = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=80, unique=True, help_text="Deel van het webadres: /oproepen/…/."
    )
    inleiding = models.TextField(help_text="Markdown. Wat het leernetwerk is en voor wie.")
    gevraagde_inzet = models.TextField(
        "wat we van deelnemers vragen",
        blank=True,
        help_text="Markdown. Wat deelnemende coalities toezeggen: tijd, bijeenkomsten, delen.",
    )
    deadline = models.DateTimeField(help_text="Tot dit moment kan men zich aanmelden.")
    min_wijken = models.PositiveSmallIntegerField("minimum aantal casuswijken", default=3)
    max_wijken = models.PositiveSmallIntegerField("maximum aantal casuswijken", default=4)
    # Kept by services.wijzig_status; the constraint below is what makes the cap hold when
    # two coordinators select at the same moment.
    aantal_geselecteerd = models.PositiveSmallIntegerField(default=0, editable=False)
    gepubliceerd = models.BooleanField(default=False)
    beoordeling_deadline = models.DateTimeField(
        "deadline voor de beoordelingen",
        null=True,
        blank=True,
        help_text="Optioneel. Tot wanneer de beoordelaars hun beoordelingen kunnen schrijven.",
    )
    # The retention terms of chosen applications and all casuswijk content count from here.
    netwerk_einde = models.DateField(
        "einde van het leernetwerk",
        null=True,
        blank=True,
        help_text="De laatste dag van het leernetwerk van deze oproep. De bewaartermijn van "
        "de gekozen aanmeldingen en alles in hun casuswijken telt vanaf deze dag.",
    )
    aangemaakt = models.DateTimeField(auto_now_add=True)
    gewijzigd = models.DateTimeField(auto_now=True)

    objects = OproepQuerySet.as_manager()

    class Meta:
        verbose_name = "oproep"
        verbose_name_plural = "oproepen"
        ordering = ["deadline"]
        permissions = [("verstuur_besluiten", "Kan de besluiten van een oproep versturen")]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_wijken__gte=1) & Q(max_wijken__gte=models.F("min_wijken")),
                name="oproep_wijken_min_max",
                violation_error_message="Het maximum aantal wijken moet minstens het minimum "
                "zijn, en het minimum minstens 1.",
            ),
            models.CheckConstraint(
                condition=Q(aantal_geselecteerd__lte=models.F("max_wijken")),
                name="oproep_niet_meer_geselecteerd_dan_max",
                violation_error_message="Er zijn al meer wijken geselecteerd dan dit maximum.",
            ),
        ]

    def __str__(self) -> str:
        return self.titel

    def get_absolute_url(self) -> str:
        return reverse("aanmeldingen:oproep", kwargs={"slug": self.slug})

    def clean(self) -> None:
        super().clean()
        if self.pk:
            geselecteerd = Oproep.objects.values_list("aantal_geselecteerd", flat=True).get(
                pk=self.pk
            )
            if self.max_wijken is not None and self.max_wijken < geselecteerd:
                raise ValidationError(
                    {
                        "max_wijken": f"Er zijn al {geselecteerd} wijken geselecteerd; maak "
                        "eerst selecties ongedaan voordat u het maximum verlaagt."
                    }
                )

    @property
    def is_open(self) -> bool:
        return timezone.now() < self.deadline
