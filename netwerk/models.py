"""The portal's own records that belong to no app of its own: the security log, staff's
handling of mails that failed for good, the staff's second step as the admin shows it, and
the requests of a person to see or erase their data."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice


class BeveiligingsgebeurtenisQuerySet(models.QuerySet):
    def verouderd(self, nu=None):
        """Entries older than the term the privacy statement gives (BEVEILIGINGSLOG_DAGEN)."""
        nu = nu or timezone.now()
        return self.filter(
            tijdstip__lt=nu - timezone.timedelta(days=settings.BEVEILIGINGSLOG_DAGEN)
        )


class Beveiligingsgebeurtenis(models.Model):
    """Something that matters for the safety of accounts: a login, a failure, a lockout, a
    password or second-factor change, a staff export. Written by netwerk.beveiliging.noteer,
    never by hand; no password, token or code is ever part of it."""

    class Soort(models.TextChoices):
        INGELOGD = "ingelogd", "Ingelogd"
        INLOGGEN_MISLUKT = "inloggen_mislukt", "Inloggen mislukt"
        GEBLOKKEERD = "geblokkeerd", "Geblokkeerd na te veel mislukte pogingen"
        UITGELOGD = "uitgelogd", "Uitgelogd"
        SESSIE_VERLOPEN = "sessie_verlopen", "Sessie verlopen"
        WACHTWOORD_GEVRAAGD = "wachtwoord_gevraagd", "Nieuw wachtwoord gevraagd"
        WACHTWOORD_INGESTELD = "wachtwoord_ingesteld", "Wachtwoord ingesteld"
        TWEEDE_STAP_INGESTELD = "tweede_stap_ingesteld", "Tweede stap ingesteld"
        TWEEDE_STAP_GELUKT = "tweede_stap_gelukt", "Tweede stap gelukt"
        TWEEDE_STAP_MISLUKT = "tweede_stap_mislukt", "Tweede stap mislukt"
        HERSTELCODE_GEBRUIKT = "herstelcode_gebruikt", "Herstelcode gebruikt"
        TWEEDE_STAP_VERWIJDERD = "tweede_stap_verwijderd", "Tweede stap verwijderd"
        EXPORT = "export", "Gegevens geëxporteerd"
        PERSOON_VERWIJDERD = "persoon_verwijderd", "Gegevens van een persoon verwijderd"

    tijdstip = models.DateTimeField("tijdstip", default=timezone.now, db_index=True)
    soort = models.CharField("soort", max_length=40, choices=Soort.choices, db_index=True)
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="account",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # The account's username at the time, so that the entry still reads after the account
    # was deleted. Empty when the attempt named no existing account: what a visitor typed
    # into the username field may be anything, their password included.
    gebruikersnaam = models.CharField("gebruikersnaam", max_length=150, blank=True)
    adres = models.CharField("adres van de bezoeker", max_length=64, blank=True)
    # Short facts without secrets: which login ("beheer" or "deelnemer"), what was exported
    # and how many rows, the kind of second factor.
    details = models.JSONField("details", default=dict, blank=True)

    objects = BeveiligingsgebeurtenisQuerySet.as_manager()

    class Meta:
        verbose_name = "beveiligingsgebeurtenis"
        verbose_name_plural = "beveiligingslog"
        ordering = ["-tijdstip", "-pk"]
        default_permissions = ("view",)

    def __str__(self) -> str:
        return f"{self.get_soort_display()} ({self.gebruikersnaam or 'onbekend account'})"


class MailAfhandeling(models.Model):
    """Staff dealt with a mail that failed for good (netwerk.mail.mislukte_mails): sent it
    again, or let it go. At most one per failed task row, so a mail is sent again once."""

    taak = models.OneToOneField(
        "django_tasks_database.DBTaskResult",
        verbose_name="mislukte mail",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="afhandeling",
    )
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="door",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    op = models.DateTimeField("afgehandeld op", default=timezone.now)
    # The task that sends it again; empty when staff let the mail go.
    opnieuw_als = models.UUIDField("opnieuw verstuurd als", null=True, blank=True)

    class Meta:
        verbose_name = "afhandeling van een mislukte mail"
        verbose_name_plural = "afhandelingen van mislukte mails"
        default_permissions = ("add", "view")

    def __str__(self) -> str:
        return "opnieuw verstuurd" if self.opnieuw_als else "afgehandeld zonder versturen"


class TweedeStap(TOTPDevice):
    """A staff member's authenticator app (django-otp's TOTPDevice, netwerk.tweede_stap)
    as beheer sees it in the admin: who set one up and when it was last used, and removing
    it when a phone is lost. Its secret never shows."""

    class Meta:
        proxy = True
        verbose_name = "tweede stap"
        verbose_name_plural = "tweede stap van medewerkers"
        default_permissions = ("view", "delete")

    def __str__(self) -> str:
        return f"authenticator-app van {self.user.get_full_name() or self.user.get_username()}"


class Verzoeksoort(models.TextChoices):
    INZAGE = "inzage", "Inzage (export)"
    VERWIJDERING = "verwijdering", "Verwijdering"


class Privacyverzoek(models.Model):
    """A person's request to see their data (AVG art. 15) or to have it erased (art. 17), as
    staff handled it (netwerk.persoonsgegevens). Holds no personal data of the person: not
    their address, not their name, only how many records of each kind were exported or
    erased, so that the record may outlive what it describes."""

    Soort = Verzoeksoort

    soort = models.CharField("soort", max_length=20, choices=Verzoeksoort.choices)
    tijdstip = models.DateTimeField("tijdstip", default=timezone.now)
    behandeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="behandeld door",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # {"coalitieleden": 1, "reacties": 3, ...}: the kinds of netwerk.persoonsgegevens.
    aantallen = models.JSONField("aantallen per soort", default=dict, blank=True)

    class Meta:
        verbose_name = "privacyverzoek"
        verbose_name_plural = "privacyverzoeken"
        ordering = ["-tijdstip", "-pk"]
        default_permissions = ()
        permissions = [
            (
                "behandel_privacyverzoek",
                "Kan gegevens van een persoon opzoeken, exporteren en verwijderen",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(soort__in=Verzoeksoort.values),
                name="privacyverzoek_soort_geldig",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} op {timezone.localtime(self.tijdstip):%d-%m-%Y %H:%M}"
