"""Failed logins, counted by django-axes for one account from one address.

Both logins (/account/inloggen/ and /admin/login/) authenticate through Django, so axes
sees every attempt: its backend refuses a locked pair before the password is checked, its
middleware answers with `geblokkeerd`. Only failures count and a good login clears them,
so a room full of participants behind one address never locks anyone out, and an attacker
elsewhere locks only their own pair. Settings: AXES_* in netwerk/settings.py.

What a visitor types into the username field may be anything, their password included:
axes stores an existing account by its username and anything else only as a keyed hash.
"""

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.crypto import salted_hmac

from .bezoekers import bezoekersadres


def adres(request: HttpRequest) -> str | None:
    """The visitor's address behind our proxies (netwerk.bezoekers), as axes stores it: an
    IPv6 visitor's /64 network by its first address; None when there is none to read."""
    gevonden = bezoekersadres("", request)
    if gevonden == "onbekend":
        return None
    return gevonden.split("/")[0]


def account_bij(invoer: str | None):
    """The account a login attempt names: by e-mail address (as netwerk.account.InlogForm
    maps it) or by username, in any case; None when none matches."""
    invoer = (invoer or "").strip()
    if not invoer:
        return None
    veld = "email__iexact" if "@" in invoer else "username__iexact"
    return (
        get_user_model()._default_manager.filter(**{veld: invoer}).order_by("-is_active", "pk")
    ).first()


def gebruikersnaam(request: HttpRequest, credentials: dict | None) -> str | None:
    """The name axes counts failures under: "Coordinator", "coordinator" and the account's
    e-mail address count as one. Looked up once per request and name."""
    veld = get_user_model().USERNAME_FIELD
    invoer = (credentials or {}).get(veld) if credentials else request.POST.get(veld)
    if not invoer:
        return None
    gezien = request.__dict__.setdefault("_inlognamen", {})
    if invoer not in gezien:
        account = account_bij(invoer)
        if account is not None:
            gezien[invoer] = account.get_username().lower()
        else:
            sleutel = salted_hmac("netwerk.inlogblokkade", invoer.strip().lower()).hexdigest()
            gezien[invoer] = f"onbekend-{sleutel[:32]}"
    return gezien[invoer]


class InlogBackend(AxesStandaloneBackend, ModelBackend):
    """Django's own backend, after axes has refused a locked pair (PermissionDenied).

    One backend rather than axes' two in a row: Django's with_perm (who may lead a session)
    and force_login need a single one to ask."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        AxesStandaloneBackend.authenticate(self, request, username, password, **kwargs)
        return ModelBackend.authenticate(self, request, username, password, **kwargs)


def geblokkeerd(request: HttpRequest, response=None, credentials=None) -> HttpResponse:
    """The calm page a locked pair gets (429): until when, and that a new password can be
    asked for at once. Every further failure starts the wait again."""
    wachttijd = settings.AXES_COOLOFF_TIME
    return render(
        request,
        "registration/geblokkeerd.html",
        {
            "pogingen": settings.AXES_FAILURE_LIMIT,
            "minuten": int(wachttijd.total_seconds() // 60),
            "weer_om": timezone.localtime() + wachttijd,
        },
        status=429,
    )
