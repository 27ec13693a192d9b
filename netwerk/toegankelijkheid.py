"""What the accessibility statement says about the evaluation and the known problems, in one
place: templates/netwerk/toegankelijkheid.html renders it, so the coordinator updates this
file (and nothing else) after a new evaluation or a fix.

The statement follows the Dutch model (the toegankelijkheidsverklaring of
digitoegankelijk.nl): status, norm, evaluation, known problems per success criterion with a
date for the fix, how to report a problem, and where to go when the answer falls short.
"""

from dataclasses import dataclass
from datetime import date

# A: voldoet volledig, B: voldoet gedeeltelijk, C: eerste maatregelen genomen, D: geen
# maatregelen, E: niet bekend. Without an expert audit, B is the honest one.
STATUS = "B"
STATUSNAAM = "voldoet gedeeltelijk"

NORM = "EN 301 549"
WCAG = "WCAG 2.1 niveau A en AA"

# The last evaluation, its method and evidence. Update after each new evaluation.
EVALUATIEDATUM = date(2026, 12, 1)
VERKLAARD_OP = date(2026, 12, 1)
EVALUATIEMETHODE = "WCAG-EM"
ONDERZOEK_DOOR = "het eigen ontwikkelteam (nog niet door een onafhankelijke deskundige)"
BEWIJS = [
    "Een automatische test met axe-core in de browser Chromium, op een breed scherm "
    "(1280 pixels) en een telefoonscherm (390 pixels), over elke pagina die bezoekers, "
    "aanvragers, deelnemers en medewerkers gebruiken. Die test draait bij iedere wijziging.",
    "Een handmatige controle met alleen het toetsenbord: de focus is steeds zichtbaar, elk "
    "formulier is in te vullen en te versturen, en na een fout gaat de focus naar het "
    "overzicht van de fouten en vandaar naar het veld.",
    "Een handmatige controle bij 200% en 400% vergroting en op een scherm van 320 pixels "
    "breed: de tekst loopt mee en er hoeft niet opzij gescrold te worden.",
]

# Days within which we answer a report about accessibility.
ANTWOORDTERMIJN_WERKDAGEN = 5


@dataclass(frozen=True)
class Probleem:
    criterium: str  # the success criterion's number and its Dutch name
    waar: str
    wat: str
    hersteld_voor: date


# The problems known now, per success criterion. Remove an entry once it is fixed (and
# checked); add what a new evaluation finds.
BEKENDE_PROBLEMEN = [
    Probleem(
        criterium="3.1.2 Taal van onderdelen",
        waar="Beheergedeelte",
        wat="Enkele teksten van het onderliggende systeem zijn Engels: het label van het "
        "zoekveld ('Search'), de datum in de lijst met aanmeldingen ('1 Dec 2026') en de "
        "namen van koppeltabellen op de pagina die vraagt of u een gebruiker of groep zeker "
        "wilt verwijderen.",
        hersteld_voor=date(2027, 6, 1),
    ),
    Probleem(
        criterium="1.3.1 Info en relaties",
        waar="De rapporten als pdf (casuswijk en leernetwerk)",
        wat="De pdf-bestanden hebben nog geen structuur (tags) voor koppen, lijsten en "
        "tabellen. Dezelfde rapporten staan toegankelijk als webpagina in het portaal.",
        hersteld_voor=date(2027, 6, 1),
    ),
]
