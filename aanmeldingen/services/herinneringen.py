"""The reminder to the contact person of a concept a week before the call's deadline.

manage.py stuur_herinneringen (casuswijken) calls it every hour with the other reminders;
like them it sends once, marked in the same transaction as the queued mail.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone

from netwerk.mail import zet_email_klaar

from ..enums import Status
from ..models import Aanmelding, Coalitielid

# A concept is reminded of once the call's deadline is this close.
CONCEPT_VOORAF = timedelta(days=7)


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
