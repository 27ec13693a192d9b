"""No secret link and no e-mail address in a log line.

An applicant's link (/aanmelding/<token>/…), a set-password link
(/account/wachtwoord-instellen/<uidb64>/<token>/) and a participant's calendar feed
(/wijken/<slug>/agenda/<token>.ics) each open what they lead to for whoever has them. Django
logs the path of every 404 and 500 (django.request) and runserver every request
(django.server), with its query string; a mail server's refusal names the address it
refused, and the task queue logs that error with its traceback. This filter, on those
loggers and on the console handler everything else passes through, writes the message and
the traceback with the secret parts and every e-mail address masked.
"""

import logging
import re
from urllib.parse import unquote

VERBORGEN = "[verborgen]"
ADRES_VERBORGEN = "[e-mailadres]"

# Loose on purpose: anything that looks like an address goes, a real one never stays.
EMAILADRES = re.compile(r"[^\s@<>()\[\]{}\"',;:/?=&]+@[\w-]+(?:\.[\w-]+)+")

# Each: the part before the secret, the secret (up to the next /, ?, # or space), the rest.
GEHEIME_PADEN = [
    re.compile(r"(/aanmelding/)[^/?#\s\"']+"),
    re.compile(r"(/account/wachtwoord-instellen/)[^/?#\s\"']+/[^/?#\s\"']+"),
    re.compile(r"(/agenda/)[^/?#\s\"']+?(?=\.ics)"),
]


def verberg_geheimen(tekst: str) -> str:
    """The text with every secret and e-mail address masked, also where it is
    percent-encoded (lid%40voorbeeld.nl in a query string): a link in a
    ?next= (the login and the second step send people on that way), even encoded twice, or
    an address with an encoded letter (/%61anmelding/ routes like /aanmelding/). Such a text
    is written decoded, with the secret masked."""
    gemaskeerd = _maskeer(tekst)
    gelezen = unquote(unquote(tekst))
    if gelezen != tekst and _maskeer(gelezen) != gelezen:
        return _maskeer(gelezen)
    return gemaskeerd


def _maskeer(tekst: str) -> str:
    for patroon in GEHEIME_PADEN:
        if patroon.pattern.startswith("(/account/"):
            tekst = patroon.sub(rf"\g<1>{VERBORGEN}/{VERBORGEN}", tekst)
        else:
            tekst = patroon.sub(rf"\g<1>{VERBORGEN}", tekst)
    return EMAILADRES.sub(ADRES_VERBORGEN, tekst)


class VerbergGeheimen(logging.Filter):
    """Rewrites the record's message (its arguments filled in), its traceback and its stack
    with secrets and addresses masked. The traceback is written out here, once, as the
    formatter would; the formatter then uses this masked text."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            bericht = record.getMessage()
        except (TypeError, ValueError):  # a message its arguments do not fit: leave it be
            bericht = None
        if bericht is not None and (veilig := verberg_geheimen(bericht)) != bericht:
            record.msg, record.args = veilig, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = verberg_geheimen(record.exc_text)
        if record.stack_info:
            record.stack_info = verberg_geheimen(record.stack_info)
        return True
