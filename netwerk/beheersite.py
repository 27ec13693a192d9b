"""The admin site of the portal: Django's, with its own titles and a guard on row choices."""

import datetime
from functools import wraps

from django.contrib import admin
from django.contrib.admin import helpers
from django.core.exceptions import BadRequest, ValidationError
from django.db import models
from django.views.defaults import bad_request

from . import dashboard, tweede_stap
from .rechten import Recht, mag

# Every model of the portal has a whole number as its key (BigAutoField or AutoField).
GROOTSTE_SLEUTEL = 2**63 - 1


def is_sleutel(waarde: str, veld: models.Field | None = None) -> bool:
    """Whether a value from a request can be the key of a row: a whole number in range, or,
    where the key `veld` is a UUID (the task queue's rows), a UUID."""
    if isinstance(veld, models.UUIDField):
        try:
            veld.to_python(waarde)
        except ValidationError:
            return False
        return True
    return waarde.isascii() and waarde.isdigit() and 0 < int(waarde) <= GROOTSTE_SLEUTEL


def datum_kan(params, veld: str) -> bool:
    """Whether the year, month and day that the date bar above a list (date_hierarchy on
    `veld`) takes from the address make a date that Django can also step past: it filters
    up to the next day, month or year, so the year 9999 is out, like a 13th month."""
    jaar, maand, dag = (params.get(f"{veld}__{deel}") for deel in ("year", "month", "day"))
    if jaar is None and maand is None and dag is None:
        return True
    delen = [deel for deel in (jaar, maand, dag) if deel is not None]
    if jaar is None or not all(deel.isascii() and deel.isdigit() for deel in delen):
        return False
    try:
        datetime.date(int(jaar), int(maand or 1), int(dag or 1))
    except (ValueError, OverflowError):
        return False
    return int(jaar) < datetime.MAXYEAR


class Beheersite(admin.AdminSite):
    site_header = "Leernetwerk Gemengde Wijk: beheer"
    site_title = "Leernetwerk beheer"
    index_title = "Beheer van het leernetwerk"

    def each_context(self, request):
        # Reviewers find their assignments among the user's links on every admin page.
        return {
            **super().each_context(request),
            "mag_beoordelen_in_beheer": mag(request.user, Recht.BEOORDELEN),
        }

    def has_permission(self, request) -> bool:
        """Staff only, and where TWEEDE_STAP is "verplicht" only after the second step: a
        session that knows just the password opens no admin page (the middleware
        TweedeStapVoorMedewerkers sends it to the second step before it gets here)."""
        if not super().has_permission(request):
            return False
        return tweede_stap.stand() != tweede_stap.Stand.VERPLICHT or tweede_stap.is_geverifieerd(
            request
        )

    def index(self, request, extra_context=None):
        """The start page: the figures of the running calls and casuswijken that the user
        may read (netwerk.dashboard) above Django's list of models."""
        return super().index(request, {**dashboard.voor(request.user), **(extra_context or {})})

    def admin_view(self, view, cacheable=False):
        """Every admin page, with the rows chosen for an action cleaned first.

        The list sends the keys of the ticked rows; a tampered value ("abc", a NUL byte, a
        number too large for the database) would make Django's own action code fail with a
        500. Such values are dropped: what is left is handled as usual, and nothing left
        means "choose rows first". A date out of range in the list's date bar gets the
        Dutch 400 page (Django catches only part of what can go wrong there).
        """
        beschermd = super().admin_view(view, cacheable)
        modelbeheer = getattr(view, "__self__", None)
        sleutel = modelbeheer.model._meta.pk if isinstance(modelbeheer, admin.ModelAdmin) else None
        datumveld = getattr(modelbeheer, "date_hierarchy", None)

        @wraps(view)
        def met_schone_keuze(request, *args, **kwargs):
            if datumveld and not datum_kan(request.GET, datumveld):
                return bad_request(request, BadRequest("datum buiten bereik"))
            gekozen = request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)
            if request.method == "POST" and not all(is_sleutel(w, sleutel) for w in gekozen):
                request.POST = request.POST.copy()
                request.POST.setlist(
                    helpers.ACTION_CHECKBOX_NAME, [w for w in gekozen if is_sleutel(w, sleutel)]
                )
            return beschermd(request, *args, **kwargs)

        return met_schone_keuze


class GaatMeeBijVerwijderen:
    """For the admin of records that are not deleted one by one from their own list (answers,
    reviews, sent decision mails) but go with what they belong to: an application, a
    session, a person. Without a delete right here, Django's admin refuses to delete the
    whole ("geen rechten om … te verwijderen"), also for beheer and also where the privacy
    statement promises deletion. Whoever holds the model's delete right may delete them with
    their whole (and a single one from its own page); the list offers no bulk delete."""

    def has_delete_permission(self, request, obj=None) -> bool:
        return obj is not None and super().has_delete_permission(request, obj)
