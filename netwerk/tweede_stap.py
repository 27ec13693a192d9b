"""The second step of a staff login: a code from an authenticator app, or a recovery code.

django-otp keeps the devices: one TOTPDevice (the app) and one StaticDevice (ten recovery
codes, each usable once) per staff account, and marks a session as verified
(`django_otp.login`, read back as `request.user.is_verified()` by its middleware). This
module says who must take the step (settings.TWEEDE_STAP) and does the writes: setting up
the app, new recovery codes, checking a code, removing a lost phone. Each of them is
written to the security log. Its pages are in tweede_stap_views.py; the guard that sends an
unverified staff member there is netwerk.middleware.TweedeStapVoorMedewerkers.

Unlike the services of the apps, these take the request: verifying is a change of the
session itself, and the security log wants the visitor's address.
"""

import base64
import math
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

import segno
from django.conf import settings
from django.core import checks
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django_otp import login as otp_login
from django_otp import verify_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .beveiliging import Soort, noteer

AANTAL_HERSTELCODES = 10
APPNAAM = "Authenticator-app"
HERSTELNAAM = "Herstelcodes"
# Set in the session when a staff member skipped the step where that is allowed.
OVERGESLAGEN = "tweede_stap_overgeslagen"


class Stand(StrEnum):
    VERPLICHT = "verplicht"
    OVERSLAANBAAR = "overslaanbaar"
    UIT = "uit"


def stand() -> Stand:
    return Stand(settings.TWEEDE_STAP)


@checks.register(checks.Tags.security, deploy=True)
def controleer_instelling(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """`check --deploy` warns when staff could reach the admin with a password alone."""
    if stand() == Stand.VERPLICHT:
        return []
    return [
        checks.Warning(
            f"TWEEDE_STAP is {settings.TWEEDE_STAP!r}: staff reach the admin with their "
            "password alone.",
            hint="Leave TWEEDE_STAP unset (verplicht) in production.",
            id="netwerk.W001",
        )
    ]


def is_medewerker(user) -> bool:
    """Whether this account signs in to the admin, and so must take the second step."""
    return bool(user.is_authenticated and user.is_active and user.is_staff)


def is_geverifieerd(request: HttpRequest) -> bool:
    """Whether this session passed the second step (django-otp's middleware checked the
    device in the session still exists, is confirmed and belongs to this account)."""
    is_verified = getattr(request.user, "is_verified", None)
    return bool(is_verified and is_verified())


def wacht_op_tweede_stap(request: HttpRequest) -> bool:
    """Whether this session belongs to a staff member who logged in with the password
    only and has not passed (or, where allowed, skipped) the second step yet."""
    if stand() == Stand.UIT or not is_medewerker(request.user) or is_geverifieerd(request):
        return False
    return not (stand() == Stand.OVERSLAANBAAR and request.session.get(OVERGESLAGEN))


def heeft_app(user) -> bool:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()


def app_in_wording(user) -> TOTPDevice:
    """The app being set up for this account: the same secret on every visit until it is
    confirmed, so that reloading the page does not undo a scan already made."""
    apparaat = TOTPDevice.objects.devices_for_user(user, confirmed=False).order_by("-pk").first()
    return apparaat or TOTPDevice.objects.create(user=user, name=APPNAAM, confirmed=False)


def geheim_als_tekst(apparaat: TOTPDevice) -> str:
    """The secret as the apps ask for it when typed in: base32, in groups of four."""
    geheim = base64.b32encode(apparaat.bin_key).decode().rstrip("=")
    return " ".join(geheim[i : i + 4] for i in range(0, len(geheim), 4))


def qr_code(apparaat: TOTPDevice) -> SafeString:
    """The app's set-up address as an inline SVG QR code, drawn here: no outside service
    sees the secret. The page beside it gives the secret as text too."""
    svg = segno.make(apparaat.config_url, error="l").svg_inline(
        scale=5, dark="#000", light="#fff", svgclass="qr-code", lineclass=None, omitsize=True
    )
    # The SVG is ours (segno's output of a URL we made); a text alternative for it:
    return format_html(
        '<div role="img" aria-label="{}" class="qr-code-kader">{}</div>',
        "QR-code om het leernetwerk toe te voegen aan uw authenticator-app",
        mark_safe(svg),  # noqa: S308
    )


@dataclass(frozen=True)
class Uitkomst:
    """The result of checking a code: the device that accepted it, or why none did."""

    apparaat: TOTPDevice | StaticDevice | None = None
    te_vaak: bool = False
    # When te_vaak: how long until the device looks at a code again.
    wachten: timedelta = timedelta(0)

    @property
    def met_herstelcode(self) -> bool:
        return isinstance(self.apparaat, StaticDevice)


def _controleer(apparaat, code: str) -> Uitkomst:
    """Check `code` against one device, under django-otp's throttling (each failure
    doubles the wait before the next try is even looked at: 1 second after the first, 8
    minutes after the tenth in a row)."""
    toegestaan, waarom = apparaat.verify_is_allowed()
    if not toegestaan:
        tot = (waarom or {}).get("locked_until") or timezone.now()
        return Uitkomst(te_vaak=True, wachten=max(tot - timezone.now(), timedelta(0)))
    return Uitkomst(apparaat=verify_token(apparaat.user, apparaat.persistent_id, code))


def wachttijd_in_woorden(wachten: timedelta) -> str:
    """A wait in Dutch words, rounded up so that a try after it is looked at again:
    "1 seconde", "8 seconden", "5 minuten", "2 uur", "3 dagen"."""
    seconden = max(1, math.ceil(wachten.total_seconds()))
    if seconden < 60:
        return f"{seconden} {'seconde' if seconden == 1 else 'seconden'}"
    minuten = math.ceil(seconden / 60)
    if minuten < 60:
        return f"{minuten} {'minuut' if minuten == 1 else 'minuten'}"
    uren = math.ceil(seconden / 3600)
    if uren < 24:
        return f"{uren} uur"
    dagen = math.ceil(seconden / 86400)
    return f"{dagen} {'dag' if dagen == 1 else 'dagen'}"


def normaliseer(code: str) -> str:
    return "".join(code.split()).replace("-", "").lower()


def is_appcode(code: str) -> bool:
    return len(code) == 6 and code.isascii() and code.isdigit()


def verifieer(request: HttpRequest, code: str) -> Uitkomst:
    """Check a code the staff member typed: six digits from the app, or else one of their
    recovery codes (which is then used up). On success the session is verified. Success,
    failure and the use of a recovery code go to the security log."""
    gebruiker = request.user
    code = normaliseer(code)
    if is_appcode(code):
        apparaten = TOTPDevice.objects.devices_for_user(gebruiker, confirmed=True)
    else:
        apparaten = StaticDevice.objects.devices_for_user(gebruiker, confirmed=True)
    uitkomst = Uitkomst()
    for apparaat in apparaten:
        uitkomst = _controleer(apparaat, code)
        if uitkomst.apparaat is not None:
            break
    if uitkomst.apparaat is None:
        noteer(
            Soort.TWEEDE_STAP_MISLUKT,
            request=request,
            gebruiker=gebruiker,
            middel="app" if is_appcode(code) else "herstelcode",
            te_vaak=uitkomst.te_vaak,
        )
        return uitkomst
    otp_login(request, uitkomst.apparaat)
    if uitkomst.met_herstelcode:
        noteer(
            Soort.HERSTELCODE_GEBRUIKT,
            request=request,
            gebruiker=gebruiker,
            over=uitkomst.apparaat.token_set.count(),
        )
    else:
        noteer(Soort.TWEEDE_STAP_GELUKT, request=request, gebruiker=gebruiker, middel="app")
    return uitkomst


def bevestig_app(request: HttpRequest, code: str) -> tuple[Uitkomst, list[str]]:
    """Confirm the app being set up with a code it shows. On success: the app counts, the
    session is verified and there are new recovery codes, returned to be shown once.
    Written to the security log either way."""
    gebruiker = request.user
    apparaat = app_in_wording(gebruiker)
    code = normaliseer(code)
    uitkomst = _controleer(apparaat, code) if is_appcode(code) else Uitkomst()
    if uitkomst.apparaat is None:
        noteer(
            Soort.TWEEDE_STAP_MISLUKT,
            request=request,
            gebruiker=gebruiker,
            middel="instellen",
            te_vaak=uitkomst.te_vaak,
        )
        return uitkomst, []
    with transaction.atomic():
        apparaat.refresh_from_db()
        apparaat.confirmed = True
        apparaat.save(update_fields=["confirmed"])
        # Any app set up before for this account stops counting: one app per account.
        TOTPDevice.objects.filter(user=gebruiker).exclude(pk=apparaat.pk).delete()
        codes = _nieuwe_herstelcodes(gebruiker)
    otp_login(request, apparaat)
    noteer(Soort.TWEEDE_STAP_INGESTELD, request=request, gebruiker=gebruiker, middel="app")
    return Uitkomst(apparaat=apparaat), codes


def nieuwe_herstelcodes(request: HttpRequest) -> list[str]:
    """Replace the account's recovery codes with new ones (the old stop working); the new
    are returned to be shown once."""
    with transaction.atomic():
        codes = _nieuwe_herstelcodes(request.user)
    noteer(
        Soort.TWEEDE_STAP_INGESTELD, request=request, gebruiker=request.user, middel="herstelcodes"
    )
    return codes


def _nieuwe_herstelcodes(gebruiker) -> list[str]:
    """Replace the codes of the account's recovery device, in a transaction. The device
    itself stays: a session verified with a recovery code keeps counting (django-otp keeps
    the device's id in the session)."""
    apparaten = StaticDevice.objects.select_for_update().filter(user=gebruiker).order_by("pk")
    apparaat = apparaten.first()
    if apparaat is None:
        apparaat = StaticDevice.objects.create(user=gebruiker, name=HERSTELNAAM, confirmed=True)
    elif not apparaat.confirmed:
        apparaat.confirmed = True
        apparaat.save(update_fields=["confirmed"])
    apparaten.exclude(pk=apparaat.pk).delete()
    StaticToken.objects.filter(device=apparaat).delete()
    codes = [StaticToken.random_token() for _ in range(AANTAL_HERSTELCODES)]
    StaticToken.objects.bulk_create(StaticToken(device=apparaat, token=c) for c in codes)
    return [leesbaar(c) for c in codes]


def leesbaar(code: str) -> str:
    """A recovery code as shown: in two halves ("abcd-efgh"); typed either way."""
    return f"{code[:4]}-{code[4:]}"


def herstelcodes_over(gebruiker) -> int:
    return StaticToken.objects.filter(device__user=gebruiker, device__confirmed=True).count()


def sla_over(request: HttpRequest) -> None:
    """Let this session in without the second step; only where settings allow it."""
    if stand() != Stand.OVERSLAANBAAR:
        raise PermissionError("De tweede stap mag hier niet worden overgeslagen.")
    request.session[OVERGESLAGEN] = True


def verwijder_tweede_stap(*, gebruiker, door, request: HttpRequest | None = None) -> None:
    """Remove an account's app and recovery codes (a lost phone): at the next login they
    set up a new app. Sessions verified with them no longer count. To the security log."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=gebruiker).delete()
        StaticDevice.objects.filter(user=gebruiker).delete()
    noteer(
        Soort.TWEEDE_STAP_VERWIJDERD,
        request=request,
        gebruiker=gebruiker,
        door=door.get_username(),
    )
