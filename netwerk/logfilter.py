"""No secret link in a log line.

An applicant's link (/aanmelding/<token>/…), a set-password link
(/account/wachtwoord-instellen/<uidb64>/<token>/) and a participant's calendar feed
(/wijken/<slug>/agenda/<token>.ics) each open what they lead to for whoever has them. Django
logs the path of every 404 and 500 (django.request) and runserver every request
(django.server); this filter, on those loggers and on the console handler everything else
passes through, writes the message with the secret parts masked.
"""

import logging
import re
from urllib.parse import unquote

VERBORGEN = "[verborgen]"

# Each: the part before the secret, the secret (up to the next /, ?, # or space), the rest.
GEHEIME_PADEN = [
    re.compile(r"(/aanmelding/)[^/?#\s\"']+"),
    re.compile(r"(/account/wachtwoord-instellen/)[^/?#\s\"']+/[^/?#\s\"']+"),
    re.compile(r"(/agenda/)[^/?#\s\"']+?(?=\.ics)"),
]


def verberg_geheimen(tekst: str) -> str:
    """The text with every secret masked, also where it is percent-encoded: a link in a
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
    return tekst


class VerbergGeheimeLinks(logging.Filter):
    """Rewrites the record's message (its arguments filled in) with secrets masked."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            bericht = record.getMessage()
        except (TypeError, ValueError):  # a message its arguments do not fit: leave it be
            return True
        veilig = verberg_geheimen(bericht)
        if veilig != bericht:
            record.msg, record.args = veilig, None
        return True
