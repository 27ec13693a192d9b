from django.db import models


class Status(models.TextChoices):
    CONCEPT = "concept", "Concept"
    INGEDIEND = "ingediend", "Ingediend"
    IN_BEHANDELING = "in_behandeling", "In behandeling"
    GESELECTEERD = "geselecteerd", "Geselecteerd"
    RESERVE = "reserve", "Reserve"
    AFGEWEZEN = "afgewezen", "Afgewezen"
    INGETROKKEN = "ingetrokken", "Ingetrokken"


# The only allowed transitions; services.wijzig_status refuses everything else. A decision
# (geselecteerd, reserve, afgewezen) may change until the decisions of the call are sent;
# services.neem_besluit refuses changes after that.
BESLUITEN = frozenset({Status.GESELECTEERD, Status.RESERVE, Status.AFGEWEZEN})
# Submitted and waiting for a decision: these take reviews, and block sending the decisions.
IN_BEOORDELING = frozenset({Status.INGEDIEND, Status.IN_BEHANDELING})
# The live applications: not concepts (no applications yet) and not withdrawn.
LOPEND = frozenset(Status) - {Status.CONCEPT, Status.INGETROKKEN}
TOEGESTANE_OVERGANGEN: dict[Status, frozenset[Status]] = {
    Status.CONCEPT: frozenset({Status.INGEDIEND, Status.INGETROKKEN}),
    Status.INGEDIEND: frozenset({Status.IN_BEHANDELING, Status.INGETROKKEN}),
    Status.IN_BEHANDELING: BESLUITEN | {Status.INGETROKKEN},
    Status.GESELECTEERD: frozenset({Status.RESERVE, Status.AFGEWEZEN}),
    Status.RESERVE: frozenset({Status.GESELECTEERD, Status.AFGEWEZEN}),
    Status.AFGEWEZEN: frozenset({Status.GESELECTEERD, Status.RESERVE}),
    Status.INGETROKKEN: frozenset(),
}


# What the applicant reads behind the secret link. A decision reads "In beoordeling" until
# staff send the decisions (Aanmelding.status_voor_aanvrager); staff's internal steps are
# not shown.
STATUS_VOOR_AANVRAGER: dict[Status, str] = {
    Status.CONCEPT: "Concept: nog niet ingediend",
    Status.INGEDIEND: "Ingediend: wij hebben uw aanmelding ontvangen",
    Status.IN_BEHANDELING: "In beoordeling",
    Status.GESELECTEERD: "Gekozen als casuswijk",
    Status.RESERVE: "Op de reservelijst",
    Status.AFGEWEZEN: "Niet gekozen",
    Status.INGETROKKEN: "Ingetrokken",
}


class Provincie(models.TextChoices):
    DRENTHE = "drenthe", "Drenthe"
    FLEVOLAND = "flevoland", "Flevoland"
    FRIESLAND = "friesland", "Fryslân"
    GELDERLAND = "gelderland", "Gelderland"
    GRONINGEN = "groningen", "Groningen"
    LIMBURG = "limburg", "Limburg"
    NOORD_BRABANT = "noord_brabant", "Noord-Brabant"
    NOORD_HOLLAND = "noord_holland", "Noord-Holland"
    OVERIJSSEL = "overijssel", "Overijssel"
    UTRECHT = "utrecht", "Utrecht"
    ZEELAND = "zeeland", "Zeeland"
    ZUID_HOLLAND = "zuid_holland", "Zuid-Holland"


class Organisatietype(models.TextChoices):
    GEMEENTE = "gemeente", "Gemeente"
    WONINGCORPORATIE = "woningcorporatie", "Woningcorporatie"
    WELZIJNSORGANISATIE = "welzijnsorganisatie", "Welzijnsorganisatie"
    ZORG = "zorg", "Zorg"
    ONDERWIJS = "onderwijs", "Onderwijs"
    BEWONERSORGANISATIE = "bewonersorganisatie", "Bewonersorganisatie"
    OVERIG = "overig", "Overig"


class Domein(models.TextChoices):
    FYSIEK = "fysiek", "Fysiek domein"
    SOCIAAL = "sociaal", "Sociaal domein"


class Leervraag(models.TextChoices):
    """The four learning questions of the network, in their fixed order."""

    VERWACHTINGEN = "verwachtingen", "Verwachtingen"
    OPBRENGSTEN = "opbrengsten", "Opbrengsten"
    RANDVOORWAARDEN = "randvoorwaarden", "Randvoorwaarden"
    INTERVENTIES = "interventies", "Interventies"

    @property
    def vraag(self) -> str:
        return LEERVRAAG_TEKST[self]


LEERVRAAG_TEKST = {
    Leervraag.VERWACHTINGEN: "Wat verwachten de betrokken partijen ervan als zij werken aan "
    "een gemengde wijk?",
    Leervraag.OPBRENGSTEN: "Wat moet een strategie voor menging de wijk en haar bewoners "
    "opleveren?",
    Leervraag.RANDVOORWAARDEN: "Wat is er nodig om daar te komen: in organisaties, "
    "samenwerking, geld, regels en tijd?",
    Leervraag.INTERVENTIES: "Welk pakket aan interventies werkt, en hoe weet u dat?",
}


class Wijktype(models.TextChoices):
    """Staff's classification of a neighbourhood, to keep the selection varied."""

    VOOROORLOGS = "vooroorlogs", "Vooroorlogse wijk"
    NAOORLOGS = "naoorlogs", "Naoorlogse wijk"
    NIEUWBOUW = "nieuwbouw", "Nieuwbouwwijk"
    CENTRUM = "centrum", "Binnenstad of centrumgebied"
    DORP = "dorp", "Dorp of kleine kern"
    OVERIG = "overig", "Overig"


class Advies(models.TextChoices):
    SELECTEREN = "selecteren", "Selecteren"
    RESERVE = "reserve", "Reserve"
    AFWIJZEN = "afwijzen", "Afwijzen"


class Toewijzingsstand(models.TextChoices):
    """Where an assigned review stands (ToewijzingQuerySet.met_stand)."""

    TE_DOEN = "te_doen", "Te doen"
    GEDAAN = "gedaan", "Gedaan"
    BELANGENCONFLICT = "belangenconflict", "Belangenconflict gemeld"
    VERVALLEN = "vervallen", "Niet meer nodig"


class Criterium(models.TextChoices):
    """What a reviewer scores, 1 to 5 each; the order is the order on the review form."""

    COALITIE = "coalitie", "Coalitie: samenwerking tussen fysiek en sociaal domein"
    OPGAVE = "opgave", "Urgentie en passendheid van de opgave in de wijk"
    VOORAVOND = "vooravond", "De coalitie staat aan de vooravond van een aanpak"
    LEERVRAAG = "leervraag", "Kracht van de leervraag"
    NETWERK = "netwerk", "Waarde voor het landelijke leernetwerk"
