"""Background work of the applications app (django-tasks, run by manage.py db_worker)."""

from django_tasks import task

from .models import Oproep
from .services import vraag_link_aan


@task()
def behandel_linkaanvraag(*, oproep_id: int, email: str) -> None:
    """Answer a "Link kwijt?" request: look up the address and mail new links.

    Done in the worker rather than the request, so that the visitor's answer takes the
    same time whether or not the address belongs to an application.
    """
    oproep = Oproep.objects.filter(pk=oproep_id).first()
    if oproep is not None:
        vraag_link_aan(oproep=oproep, email=email)
