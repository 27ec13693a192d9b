from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.template.loader import render_to_string

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

    The answer on the page is the same whether or not the address has an account. Unlike
    Django's form, it also mails an invited participant who never set a password, so that
    an expired invitation can be replaced from the login page.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        zeg_wat_te_doen(self, {"email": "uw e-mailadres"})

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
