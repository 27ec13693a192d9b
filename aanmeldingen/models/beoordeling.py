"""Staff's reviews of applications."""

from django.conf import settings
from django.db import models
from django.db.models import (
    Case,
    Exists,
    OuterRef,
    Q,
    Value,
    When,
)

from netwerk.rechten import Recht, mag

from ..enums import (
    IN_BEOORDELING,
    Advies,
    Criterium,
    Toewijzingsstand,
)

SCORE_VELDEN = [f"score_{criterium.value}" for criterium in Criterium]


class BeoordelingQuerySet(models.QuerySet):
    def zichtbaar_voor(self, user) -> "BeoordelingQuerySet":
        """Reviews this user may read: their own, and others' on applications they reviewed
        themselves, so that nobody is steered by other scores before forming their own.
        Staff who may see all reviews (coördinatoren) see every one. Nobody sees the reviews
        of an application for which they declared a conflict of interest."""
        if not mag(user, Recht.LEES_BEOORDELINGEN):
            return self.none()
        zonder_conflict = self.exclude(
            aanmelding__in=Belangenconflict.objects.filter(beoordelaar=user).values("aanmelding")
        )
        if mag(user, Recht.LEES_ALLE_BEOORDELINGEN):
            return zonder_conflict
        return zonder_conflict.filter(
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


def _van_dit_paar(model) -> Exists:
    """Whether the assignment's reviewer has a row of `model` for its application."""
    return Exists(
        model.objects.filter(
            aanmelding=OuterRef("aanmelding"), beoordelaar=OuterRef("beoordelaar")
        ).order_by()
    )


class ToewijzingQuerySet(models.QuerySet):
    def met_stand(self) -> "ToewijzingQuerySet":
        """Annotate `stand` (Toewijzingsstand) in the same query as the rows: gedaan once the
        reviewer wrote their review, belangenconflict once they declared one, vervallen when
        the application no longer takes reviews (withdrawn, decided), else te_doen."""
        return self.annotate(
            stand=Case(
                When(_van_dit_paar(Beoordeling), then=Value(Toewijzingsstand.GEDAAN)),
                When(
                    _van_dit_paar(Belangenconflict),
                    then=Value(Toewijzingsstand.BELANGENCONFLICT),
                ),
                When(_in_beoordeling(), then=Value(Toewijzingsstand.TE_DOEN)),
                default=Value(Toewijzingsstand.VERVALLEN),
                output_field=models.CharField(),
            )
        )

    def open(self) -> "ToewijzingQuerySet":
        """Still to do: the application is under review and its reviewer has neither
        reviewed it nor declared a conflict of interest."""
        return (
            self.filter(_in_beoordeling())
            .exclude(_van_dit_paar(Beoordeling))
            .exclude(_van_dit_paar(Belangenconflict))
        )

    def tellend(self) -> "ToewijzingQuerySet":
        """The assignments that count towards an application's reviewers: all but those of
        a reviewer who declared a conflict of interest for it."""
        return self.exclude(_van_dit_paar(Belangenconflict))


def _in_beoordeling() -> Q:
    # As AanmeldingQuerySet.in_beoordeling, seen from a row that points to the application.
    return Q(aanmelding__status__in=IN_BEOORDELING, aanmelding__besluit_verzonden_op__isnull=True)


class Toewijzing(models.Model):
    """A coördinator asks this reviewer to review this application
    (services.toewijzen)."""

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

    objects = ToewijzingQuerySet.as_manager()

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

    @property
    def stand_tekst(self) -> str:
        """The stand in words; needs ToewijzingQuerySet.met_stand."""
        return Toewijzingsstand(self.stand).label


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
