"""Who is asking: the visitor's address, as far as our own proxies can vouch for it."""

import ipaddress
import logging

from django.conf import settings
from django.http import HttpRequest
from django_ratelimit.core import is_ratelimited
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


def bezoekersadres(group: str, request: HttpRequest) -> str:
    """The visitor's IP address, as a django-ratelimit key.

    Without proxies (VERTROUWDE_PROXIES=0) that is the address of the connection. Behind N
    proxies of our own, each appends the address it received the request from to
    X-Forwarded-For, so the visitor is the N-th address from the right; anything further
    left was written by the visitor and proves nothing. A missing or mangled header falls
    back to the connection's address rather than failing the request. An IPv6 visitor
    usually has a whole /64 network to choose addresses from, so that network counts as one.
    """
    adres = request.META.get("REMOTE_ADDR", "")
    proxies = settings.VERTROUWDE_PROXIES
    if proxies:
        doorgestuurd = [
            deel.strip()
            for deel in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if deel.strip()
        ]
        if len(doorgestuurd) >= proxies:
            adres = doorgestuurd[-proxies]
    try:
        ip = ipaddress.ip_address(adres)
    except ValueError:
        return "onbekend"
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def te_vaak(request: HttpRequest, *, groep: str, per_uur: int, sleutel=bezoekersadres) -> bool:
    """Count this POST against an hourly limit; True when it is one too many.

    When Redis, where the counters live (REDIS_URL), does not answer, the request goes
    through uncounted and a warning is logged: a spam brake that is down must not turn an
    application or a password request into an error page."""
    try:
        return is_ratelimited(
            request,
            group=groep,
            key=sleutel,
            rate=f"{per_uur}/h",
            method="POST",
            increment=True,
        )
    except RedisError as fout:
        logger.warning("De tellers van de limieten antwoorden niet (%s): niet geteld.", fout)
        return False
