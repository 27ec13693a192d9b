"""The interventions of a casuswijk in a shared classification, its findings, and good
examples from elsewhere: what the casuswijken of a call compare and learn from."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from aanmeldingen.enums import Leervraag
from netwerk.rechten import Recht, mag

from ..enums import (
    InterventieDomein,
    Interventiestatus,
    Voorstelstatus,
    Zichtbaarheid,
)
from .bijeenkomst import Bijeenkomst
from .wijk import Casuswijk, actieve_deelnames, niveaufilter

# The levels that reach every casuswijk of the call.
VOOR_HET_NETWERK = [Zichtbaarheid.NETWERK, Zichtbaarheid.OPENBAAR]


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
        """Interventions by their level (niveaufilter); staff with the right read all."""
        if mag(user, Recht.LEES_INTERVENTIES):
            return self.all()
        return self.filter(
            niveaufilter(user, oproep="casuswijk__aanmelding__oproep", casuswijk="casuswijk")
        )


class Interventiegegevens(models.Model):
    """What describes an intervention, the same in the inventory and in a proposal for it
    (each declares its own category, for its own reverse name)."""

    naam = models.CharField(max_length=200)
    domein = models.CharField(max_length=10, choices=InterventieDomein)
    omschrijving = models.TextField(blank=True)
    partners = models.CharField(max_length=300, blank=True)
    status = models.CharField(
        max_length=10, choices=Interventiestatus, default=Interventiestatus.IDEE
    )
    ervaringen = models.TextField(blank=True, help_text="Wat werkt, wat niet, en waarom.")

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.naam


class Interventie(Interventiegegevens):
    casuswijk = models.ForeignKey(Casuswijk, on_delete=models.CASCADE, related_name="interventies")
    categorie = models.ForeignKey(
        Interventiecategorie, on_delete=models.PROTECT, related_name="interventies"
    )
    # Netwerk by default: the inventories are made to be compared across the casuswijken of
    # the call. Rows from before this field were the casuswijk's own and stay wijk.
    zichtbaarheid = models.CharField(
        max_length=10,
        choices=Zichtbaarheid,
        default=Zichtbaarheid.NETWERK,
        help_text="Netwerk: de casuswijken van de oproep vergelijken elkaars interventies.",
    )

    objects = InterventieQuerySet.as_manager()

    class Meta:
        verbose_name = "interventie"
        verbose_name_plural = "interventies"
        ordering = ["casuswijk", "categorie", "naam"]
        constraints = [
            models.CheckConstraint(
                condition=Q(zichtbaarheid__in=Zichtbaarheid.values),
                name="interventie_zichtbaarheid_geldig",
            ),
        ]


class InterventievoorstelQuerySet(models.QuerySet):
    def zichtbaar_voor(self, user) -> "InterventievoorstelQuerySet":
        """A proposal is its proposer's (while they take part in its casuswijk) and the
        staff's who keep the inventory; it joins the inventory only once accepted."""
        if mag(user, Recht.LEES_INTERVENTIES):
            return self.all()
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            voorgesteld_door=user, casuswijk__in=actieve_deelnames(user).values("casuswijk")
        )


class Interventievoorstel(Interventiegegevens):
    """A participant's proposal for their casuswijk's inventory: staff accept it (it then
    becomes an Interventie) or decline it with a reason the proposer reads."""

    casuswijk = models.ForeignKey(Casuswijk, on_delete=models.CASCADE, related_name="voorstellen")
    categorie = models.ForeignKey(
        Interventiecategorie, on_delete=models.PROTECT, related_name="voorstellen"
    )
    voorgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="interventievoorstellen",
    )
    voorgesteld_op = models.DateTimeField(auto_now_add=True)
    besluit = models.CharField(
        max_length=12, choices=Voorstelstatus, default=Voorstelstatus.VOORGESTELD
    )
    reden = models.TextField(
        max_length=1000, blank=True, help_text="Waarom niet opgenomen; de indiener leest dit."
    )
    besloten_op = models.DateTimeField(null=True, blank=True, editable=False)
    besloten_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    interventie = models.OneToOneField(
        Interventie,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="voorstel",
    )

    objects = InterventievoorstelQuerySet.as_manager()

    class Meta:
        verbose_name = "voorstel voor een interventie"
        verbose_name_plural = "voorstellen voor interventies"
        ordering = ["-voorgesteld_op", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(besluit__in=Voorstelstatus.values),
                name="interventievoorstel_besluit_geldig",
            ),
            models.CheckConstraint(
                condition=~Q(besluit=Voorstelstatus.AFGEWEZEN) | ~Q(reden=""),
                name="interventievoorstel_afwijzing_met_reden",
                violation_error_message="Geef de reden waarom het voorstel niet wordt "
                "opgenomen; de indiener leest die.",
            ),
        ]


class BevindingQuerySet(models.QuerySet):
    def zichtbaar_voor(self, user) -> "BevindingQuerySet":
        """Findings by their level (niveaufilter), and only from a session this user may see
        (a finding of an intern or unpublished session stays with it); staff with the right
        read all."""
        if mag(user, Recht.LEES_BEVINDINGEN):
            return self.all()
        uit_zichtbare_sessie = Q(bijeenkomst__isnull=True) | Q(
            bijeenkomst__in=Bijeenkomst.objects.zichtbaar_voor(user).values("pk")
        )
        return self.filter(
            niveaufilter(user, oproep="casuswijk__aanmelding__oproep", casuswijk="casuswijk"),
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
        default=False,
        help_text="Uitgelicht voor het hele netwerk (zichtbaarheid netwerk of openbaar).",
    )
    zichtbaarheid = models.CharField(
        max_length=10, choices=Zichtbaarheid, default=Zichtbaarheid.WIJK
    )
    aangemaakt = models.DateTimeField(auto_now_add=True)

    objects = BevindingQuerySet.as_manager()

    class Meta:
        verbose_name = "bevinding"
        verbose_name_plural = "bevindingen"
        ordering = ["leervraag", "-aangemaakt"]
        constraints = [
            models.CheckConstraint(
                condition=Q(zichtbaarheid__in=Zichtbaarheid.values),
                name="bevinding_zichtbaarheid_geldig",
            ),
            models.CheckConstraint(
                condition=Q(goed_voorbeeld=False) | Q(zichtbaarheid__in=VOOR_HET_NETWERK),
                name="bevinding_goed_voorbeeld_voor_netwerk",
                violation_error_message="Een goed voorbeeld is voor het hele netwerk: kies "
                "netwerk of openbaar als zichtbaarheid.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_leervraag_display()}: {self.tekst[:60]}"

    def clean(self) -> None:
        super().clean()
        if self.goed_voorbeeld and self.zichtbaarheid not in VOOR_HET_NETWERK:
            raise ValidationError(
                {
                    "zichtbaarheid": "Een goed voorbeeld is voor het hele netwerk: kies netwerk of "
                    "openbaar."
                }
            )


class VoorbeeldQuerySet(models.QuerySet):
    def zichtbaar_voor(self, user) -> "VoorbeeldQuerySet":
        """Examples by their level (niveaufilter; they belong to a call, not to a
        casuswijk); staff with the right read all."""
        if mag(user, Recht.LEES_VOORBEELDEN):
            return self.all()
        return self.filter(niveaufilter(user, oproep="oproep"))


class Voorbeeld(models.Model):
    """A good example from elsewhere that staff bring into a call's network: a project in
    another town that shows what works."""

    oproep = models.ForeignKey(
        "aanmeldingen.Oproep", on_delete=models.PROTECT, related_name="voorbeelden"
    )
    titel = models.CharField(max_length=200)
    organisatie = models.CharField(max_length=150)
    plaats = models.CharField(max_length=100)
    omschrijving = models.TextField(max_length=3000, help_text="Markdown.")
    link = models.URLField("webadres", max_length=500, blank=True)
    leervraag = models.CharField(max_length=20, choices=Leervraag)
    categorie = models.ForeignKey(
        Interventiecategorie,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="voorbeelden",
    )
    zichtbaarheid = models.CharField(
        max_length=10,
        choices=Zichtbaarheid,
        default=Zichtbaarheid.NETWERK,
        help_text="Intern (nog niet klaar), netwerk of openbaar; een voorbeeld hoort bij geen "
        "casuswijk.",
    )
    aangemaakt = models.DateTimeField(auto_now_add=True)

    objects = VoorbeeldQuerySet.as_manager()

    class Meta:
        verbose_name = "goed voorbeeld van elders"
        verbose_name_plural = "goede voorbeelden van elders"
        ordering = ["leervraag", "titel", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    zichtbaarheid__in=[
                        Zichtbaarheid.INTERN,
                        Zichtbaarheid.NETWERK,
                        Zichtbaarheid.OPENBAAR,
                    ]
                ),
                name="voorbeeld_zichtbaarheid_zonder_wijk",
                violation_error_message="Een voorbeeld van elders hoort bij geen casuswijk: kies "
                "intern, netwerk of openbaar.",
            ),
        ]

    def __str__(self) -> str:
        return self.titel

    def clean(self) -> None:
        super().clean()
        if self.zichtbaarheid == Zichtbaarheid.WIJK:
            raise ValidationError(
                {
                    "zichtbaarheid": "Een voorbeeld van elders hoort bij geen casuswijk: kies "
                    "intern, netwerk of openbaar."
                }
            )
