"""The secret link that gives an applicant access to their own application.

A token is a selector and a verifier, both random: SELECTOR_LENGTE characters that find
the row, and 256 bits that prove the holder may open it. The database keeps the selector
and only a SHA-256 hash of the verifier, and the check compares hashes in constant time,
so neither a copy of the table nor the response times give a working link away. A plain
hash is enough for a long random secret; slow password hashes only help for secrets
people choose.
"""

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta
from typing import NamedTuple

from django.conf import settings
from django.utils import timezone

SELECTOR_LENGTE = 12


class Token(NamedTuple):
    selector: str
    verifier_hash: str


def nieuw_token() -> tuple[str, Token]:
    """A fresh token: the text for the link, and what the database keeps of it."""
    selector = secrets.token_urlsafe(9)
    verifier = secrets.token_urlsafe(32)
    return selector + verifier, Token(selector, hash_van(verifier))


def ontleed(tekst: str) -> tuple[str, str] | None:
    """Split a token from a link into selector and verifier; None when it cannot be one."""
    if len(tekst) != SELECTOR_LENGTE + 43:
        return None
    return tekst[:SELECTOR_LENGTE], tekst[SELECTOR_LENGTE:]


def klopt(verifier: str, opgeslagen_hash: str) -> bool:
    return hmac.compare_digest(hash_van(verifier), opgeslagen_hash)


def hash_van(verifier: str) -> str:
    return hashlib.sha256(verifier.encode()).hexdigest()


def geldig_tot() -> datetime:
    """A new link works this long; after that the applicant asks for a fresh one."""
    return timezone.now() + timedelta(days=settings.AANMELDLINK_GELDIG_DAGEN)
