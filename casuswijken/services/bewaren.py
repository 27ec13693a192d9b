"""Retention of the casuswijken and of participant accounts (netwerk/bewaartermijnen.py).

A call's network ends on Oproep.netwerk_einde (set by staff; without it nothing here is
deleted). A term after that, its chosen applications go with everything in their
casuswijken, and the call's national sessions and examples. Participant accounts are
first switched off, then wiped: the account row stays as "verwijderde deelnemer", so that
the action points, changes and reactions others read keep their place
(docs/ontwerpkeuzes.md, "Bewaartermijnen").
"""

from datetime import date, datetime

from axes.models import AccessAttempt, AccessFailureLog
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from aanmeldingen.models import Aanmelding, Oproep
from netwerk import wijzigingslog
from netwerk.models import Beveiligingsgebeurtenis
from netwerk.persoonsgegevens import GEWIST, anonimiseer_account

from ..models import Actiepunt, Bijeenkomst, Casuswijk, Deelname, Uitnodiging, Voorbeeld

# The username of a wiped account starts with this; the rest is its primary key.


def verwijder_na_netwerk(*, grens: date) -> int:
    """Delete what belongs to the networks that ended before `grens`; returns the rows.

    In one transaction and in the order the PROTECTed keys demand: the action points
    (they point at sessions), the sessions (at the casuswijk), the examples, the
    casuswijken (with their participations, interventions, proposals and findings), then
    the applications. Attachments' files leave the storage after the commit
    (casuswijken.bijlagen). Accounts left without any participation are wiped.
    """
    oproepen = Oproep.objects.filter(netwerk_einde__lt=grens)
    aantal = 0
    with transaction.atomic():
        casuswijken = Casuswijk.objects.filter(aanmelding__oproep__in=oproepen)
        deelnemers = set(
            Deelname.objects.filter(casuswijk__in=casuswijken).values_list("gebruiker", flat=True)
        )
        for records in (
            Actiepunt.objects.filter(
                Q(casuswijk__in=casuswijken)
                | Q(bijeenkomst__oproep__in=oproepen)
                | Q(afgerond_in__oproep__in=oproepen)
            ),
            Bijeenkomst.objects.filter(oproep__in=oproepen),
            Voorbeeld.objects.filter(oproep__in=oproepen),
            casuswijken,
            # The chosen applications, and any other the call still holds: one never
            # decided (its decisions never sent) has no term of its own, and the network
            # it applied for is over.
            Aanmelding.objects.filter(oproep__in=oproepen),
        ):
            aantal += _verwijder(records)
        zonder_deelname = (
            _deelnemers()
            .filter(pk__in=deelnemers)
            .exclude(Exists(Deelname.objects.filter(gebruiker=OuterRef("pk"))))
        )
        for gebruiker in zonder_deelname:
            wis_account(gebruiker)
            aantal += 1
    return aantal


def zet_accounts_uit(*, grens: datetime) -> int:
    """Switch off the accounts whose last participation ended before `grens`."""
    return afgelopen_deelnemers(grens=grens).filter(is_active=True).update(is_active=False)


def wis_accounts(*, grens: datetime) -> int:
    """Wipe the accounts whose last participation ended before `grens`."""
    aantal = 0
    with transaction.atomic():
        for gebruiker in afgelopen_deelnemers(grens=grens):
            wis_account(gebruiker)
            aantal += 1
    return aantal


def afgelopen_deelnemers(*, grens: datetime):
    """Participant accounts (never staff) not wiped yet, with at least one participation
    and every one of them ended before `grens`: by its end date, or, without one, by the
    end of its call's network (its last day counts in full). And those without any
    participation left, last seen (or made) before `grens`."""
    afgelopen = Q(beeindigd_op__lt=grens) | Q(
        beeindigd_op__isnull=True,
        casuswijk__aanmelding__oproep__netwerk_einde__lt=timezone.localdate(grens),
    )
    deelnames = Deelname.objects.filter(gebruiker=OuterRef("pk"))
    # An account whose participations were all deleted (staff may delete one) counts
    # from its last login, or from when it was made if it never logged in.
    zonder_deelname = ~Exists(deelnames) & Q(laatst_gezien__lt=grens)
    return (
        _deelnemers()
        .exclude(username__startswith=GEWIST)
        .alias(laatst_gezien=Coalesce("last_login", "date_joined"))
        .filter((Exists(deelnames) & ~Exists(deelnames.exclude(afgelopen))) | zonder_deelname)
    )


def wis_account(gebruiker) -> None:
    """Wipe what the account says about its person; the row stays for others' records.

    Name, address and password go (the name becomes "verwijderde deelnemer"); so do the
    organisation and function in each participation, the calendar feed, the answers to
    invitations, the login failures counted for it, the username in the security log and
    the admin's change log of the account and its participations. Action points, their
    changes and reactions keep pointing at the row, and read "verwijderde deelnemer".
    """
    namen = [naam for naam in (gebruiker.username, gebruiker.email) if naam]
    anonimiseer_account(gebruiker)
    deelnames = Deelname.objects.filter(gebruiker=gebruiker)
    wijzigingslog.vergeet(get_user_model(), [gebruiker.pk])
    wijzigingslog.vergeet(Deelname, deelnames.values_list("pk", flat=True))
    deelnames.update(organisatie="", functie="", agenda_token=None)
    Uitnodiging.objects.filter(gebruiker=gebruiker).delete()
    Beveiligingsgebeurtenis.objects.filter(gebruiker=gebruiker).update(gebruikersnaam="")
    AccessAttempt.objects.filter(username__in=namen).delete()
    AccessFailureLog.objects.filter(username__in=namen).delete()


def _deelnemers():
    return get_user_model().objects.filter(is_staff=False, is_superuser=False)


def _verwijder(records) -> int:
    # Through the primary keys: a join in the filter would make delete() refuse or repeat.
    pks = list(records.values_list("pk", flat=True).distinct())
    if not pks:
        return 0
    return records.model.objects.filter(pk__in=pks).delete()[0]
