"""The demo's finished call as data: one table per casuswijk, and what the network shares.

Read by casuswijken/demodata.py. All names of people and of housing corporations and
welfare organisations are made up; the neighbourhoods and towns are real places, the
stories about them are not.
"""

from aanmeldingen.enums import Domein, Leervraag, Organisatietype, Provincie

from .enums import InterventieDomein, Interventiestatus, Soort, Zichtbaarheid

# Category names as the data migration made them (0003_categorieen_en_rechten).
TOEWIJZING = "Woningtoewijzing en doorstroming"
VASTGOED = "Woningvoorraad en vastgoed"
ONTMOETING = "Ontmoeting en buurtvoorzieningen"
WELKOM = "Welkom en begeleiding bij verhuizen"
PARTICIPATIE = "Participatie en bewonersinitiatief"
ZORG = "Zorg en ondersteuning"
TALENT = "Werk, onderwijs en talent"
SAMENWERKING = "Samenwerking en sturing"

FYSIEK, SOCIAAL = InterventieDomein.FYSIEK, InterventieDomein.SOCIAAL
BEIDE = InterventieDomein.BEIDE
IDEE, GEPLAND = Interventiestatus.IDEE, Interventiestatus.GEPLAND
LOOPT, AFGEROND = Interventiestatus.LOOPT, Interventiestatus.AFGEROND
INTERN, WIJK = Zichtbaarheid.INTERN, Zichtbaarheid.WIJK
NETWERK, OPENBAAR = Zichtbaarheid.NETWERK, Zichtbaarheid.OPENBAAR
GEMEENTE, CORPORATIE = Organisatietype.GEMEENTE, Organisatietype.WONINGCORPORATIE
WELZIJN, BEWONERS = Organisatietype.WELZIJNSORGANISATIE, Organisatietype.BEWONERSORGANISATIE

TITEL = "Leernetwerk gemengde wijk 2026"
INLEIDING = """\
In de eerste ronde van het leernetwerk werken vier casuswijken twee jaar lang aan menging
en inclusie: Transvaal in Den Haag, Berflo Es in Hengelo, Heechterp-Schieringen in
Leeuwarden en Groenewoud in Tilburg.

De coalities voeren open gesprekken met hun lokale partners, brengen de interventies in
hun wijk in kaart en leren van elkaar in landelijke bijeenkomsten. Wat zij openbaar maken,
staat op de pagina met opbrengsten.
"""

LEERVRAGEN = {
    "leervraag_verwachtingen": "Wat de partners van menging verwachten, en of dat botst.",
    "leervraag_opbrengsten": "Wat de wijk en haar huidige bewoners er concreet aan hebben.",
    "leervraag_randvoorwaarden": "Hoe het sociale programma even lang doorloopt als de bouw.",
    "leervraag_interventies": "Welke combinatie van maatregelen werkt, en in welke volgorde.",
}

AGENDA = "1. Kennismaking\n2. Wat speelt er in de wijk?\n3. Afspraken"

START_VERSLAG = """\
**Aanwezig:** de coalities van de vier casuswijken en de begeleiders van Platform31 en
Movisie.

## Waar staan de wijken?
Alle vier staan ze aan het begin van een grote vernieuwing. In Transvaal en Berflo Es gaat
het vooral om renovatie en doorstroming, in Heechterp-Schieringen en Groenewoud ook om
nieuwbouw voor nieuwe groepen bewoners.

## Wat we van elkaar willen leren
- Hoe houd je de huidige bewoners betrokken als de bouw jaren duurt?
- Hoe zorg je dat het sociale programma even lang geld heeft als de stenen?
- Wat doe je in de eerste maanden dat nieuwe bewoners er wonen?

## Hoe verder
Elke wijk houdt dit voorjaar een open gesprek met lokale partners. De verslagen die de
wijken openbaar maken, staan op de pagina met opbrengsten.
"""

# National sessions of the call: (titel, days from now, visibility, verslag).
LANDELIJK = [
    ("Startbijeenkomst van het leernetwerk", -100, OPENBAAR, START_VERSLAG),
    ("Landelijke leerbijeenkomst", 30, NETWERK, ""),
]

TRANSVAAL_VERSLAG = """\
**Ook aan tafel:** twee bewonersvertegenwoordigers en Platform31.

## Wat we hoorden
- Nieuwe bewoners van de koopwoningen kennen de buurthuizen niet.
- De wachttijd voor een sociale huurwoning in de wijk is opgelopen tot negen jaar.

## Afspraken
Zie de actiepunten hieronder.
"""

# The slides attached to Transvaal's first conversation (a PDF made by demodata.py).
BIJLAGE_DIA = [
    "Eerste open gesprek Transvaal",
    "Wat we hoorden",
    "- Nieuwe bewoners van de koopwoningen kennen de buurthuizen niet.",
    "- De wachttijd voor een sociale huurwoning is opgelopen tot negen jaar.",
    "Vragen voor het volgende gesprek",
    "- Wie heet nieuwe bewoners welkom, en waar?",
    "- Wat kan de bibliotheek op zaterdag betekenen?",
]

BERFLO_VERSLAG = """\
**Aanwezig:** de coalitie, het bewonersplatform, de huisartsenpraktijk, twee basisscholen
en Platform31.

## Wat we hoorden
- Veel ouderen wonen al veertig jaar in dezelfde eengezinswoning. Ze willen best kleiner
  wonen, maar niet weg uit de buurt.
- Jonge gezinnen vinden geen betaalbare woning in de wijk en vertrekken naar de
  nieuwbouw aan de rand van de stad.
- De renovatie maakt bewoners onzeker: wanneer is mijn blok aan de beurt, en kan ik
  daarna terug?

## Wat we afspraken
De corporatie hangt een planning per blok op in het buurthuis. Gemeente en corporatie
zoeken uit of de doorstroommakelaar ook gezinnen kan helpen.
"""

GROENEWOUD_VERSLAG = """\
We liepen de interventies in Groenewoud langs en deelden ze in volgens de gedeelde
indeling van het leernetwerk.

| Categorie | Opvallend |
|---|---|
| Ontmoeting en buurtvoorzieningen | De brede school is 's avonds open voor de buurt. |
| Zorg en ondersteuning | Signalen over geldzorgen komen via de corporatie en de school. |
| Samenwerking en sturing | Het gebiedsteam komt elke maand bij elkaar. |

## Wat ontbreekt
Voor nieuwe bewoners van het gemengde complex is er nog geen welkom. De coalitie kijkt naar
het welkomstteam uit Vlissingen (bij de goede voorbeelden van elders).
"""

# Per casuswijk: the application, its coalition (the first member is the contact person),
# its sessions (titel, kind, days from now, visibility, published, verslag), its
# inventory (naam, category, domain, status, visibility, omschrijving, partners,
# ervaringen) and its findings (question, visibility, goed voorbeeld, session or None,
# tekst). An intervention the application names is classified under the same name.
WIJKEN = [
    {
        "wijknaam": "Transvaal", "gemeente": "Den Haag", "provincie": Provincie.ZUID_HOLLAND,
        "wijkbeschrijving": "Vooroorlogse wijk met veel kleine huurwoningen.",
        "aanpak": "Vernieuwing van 600 woningen met een sociaal programma.",
        "bestaande_interventies": "Huiskamer Transvaal\nTaalcafé in de bibliotheek",
        "locatie": "Buurthuis De Mussen, Den Haag",
        "leden": [
            ("Dewi de Deelnemer", "Gemeente Den Haag", GEMEENTE, Domein.FYSIEK, "Wijkregisseur"),
            ("Hanna Haag Wonen", "Haag Wonen", CORPORATIE, Domein.FYSIEK, "Gebiedsontwikkelaar"),
            ("Sam Welzijn", "Xtra Welzijn", WELZIJN, Domein.SOCIAAL, "Opbouwwerker"),
        ],
        "bijeenkomsten": [
            ("Eerste open gesprek", Soort.OPEN_GESPREK, -60, WIJK, True, TRANSVAAL_VERSLAG),
            ("Verkenning van de interventies", Soort.VERKENNING, -20, NETWERK, True,
             "De inventarisatie is besproken."),
            ("Voorbereiding begeleiders", Soort.OVERIG, -25, INTERN, True,
             "Alleen voor medewerkers."),
            ("Tweede open gesprek", Soort.OPEN_GESPREK, 14, WIJK, True, ""),
            ("Terugkomdag (in voorbereiding)", Soort.OVERIG, 40, WIJK, False, ""),
        ],
        "interventies": [
            ("Huiskamer Transvaal", ONTMOETING, SOCIAAL, LOOPT, OPENBAAR,
             "Drie ochtenden per week een open huiskamer in het buurthuis, gerund door "
             "bewoners.", "Xtra Welzijn, bewonersvrijwilligers",
             "Trekt vooral oudere bewoners; nieuwe kopers komen pas bij een concrete "
             "activiteit."),
            ("Taalcafé in de bibliotheek", TALENT, SOCIAAL, LOOPT, NETWERK,
             "Elke week Nederlands oefenen met vrijwilligers uit de buurt.",
             "Bibliotheek Transvaal", ""),
            ("Buurtmoestuin Hobbemaplein", ONTMOETING, BEIDE, GEPLAND, NETWERK, "",
             "Gemeente, Haag Wonen, bewoners", ""),
            ("Voorrang voor wijkbewoners bij nieuwbouw", TOEWIJZING, FYSIEK, GEPLAND, NETWERK,
             "Een kwart van de nieuwe sociale huurwoningen gaat eerst naar huishoudens uit "
             "Transvaal.", "Gemeente Den Haag, Haag Wonen", ""),
            ("Welkomstgesprek door buren", WELKOM, SOCIAAL, IDEE, WIJK,
             "Buren bellen aan bij nieuwe bewoners, in plaats van een folder.", "", ""),
        ],
        "bevindingen": [
            (Leervraag.OPBRENGSTEN, WIJK, False, "Eerste open gesprek",
             "Ontmoeting ontstaat rond iets te doen, niet rond een gebouw."),
            (Leervraag.INTERVENTIES, NETWERK, True, "Verkenning van de interventies",
             "Een welkomstgesprek door buren werkt beter dan een folder."),
            (Leervraag.VERWACHTINGEN, OPENBAAR, False, None,
             "De corporatie verwacht van menging vooral rust in de portieken; bewoners "
             "verwachten vooral dat hun kinderen in de wijk kunnen blijven wonen. Dat botst "
             "niet, maar het vraagt een andere volgorde van maatregelen."),
        ],
    },
    {
        "wijknaam": "Berflo Es", "gemeente": "Hengelo", "provincie": Provincie.OVERIJSSEL,
        "wijkbeschrijving": "Naoorlogse wijk van 4.500 inwoners met veel eengezinswoningen "
        "en portiekflats, grotendeels sociale huur. Veel ouderen, weinig doorstroming.",
        "aanpak": "Vanaf 2026 renovatie van 450 portiekwoningen en 120 nieuwe gelijkvloerse "
        "woningen voor ouderen, met een sociaal programma dat even lang loopt.",
        "bestaande_interventies": "Doorstroommakelaar voor ouderen",
        "locatie": "Wijkcentrum De Es, Hengelo",
        "leden": [
            ("Ingrid Wessels", "Gemeente Hengelo", GEMEENTE, Domein.FYSIEK, "Wijkregisseur"),
            ("Ruud Kamphuis", "Woonstichting De Es", CORPORATIE, Domein.FYSIEK,
             "Vastgoedadviseur"),
            ("Naima Bouzid", "Welzijn Hengelo-Noord", WELZIJN, Domein.SOCIAAL, "Opbouwwerker"),
            ("Henk Oude Luttikhuis", "Bewonersplatform Berflo Es", BEWONERS, Domein.SOCIAAL,
             "Voorzitter"),
        ],
        "bijeenkomsten": [
            ("Open gesprek met bewoners en partners", Soort.OPEN_GESPREK, -45, OPENBAAR, True,
             BERFLO_VERSLAG),
            ("Verkenning interventies Berflo Es", Soort.VERKENNING, -15, NETWERK, True,
             "We deelden de interventies in; de buurtkamer is nog een idee."),
        ],
        "interventies": [
            ("Doorstroommakelaar voor ouderen", TOEWIJZING, BEIDE, LOOPT, OPENBAAR,
             "Een vaste medewerker helpt ouderen in een te grote eengezinswoning bij de "
             "overstap naar een gelijkvloerse woning in de wijk, tot en met de verhuisdag.",
             "Woonstichting De Es, Welzijn Hengelo-Noord",
             "Na een jaar 23 verhuizingen. Ouderen wilden pas verhuizen toen zeker was dat ze "
             "in de buurt konden blijven."),
            ("Renovatie portiekflats Es-Noord", VASTGOED, FYSIEK, GEPLAND, NETWERK,
             "Isolatie, liften en nieuwe entrees; bewoners kunnen na de renovatie terug.",
             "Woonstichting De Es", ""),
            ("Buurtkamer in de plint", ONTMOETING, BEIDE, IDEE, NETWERK,
             "Een lege winkelruimte onder de flat als buurtkamer, beheerd door bewoners.",
             "Bewonersplatform Berflo Es", ""),
            ("Spreekuur wijkteam op school", ZORG, SOCIAAL, IDEE, INTERN,
             "Nog niet besproken met de school; eerst het gesprek met de directie.", "", ""),
        ],
        "bevindingen": [
            (Leervraag.RANDVOORWAARDEN, OPENBAAR, True, "Open gesprek met bewoners en partners",
             "Doorstroming komt pas op gang als de verhuisbegeleiding even lang geld heeft als "
             "de bouw. Gemeente en corporatie betalen de doorstroommakelaar samen voor vijf "
             "jaar; daardoor durven bewoners een traject van twee jaar aan."),
            (Leervraag.VERWACHTINGEN, NETWERK, False, "Open gesprek met bewoners en partners",
             "De gemeente zag menging eerst als een bouwopgave. Bewoners hebben het vooral "
             "over wie er straks in de buurt blijft wonen."),
            (Leervraag.INTERVENTIES, OPENBAAR, False, "Startbijeenkomst van het leernetwerk",
             "Begin bij wat bewoners zelf al willen, zoals kleiner wonen in de eigen buurt, "
             "en bouw de rest van het pakket daaromheen."),
        ],
    },
    {
        "wijknaam": "Heechterp-Schieringen", "gemeente": "Leeuwarden",
        "provincie": Provincie.FRIESLAND,
        "wijkbeschrijving": "Naoorlogse flatwijk met 5.000 inwoners uit meer dan zestig "
        "landen. Veel eenpersoonshuishoudens en een hoge werkloosheid.",
        "aanpak": "Nieuwbouw van 200 koop- en middenhuurwoningen aan de rand van de wijk en "
        "de renovatie van vier flats, samen met een bewonersbudget.",
        "bestaande_interventies": "Bewonersbudget Heechterp",
        "locatie": "Buurthuis De Schakel, Leeuwarden",
        "leden": [
            ("Sietske de Vries", "Gemeente Leeuwarden", GEMEENTE, Domein.FYSIEK,
             "Gebiedsregisseur"),
            ("Jelle Hoekstra", "Woonkracht Fryslân", CORPORATIE, Domein.FYSIEK,
             "Wijkconsulent"),
            ("Amina Haddou", "Buurtwerk Leeuwarden-Oost", WELZIJN, Domein.SOCIAAL,
             "Buurtwerker"),
        ],
        "bijeenkomsten": [
            ("Open gesprek Heechterp-Schieringen", Soort.OPEN_GESPREK, -35, NETWERK, True,
             "Bewoners willen vooral een veiligere en schonere buurt, en weer een winkel."),
        ],
        "interventies": [
            ("Bewonersbudget Heechterp", PARTICIPATIE, SOCIAAL, LOOPT, OPENBAAR,
             "Een jury van buurtbewoners verdeelt elk jaar €40.000 over initiatieven in de "
             "wijk.", "Gemeente Leeuwarden, Buurtwerk Leeuwarden-Oost",
             "Nieuwe bewoners doen nog weinig mee; de jury nodigt ze nu persoonlijk uit."),
            ("Koopwoningen aan de Schieringerweg", VASTGOED, FYSIEK, LOOPT, NETWERK,
             "De eerste 60 van 200 woningen zijn verkocht, vooral aan jonge stellen.",
             "Woonkracht Fryslân", ""),
            ("Maatjes voor nieuwkomers", WELKOM, SOCIAAL, AFGEROND, NETWERK,
             "Bewoners die er langer wonen, lopen een halfjaar op met een nieuwkomer.",
             "Buurtwerk Leeuwarden-Oost", "Werkte goed, maar stopte toen de subsidie ophield."),
            ("Leerwerkplekken bij de renovatie", TALENT, BEIDE, GEPLAND, NETWERK,
             "Tien jongeren uit de wijk leren het vak bij de aannemer van de renovatie.",
             "Woonkracht Fryslân, een bouwbedrijf, het ROC", ""),
        ],
        "bevindingen": [
            (Leervraag.OPBRENGSTEN, OPENBAAR, False, None,
             "Bewoners meten succes niet aan het aantal koopwoningen, maar aan of de buurt "
             "veiliger en schoner voelt en of er weer een winkel komt. Een strategie die dat "
             "vergeet, verliest het draagvlak."),
            (Leervraag.INTERVENTIES, NETWERK, True, "Open gesprek Heechterp-Schieringen",
             "Een bewonersbudget met een jury uit de buurt brengt oude en nieuwe bewoners aan "
             "één tafel, als nieuwe bewoners persoonlijk worden uitgenodigd."),
            (Leervraag.RANDVOORWAARDEN, NETWERK, False, None,
             "Een vaste contactpersoon bij de corporatie scheelt maanden: bewoners weten bij "
             "wie ze terechtkunnen, ook als de renovatie uitloopt."),
        ],
    },
    {
        "wijknaam": "Groenewoud", "gemeente": "Tilburg", "provincie": Provincie.NOORD_BRABANT,
        "wijkbeschrijving": "Wijk uit de jaren vijftig met 7.000 inwoners, veel sociale huur "
        "en een groeiende groep jonge gezinnen met weinig geld.",
        "aanpak": "Sloop en nieuwbouw van een gemengd complex met huur en koop, en een brede "
        "school die ook een buurtplek wordt. Eerste oplevering in 2028.",
        "bestaande_interventies": "Brede school als buurtplek",
        "locatie": "Brede school De Wijkboom, Tilburg",
        "leden": [
            ("Marloes van den Heuvel", "Gemeente Tilburg", GEMEENTE, Domein.FYSIEK,
             "Programmamanager wijkvernieuwing"),
            ("Bart Verhoeven", "Woonstichting Midden-Brabant", CORPORATIE, Domein.FYSIEK,
             "Projectleider"),
            ("Yusuf Demir", "Stichting Wijkwerk Tilburg", WELZIJN, Domein.SOCIAAL,
             "Teamleider"),
            ("Anke Smulders", "Basisschool De Wijkboom", Organisatietype.ONDERWIJS,
             Domein.SOCIAAL, "Directeur"),
        ],
        "bijeenkomsten": [
            ("Open gesprek Groenewoud", Soort.OPEN_GESPREK, -50, WIJK, True,
             "Een eerste verkenning met de partners in de wijk."),
            ("Verkenning interventies Groenewoud", Soort.VERKENNING, -10, OPENBAAR, True,
             GROENEWOUD_VERSLAG),
        ],
        "interventies": [
            ("Brede school als buurtplek", ONTMOETING, BEIDE, LOOPT, OPENBAAR,
             "De school is 's avonds en in het weekend open voor buurtactiviteiten.",
             "Basisschool De Wijkboom, Stichting Wijkwerk Tilburg",
             "Ouders die elkaar op het schoolplein zien, organiseren nu zelf activiteiten."),
            ("Gemengd complex Groenewoud-Zuid", VASTGOED, FYSIEK, GEPLAND, NETWERK,
             "Huur en koop in één gebouw, met een gedeelde binnentuin.",
             "Woonstichting Midden-Brabant, Gemeente Tilburg", ""),
            ("Vroeg erop af bij geldzorgen", ZORG, SOCIAAL, LOOPT, NETWERK,
             "Bij twee maanden huurachterstand gaat een buurtwerker langs.",
             "Woonstichting Midden-Brabant, Stichting Wijkwerk Tilburg", ""),
            ("Gebiedsteam Groenewoud", SAMENWERKING, BEIDE, LOOPT, NETWERK,
             "Gemeente, corporatie, welzijn en school bespreken elke maand de wijk.", "", ""),
        ],
        "bevindingen": [
            (Leervraag.VERWACHTINGEN, OPENBAAR, True, "Verkenning interventies Groenewoud",
             "Elke partner schreef aan het begin op wat menging moet opleveren en wat hij "
             "vreest. Die lijst komt in elk overleg terug en houdt het gesprek eerlijk."),
            (Leervraag.OPBRENGSTEN, NETWERK, False, "Open gesprek Groenewoud",
             "Voor ouders is een goede school in de wijk de belangrijkste opbrengst."),
            (Leervraag.RANDVOORWAARDEN, WIJK, False, "Open gesprek Groenewoud",
             "De school wil meedoen, maar heeft geld nodig voor een conciërge in de avond."),
        ],
    },
]  # fmt: skip

# Good examples from elsewhere: (titel, organisatie, plaats, question, category,
# omschrijving). Invented organisations.
VOORBEELDEN = [
    ("Welkomstteams in nieuwbouwblokken", "Woonstichting Havenstad", "Vlissingen",
     Leervraag.INTERVENTIES, WELKOM,
     "Bij elke oplevering bellen twee bewoners uit de buurt aan bij de nieuwe huurders en "
     "kopers. Ze brengen een kaart van de buurt mee en nodigen uit voor een kennismaking in "
     "het buurthuis.\n\nDe corporatie betaalt de koffie en een kleine vrijwilligers"
     "vergoeding. Na drie jaar kent twee derde van de nieuwe bewoners minstens vijf buren "
     "bij naam."),
    ("Eén gebiedsbudget voor stenen en mensen", "Wijkalliantie Almelo-Oost", "Almelo",
     Leervraag.RANDVOORWAARDEN, SAMENWERKING,
     "Gemeente, twee corporaties en de welzijnsorganisatie leggen hun wijkbudgetten voor "
     "tien jaar bij elkaar. Een gebiedsteam besluit elk jaar hoeveel naar renovatie gaat en "
     "hoeveel naar buurtwerk, schuldhulp en jongerenwerk.\n\nOmdat het sociale programma "
     "niet elk jaar opnieuw bevochten hoeft te worden, durven partners langere trajecten "
     "aan. De keerzijde: verantwoording afleggen aan vier besturen kost veel tijd."),
]  # fmt: skip

# What the Transvaal logins wrote on the portal (demodata._meedoen).
REACTIES = [
    ("partner", "Bij de afspraken mist nog dat de bibliotheek ook op zaterdag open kan voor het "
     "taalcafé; dat hebben we wel zo besproken.", 12),
    ("deelnemer", "Klopt. En bij de moestuin: de gemeente zoekt eerst uit of de grond "
     "beschikbaar is, dat staat er nu te stellig.", 10),
]  # fmt: skip
VOORSTELLEN = [
    ("deelnemer", "Buurtkrant voor nieuwe kopers", WELKOM, SOCIAAL,
     "Een krant met de buurthuizen, het taalcafé en de moestuin, bij de sleuteloverdracht.", ""),
    ("partner", "Boekenkast in de wachtruimte van de huisarts", TALENT, SOCIAAL,
     "Ruilboeken in de wachtkamer, beheerd door de bibliotheek.",
     "Mooi idee, maar het is geen interventie van de coalitie: de bibliotheek kan het zelf "
     "starten. We nemen het mee als voorbeeld in het volgende gesprek."),
]  # fmt: skip
WIJZIGING_NOTITIE = "Eerste versie besproken met Haag Wonen; de makelaars doen mee."
