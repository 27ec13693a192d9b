from django.contrib.auth.forms import PasswordResetForm
from django.template.loader import render_to_string

from .mail import verstuur_email


class MailViaWachtrijResetForm(PasswordResetForm):
    """Password reset mail through the task queue, like every mail of the portal.

    The answer on the page is the same whether or not the address has an account
    (Django's form sends nothing for an unknown address and says so to nobody).
    """

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        from django.conf import settings

        onderwerp = " ".join(render_to_string(subject_template_name, context).split())
        verstuur_email.enqueue(
            aan=[to_email],
            onderwerp=onderwerp,
            tekst=render_to_string(email_template_name, context),
            reply_to=[settings.CONTACT_EMAIL],
        )
