"""Taking part in a session: the invitation with its answer and attendance, reactions on a
concept verslag, and the files attached to a session."""

import secrets

from django.conf import settings
from django.core.files.storage import storages
from django.core.signals import setting_changed
from django.db import models
from django.db.models import Q
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty

from netwerk.rechten import Recht, mag

from ..enums import Antwoord
from .bijeenkomst import Bijeenkomst


class UitnodigingQuerySet(models.QuerySet):
    def zichtbaar_voor(self, user) -> "UitnodigingQuerySet":
        """Who is invited and what they answered: staff who may see who takes part see all;
        a participant sees their own, and those of the people of their own casuswijken
        (Deelname.zichtbaar_voor), for sessions they may see."""
        if mag(user, Recht.LEES_DEELNAMES):
            return self.all()
        if not user.is_authenticated:
            return self.none()
        from .wijk import Deelname

        return self.filter(
            Q(gebruiker=user)
            | Q(gebruiker__in=Deelname.objects.zichtbaar_voor(user).actief().values("gebruiker")),
            bijeenkomst__in=Bijeenkomst.objects.zichtbaar_voor(user).values("pk"),
        )


class Uitnodiging(models.Model):
    """One person invited to one session: the mails they were sent (invitation versions,
    cancellation, reminder), their answer, and whether they were there."""

    bijeenkomst = models.ForeignKey(
        Bijeenkomst, on_delete=models.CASCADE, related_name="uitnodigingen"
    )
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="uitnodigingen"
    )
    antwoord = models.CharField(max_length=10, choices=Antwoord, blank=True)
    beantwoord_op = models.DateTimeField(null=True, blank=True)
    # Recorded by staff afterwards; None: not recorded (yet).
    aanwezig = models.BooleanField(null=True, blank=True)
    # The Bijeenkomst.volgnummer of the last invitation mailed (METHOD:REQUEST); None: none.
    gemelde_versie = models.PositiveIntegerField(null=True, blank=True, editable=False)
    annulering_gemeld_op = models.DateTimeField(null=True, blank=True, editable=False)
    herinnerd_op = models.DateTimeField(null=True, blank=True, editable=False)

    objects = UitnodigingQuerySet.as_manager()

    class Meta:
        verbose_name = "uitnodiging"
        verbose_name_plural = "uitnodigingen"
        ordering = ["bijeenkomst", "gebruiker__first_name", "gebruiker__last_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["bijeenkomst", "gebruiker"],
                name="uitnodiging_een_per_persoon",
                violation_error_message="Deze persoon is al uitgenodigd voor deze bijeenkomst.",
            ),
            models.CheckConstraint(
                condition=Q(antwoord__in=[*Antwoord.values, ""]),
                name="uitnodiging_antwoord_geldig",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.gebruiker} voor {self.bijeenkomst}"


class ReactieQuerySet(models.QuerySet):
    def zichtbaar_voor(self, user) -> "ReactieQuerySet":
        """Reactions are read by whoever may read the session's verslag."""
        return self.filter(bijeenkomst__in=Bijeenkomst.objects.zichtbaar_voor(user).values("pk"))


class Reactie(models.Model):
    """A reader's reaction on a concept verslag, in plain text; it stays with the session
    once the verslag is final."""

    bijeenkomst = models.ForeignKey(Bijeenkomst, on_delete=models.CASCADE, related_name="reacties")
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reacties"
    )
    tekst = models.TextField(max_length=2000)
    geplaatst_op = models.DateTimeField(auto_now_add=True)

    objects = ReactieQuerySet.as_manager()

    class Meta:
        verbose_name = "reactie op een verslag"
        verbose_name_plural = "reacties op verslagen"
        ordering = ["geplaatst_op", "pk"]

    def __str__(self) -> str:
        return self.tekst[:60]


class _Bijlagenopslag(LazyObject):
    """STORAGES["bijlagen"], looked up when first used and again after the setting changed.

    A FileField keeps the storage it was given when the model class was made; through this
    stand-in a changed setting (each test points it at a folder of its own) still reaches
    Bijlage.bestand."""

    def _setup(self):
        self._wrapped = storages["bijlagen"]


_bijlagenopslag = _Bijlagenopslag()


@receiver(setting_changed, dispatch_uid="bijlagenopslag_opnieuw")
def _bijlagenopslag_opnieuw(*, setting, **kwargs) -> None:
    if setting == "STORAGES":
        _bijlagenopslag._wrapped = empty


def bijlagenopslag():
    """STORAGES["bijlagen"]: the file system by default, object storage when configured
    (netwerk/settings.py). Never a public URL: files leave only through a checked view."""
    return _bijlagenopslag


def bijlagepad(bijlage: "Bijlage", bestandsnaam: str) -> str:
    """A name nobody can guess or choose: the original name is kept in Bijlage.naam."""
    return f"bijeenkomsten/{bijlage.bijeenkomst_id}/{secrets.token_urlsafe(16)}"


class BijlageQuerySet(models.QuerySet):
    def zichtbaar_voor(self, user) -> "BijlageQuerySet":
        """A file follows its session's visibility."""
        return self.filter(bijeenkomst__in=Bijeenkomst.objects.zichtbaar_voor(user).values("pk"))


class Bijlage(models.Model):
    """A file with a session: slides, a PDF, a picture."""

    bijeenkomst = models.ForeignKey(Bijeenkomst, on_delete=models.CASCADE, related_name="bijlagen")
    bestand = models.FileField(upload_to=bijlagepad, storage=bijlagenopslag, max_length=300)
    naam = models.CharField(max_length=200, help_text="De bestandsnaam zoals lezers hem zien.")
    # Found from the content when it was added, not from the name.
    inhoudstype = models.CharField(max_length=100, editable=False)
    grootte = models.PositiveBigIntegerField(editable=False)
    toegevoegd_op = models.DateTimeField(auto_now_add=True)
    toegevoegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    objects = BijlageQuerySet.as_manager()

    class Meta:
        verbose_name = "bijlage"
        verbose_name_plural = "bijlagen"
        ordering = ["naam", "pk"]

    def __str__(self) -> str:
        return self.naam
