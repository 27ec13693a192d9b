"""The admin of the portal's own records: the task queue (django_tasks_db) in Dutch, with the
mails that failed, the security log, the login blocks of django-axes, and the staff's second
step.

The task queue's model fields translate through locale/, but three labels of its admin are
plain English strings: the task's name in the list, "run after" and "traceback". The subclass
gives them the fields' translated names, and shows per mail to whom it goes, which try it is
and what went wrong, with a filter for the mails that failed for good and the actions that
deal with them (netwerk.mail).
"""

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult

from . import mail, privacyverzoeken  # noqa: F401 (registers the requests' admin)
from .beheerpagina import telling
from .models import Beveiligingsgebeurtenis, TweedeStap
from .rechten import Recht, mag
from .tweede_stap import verwijder_tweede_stap


def _veldnaam(naam: str):
    return DBTaskResult._meta.get_field(naam).verbose_name


class MailFilter(admin.SimpleListFilter):
    """Mails by how their sending went; "mislukt" are those that wait for staff."""

    title = "mail"
    parameter_name = "mail"

    def lookups(self, request, model_admin):
        return [
            ("mislukt", "Mislukt, nog af te handelen"),
            ("afgehandeld", "Mislukt, afgehandeld"),
            ("opnieuw", "Poging mislukt, wordt opnieuw geprobeerd"),
            ("verstuurd", "Verstuurd"),
            ("ingehaald", "Niet verstuurd, ingehaald door een nieuwere mail"),
        ]

    def queryset(self, request, queryset: QuerySet[DBTaskResult]):
        waarde = self.value()
        if waarde == "mislukt":
            return mail.mislukte_mails(queryset).filter(afhandeling__isnull=True)
        if waarde == "afgehandeld":
            return mail.mislukte_mails(queryset).filter(afhandeling__isnull=False)
        if waarde == "opnieuw":
            return queryset.filter(task_path=mail.TAAKPAD, exception_class_path=mail.UITGESTELD)
        if waarde in ("verstuurd", "ingehaald"):
            ingehaald = queryset.filter(
                task_path=mail.TAAKPAD, status="SUCCESSFUL", return_value=mail.NIET_VERSTUURD
            )
            if waarde == "ingehaald":
                return ingehaald
            return queryset.filter(task_path=mail.TAAKPAD, status="SUCCESSFUL").exclude(
                pk__in=ingehaald.values("pk")
            )
        return queryset


class TaakAdmin(DBTaskResultAdmin):
    # What staff need to deal with a mail fits the screen: to whom, which try, what went
    # wrong; the task's UUID, priority and queue (there is one) stay on its own page.
    list_display = (
        "taak",
        "status",
        "aan_en_onderwerp",
        "poging",
        "fout",
        "afgehandeld",
        "enqueued_at",
        "finished_at",
    )
    list_display_links = ["taak"]
    list_filter = (MailFilter, *DBTaskResultAdmin.list_filter)
    list_select_related = ["afhandeling__door"]
    actions = ["opnieuw_versturen", "laat_rusten"]

    def get_readonly_fields(self, request, obj=None) -> list[str]:
        return [*super().get_readonly_fields(request, obj), "afgehandeld"]

    def has_handel_mislukte_mails_af_permission(self, request) -> bool:
        return mag(request.user, Recht.HANDEL_MISLUKTE_MAILS_AF)

    @admin.display(description="aan en onderwerp")
    def aan_en_onderwerp(self, taak: DBTaskResult) -> str:
        if taak.task_path != mail.TAAKPAD:
            return "—"
        kwargs = taak.args_kwargs.get("kwargs", {})
        return f"{', '.join(kwargs.get('aan', []))}: {kwargs.get('onderwerp', '')}"

    @admin.display(description="poging")
    def poging(self, taak: DBTaskResult) -> str:
        if taak.task_path != mail.TAAKPAD:
            return "—"
        return f"{taak.args_kwargs.get('kwargs', {}).get('poging', 1)} van {settings.MAIL_POGINGEN}"

    @admin.display(description="fout")
    def fout(self, taak: DBTaskResult) -> str:
        regels = taak.traceback.strip().splitlines()
        return regels[-1][:300] if regels else "—"

    @admin.display(description="afgehandeld")
    def afgehandeld(self, taak: DBTaskResult) -> str:
        afhandeling = getattr(taak, "afhandeling", None)
        if afhandeling is None:
            return "—"
        door = afhandeling.door.get_username() if afhandeling.door else "onbekend"
        return f"{afhandeling} door {door}"

    @staticmethod
    def _handel_af(queryset, handeling, *, door) -> int:
        """Deal with each chosen mail that failed for good and nobody dealt with yet, by
        `handeling` (netwerk.mail); one that someone else dealt with meanwhile is skipped.
        Returns how many were dealt with here."""
        gedaan = 0
        for taak in mail.mislukte_mails(queryset).filter(afhandeling__isnull=True):
            try:
                handeling(taak=taak, door=door)
            except mail.AlAfgehandeld:
                continue
            gedaan += 1
        return gedaan

    @admin.action(
        description="Mislukte mails opnieuw versturen", permissions=["handel_mislukte_mails_af"]
    )
    def opnieuw_versturen(self, request, queryset) -> None:
        verstuurd = self._handel_af(queryset, mail.verstuur_opnieuw, door=request.user)
        self.message_user(
            request,
            f"{telling(verstuurd, 'mislukte mail', 'mislukte mails')} opnieuw in de wachtrij "
            "gezet. Mails die niet mislukt zijn of al afgehandeld waren, zijn niet nog eens "
            "verstuurd.",
            messages.SUCCESS,
        )

    @admin.action(
        description="Mislukte mails afhandelen zonder te versturen",
        permissions=["handel_mislukte_mails_af"],
    )
    def laat_rusten(self, request, queryset) -> None:
        afgehandeld = self._handel_af(queryset, mail.laat_rusten, door=request.user)
        self.message_user(
            request,
            f"{telling(afgehandeld, 'mislukte mail', 'mislukte mails')} afgehandeld zonder te "
            "versturen; ze worden met de rest van de wachtrij opgeruimd.",
            messages.SUCCESS,
        )

    @admin.display(description="taak")
    def taak(self, taak: DBTaskResult) -> str:
        return taak.task_name

    @admin.display(description=_veldnaam("run_after"))
    def display_run_after(self, taak: DBTaskResult):
        return super().display_run_after(taak)

    @admin.display(description=_veldnaam("traceback"))
    def formatted_traceback(self, taak: DBTaskResult) -> str:
        return super().formatted_traceback(taak)


admin.site.unregister(DBTaskResult)
admin.site.register(DBTaskResult, TaakAdmin)


@admin.register(Beveiligingsgebeurtenis)
class BeveiligingslogAdmin(admin.ModelAdmin):
    """The security log, to read only: who logged in or failed, from where, and when."""

    list_display = ["tijdstip", "soort", "gebruikersnaam", "adres", "toelichting"]
    list_filter = ["soort", ("tijdstip", admin.DateFieldListFilter)]
    search_fields = ["gebruikersnaam", "adres"]
    date_hierarchy = "tijdstip"
    fields = ["tijdstip", "soort", "gebruiker", "gebruikersnaam", "adres", "toelichting"]
    readonly_fields = fields
    list_select_related = ["gebruiker"]

    # What the keys of Beveiligingsgebeurtenis.details mean, in the words staff read.
    WOORDEN = {
        "login": "inlogpagina",
        "grenzen": "sessieduur van",
        "reden": "reden",
        "middel": "met",
        "te_vaak": "te vaak geprobeerd",
        "over": "herstelcodes over",
        "door": "door",
        "minuten": "minuten geblokkeerd",
        "wat": "wat",
        "formaat": "formaat",
        "rijen": "rijen",
        "intern": "intern meegenomen",
        "via": "via",
    }
    WAARDEN = {
        ("login", "beheer"): "van het beheer (/admin/)",
        ("login", "deelnemer"): "van het portaal (/account/)",
        ("reden", "inactief"): "te lang niets gedaan",
        ("reden", "maximum"): "langste duur bereikt",
    }

    @admin.display(description="toelichting")
    def toelichting(self, gebeurtenis: Beveiligingsgebeurtenis) -> str:
        delen = []
        for sleutel, waarde in gebeurtenis.details.items():
            if isinstance(waarde, bool):
                tekst = "ja" if waarde else "nee"
            else:
                tekst = self.WAARDEN.get((sleutel, waarde), str(waarde))
            delen.append(f"{self.WOORDEN.get(sleutel, sleutel)}: {tekst}")
        return "; ".join(delen) or "–"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(AccessAttempt)
class InlogblokkadeAdmin(admin.ModelAdmin):
    """django-axes' failed logins per account and address: beheer sees who is locked out
    (or nearly) and lifts a block by deleting its row. Replaces axes' English admin."""

    list_display = ["username", "ip_address", "failures_since_start", "attempt_time", "status"]
    search_fields = ["username", "ip_address"]
    date_hierarchy = "attempt_time"
    fields = ["username", "ip_address", "failures_since_start", "attempt_time", "path_info",
              "user_agent"]  # fmt: skip
    readonly_fields = fields

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description="status")
    def status(self, poging: AccessAttempt) -> str:
        if poging.failures_since_start < settings.AXES_FAILURE_LIMIT:
            return "nog niet geblokkeerd"
        tot = timezone.localtime(poging.attempt_time + settings.AXES_COOLOFF_TIME)
        if tot <= timezone.localtime():
            return "blokkade voorbij"
        return f"geblokkeerd tot {tot:%H:%M}"


# django-otp's own pages would show each app's secret and QR code, in English, and let one
# staff member set up another's app; beheer gets TweedeStapAdmin instead.
admin.site.unregister(TOTPDevice)
admin.site.unregister(StaticDevice)


@admin.register(TweedeStap)
class TweedeStapAdmin(admin.ModelAdmin):
    """Who set up the second step, and removing it when a phone is lost: the staff member
    then sets up a new app at the next login. The recovery codes go with it."""

    list_display = ["account", "aangemaakt", "laatst_gebruikt"]
    list_select_related = ["user"]
    search_fields = ["user__username", "user__email", "user__first_name", "user__last_name"]
    ordering = ["user__username"]
    fields = ["account", "aangemaakt", "laatst_gebruikt", "mislukte_pogingen"]
    readonly_fields = fields

    def get_queryset(self, request):
        # An app being set up but never confirmed is no second step yet.
        return super().get_queryset(request).filter(confirmed=True)

    @admin.display(description="account", ordering="user__username")
    def account(self, apparaat: TweedeStap) -> str:
        naam = apparaat.user.get_full_name()
        return f"{naam} ({apparaat.user.get_username()})" if naam else apparaat.user.username

    @admin.display(description="ingesteld op", ordering="created_at")
    def aangemaakt(self, apparaat: TweedeStap):
        return apparaat.created_at

    @admin.display(description="laatst gebruikt", ordering="last_used_at")
    def laatst_gebruikt(self, apparaat: TweedeStap):
        return apparaat.last_used_at

    @admin.display(description="verkeerde codes op rij")
    def mislukte_pogingen(self, apparaat: TweedeStap) -> int:
        return apparaat.throttling_failure_count

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def delete_model(self, request, obj: TweedeStap) -> None:
        verwijder_tweede_stap(gebruiker=obj.user, door=request.user, request=request)

    def delete_queryset(self, request, queryset) -> None:
        # Django's bulk delete, after its confirmation page; through the security log too.
        for apparaat in queryset.select_related("user"):
            verwijder_tweede_stap(gebruiker=apparaat.user, door=request.user, request=request)
