"""Sessions, and the action points agreed in them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from netwerk.rechten import Recht, mag

from ..enums import (
    Actiestatus,
    Soort,
    Verslagstatus,
    Zichtbaarheid,
)
from .wijk import Casuswijk, actieve_deelnames, niveaufilter


class BijeenkomstQuerySet(models.QuerySet):
    def zichtbaar_voor(self, user, *, als_deelnemer: bool = False) -> "BijeenkomstQuerySet":
        """Sessions this user may see (docs/ontwerp.md, who may read what).

        Unpublished ones are staff-only whatever their level. Published: openbaar for
        everyone; netwerk for participants of any casuswijk of the session's call; wijk for
        participants of that casuswijk; intern for staff only. An ended participation
        counts as none. Staff read everything only with the right to (docs/rechten.md):
        a beoordelaar sees sessions as any visitor does. With als_deelnemer, only what the
        user's participations give, whatever their rights: a staff member's own calendar
        feed holds what the other participants see.
        """
        if not als_deelnemer and mag(user, Recht.LEES_BIJEENKOMSTEN):
            return self.all()
        return self.filter(
            niveaufilter(user, oproep="oproep", casuswijk="casuswijk"), gepubliceerd=True
        )

    # What the staff start page counts (netwerk.dashboard), and the session list's filters
    # that open the same sessions (admin.bijeenkomst).

    def komend(self, nu=None) -> "BijeenkomstQuerySet":
        """Sessions still to come: not begun yet, and not cancelled."""
        return self.filter(begint_op__gt=nu or timezone.now(), geannuleerd=False)

    def verslag_te_schrijven(self, nu=None) -> "BijeenkomstQuerySet":
        """Sessions that took place (ended, not cancelled) without a published verslag: the
        notes are still empty, or the session is not published."""
        return self.filter(eindigt_op__lt=nu or timezone.now(), geannuleerd=False).filter(
            Q(verslag="") | Q(gepubliceerd=False)
        )


class Bijeenkomst(models.Model):
    """A session of one casuswijk, or, without one, a national meeting of the call."""

    oproep = models.ForeignKey(
        "aanmeldingen.Oproep", on_delete=models.PROTECT, related_name="bijeenkomsten"
    )
    casuswijk = models.ForeignKey(
        Casuswijk,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bijeenkomsten",
        help_text="Leeg voor een landelijke bijeenkomst van alle casuswijken van de oproep.",
    )
    soort = models.CharField(max_length=30, choices=Soort)
    titel = models.CharField(max_length=200)
    begint_op = models.DateTimeField()
    eindigt_op = models.DateTimeField()
    locatie = models.CharField(max_length=200, blank=True)
    begeleiders = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="begeleide_bijeenkomsten"
    )
    agenda = models.TextField(blank=True, help_text="Markdown.")
    verslag = models.TextField(blank=True, help_text="Markdown.")
    verslagstatus = models.CharField(
        max_length=12,
        choices=Verslagstatus,
        default=Verslagstatus.VASTGESTELD,
        help_text="Een concept kunnen de lezers eerst aanvullen met een reactie; e-mails, "
        "rapporten en de netwerkpagina gebruiken alleen een vastgesteld verslag.",
    )
    # When the verslag was last marked final: set by services.sla_bijeenkomst_op.
    vastgesteld_op = models.DateTimeField(null=True, blank=True, editable=False)
    zichtbaarheid = models.CharField(
        max_length=10, choices=Zichtbaarheid, default=Zichtbaarheid.INTERN
    )
    gepubliceerd = models.BooleanField(default=False)
    gepubliceerd_op = models.DateTimeField(null=True, blank=True, editable=False)
    # A hash of the notes as they were last announced, so that saving again without a
    # change mails nobody, and a changed published verslag is announced once more.
    verslag_gemeld = models.CharField(max_length=64, blank=True, editable=False)
    geannuleerd = models.BooleanField(
        default=False,
        help_text="Wie is uitgenodigd, krijgt bericht dat de bijeenkomst niet doorgaat.",
    )
    geannuleerd_op = models.DateTimeField(null=True, blank=True, editable=False)
    # The iCalendar SEQUENCE of the invitation: one up with every change of time or place
    # (and at cancelling) after invitations went out, so that calendars replace the old one.
    volgnummer = models.PositiveIntegerField(default=0, editable=False)

    objects = BijeenkomstQuerySet.as_manager()

    class Meta:
        verbose_name = "bijeenkomst"
        verbose_name_plural = "bijeenkomsten"
        ordering = ["begint_op", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(eindigt_op__gte=models.F("begint_op")),
                name="bijeenkomst_eindigt_na_begin",
                violation_error_message="Een bijeenkomst eindigt niet voordat ze begint.",
            ),
            models.CheckConstraint(
                condition=Q(casuswijk__isnull=False) | ~Q(zichtbaarheid=Zichtbaarheid.WIJK),
                name="bijeenkomst_landelijk_niet_wijk",
                violation_error_message="Een landelijke bijeenkomst hoort bij geen wijk: kies "
                "intern, netwerk of openbaar.",
            ),
            models.CheckConstraint(
                condition=Q(zichtbaarheid__in=Zichtbaarheid.values),
                name="bijeenkomst_zichtbaarheid_geldig",
            ),
            models.CheckConstraint(
                condition=Q(verslagstatus__in=Verslagstatus.values),
                name="bijeenkomst_verslagstatus_geldig",
            ),
        ]

    def __str__(self) -> str:
        return self.titel

    def clean(self) -> None:
        super().clean()
        if (
            self.casuswijk_id
            and self.oproep_id
            and self.casuswijk.aanmelding.oproep_id != self.oproep_id
        ):
            raise ValidationError({"casuswijk": "Deze casuswijk hoort bij een andere oproep."})

    @property
    def verslag_is_concept(self) -> bool:
        return bool(self.verslag.strip()) and self.verslagstatus == Verslagstatus.CONCEPT

    @property
    def vastgesteld_verslag(self) -> str:
        """The notes as mails, reports and the network page use them: final ones only."""
        return self.verslag if self.verslagstatus == Verslagstatus.VASTGESTELD else ""

    @property
    def is_landelijk(self) -> bool:
        return self.casuswijk_id is None

    @property
    def noem_landelijk(self) -> bool:
        """Say "landelijk" beside the kind, unless the kind says so already."""
        return self.is_landelijk and self.soort != Soort.LANDELIJK


class ActiepuntQuerySet(models.QuerySet):
    def zichtbaar_voor(self, user) -> "ActiepuntQuerySet":
        """Action points are the casuswijk's own: its participants see those agreed in a
        session they may see (not in an intern or unpublished one); staff with the right
        see all."""
        if mag(user, Recht.LEES_ACTIEPUNTEN):
            return self.all()
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            casuswijk__in=actieve_deelnames(user).values("casuswijk"),
            bijeenkomst__in=Bijeenkomst.objects.zichtbaar_voor(user).values("pk"),
        )

    def open(self) -> "ActiepuntQuerySet":
        return self.exclude(status=Actiestatus.AFGEROND)

    def verlopen(self, vandaag=None) -> "ActiepuntQuerySet":
        """Open action points whose deadline has passed (the deadline day itself is not)."""
        return self.open().filter(deadline__lt=vandaag or timezone.localdate())


class Actiepunt(models.Model):
    casuswijk = models.ForeignKey(Casuswijk, on_delete=models.CASCADE, related_name="actiepunten")
    omschrijving = models.TextField(max_length=1000)
    eigenaar = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actiepunten",
        help_text="Een deelnemer, of laat leeg en vul hieronder een naam in.",
    )
    eigenaar_naam = models.CharField("eigenaar (naam)", max_length=150, blank=True)
    deadline = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Actiestatus, default=Actiestatus.OPEN)
    bijeenkomst = models.ForeignKey(
        Bijeenkomst,
        on_delete=models.PROTECT,
        related_name="actiepunten",
        help_text="De bijeenkomst waar het actiepunt is afgesproken.",
    )
    afgerond_in = models.ForeignKey(
        Bijeenkomst,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="afgeronde_actiepunten",
        help_text="De bijeenkomst waar het actiepunt is afgerond; leeg als dat daarbuiten "
        "gebeurde.",
    )
    # Set by services.sla_actiepunt_op when the point is closed: the session's date when it
    # was closed in one, else the day it was closed.
    afgerond_op = models.DateField(null=True, blank=True, editable=False)
    # Reminders to the owner, each sent once (manage.py stuur_herinneringen); a new deadline
    # clears them, so that it is reminded of in its turn.
    herinnerd_vooraf_op = models.DateTimeField(null=True, blank=True, editable=False)
    herinnerd_verlopen_op = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ActiepuntQuerySet.as_manager()

    class Meta:
        verbose_name = "actiepunt"
        verbose_name_plural = "actiepunten"
        # Soonest deadline first, those without one last, on every database.
        ordering = [models.F("deadline").asc(nulls_last=True), "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=Actiestatus.AFGEROND) | Q(afgerond_in__isnull=True),
                name="actiepunt_alleen_afgerond_heeft_afrondmoment",
                violation_error_message="Alleen een afgerond actiepunt heeft een bijeenkomst "
                "waarin het is afgerond.",
            ),
            models.CheckConstraint(
                condition=Q(status=Actiestatus.AFGEROND, afgerond_op__isnull=False)
                | (~Q(status=Actiestatus.AFGEROND) & Q(afgerond_op__isnull=True)),
                name="actiepunt_afgerond_heeft_datum",
                violation_error_message="Een afgerond actiepunt heeft een datum van afronden, "
                "een open actiepunt niet.",
            ),
        ]

    def __str__(self) -> str:
        return self.omschrijving[:80]

    @property
    def eigenaar_weergave(self) -> str:
        if self.eigenaar_id:
            return self.eigenaar.get_full_name() or "(naam nog niet bekend)"
        return self.eigenaar_naam


class Actiepuntwijziging(models.Model):
    """A change of an action point's status, by its owner on the casuswijk page or by
    staff: who, when, and a short note."""

    actiepunt = models.ForeignKey(Actiepunt, on_delete=models.CASCADE, related_name="wijzigingen")
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actiepuntwijzigingen",
    )
    op = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=10, choices=Actiestatus)
    notitie = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name = "wijziging van een actiepunt"
        verbose_name_plural = "wijzigingen van actiepunten"
        ordering = ["-op", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=Actiestatus.values),
                name="actiepuntwijziging_status_geldig",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.actiepunt}: {self.get_status_display()}"
