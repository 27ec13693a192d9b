"""What the public views share: finding a call or an application, secret pages."""

from functools import wraps

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.views.decorators.cache import never_cache

from ..models import Aanmelding, Oproep

TE_VAAK_LINK_MELDING = (
    "Er is het afgelopen uur al vaak een link aangevraagd. Probeer het over een uur "
    "opnieuw, of mail ons als het niet kan wachten."
)


def oproep_of_404(request: HttpRequest, slug: str) -> Oproep:
    return get_object_or_404(Oproep.objects.zichtbaar_voor(request.user), slug=slug)


def aanmelding_via_link_of_404(token: str) -> Aanmelding:
    aanmelding = Aanmelding.objects.select_related("oproep").via_link(token)
    if aanmelding is None:
        raise Http404("Onbekende, vervangen of verlopen link.")
    return aanmelding


def geheime_pagina(view):
    """For pages behind a secret link: never cached, never sent to other sites as Referer.

    "same-origin" rather than "no-referrer": with no-referrer the browser sends
    "Origin: null" on our own form posts, which Django's CSRF check rightly refuses.
    """

    @wraps(view)
    @never_cache
    def omhulsel(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Referrer-Policy"] = "same-origin"
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return omhulsel
