"""SESSION_ENGINE: Django's database sessions, which let a page that needs no database
(the privacy statement, the accessibility statement: `zonder_database`) go on when the
database is down. Such a page is then shown as to a visitor who is not logged in; every
other page still fails on the session, and so answers the calm 503 (netwerk.views.serverfout)
instead of sending a logged-in person to the login page."""

import logging
from functools import wraps

from django.contrib.sessions.backends import db
from django.db import InterfaceError, OperationalError

logger = logging.getLogger(__name__)


class SessionStore(db.SessionStore):
    mag_ongelezen = False  # set by zonder_database for the page being made
    niet_gelezen = False

    def load(self) -> dict:
        try:
            return super().load()
        except (OperationalError, InterfaceError):
            if not self.mag_ongelezen:
                raise
            logger.warning("Sessie niet gelezen: de database antwoordt niet.")
            self.niet_gelezen = True
            return {}

    def save(self, must_create: bool = False) -> None:
        if self.niet_gelezen:
            # Writing now would replace the session that could not be read (a login gone).
            raise OperationalError("De sessie is niet gelezen en wordt dus niet geschreven.")
        super().save(must_create)

    def is_empty(self) -> bool:
        # An unread session is not an empty one: the cookie must stay, or a database
        # hiccup would log the visitor out.
        return not self.niet_gelezen and super().is_empty()


def zonder_database(view):
    """For a view that reads nothing from the database: while the database is down it is
    shown as to a visitor who is not logged in, instead of failing on the session."""

    @wraps(view)
    def omhulsel(request, *args, **kwargs):
        if isinstance(getattr(request, "session", None), SessionStore):
            request.session.mag_ongelezen = True
        return view(request, *args, **kwargs)

    return omhulsel
