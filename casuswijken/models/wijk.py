"""A casuswijk and who takes part in it."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from netwerk.rechten import Recht, mag

from ..enums import (
    Rol,
    Zichtbaarheid,
)


def actieve_deelnames(user):
    """This user's participations that give access now."""
    return Deelname.objects.actief().filter(gebruiker=user)


def niveaufilter(user, *, oproep: str, casuswijk: str | None = None) -> Q:
    """The rule of the four levels as a filter, for one record type.

    openbaar: everyone, once the call itself is published (before that, as netwerk);
    netwerk: the participants of any casuswijk of the record's call; wijk: those of its
    casuswijk; intern: nobody here (staff with the right read everything without this
    filter). `oproep` and `casuswijk` are the lookups from the record to its call and its
    casuswijk; a record type without a casuswijk has no wijk level. An ended participation
    counts as none.
    """
    filter_ = Q(zichtbaarheid=Zichtbaarheid.OPENBAAR, **{f"{oproep}__gepubliceerd": True})
    if not user.is_authenticated:
        return filter_
    mijn = actieve_deelnames(user)
    filter_ |= Q(
        zichtbaarheid__in=[Zichtbaarheid.NETWERK, Zichtbaarheid.OPENBAAR],
        **{f"{oproep}__in": mijn.values("casuswijk__aanmelding__oproep")},
    )
    if casuswijk is not None:
        filter_ |= Q(
            zichtbaarheid=Zichtbaarheid.WIJK, **{f"{casuswijk}__in": mijn.values("casuswijk")}
        )
    return filter_


class CasuswijkQuerySet(models.QuerySet):
    def zichtbaar_voor(self, user) -> "CasuswijkQuerySet":
        """Staff with the right see every casuswijk; a participant the ones they take part
        in now."""
        if mag(user, Recht.LEES_CASUSWIJKEN):
            return self.all()
        if not user.is_authenticated:
            return self.none()
        return self.filter(pk__in=actieve_deelnames(user).values("casuswijk"))

    def openbaar_genoemd(self) -> "CasuswijkQuerySet":
        """The casuswijken of published calls. That they take part, and where, is public
        (the call's results page names them); nothing else of them is, and their own pages
        stay with zichtbaar_voor."""
        return self.filter(aanmelding__oproep__gepubliceerd=True)

    def in_netwerk_van(self, user) -> "CasuswijkQuerySet":
        """The casuswijken that learn together with this user: every casuswijk of a call in
        which they take part now (all of them for staff with the right). Which casuswijken
        form a network is known to the whole network; what is in each still follows the
        zichtbaar_voor of its records, and its own page stays its participants'."""
        if mag(user, Recht.LEES_CASUSWIJKEN):
            return self.all()
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            aanmelding__oproep__in=actieve_deelnames(user).values("casuswijk__aanmelding__oproep")
        )


class Casuswijk(models.Model):
    """A selected neighbourhood, made from its application when the selection is sent."""

    aanmelding = models.OneToOneField(
        "aanmeldingen.Aanmelding", on_delete=models.PROTECT, related_name="casuswijk"
    )
    naam = models.CharField(max_length=100)
    slug = models.SlugField(
        max_length=120, unique=True, help_text="Deel van het webadres: /wijken/…/."
    )
    aangemaakt = models.DateTimeField(auto_now_add=True)

    objects = CasuswijkQuerySet.as_manager()

    class Meta:
        verbose_name = "casuswijk"
        verbose_name_plural = "casuswijken"
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


class DeelnameQuerySet(models.QuerySet):
    def actief(self) -> "DeelnameQuerySet":
        """Participations that have not ended: the only ones that give access."""
        return self.filter(beeindigd_op__isnull=True)

    def zichtbaar_voor(self, user) -> "DeelnameQuerySet":
        """Who takes part is for the casuswijk's own participants, and staff with the right
        (not the beoordelaar, who may open a casuswijk's page but not see its people)."""
        if mag(user, Recht.LEES_DEELNAMES):
            return self.all()
        if not user.is_authenticated:
            return self.none()
        return self.filter(casuswijk__in=actieve_deelnames(user).values("casuswijk"))


class Deelname(models.Model):
    """A person taking part in a casuswijk. Ending it (beeindigd_op) ends all access."""

    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="deelnames"
    )
    casuswijk = models.ForeignKey(Casuswijk, on_delete=models.CASCADE, related_name="deelnames")
    rol = models.CharField(max_length=20, choices=Rol)
    organisatie = models.CharField(max_length=150, blank=True)
    functie = models.CharField(max_length=100, blank=True)
    begonnen_op = models.DateTimeField(default=timezone.now)
    beeindigd_op = models.DateTimeField("beëindigd op", null=True, blank=True)
    # The private address of this person's calendar feed of this casuswijk; a new one
    # replaces it. Kept as is (calendar apps need the address), and useless once the
    # participation ends.
    agenda_token = models.CharField(  # noqa: DJ001
        max_length=64, unique=True, null=True, blank=True, editable=False
    )

    objects = DeelnameQuerySet.as_manager()

    class Meta:
        verbose_name = "deelname"
        verbose_name_plural = "deelnames"
        ordering = ["casuswijk", "rol", "gebruiker__last_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["gebruiker", "casuswijk"],
                condition=Q(beeindigd_op__isnull=True),
                name="deelname_een_actieve_per_persoon",
                violation_error_message="Deze persoon neemt al deel aan deze casuswijk.",
            ),
            models.CheckConstraint(condition=Q(rol__in=Rol.values), name="deelname_rol_geldig"),
        ]

    def __str__(self) -> str:
        return f"{self.gebruiker} in {self.casuswijk}"
