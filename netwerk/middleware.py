"""Middleware of our own."""

import logging

from django.core.exceptions import BadRequest
from django.http import HttpResponseNotAllowed, QueryDict
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.defaults import bad_request

logger = logging.getLogger(__name__)


class PriveVoorIngelogden:
    """A page shown to a logged-in person is theirs: no browser back-button cache on a shared
    computer and no proxy may keep it (Cache-Control: private, no-store). Pages that set
    their own caching already (never_cache) keep it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not response.has_header("Cache-Control") and request.user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response


class WeigerRareInvoer:
    """Refuses what no page of the portal takes, before anything reads the database.

    - A method other than GET, HEAD, POST (and OPTIONS, which each view answers itself)
      gets 405 with the methods the portal does take, instead of the CSRF page.
    - A NUL character in the path, or in the admin's query string (its list filters have
      no field to speak at), gets a Dutch 400: PostgreSQL cannot store or compare text
      holding one, and no person types it. The portal's own pages read their query string
      and forms through forms, which say at the field that the character is not allowed
      (the netwerk page, search); tests/netwerk/test_rare_invoer.py and
      test_rare_formulieren.py put one into every address and every form.
    - A cookie holding a NUL is left out, as if the browser had not sent it: the session
      would otherwise be looked up by it.

    Sits after SecurityMiddleware and WhiteNoise and before the session, CSRF and login
    middleware.
    """

    METHODEN = ("GET", "HEAD", "POST")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in (*self.METHODEN, "OPTIONS"):
            return HttpResponseNotAllowed(
                self.METHODEN, content=render_to_string("405.html"), content_type="text/html"
            )
        for naam in [naam for naam, waarde in request.COOKIES.items() if NUL in naam + waarde]:
            del request.COOKIES[naam]
        beheer = request.path.startswith(reverse("admin:index"))
        if NUL in request.path or (beheer and heeft_nul(request.GET)):
            # One line, without the address: it may hold an applicant's secret link.
            logger.warning("Verzoek met een NUL-teken geweigerd (400).")
            return bad_request(request, BadRequest("NUL"))
        return self.get_response(request)


NUL = "\x00"


def heeft_nul(velden: QueryDict) -> bool:
    return any(NUL in naam + waarde for naam, waarden in velden.lists() for waarde in waarden)
