"""Logins, failures, lockouts and logouts in the security log (netwerk.beveiliging).

Django and django-axes send a signal for each; both logins (/account/inloggen/ and the
admin's) come through here. A failure names the account only when one exists: never what
was typed.
"""

from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.urls import reverse

from .beveiliging import Soort, noteer
from .inlogblokkade import account_bij


def welke_login(request) -> str:
    """ "beheer" for the admin's login, "deelnemer" for /account/inloggen/."""
    pad = getattr(request, "path", "") or ""
    return "beheer" if pad.startswith(reverse("admin:index")) else "deelnemer"


@receiver(user_logged_in, dispatch_uid="netwerk.beveiligingslog.ingelogd")
def _ingelogd(sender, request, user, **kwargs) -> None:
    noteer(Soort.INGELOGD, request=request, gebruiker=user, login=welke_login(request))


@receiver(user_login_failed, dispatch_uid="netwerk.beveiligingslog.mislukt")
def _mislukt(sender, credentials, request=None, **kwargs) -> None:
    if request is None:  # authenticate() outside a request: no login page involved
        return
    noteer(
        Soort.INLOGGEN_MISLUKT,
        request=request,
        gebruiker=account_bij(credentials.get("username")),
        login=welke_login(request),
    )


@receiver(user_locked_out, dispatch_uid="netwerk.beveiligingslog.geblokkeerd")
def _geblokkeerd(sender, request, username=None, ip_address=None, **kwargs) -> None:
    # axes signals every refused attempt of a locked pair; the log notes when a block
    # begins (each further attempt is a failure of its own).
    if getattr(request, "axes_failures_since_start", None) != settings.AXES_FAILURE_LIMIT:
        return
    credentials = getattr(request, "axes_credentials", None) or {}
    noteer(
        Soort.GEBLOKKEERD,
        request=request,
        gebruiker=account_bij(credentials.get("username")),
        login=welke_login(request),
        minuten=int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    )


@receiver(user_logged_out, dispatch_uid="netwerk.beveiligingslog.uitgelogd")
def _uitgelogd(sender, request, user, **kwargs) -> None:
    if user is not None:
        noteer(Soort.UITGELOGD, request=request, gebruiker=user)
