"""Staff's reviews of applications."""

from django.conf import settings
from django.db import models
from django.db.models import (
    Q,
)

from netwerk.rechten import Recht, mag

from ..enums import (
    Advies,
    Criterium,
)

SCORE_VELDEN = [f"score_{criterium.value}" for criterium in Criterium]


class BeoordelingQuerySet(models.QuerySet):
    def zichtbaar_voor(self, user) -> "BeoordelingQuerySet":
        """Reviews this user may read: their own, and others' on applications they reviewed
        themselves, so that nobody is steered by other scores before forming their own.
        Staff who may see all reviews (coördinatoren) see every one."""
        if not mag(user, Recht.LEES_BEOORDELINGEN):
            return self.none()
        if mag(user, Recht.LEES_ALLE_BEOORDELINGEN):
            return self.all()
        return self.filter(
            Q(beoordelaar=user)
            | Q(aanmelding__in=Beoordeling.objects.filter(beoordelaar=user).values("aanmelding"))
        )


def _score(criterium: Criterium) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        criterium.label,
        choices=[(cijfer, str(cijfer)) for cijfer in range(1, 6)],
        help_text="1 = zwak, 5 = sterk.",
    )


class Beoordeling(models.Model):
    """One staff member's review of one application."""

    aanmelding = models.ForeignKey(
        "Aanmelding", on_delete=models.CASCADE, related_name="beoordelingen"
    )
    beoordelaar = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="beoordelingen"
    )
    score_coalitie = _score(Criterium.COALITIE)
    score_opgave = _score(Criterium.OPGAVE)
    score_vooravond = _score(Criterium.VOORAVOND)
    score_leervraag = _score(Criterium.LEERVRAAG)
    score_netwerk = _score(Criterium.NETWERK)
    motivatie = models.TextField(max_length=3000)
    advies = models.CharField(max_length=12, choices=Advies)
    aangemaakt = models.DateTimeField(auto_now_add=True)
    gewijzigd = models.DateTimeField(auto_now=True)

    objects = BeoordelingQuerySet.as_manager()

    class Meta:
        verbose_name = "beoordeling"
        verbose_name_plural = "beoordelingen"
        ordering = ["aangemaakt", "pk"]
        permissions = [("view_alle_beoordelingen", "Kan alle beoordelingen altijd lezen")]
        constraints = [
            models.UniqueConstraint(
                fields=["aanmelding", "beoordelaar"],
                name="beoordeling_een_per_beoordelaar",
                violation_error_message="U hebt deze aanmelding al beoordeeld.",
            ),
            models.CheckConstraint(
                condition=Q(advies__in=Advies.values), name="beoordeling_advies_geldig"
            ),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{veld}__gte": 1, f"{veld}__lte": 5}),
                    name=f"beoordeling_{veld}_1_tot_5",
                )
                for veld in SCORE_VELDEN
            ],
        ]

    def __str__(self) -> str:
        return f"Beoordeling van {self.aanmelding} door {self.beoordelaar}"

    @property
    def gemiddelde(self) -> float:
        return sum(getattr(self, veld) for veld in SCORE_VELDEN) / len(SCORE_VELDEN)

    @property
    def scores(self) -> list[tuple[Criterium, int]]:
        return [(criterium, getattr(self, f"score_{criterium.value}")) for criterium in Criterium]


class Toewijzing(models.Model):
    """A coördinator asks this reviewer to review this application."""

    aanmelding = models.ForeignKey(
        "Aanmelding", on_delete=models.CASCADE, related_name="toewijzingen"
    )
    beoordelaar = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="toewijzingen"
    )
    toegewezen_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    aangemaakt = models.DateTimeField(auto_now_add=True)
    # Set when the reminder before the call's review deadline was queued (sent once).
    herinnerd_op = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "toewijzing"
        verbose_name_plural = "toewijzingen"
        ordering = ["aangemaakt", "pk"]
        permissions = [("wijs_beoordelaars_toe", "Kan beoordelaars aan aanmeldingen toewijzen")]
        constraints = [
            models.UniqueConstraint(
                fields=["aanmelding", "beoordelaar"],
                name="toewijzing_een_per_beoordelaar",
                violation_error_message="Deze beoordelaar is al aan deze aanmelding toegewezen.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.beoordelaar} beoordeelt {self.aanmelding}"


class Belangenconflict(models.Model):
    """A reviewer declares a conflict of interest: they neither review the application nor
    read its reviews."""

    aanmelding = models.ForeignKey(
        "Aanmelding", on_delete=models.CASCADE, related_name="belangenconflicten"
    )
    beoordelaar = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="belangenconflicten"
    )
    toelichting = models.TextField(max_length=1000, blank=True)
    gemeld_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "belangenconflict"
        verbose_name_plural = "belangenconflicten"
        ordering = ["gemeld_op", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["aanmelding", "beoordelaar"],
                name="belangenconflict_een_per_beoordelaar",
                violation_error_message="U hebt voor deze aanmelding al een belangenconflict "
                "gemeld.",
            ),
        ]

    def __str__(self) -> str:
        return f"Belangenconflict van {self.beoordelaar} bij {self.aanmelding}"
