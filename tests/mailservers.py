from smtplib import SMTPServerDisconnected

from django.core.mail.backends.base import BaseEmailBackend


class KapotteMailserver(BaseEmailBackend):
    """A mail server that is down: every send fails, as smtplib would."""

    def send_messages(self, email_messages):
        raise SMTPServerDisconnected("Connection unexpectedly closed")
