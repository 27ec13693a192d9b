"""The secret link that gives an applicant access to their own application.

The token is 256 random bits in the URL. The database holds only its SHA-256 hash: a copy
of the database opens no application. A plain hash suffices because the token is random
and long; a slow password hash only helps for secrets people choose.
"""

import hashlib
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone


def nieuw_token() -> str:
    return secrets.token_urlsafe(32)


def hash_van(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def geldig_tot() -> datetime:
    """A new link works this long; after that the applicant asks for a fresh one."""
    return timezone.now() + timedelta(days=settings.AANMELDLINK_GELDIG_DAGEN)
