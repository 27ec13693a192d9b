"""The security log: one function that every part of the portal calls.

`noteer` writes a row staff can read in the admin (Beveiligingsgebeurtenis) and the same
facts as one JSON log line on the logger "netwerk.beveiliging", for whatever collects the
logs. The line names the account by its number, not its name: a participant's user name is
their e-mail address, and no log line holds one. Callers pass no secrets: no password,
token, code or secret link.
"""

import json
import logging

from django.http import HttpRequest

from .bezoekers import bezoekersadres
from .models import Beveiligingsgebeurtenis

logger = logging.getLogger("netwerk.beveiliging")

Soort = Beveiligingsgebeurtenis.Soort


def noteer(
    soort: Soort,
    *,
    request: HttpRequest | None = None,
    adres: str = "",
    gebruiker=None,
    **details,
) -> Beveiligingsgebeurtenis:
    """Record `soort` for `gebruiker` (an account, or None when no account matched), with
    the visitor's address from `request` (or `adres`, in a task that a request queued) and
    `details` (JSON values, no secrets)."""
    gebeurtenis = Beveiligingsgebeurtenis.objects.create(
        soort=soort,
        gebruiker=gebruiker if getattr(gebruiker, "pk", None) else None,
        gebruikersnaam=gebruiker.get_username() if getattr(gebruiker, "pk", None) else "",
        adres=bezoekersadres("", request) if request is not None else adres,
        details=details,
    )
    logger.info(
        json.dumps(
            {
                "gebeurtenis": gebeurtenis.soort,
                "account": gebeurtenis.gebruiker_id,
                "adres": gebeurtenis.adres or None,
                **details,
            },
            ensure_ascii=False,
            sort_keys=True,
        )
    )
    return gebeurtenis
