"""Background work of the applications app (django-tasks, run by manage.py db_worker).

Tasks are thin: each calls a service. The decision mail's task lives with the decisions
(services.besluiten), since sending them queues it.
"""

from django_tasks import task

from .models import Oproep
from .services import vraag_link_aan

# Decision mails queued before the task moved still name this path in the task table.
from .services.besluiten import verstuur_besluitbericht  # noqa: F401


@task()
def behandel_linkaanvraag(*, oproep_id: int, email: str) -> None:
    """Answer a "Link kwijt?" request: look up the address and mail new links.

    Done in the worker rather than the request, so that the visitor's answer takes the
    same time whether or not the address belongs to an application. Side effects: those
    of vraag_link_aan (a new link, mailed, for each application of that contact).
    """
    oproep = Oproep.objects.filter(pk=oproep_id).first()
    if oproep is not None:
        vraag_link_aan(oproep=oproep, email=email)
