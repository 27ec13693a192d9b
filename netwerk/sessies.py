"""SESSION_ENGINE: Django's database sessions, which let a page that needs no database
(the privacy statement, the accessibility statement: `zonder_database`) go on when the
database is down. Such a page is then shown as to a visitor who is not logged in; every
other page still fails on the session, and so answers the calm 503 (netwerk.views.serverfout)
instead of sending a logged-in person to the login page."""

import logging

from django.contrib.sessions.backends import db
from django.db import InterfaceError, OperationalError
from django.urls import Resolver404, resolve

logger = logging.getLogger(__name__)


class SessionStore(db.SessionStore):
    mag_ongelezen = False  # set by SessieZonderDatabase for a page marked zonder_database
    niet_lezen = False  # set by SessieZonderDatabase for a page marked zonder_sessie
    niet_gelezen = False

    def load(self) -> dict:
        if self.niet_lezen:
            self.niet_gelezen = True
            return {}
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
    """Marks a view that reads nothing from the database: while the database is down it is
    shown as to a visitor who is not logged in, instead of failing on the session."""
    view.zonder_database = True
    return view


def zonder_sessie(view):
    """Marks a view that answers the same to everyone and must never wait for the database,
    not even for the session (the health checks /healthz and /readyz): the session is not
    read, and the visitor's own stays as it is (the cookie too)."""
    view.zonder_sessie = True
    return view


class SessieZonderDatabase:
    """Right after SessionMiddleware: on a page marked zonder_database the session may go
    unread, on one marked zonder_sessie it is not read at all. Decided from the address
    before any middleware below asks who is logged in (the session limits, the second
    step), since each of them would read the session."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if isinstance(getattr(request, "session", None), SessionStore):
            try:
                view = resolve(request.path_info).func
            except Resolver404:
                view = None
            request.session.niet_lezen = getattr(view, "zonder_sessie", False)
            request.session.mag_ongelezen = getattr(view, "zonder_database", False)
        return self.get_response(request)
