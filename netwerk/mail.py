"""Outgoing e-mail, always through the task queue.

A mail is rendered when it is queued, so it shows the data as it was at that moment, and
queued inside the caller's transaction: with the database backend the task row commits or
rolls back together with the data the mail is about. A worker (manage.py db_worker)
delivers it.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.message import SafeMIMEText
from django.template.loader import render_to_string
from django_tasks import task


@task()
def verstuur_email(
    *,
    aan: list[str],
    onderwerp: str,
    tekst: str,
    reply_to: list[str],
    bijlagen: list[list[str]] = (),
) -> None:
    """bijlagen: [file name, text content, MIME type] each (JSON, as the queue keeps it);
    text only (text/...)."""
    bericht = EmailMessage(
        subject=onderwerp,
        body=tekst,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=aan,
        reply_to=reply_to,
    )
    for naam, inhoud, mimetype in bijlagen:
        bericht.attach(_bijlage(naam, inhoud, mimetype))
    bericht.send()


def _bijlage(naam: str, inhoud: str, mimetype: str) -> SafeMIMEText:
    """A text attachment with the parameters of its MIME type kept, such as an invitation's
    "text/calendar; method=REQUEST; charset=UTF-8" (EmailMessage.attach would add a second
    charset); the text always goes out as UTF-8."""
    soort, *parameters = (deel.strip() for deel in mimetype.split(";"))
    _, subtype = soort.split("/", 1)
    deel = SafeMIMEText(inhoud, subtype, "utf-8")
    for parameter in parameters:
        sleutel, _, waarde = parameter.partition("=")
        if sleutel.lower() != "charset":
            deel.set_param(sleutel, waarde.strip('"'), requote=False)
    deel.add_header("Content-Disposition", "attachment", filename=naam)
    return deel


def zet_email_klaar(
    *, aan: str, sjabloon: str, context: dict, bijlagen: list[tuple[str, str, str]] = ()
) -> None:
    """Render templates/emails/<sjabloon>_onderwerp.txt and <sjabloon>.txt and queue them,
    with text attachments (file name, content, text/... MIME type with its parameters) such
    as an iCalendar invitation."""
    context = {
        **context,
        "contact_email": settings.CONTACT_EMAIL,
        "portaal_url": settings.PORTAAL_URL,
    }
    onderwerp = " ".join(render_to_string(f"emails/{sjabloon}_onderwerp.txt", context).split())
    tekst = render_to_string(f"emails/{sjabloon}.txt", context)
    verstuur_email.enqueue(
        aan=[aan],
        onderwerp=onderwerp,
        tekst=tekst,
        reply_to=[settings.CONTACT_EMAIL],
        bijlagen=[list(bijlage) for bijlage in bijlagen],
    )
