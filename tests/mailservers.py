import asyncio
import socket
import threading
from email import message_from_bytes
from email.message import Message
from smtplib import SMTPServerDisconnected

from aiosmtpd.controller import Controller
from django.core.mail.backends.base import BaseEmailBackend


class KapotteMailserver(BaseEmailBackend):
    """A mail server that is down: every send fails, as smtplib would."""

    def send_messages(self, email_messages):
        raise SMTPServerDisconnected("Connection unexpectedly closed")


def vrije_poort() -> int:
    """A loopback port nothing listens on (yet): a mail server that is down until started."""
    with socket.socket() as sok:
        sok.bind(("127.0.0.1", 0))
        return sok.getsockname()[1]


class Postvak:
    """A real SMTP server on loopback (aiosmtpd, in a thread of its own) that keeps every
    message it accepted.

    `weiger` holds addresses it refuses for good (550 at RCPT). With `vasthouden` set, the
    first message waits in the DATA phase, after the server has its whole text and before
    it answers: `in_data` tells that it got there, `laat_los()` lets it answer. A message
    counts as received once its text is in, answered or not, as a real server may deliver
    a message whose sender never heard the 250.
    """

    def __init__(self, poort: int, *, weiger: tuple[str, ...] = (), vasthouden: bool = False):
        self.poort = poort
        self.weiger = {adres.lower() for adres in weiger}
        self.berichten: list[Message] = []
        self.in_data = threading.Event()
        self._los = threading.Event()
        if not vasthouden:
            self._los.set()
        self._controller = Controller(self, hostname="127.0.0.1", port=poort)

    def __enter__(self) -> "Postvak":
        self._controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self._los.set()
        self._controller.stop()

    def laat_los(self) -> None:
        self._los.set()

    def aan(self, adres: str) -> list[Message]:
        return [bericht for bericht in self.berichten if bericht["To"] == adres]

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.weiger:
            return "550 5.1.1 Dit adres bestaat niet"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.berichten.append(message_from_bytes(envelope.content))
        self.in_data.set()
        while not self._los.is_set():
            await asyncio.sleep(0.02)
        return "250 Message accepted for delivery"
