"""The admin's change log (django.contrib.admin's LogEntry) goes with what it describes.

Each entry keeps the record's name as it was (object_repr: a person's name, a
neighbourhood's) and, for a change, the fields that changed. When the record is deleted,
by the retention command or by staff in the admin, its additions and changes go too. The
admin's own "deleted" entry stays as the record of who deleted what kind of record when,
but without the name (docs/ontwerpkeuzes.md, "Bewaartermijnen").
"""

from collections.abc import Iterable

from django.apps import apps
from django.contrib.admin.models import DELETION, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete

# What the "deleted" entry says instead of the name.
NAAM_VERWIJDERD = "(naam verwijderd)"

# The apps whose records may carry a person's name or data; the account model too.
APPS_MET_PERSOONSGEGEVENS = ("aanmeldingen", "casuswijken")


def vergeet(model, pks: Iterable) -> None:
    """Delete the change log's entries about these records, and take the name out of the
    entry that says they were deleted."""
    pks = [str(pk) for pk in pks]
    if not pks:
        return
    over = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(model, for_concrete_model=False),
        object_id__in=pks,
    )
    over.exclude(action_flag=DELETION).delete()
    over.filter(action_flag=DELETION).update(object_repr=NAAM_VERWIJDERD, change_message="")


def _na_verwijderen(*, sender, instance, **kwargs) -> None:
    vergeet(sender, [instance.pk])


def verbind() -> None:
    """Called once from NetwerkConfig.ready: per model, so that deleting anything else
    (the mail queue, sessions) keeps Django's fast delete."""
    modellen = [get_user_model()]
    for label in APPS_MET_PERSOONSGEGEVENS:
        modellen.extend(apps.get_app_config(label).get_models())
    for model in modellen:
        post_delete.connect(
            _na_verwijderen, sender=model, dispatch_uid=f"wijzigingslog.{model._meta.label}"
        )
