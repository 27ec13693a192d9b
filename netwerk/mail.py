"""Outgoing e-mail, always through the task queue, and never lost on the way.

A mail is rendered when it is queued, so it shows the data as it was at that moment, and
queued inside the caller's transaction: with the database backend the task row commits or
rolls back together with the data the mail is about. A worker (manage.py db_worker)
delivers it.

django-tasks has no retries of its own, so a try that fails for a reason that may pass (the
mail server is down, busy or slow: is_tijdelijk) queues the next try itself, later each
time (MAIL_POGINGEN, MAIL_WACHTTIJD_SECONDEN), and ends as FAILED with NieuwePogingGepland.
Every try is a task row of its own; its kwargs say which try it is (poging). When the last
try fails too, or the server refuses the mail for good, the row ends as FAILED with the
server's own error: a "mislukte mail" (mislukte_mails), which staff see in the task queue's
admin and send again (verstuur_opnieuw) or let go (laat_rusten). ruim_wachtrij_op keeps
those until they are dealt with and puts back the tasks of a worker that died.
"""

import smtplib
from collections.abc import Callable
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.core.mail import EmailMessage
from django.core.mail.message import SafeMIMEText
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import TaskContext, task
from django_tasks_db.models import DBTaskResult

TAAKPAD = "netwerk.mail.verstuur_email"
UITGESTELD = "netwerk.mail.NieuwePogingGepland"


class NieuwePogingGepland(Exception):
    """This try failed for a reason that may pass; the next one is queued (the message says
    when). The row's traceback shows the mail server's error as its cause."""


def is_tijdelijk(fout: BaseException) -> bool:
    """Whether a later try may deliver what this error stopped.

    Refused connections, timeouts, TLS and name errors (OSError) and the mail server's
    faults (SMTPException: disconnected, busy, 4xx answers, a failed login that an operator
    may fix) pass. A 5xx answer that refuses the recipient or the message itself does not:
    trying it again an hour long changes nothing. Anything else is a fault in our code.
    """
    if isinstance(fout, smtplib.SMTPRecipientsRefused):
        return any(code < 500 for code, _ in fout.recipients.values())
    if isinstance(fout, smtplib.SMTPDataError):
        return fout.smtp_code < 500
    return isinstance(fout, smtplib.SMTPException | OSError)


def wachttijd(poging: int) -> timedelta:
    """How long after failed try `poging` (1, 2, ...) the next one waits: doubling each time,
    so 5 tries from 4 minutes take an hour (4 + 8 + 16 + 32)."""
    return timedelta(seconds=settings.MAIL_WACHTTIJD_SECONDEN * 2 ** (poging - 1))


NIET_VERSTUURD = "Niet verstuurd: ingehaald door een nieuwere mail."


def na_bezorging(functie: Callable | None = None, *, alleen_als: Callable[..., bool] | None = None):
    """Mark a function that a queued mail may name to run once the mail server accepted it
    (zet_email_klaar's `na_bezorging`). Only marked functions run: the task table names them
    by path, and a path alone must not be able to call anything.

    alleen_als: a function taking the same kwargs, asked right before each try sends the
    mail (a try again by staff too), in one transaction with the sending and `functie`. When
    it says no, what the mail is about was overtaken meanwhile (a newer mail is on its way):
    the mail is not sent and `functie` does not run. It may lock what it reads
    (select_for_update), so that nothing changes it before `functie` ran."""

    def markeer(functie: Callable) -> Callable:
        functie.na_bezorging = True
        functie.alleen_als = alleen_als
        return functie

    return markeer if functie is None else markeer(functie)


@task(takes_context=True)
def verstuur_email(
    context: TaskContext,
    *,
    aan: list[str],
    onderwerp: str,
    tekst: str,
    reply_to: list[str],
    bijlagen: list[list[str]] = (),
    na_bezorging: list | None = None,
    poging: int = 1,
) -> str | None:
    """One try at one mail: bezorg_email, with this task's own row for a retry. The row's
    return value says when the mail was not sent (NIET_VERSTUURD)."""
    return bezorg_email(
        taak_id=context.task_result.id,
        aan=aan,
        onderwerp=onderwerp,
        tekst=tekst,
        reply_to=reply_to,
        bijlagen=bijlagen,
        na_bezorging=na_bezorging,
        poging=poging,
    )


def bezorg_email(
    *,
    aan: list[str],
    onderwerp: str,
    tekst: str,
    reply_to: list[str],
    bijlagen: list[list[str]] = (),
    na_bezorging: list | None = None,
    poging: int = 1,
    taak_id: str | None = None,
) -> str | None:
    """Send one mail and run what it names to run after delivery.

    bijlagen: [file name, text content, MIME type] each (JSON, as the queue keeps it); text
    only (text/...). na_bezorging: [path of a function marked with @na_bezorging, its
    kwargs], run once the mail server accepted the mail; when it fails, the mail counts as
    failed, so that sending it again also runs it again. When the function's `alleen_als`
    says the mail was overtaken, nothing is sent and NIET_VERSTUURD returned.

    Side effects when sending fails for a reason that may pass (is_tijdelijk) and tries are
    left: the next try queued with run_after (wachttijd), and this task's row (taak_id)
    marked FAILED in the same transaction, so that a worker dying now cannot leave it
    RUNNING to be tried again beside the next try; then NieuwePogingGepland is raised.
    Otherwise the error is raised as it is: the mail failed for good.
    """
    bericht = EmailMessage(
        subject=onderwerp,
        body=tekst,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=aan,
        reply_to=reply_to,
    )
    for naam, inhoud, mimetype in bijlagen:
        bericht.attach(_bijlage(naam, inhoud, mimetype))
    functie, argumenten = _na_bezorging(na_bezorging)
    fout = None
    # The check, the sending and what runs after it in one transaction: what the check
    # locked cannot change until the mail went and `functie` ran. The next try is queued
    # outside it, as raising here rolls it back.
    with transaction.atomic():
        alleen_als = getattr(functie, "alleen_als", None)
        if alleen_als is not None and not alleen_als(**argumenten):
            return NIET_VERSTUURD
        try:
            bericht.send()
        except Exception as e:
            fout = e
        else:
            if functie is not None:
                functie(**argumenten)
    if fout is not None:
        if not is_tijdelijk(fout) or poging >= settings.MAIL_POGINGEN:
            raise fout
        volgende = timezone.now() + wachttijd(poging)
        kwargs = {
            "aan": aan,
            "onderwerp": onderwerp,
            "tekst": tekst,
            "reply_to": reply_to,
            "bijlagen": bijlagen,
            **({"na_bezorging": na_bezorging} if na_bezorging else {}),
            "poging": poging + 1,
        }
        with transaction.atomic():
            verstuur_email.using(run_after=volgende).enqueue(**kwargs)
            if taak_id is not None:
                DBTaskResult.objects.filter(pk=taak_id, status="RUNNING").update(
                    status="FAILED", finished_at=timezone.now()
                )
        raise NieuwePogingGepland(
            f"Poging {poging} van {settings.MAIL_POGINGEN} mislukt ({type(fout).__name__}: "
            f"{fout}); poging {poging + 1} na {_tijd(volgende)}."
        ) from fout
    return None


def _na_bezorging(na_bezorging: list | None) -> tuple[Callable | None, dict]:
    """The function a queued mail names (and its kwargs), if it is marked @na_bezorging."""
    if not na_bezorging:
        return None, {}
    pad, argumenten = na_bezorging
    functie = import_string(pad)
    if not getattr(functie, "na_bezorging", False):
        raise SuspiciousOperation(f"{pad} is niet gemarkeerd met @na_bezorging")
    return functie, argumenten


def _tijd(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%d-%m-%Y %H:%M")


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
    *,
    aan: str,
    sjabloon: str,
    context: dict,
    bijlagen: list[tuple[str, str, str]] = (),
    na_bezorging: tuple[Callable, dict] | None = None,
) -> None:
    """Render templates/emails/<sjabloon>_onderwerp.txt and <sjabloon>.txt and queue them,
    with text attachments (file name, content, text/... MIME type with its parameters) such
    as an iCalendar invitation. na_bezorging: a function marked @na_bezorging and its
    kwargs (JSON), run in the worker once the mail was delivered."""
    context = {
        **context,
        "contact_email": settings.CONTACT_EMAIL,
        "portaal_url": settings.PORTAAL_URL,
    }
    onderwerp = " ".join(render_to_string(f"emails/{sjabloon}_onderwerp.txt", context).split())
    tekst = render_to_string(f"emails/{sjabloon}.txt", context)
    extra = {}
    if na_bezorging is not None:
        functie, argumenten = na_bezorging
        extra["na_bezorging"] = [f"{functie.__module__}.{functie.__qualname__}", argumenten]
    verstuur_email.enqueue(
        aan=[aan],
        onderwerp=onderwerp,
        tekst=tekst,
        reply_to=[settings.CONTACT_EMAIL],
        bijlagen=[list(bijlage) for bijlage in bijlagen],
        **extra,
    )


def mislukte_mails(taken: QuerySet[DBTaskResult] | None = None) -> QuerySet[DBTaskResult]:
    """Mails (of `taken`, default all tasks) that failed for good: the last try, or a
    refusal no retry changes. Those staff dealt with (verstuur_opnieuw, laat_rusten) have
    an `afhandeling`."""
    taken = DBTaskResult.objects.all() if taken is None else taken
    return taken.filter(task_path=TAAKPAD, status="FAILED").exclude(exception_class_path=UITGESTELD)


class AlAfgehandeld(Exception):
    """The failed mail was sent again or let go already (or is no failed mail)."""


def verstuur_opnieuw(*, taak: DBTaskResult, door) -> str:
    """Queue a mail that failed for good once more, with a fresh series of tries.

    Side effects: a MailAfhandeling for the failed row (unique: whoever comes second, at the
    same moment too, gets AlAfgehandeld and nothing is queued), and the mail queued as it
    was, its na_bezorging included. Returns the new task's id.
    """
    from .models import MailAfhandeling

    with transaction.atomic():
        mislukt = (
            mislukte_mails()
            .filter(pk=taak.pk, afhandeling__isnull=True)
            .select_for_update(of=("self",))
            .first()
        )
        if mislukt is None:
            raise AlAfgehandeld
        kwargs = {
            sleutel: waarde
            for sleutel, waarde in mislukt.args_kwargs["kwargs"].items()
            if sleutel != "poging"
        }
        nieuw = verstuur_email.enqueue(**kwargs)
        try:
            with transaction.atomic():
                MailAfhandeling.objects.create(taak=mislukt, door=door, opnieuw_als=nieuw.id)
        except IntegrityError:
            raise AlAfgehandeld from None
    return nieuw.id


def laat_rusten(*, taak: DBTaskResult, door) -> None:
    """Mark a mail that failed for good as dealt with without sending it (a wrong address:
    staff reach the person another way). Raises AlAfgehandeld when it was already."""
    from .models import MailAfhandeling

    with transaction.atomic():
        if not mislukte_mails().filter(pk=taak.pk, afhandeling__isnull=True).exists():
            raise AlAfgehandeld
        try:
            with transaction.atomic():
                MailAfhandeling.objects.create(taak_id=taak.pk, door=door)
        except IntegrityError:
            raise AlAfgehandeld from None


def zet_vastgelopen_taken_terug(*, nu: datetime | None = None) -> int:
    """Put tasks a dead worker left RUNNING back in the queue; returns how many.

    A worker killed mid-task never marks its row. After WACHTRIJ_VASTGELOPEN_MINUTEN (far
    longer than any task runs: EMAIL_TIMEOUT bounds a mail) the row is READY again, so the
    task runs once more per worker that died on it: a mail is sent at most once more, and
    never lost. worker_ids keeps every worker that claimed it.
    """
    nu = nu or timezone.now()
    grens = nu - timedelta(minutes=settings.WACHTRIJ_VASTGELOPEN_MINUTEN)
    return (
        DBTaskResult.objects.running()
        .filter(started_at__lt=grens)
        .update(status="READY", started_at=None)
    )


def ruim_wachtrij_op(*, nu: datetime | None = None) -> int:
    """Delete finished tasks older than MAIL_BEWAREN_DAGEN, except mails that failed for
    good and were not dealt with yet; returns how many rows went.

    The queue keeps each mail's full text (secret links included), and the privacy
    statement promises two weeks; a failed mail stays until staff sent it again or let it
    go, so that nothing is lost unseen.
    """
    nu = nu or timezone.now()
    grens = nu - timedelta(days=settings.MAIL_BEWAREN_DAGEN)
    open_ = mislukte_mails().filter(afhandeling__isnull=True).values("pk")
    oud = DBTaskResult.objects.finished().filter(finished_at__lte=grens).exclude(pk__in=open_)
    _, per_model = oud.delete()
    return per_model.get(DBTaskResult._meta.label, 0)
