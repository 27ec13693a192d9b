"""Every retention term in one place: what, how long (a setting) and counted from when.

`manage.py pas_bewaartermijnen_toe` (netwerk.bewaren) applies them in this order and the
privacy statement's table (templates/netwerk/bewaartermijnen.html) is rendered from them,
so what the statement promises and what the code does cannot drift apart. Nothing here
touches the database: the privacy page is served without one.
"""

import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings


def maanden_eerder(moment: datetime | date, maanden: int) -> datetime | date:
    """The same day `maanden` months earlier; the 31st becomes the month's last day."""
    maand = moment.month - 1 - maanden
    jaar, maand = moment.year + maand // 12, maand % 12 + 1
    dag = min(moment.day, calendar.monthrange(jaar, maand)[1])
    return moment.replace(year=jaar, month=maand, day=dag)


@dataclass(frozen=True)
class Bewaartermijn:
    sleutel: str
    naam: str  # for the command's output
    wat: str  # for the privacy statement: which data
    vanaf: str  # for the privacy statement: counted from when
    instelling: str  # the setting in netwerk/settings.py that holds the length
    eenheid: str  # "maanden" or "dagen"
    gevolg: str  # what the command does when the term has passed: "verwijderd", …
    # What the command counts: the rows it deleted (cascades included), or the accounts.
    telwoord: tuple[str, str] = ("record", "records")

    @property
    def lengte(self) -> int:
        return getattr(settings, self.instelling)

    @property
    def duur(self) -> str:
        """The length in words, e.g. "12 maanden", "1 maand", "14 dagen"."""
        enkelvoud = {"maanden": "maand", "dagen": "dag"}[self.eenheid]
        return f"{self.lengte} {enkelvoud if self.lengte == 1 else self.eenheid}"

    def geteld(self, aantal: int) -> str:
        """E.g. "1 record", "3 accounts"."""
        return f"{aantal} {self.telwoord[aantal != 1]}"

    def grens(self, nu: datetime | date) -> datetime | date:
        """What started before this moment (or day) has passed its term."""
        if self.eenheid == "maanden":
            return maanden_eerder(nu, self.lengte)
        return nu - timedelta(days=self.lengte)


TERMIJNEN: tuple[Bewaartermijn, ...] = (
    Bewaartermijn(
        sleutel="niet_gekozen",
        naam="Niet gekozen aanmeldingen",
        wat="Aanmeldingen die niet gekozen zijn (reserve of afgewezen), met de coalitieleden",
        vanaf="nadat we het besluit over de selectie hebben verstuurd",
        instelling="BEWAREN_NIET_GEKOZEN_MAANDEN",
        eenheid="maanden",
        gevolg="verwijderd",
    ),
    Bewaartermijn(
        sleutel="ingetrokken",
        naam="Ingetrokken aanmeldingen",
        wat="Aanmeldingen die zijn ingetrokken, met de coalitieleden",
        vanaf="nadat de aanmelding is ingetrokken",
        instelling="BEWAREN_INGETROKKEN_MAANDEN",
        eenheid="maanden",
        gevolg="verwijderd",
    ),
    Bewaartermijn(
        sleutel="concepten",
        naam="Concepten van gesloten oproepen",
        wat="Concepten van aanmeldingen die niet zijn ingediend",
        vanaf="na de sluiting van de oproep",
        instelling="BEWAREN_CONCEPT_MAANDEN",
        eenheid="maanden",
        gevolg="verwijderd",
    ),
    Bewaartermijn(
        sleutel="deelnemers_uit",
        naam="Accounts van deelnemers uitzetten",
        wat="Accounts van deelnemers: daarna kan niemand er meer mee inloggen",
        vanaf="nadat hun laatste deelname aan een casuswijk eindigde: op de einddatum van de "
        "deelname, of anders bij het einde van het leernetwerk. Een account zonder deelname: "
        "na de laatste keer inloggen",
        instelling="ACCOUNT_UITZETTEN_MAANDEN",
        eenheid="maanden",
        gevolg="uitgezet",
        telwoord=("account", "accounts"),
    ),
    Bewaartermijn(
        sleutel="deelnemers_gewist",
        naam="Accounts van deelnemers wissen",
        wat="Accounts van deelnemers: naam, e-mailadres, organisatie, functie en antwoorden "
        "op uitnodigingen worden gewist. Bij actiepunten en reacties staat dan "
        "“verwijderde deelnemer”",
        vanaf="nadat hun laatste deelname aan een casuswijk eindigde: op de einddatum van de "
        "deelname, of anders bij het einde van het leernetwerk. Een account zonder deelname: "
        "na de laatste keer inloggen",
        instelling="ACCOUNT_WISSEN_MAANDEN",
        eenheid="maanden",
        gevolg="gewist",
        telwoord=("account", "accounts"),
    ),
    Bewaartermijn(
        sleutel="na_netwerk",
        naam="Gekozen aanmeldingen en casuswijken na het leernetwerk",
        wat="Gekozen aanmeldingen (en aanmeldingen waarover nooit een besluit is verstuurd) "
        "en alles in hun casuswijk: bijeenkomsten, verslagen, "
        "actiepunten en hun geschiedenis, interventies, voorstellen, bevindingen, bijlagen, "
        "uitnodigingen, reacties en deelnames; ook de landelijke bijeenkomsten en de "
        "voorbeelden van het leernetwerk",
        vanaf="na het einde van het leernetwerk",
        instelling="BEWAREN_NA_NETWERK_MAANDEN",
        eenheid="maanden",
        gevolg="verwijderd",
    ),
    Bewaartermijn(
        sleutel="wachtrij",
        naam="Verzendwachtrij",
        wat="E-mails in de verzendwachtrij van het portaal, zoals bevestigingen",
        vanaf="na het versturen. Lukt versturen ook na een uur niet, dan blijft de e-mail "
        "staan tot een medewerker hem opnieuw verstuurt of afhandelt",
        instelling="MAIL_BEWAREN_DAGEN",
        eenheid="dagen",
        gevolg="verwijderd",
    ),
    Bewaartermijn(
        sleutel="beveiligingslog",
        naam="Beveiligingslog",
        wat="Regels in het beveiligingslog (inloggen, uitloggen, exports)",
        vanaf="na de gebeurtenis",
        instelling="BEVEILIGINGSLOG_DAGEN",
        eenheid="dagen",
        gevolg="verwijderd",
    ),
)


def termijn(sleutel: str) -> Bewaartermijn:
    return next(t for t in TERMIJNEN if t.sleutel == sleutel)
