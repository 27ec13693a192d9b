"""Background work of the applications app (django-tasks, run by manage.py db_worker)."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from .models import Besluitbericht, Oproep
from .services import LINK_PLEK, vervang_link, vraag_link_aan

logger = logging.getLogger(__name__)


@task()
def behandel_linkaanvraag(*, oproep_id: int, email: str) -> None:
    """Answer a "Link kwijt?" request: look up the address and mail new links.

    Done in the worker rather than the request, so that the visitor's answer takes the
    same time whether or not the address belongs to an application.
    """
    oproep = Oproep.objects.filter(pk=oproep_id).first()
    if oproep is not None:
        vraag_link_aan(oproep=oproep, email=email)


@task()
def verstuur_besluitbericht(*, bericht_id: int) -> None:
    """Send one decision mail, at most once, and record how it went.

    The Besluitbericht row is the record staff see: a failure is written there (and can
    be retried from the admin) instead of being lost in the task table.
    """
    with transaction.atomic():
        bericht = Besluitbericht.objects.select_for_update().get(pk=bericht_id)
        if bericht.status != Besluitbericht.Verzendstatus.IN_WACHTRIJ:
            return
        bericht.pogingen += 1
        try:
            # A fresh secret link, replacing the applicant's old one, only if the mail goes
            # out: a failure rolls the replacement back with this savepoint.
            with transaction.atomic():
                tekst = bericht.tekst
                if LINK_PLEK in tekst:
                    link = vervang_link(aanmelding=bericht.aanmelding)
                    tekst = tekst.replace(LINK_PLEK, link)
                EmailMessage(
                    subject=bericht.onderwerp,
                    body=tekst,
                    from_email=settings.DEFAULT_FROM_EMAIL,
                    to=[bericht.aan],
                    reply_to=[settings.CONTACT_EMAIL],
                ).send()
        except Exception as fout:  # noqa: BLE001 - any failure of the mail server is recorded
            logger.exception("Besluitbericht %s kon niet worden verstuurd", bericht.pk)
            bericht.status = Besluitbericht.Verzendstatus.MISLUKT
            bericht.fout = f"{type(fout).__name__}: {fout}"[:2000]
        else:
            bericht.status = Besluitbericht.Verzendstatus.VERSTUURD
            bericht.verstuurd_op = timezone.now()
            bericht.fout = ""
        bericht.save()
