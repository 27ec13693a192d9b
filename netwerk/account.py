from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.contrib.auth.views import PasswordResetConfirmView
from django.template.loader import render_to_string

from .beveiliging import Soort, noteer
from .bezoekers import bezoekersadres
from .formulieren import zeg_wat_te_doen
from .mail import verstuur_email


class InlogForm(AuthenticationForm):
    """Log in with the e-mail address (any case) or the username."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "Dit e-mailadres (of deze gebruikersnaam) en dit wachtwoord horen "
        "niet bij elkaar. Controleer ze, of stel via ‘Wachtwoord vergeten’ een nieuw "
        "wachtwoord in.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "E-mailadres of gebruikersnaam"
        zeg_wat_te_doen(
            self, {"username": "uw e-mailadres of gebruikersnaam", "password": "uw wachtwoord"}
        )

    def clean(self):
        invoer = (self.cleaned_data.get("username") or "").strip()
        if "@" in invoer:
            gebruiker = (
                get_user_model()
                .objects.filter(email__iexact=invoer, is_active=True)
                .order_by("pk")
                .first()
            )
            invoer = gebruiker.get_username() if gebruiker else invoer.lower()
        if invoer:
            self.cleaned_data["username"] = invoer
        return super().clean()


class MailViaWachtrijResetForm(PasswordResetForm):
    """Password reset mail through the task queue, like every mail of the portal.

    The request only queues a task with the address asked for (save); the worker looks the
    address up and mails the link (verstuur, in netwerk.taken.stuur_wachtwoordlink). So the
    answer, and the time it takes, are the same whether or not the address has an account.
    Unlike Django's form, it also mails an invited participant who never set a password, so
    that an expired invitation can be replaced from the login page.
    """

    onderwerp_template = "registration/password_reset_subject.txt"
    tekst_template = "registration/password_reset_email.txt"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        zeg_wat_te_doen(self, {"email": "uw e-mailadres"})

    def save(self, request=None, **kwargs) -> None:
        """Queue the lookup and the mail; nothing here reads the accounts."""
        from .taken import stuur_wachtwoordlink

        stuur_wachtwoordlink.enqueue(
            email=self.cleaned_data["email"],
            adres=bezoekersadres("", request) if request is not None else "",
        )

    def verstuur(self, *, adres: str) -> int:
        """In the worker: mail a link to every account of the address, note each request in
        the security log (one without an account when none matched), return how many."""
        self._verstuurd = 0
        self._adres = adres
        super().save(
            domain_override=settings.PORTAAL_URL,
            subject_template_name=self.onderwerp_template,
            email_template_name=self.tekst_template,
        )
        if not self._verstuurd:
            noteer(Soort.WACHTWOORD_GEVRAAGD, adres=adres)
        return self._verstuurd

    def get_users(self, email):
        for gebruiker in get_user_model()._default_manager.filter(
            email__iexact=email, is_active=True
        ):
            if gebruiker.has_usable_password() or gebruiker.deelnames.actief().exists():
                yield gebruiker

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        context = {**context, "portaal_url": settings.PORTAAL_URL}
        onderwerp = " ".join(render_to_string(subject_template_name, context).split())
        verstuur_email.enqueue(
            aan=[to_email],
            onderwerp=onderwerp,
            tekst=render_to_string(email_template_name, context),
            reply_to=[settings.CONTACT_EMAIL],
        )
        noteer(Soort.WACHTWOORD_GEVRAAGD, adres=self._adres, gebruiker=context["user"])
        self._verstuurd += 1


class WachtwoordInstellenForm(SetPasswordForm):
    """Django's form for the new password, with messages that say what to fill in."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        zeg_wat_te_doen(
            self,
            {
                "new_password1": "een nieuw wachtwoord",
                "new_password2": "het nieuwe wachtwoord nog eens",
            },
        )


class WachtwoordInstellenView(PasswordResetConfirmView):
    """Django's set-password page behind the link of a reset or an invitation, noting in
    the security log that a password was set and which of the two it was."""

    def form_valid(self, form):
        aanleiding = "vergeten" if form.user.has_usable_password() else "uitnodiging"
        response = super().form_valid(form)
        noteer(
            Soort.WACHTWOORD_INGESTELD, request=self.request, gebruiker=form.user, via=aanleiding
        )
        return response
