"""The reminder to the contact person of a concept a week before the call's deadline, and
to reviewers with open assignments three days before the call's review deadline.

manage.py stuur_herinneringen (casuswijken) calls it every hour with the other reminders;
like them it sends once, marked in the same transaction as the queued mail.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch
from django.urls import reverse
from django.utils import timezone

from netwerk.mail import zet_email_klaar

from ..enums import Status
from ..models import Aanmelding, Coalitielid, Oproep, Toewijzing

# A concept is reminded of once the call's deadline is this close.
CONCEPT_VOORAF = timedelta(days=7)
# A reviewer with open assignments is reminded of once the review deadline is this close.
BEOORDELING_VOORAF = timedelta(days=3)


def herinner_aan_concepten(*, nu: datetime | None = None) -> int:
    """Remind the contact person of each concept that is not submitted yet; returns how many.

    Concepts of a published call whose deadline is within the next seven days and has not
    passed, not reminded of before. The secret link is stored hashed, so the mail cannot
    hold it: it says the concept is not submitted, gives the deadline, and points to
    "Link kwijt?" for a new link. Side effects: Aanmelding.herinnerd_op set and the mail
    queued, in one transaction per application.
    """
    nu = nu or timezone.now()
    concepten = (
        Aanmelding.objects.filter(
            status=Status.CONCEPT,
            herinnerd_op__isnull=True,
            oproep__gepubliceerd=True,
            oproep__deadline__gt=nu,
            oproep__deadline__lte=nu + CONCEPT_VOORAF,
        )
        .select_related("oproep")
        .prefetch_related(
            Prefetch(
                "leden",
                queryset=Coalitielid.objects.filter(is_contactpersoon=True).exclude(email=""),
                to_attr="contactpersonen",
            )
        )
        .order_by("pk")
    )
    aantal = 0
    for aanmelding in concepten:
        if not aanmelding.contactpersonen:
            continue
        contactpersoon = aanmelding.contactpersonen[0]
        with transaction.atomic():
            # Still a concept and not reminded: else it was submitted, or another run sent it.
            gemarkeerd = Aanmelding.objects.filter(
                pk=aanmelding.pk, status=Status.CONCEPT, herinnerd_op__isnull=True
            ).update(herinnerd_op=nu)
            if not gemarkeerd:
                continue
            zet_email_klaar(
                aan=contactpersoon.email,
                sjabloon="herinnering_concept",
                context={
                    "aanmelding": aanmelding,
                    "contactpersoon": contactpersoon,
                    "link_kwijt_url": settings.PORTAAL_URL
                    + reverse("aanmeldingen:link_kwijt", kwargs={"slug": aanmelding.oproep.slug}),
                },
            )
        aantal += 1
    return aantal


def herinner_aan_beoordelingen(*, nu: datetime | None = None) -> int:
    """Remind each reviewer who still has assignments to do in a call, once, three days
    before the call's review deadline; returns how many reminders.

    Calls whose beoordeling_deadline is within the next three days and has not passed.
    One mail per reviewer (an active staff account with an address) and call, listing what
    is still to do (ToewijzingQuerySet.open); a reviewer with an assignment of the call
    marked (herinnerd_op) was reminded and is not reminded again, also not for an
    assignment added since. A changed deadline clears the marks
    (services.toewijzen.sla_oproep_op), and then the reminder goes again before the new
    deadline. Side effects: Toewijzing.herinnerd_op set on all of the reviewer's
    assignments in the call and the mail queued, in one transaction per reviewer and call,
    with the call's row locked, so that a deadline changed meanwhile is seen.
    """
    nu = nu or timezone.now()
    al_herinnerd = Toewijzing.objects.filter(
        beoordelaar=OuterRef("beoordelaar"),
        aanmelding__oproep=OuterRef("aanmelding__oproep"),
        herinnerd_op__isnull=False,
    )
    te_herinneren = (
        Toewijzing.objects.open()
        .filter(
            aanmelding__oproep__beoordeling_deadline__gt=nu,
            aanmelding__oproep__beoordeling_deadline__lte=nu + BEOORDELING_VOORAF,
            beoordelaar__is_active=True,
            beoordelaar__is_staff=True,
        )
        .exclude(beoordelaar__email="")
        .exclude(Exists(al_herinnerd))
        .values_list(
            "aanmelding__oproep", "aanmelding__oproep__beoordeling_deadline", "beoordelaar"
        )
        .distinct()
        .order_by("aanmelding__oproep", "beoordelaar")
    )
    aantal = 0
    for oproep_id, deadline, beoordelaar_id in te_herinneren:
        with transaction.atomic():
            # Still this deadline: else it changed since it was read, and the marks with it.
            oproep = (
                Oproep.objects.select_for_update()
                .filter(pk=oproep_id, beoordeling_deadline=deadline)
                .first()
            )
            if oproep is None:
                continue
            van_de_beoordelaar = Toewijzing.objects.filter(
                beoordelaar=beoordelaar_id, aanmelding__oproep=oproep
            )
            if van_de_beoordelaar.filter(herinnerd_op__isnull=False).exists():
                continue  # another run reminded them meanwhile
            open_ = list(
                van_de_beoordelaar.open()
                .select_related("aanmelding", "beoordelaar")
                .order_by("aanmelding__wijknaam", "pk")
            )
            if not open_:
                continue
            gemarkeerd = van_de_beoordelaar.filter(herinnerd_op__isnull=True).update(
                herinnerd_op=nu
            )
            if not gemarkeerd:
                continue
            zet_email_klaar(
                aan=open_[0].beoordelaar.email,
                sjabloon="herinnering_beoordelingen",
                context={
                    "gebruiker": open_[0].beoordelaar,
                    "oproep": oproep,
                    "aanmeldingen": [toewijzing.aanmelding for toewijzing in open_],
                    "url": settings.PORTAAL_URL + reverse("admin:aanmeldingen_mijn_beoordelingen"),
                },
            )
        aantal += 1
    return aantal
