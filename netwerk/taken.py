"""Background work of the portal itself (django-tasks, run by manage.py db_worker)."""

from django_tasks import task


@task()
def stuur_wachtwoordlink(*, email: str, adres: str) -> None:
    """Answer a "Wachtwoord vergeten" request: look up the address and mail a link to each
    of its accounts (netwerk.account.MailViaWachtrijResetForm.verstuur).

    Done in the worker rather than the request, so that the visitor's answer takes the same
    time whether or not the address has an account. `adres` is the visitor's, for the
    security log.
    """
    from .account import MailViaWachtrijResetForm

    formulier = MailViaWachtrijResetForm({"email": email})
    if formulier.is_valid():
        formulier.verstuur(adres=adres)
