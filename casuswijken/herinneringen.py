"""Reminders, each sent once and recorded: the day before a session, and to an action
point's owner a week before its deadline and once it has passed.

manage.py stuur_herinneringen calls these every hour (the README says how). Each is
idempotent: what it sends it marks in the same transaction as the queued mail, by a
conditional UPDATE ... WHERE <mark> IS NULL, and it mails only when that UPDATE changed the
row. Running again, or twice at the same moment, sends nothing twice.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone

from netwerk.mail import zet_email_klaar

from .enums import Antwoord, Zichtbaarheid
from .models import Actiepunt, Bijeenkomst, Deelname, Uitnodiging
from .services import lezers, sessie_url

# A session is reminded of once it starts within this time from now.
BIJEENKOMST_VOORAF = timedelta(hours=24)
# An action point is reminded of once its deadline is this many days away, or fewer.
DEADLINE_VOORAF_DAGEN = 7
# Who is reminded of a session: those who said yes, and those who did not answer.
HERINNEREN_BIJ_ANTWOORD = [Antwoord.JA, ""]


def herinner_aan_bijeenkomsten(*, nu: datetime | None = None) -> int:
    """Remind the readers of a session that starts within 24 hours; returns how many.

    Published, not cancelled sessions that have not started yet. To each participant who
    may read the session (services.lezers: an ended participation counts as none, an
    intern session has nobody) and who said yes or did not answer, once. Side effects:
    an Uitnodiging row is made for a reader who has none yet; Uitnodiging.herinnerd_op is
    set, and the mail queued, in one transaction per person.
    """
    nu = nu or timezone.now()
    bijeenkomsten = (
        Bijeenkomst.objects.filter(
            gepubliceerd=True,
            geannuleerd=False,
            begint_op__gt=nu,
            begint_op__lte=nu + BIJEENKOMST_VOORAF,
        )
        .exclude(zichtbaarheid=Zichtbaarheid.INTERN)
        .select_related("oproep", "casuswijk")
    )
    aantal = 0
    for bijeenkomst in bijeenkomsten:
        aantal += _herinner_aan_bijeenkomst(bijeenkomst, nu=nu)
    return aantal


def _herinner_aan_bijeenkomst(bijeenkomst: Bijeenkomst, *, nu: datetime) -> int:
    lezers_per_persoon = {deelname.gebruiker_id: deelname for deelname in lezers(bijeenkomst)}
    if not lezers_per_persoon:
        return 0
    # The rows of readers who were never invited (get or create, for all at once).
    Uitnodiging.objects.bulk_create(
        [
            Uitnodiging(bijeenkomst=bijeenkomst, gebruiker_id=gebruiker_id)
            for gebruiker_id in lezers_per_persoon
        ],
        ignore_conflicts=True,
    )
    te_herinneren = Uitnodiging.objects.filter(
        bijeenkomst=bijeenkomst,
        gebruiker__in=list(lezers_per_persoon),
        antwoord__in=HERINNEREN_BIJ_ANTWOORD,
        herinnerd_op__isnull=True,
    ).order_by("pk")
    aantal = 0
    for uitnodiging in te_herinneren:
        deelname = lezers_per_persoon[uitnodiging.gebruiker_id]
        with transaction.atomic():
            # The answer again too: who just said "nee" is not reminded.
            gemarkeerd = Uitnodiging.objects.filter(
                pk=uitnodiging.pk,
                herinnerd_op__isnull=True,
                antwoord__in=HERINNEREN_BIJ_ANTWOORD,
            ).update(herinnerd_op=nu)
            if not gemarkeerd:
                continue
            zet_email_klaar(
                aan=deelname.gebruiker.email,
                sjabloon="herinnering_bijeenkomst",
                context={
                    "gebruiker": deelname.gebruiker,
                    "bijeenkomst": bijeenkomst,
                    "antwoord": uitnodiging.antwoord,
                    "url": sessie_url(bijeenkomst, deelname),
                },
            )
        aantal += 1
    return aantal


def herinner_aan_deadlines(*, nu: datetime | None = None) -> int:
    """Remind owners of the open action points due within a week; returns how many.

    Points not afgerond whose deadline is today or in the next seven days, not reminded of
    before. Side effects: Actiepunt.herinnerd_vooraf_op set and the mail queued, in one
    transaction per point. A point first seen after its deadline gets only the overdue
    reminder (herinner_aan_verlopen_actiepunten).
    """
    nu = nu or timezone.now()
    vandaag = timezone.localdate(nu)
    return _herinner_eigenaars(
        _te_herinneren_actiepunten().filter(
            deadline__gte=vandaag,
            deadline__lte=vandaag + timedelta(days=DEADLINE_VOORAF_DAGEN),
            herinnerd_vooraf_op__isnull=True,
        ),
        markering="herinnerd_vooraf_op",
        sjabloon="herinnering_actiepunt",
        nu=nu,
    )


def herinner_aan_verlopen_actiepunten(*, nu: datetime | None = None) -> int:
    """Remind owners of the action points whose deadline has passed; returns how many.

    Points not afgerond with a deadline before today, not reminded of as overdue before.
    Side effects: Actiepunt.herinnerd_verlopen_op set and the mail queued, in one
    transaction per point.
    """
    nu = nu or timezone.now()
    return _herinner_eigenaars(
        _te_herinneren_actiepunten().filter(
            deadline__lt=timezone.localdate(nu), herinnerd_verlopen_op__isnull=True
        ),
        markering="herinnerd_verlopen_op",
        sjabloon="herinnering_actiepunt_verlopen",
        nu=nu,
    )


def _te_herinneren_actiepunten():
    """Open points whose owner is an active account that still takes part in the point's
    casuswijk, and who sees the point as a participant (agreed in a published session that
    is not intern: Actiepunt.zichtbaar_voor for someone who takes part in the casuswijk)."""
    return (
        Actiepunt.objects.open()
        .filter(
            eigenaar__isnull=False,
            eigenaar__is_active=True,
            bijeenkomst__gepubliceerd=True,
        )
        .exclude(bijeenkomst__zichtbaarheid=Zichtbaarheid.INTERN)
        .filter(
            Exists(
                Deelname.objects.actief().filter(
                    gebruiker=OuterRef("eigenaar"), casuswijk=OuterRef("casuswijk")
                )
            )
        )
        .select_related("eigenaar", "casuswijk", "bijeenkomst")
        .order_by("deadline", "pk")
    )


def _herinner_eigenaars(actiepunten, *, markering: str, sjabloon: str, nu: datetime) -> int:
    vandaag = timezone.localdate(nu)
    aantal = 0
    for actiepunt in actiepunten:
        with transaction.atomic():
            # Still open, still this deadline, still not reminded: else someone changed it
            # since it was read, or another run sent it.
            gemarkeerd = (
                Actiepunt.objects.open()
                .filter(
                    pk=actiepunt.pk, deadline=actiepunt.deadline, **{f"{markering}__isnull": True}
                )
                .update(**{markering: nu})
            )
            if not gemarkeerd:
                continue
            zet_email_klaar(
                aan=actiepunt.eigenaar.email,
                sjabloon=sjabloon,
                context={
                    "gebruiker": actiepunt.eigenaar,
                    "actiepunt": actiepunt,
                    "casuswijk": actiepunt.casuswijk,
                    # Days to go (0: today), or, once passed, days since (as a negative).
                    "dagen": (actiepunt.deadline - vandaag).days,
                    "url": settings.PORTAAL_URL
                    + reverse("casuswijken:casuswijk", args=[actiepunt.casuswijk.slug]),
                },
            )
        aantal += 1
    return aantal
