from django.db import models


class Rol(models.TextChoices):
    COALITIELID = "coalitielid", "Lid van de coalitie"
    LOKALE_PARTNER = "lokale_partner", "Lokale partner"


class Soort(models.TextChoices):
    OPEN_GESPREK = "open_gesprek", "Open gesprek"
    VERKENNING = "verkenning_interventies", "Verkenning interventies"
    LANDELIJK = "landelijke_leerbijeenkomst", "Landelijke leerbijeenkomst"
    OVERIG = "overig", "Overig"


class Zichtbaarheid(models.TextChoices):
    """Who may read a session's agenda and notes (once published); see docs/ontwerp.md."""

    INTERN = "intern", "Intern: alleen medewerkers"
    WIJK = "wijk", "Wijk: deelnemers van deze casuswijk"
    NETWERK = "netwerk", "Netwerk: deelnemers van alle casuswijken van de oproep"
    OPENBAAR = "openbaar", "Openbaar: iedereen"


class Actiestatus(models.TextChoices):
    OPEN = "open", "Open"
    LOOPT = "loopt", "Loopt"
    AFGEROND = "afgerond", "Afgerond"


class InterventieDomein(models.TextChoices):
    FYSIEK = "fysiek", "Fysiek"
    SOCIAAL = "sociaal", "Sociaal"
    BEIDE = "beide", "Beide"


class Interventiestatus(models.TextChoices):
    IDEE = "idee", "Idee"
    GEPLAND = "gepland", "Gepland"
    LOOPT = "loopt", "Loopt"
    AFGEROND = "afgerond", "Afgerond"


class Antwoord(models.TextChoices):
    """A participant's answer to a session's invitation."""

    JA = "ja", "Ik kom"
    NEE = "nee", "Ik kom niet"
    MISSCHIEN = "misschien", "Misschien"


class Verslagstatus(models.TextChoices):
    """A verslag published as a concept can be reacted on; vastgesteld, it is final."""

    CONCEPT = "concept", "Concept: de lezers kunnen erop reageren"
    VASTGESTELD = "vastgesteld", "Vastgesteld"


class Voorstelstatus(models.TextChoices):
    """Where a participant's proposal for the inventory of interventions stands."""

    VOORGESTELD = "voorgesteld", "Voorgesteld"
    AANVAARD = "aanvaard", "Opgenomen in de inventarisatie"
    AFGEWEZEN = "afgewezen", "Niet opgenomen"
