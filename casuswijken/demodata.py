"""A finished selection for the demo: a closed call with a casuswijk in full swing.

Called by manage.py laad_demodata (aanmeldingen), only with DEBUG. Built once; a second
run finds it and changes nothing.
"""

import uuid
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from aanmeldingen.enums import Domein, Leervraag, Organisatietype, Provincie, Status
from aanmeldingen.models import Aanmelding, Coalitielid, Oproep, Statuswijziging

from .enums import Actiestatus, InterventieDomein, Interventiestatus, Rol, Soort, Zichtbaarheid
from .models import Actiepunt, Bevinding, Bijeenkomst, Deelname, Interventie, Interventiecategorie
from .services import maak_casuswijk

SLUG = "gemengde-wijk-2026"
DEELNEMERS = [
    ("deelnemer", "Dewi de Deelnemer", Rol.COALITIELID, "Gemeente Den Haag", "Wijkregisseur"),
    ("partner", "Pim Partner", Rol.LOKALE_PARTNER, "Bibliotheek Transvaal", "Vestigingsmanager"),
]

VERSLAG = """\
**Aanwezig:** de coalitie, twee bewonersvertegenwoordigers, de bibliotheek en Platform31.

## Wat we hoorden
- Nieuwe bewoners van de koopwoningen kennen de buurthuizen niet.
- De wachttijd voor een sociale huurwoning in de wijk is opgelopen tot negen jaar.

## Afspraken
Zie de actiepunten hieronder.
"""


def laad(*, wachtwoord: str) -> str | None:
    """Build the demo casuswijk if it is not there; returns the URL path of /wijken/."""
    if Oproep.objects.filter(slug=SLUG).exists():
        return None
    nu = timezone.now()
    oproep = Oproep.objects.create(
        titel="Leernetwerk gemengde wijk 2026 (afgerond)",
        slug=SLUG,
        inleiding="De eerste ronde van het leernetwerk.",
        deadline=nu - timedelta(days=200),
        gepubliceerd=False,
    )
    aanmelding = Aanmelding.objects.create(
        oproep=oproep,
        wijknaam="Transvaal",
        gemeente="Den Haag",
        provincie=Provincie.ZUID_HOLLAND,
        wijkbeschrijving="Vooroorlogse wijk met veel kleine huurwoningen.",
        aanpak="Vernieuwing van 600 woningen met een sociaal programma.",
        leervraag_verwachtingen="-",
        leervraag_opbrengsten="-",
        leervraag_randvoorwaarden="-",
        leervraag_interventies="-",
        bestaande_interventies="Huiskamer Transvaal\nTaalcafé in de bibliotheek",
        status=Status.GESELECTEERD,
        ingediend_op=nu - timedelta(days=210),
        besluit_verzonden_op=nu - timedelta(days=150),
        indieningssleutel=uuid.uuid4(),
        privacy_akkoord_op=nu - timedelta(days=210),
        privacyverklaring_versie="demo",
    )
    Statuswijziging.objects.create(
        aanmelding=aanmelding, van=Status.IN_BEHANDELING, naar=Status.GESELECTEERD
    )
    Oproep.objects.filter(pk=oproep.pk).update(aantal_geselecteerd=1)
    Coalitielid.objects.bulk_create(
        [
            Coalitielid(aanmelding=aanmelding, naam="Dewi de Deelnemer", organisatie="Gemeente "
                        "Den Haag", organisatietype=Organisatietype.GEMEENTE, domein=Domein.FYSIEK,
                        functie="Wijkregisseur", email="deelnemer@voorbeeld.nl",
                        is_contactpersoon=True),
            Coalitielid(aanmelding=aanmelding, naam="Hanna Haag Wonen", organisatie="Haag Wonen",
                        organisatietype=Organisatietype.WONINGCORPORATIE, domein=Domein.FYSIEK,
                        functie="Gebiedsontwikkelaar", email="h.haagwonen@voorbeeld.nl"),
            Coalitielid(aanmelding=aanmelding, naam="Sam Welzijn", organisatie="Xtra Welzijn",
                        organisatietype=Organisatietype.WELZIJNSORGANISATIE,
                        domein=Domein.SOCIAAL, functie="Opbouwwerker",
                        email="s.welzijn@voorbeeld.nl"),
        ]
    )  # fmt: skip
    casuswijk = maak_casuswijk(aanmelding=aanmelding)
    gebruikers = get_user_model().objects
    mensen = {}
    for gebruikersnaam, naam, rol, organisatie, functie in DEELNEMERS:
        voornaam, achternaam = naam.split(" ", 1)
        gebruiker = gebruikers.filter(username=gebruikersnaam).first() or gebruikers.create_user(
            username=gebruikersnaam,
            email=f"{gebruikersnaam}@voorbeeld.nl",
            password=wachtwoord,
            first_name=voornaam,
            last_name=achternaam,
        )
        mensen[gebruikersnaam] = gebruiker
        Deelname.objects.create(
            gebruiker=gebruiker, casuswijk=casuswijk, rol=rol, organisatie=organisatie,
            functie=functie,
        )  # fmt: skip

    def sessie(titel, soort, dagen, zichtbaarheid, gepubliceerd=True, verslag="", landelijk=False):
        begin = (nu + timedelta(days=dagen)).replace(hour=14, minute=0, second=0, microsecond=0)
        return Bijeenkomst.objects.create(
            oproep=oproep,
            casuswijk=None if landelijk else casuswijk,
            soort=soort,
            titel=titel,
            begint_op=begin,
            eindigt_op=begin + timedelta(hours=2, minutes=30),
            locatie="Buurthuis De Mussen, Den Haag" if not landelijk else "Platform31, Den Haag",
            agenda="1. Kennismaking\n2. Wat speelt er in de wijk?\n3. Afspraken",
            verslag=verslag,
            zichtbaarheid=zichtbaarheid,
            gepubliceerd=gepubliceerd,
            gepubliceerd_op=nu if gepubliceerd else None,
        )

    eerste = sessie("Eerste open gesprek", Soort.OPEN_GESPREK, -60, Zichtbaarheid.WIJK,
                    verslag=VERSLAG)  # fmt: skip
    tweede = sessie("Verkenning van de interventies", Soort.VERKENNING, -20,
                    Zichtbaarheid.NETWERK, verslag="De inventarisatie is besproken.")  # fmt: skip
    sessie("Voorbereiding begeleiders", Soort.OVERIG, -25, Zichtbaarheid.INTERN,
           verslag="Alleen voor medewerkers.")  # fmt: skip
    sessie("Tweede open gesprek", Soort.OPEN_GESPREK, 14, Zichtbaarheid.WIJK)
    sessie("Concept: terugkomdag", Soort.OVERIG, 40, Zichtbaarheid.WIJK, gepubliceerd=False)
    sessie("Landelijke leerbijeenkomst", Soort.LANDELIJK, 30, Zichtbaarheid.NETWERK,
           landelijk=True)  # fmt: skip
    Actiepunt.objects.create(casuswijk=casuswijk, bijeenkomst=eerste, eigenaar=mensen["deelnemer"],
                             omschrijving="Welkomstpakket voor nieuwe kopers uitwerken",
                             deadline=(nu + timedelta(days=10)).date())  # fmt: skip
    Actiepunt.objects.create(casuswijk=casuswijk, bijeenkomst=eerste, eigenaar=mensen["partner"],
                             omschrijving="Taalcafé ook op zaterdag openen",
                             status=Actiestatus.AFGEROND, afgerond_in=tweede,
                             afgerond_op=timezone.localdate(tweede.begint_op))  # fmt: skip
    Actiepunt.objects.create(casuswijk=casuswijk, bijeenkomst=tweede,
                             eigenaar_naam="Haag Wonen", status=Actiestatus.LOOPT,
                             omschrijving="Cijfers over doorstroming aanleveren")  # fmt: skip
    ontmoeting = Interventiecategorie.objects.get(naam="Ontmoeting en buurtvoorzieningen")
    Interventie.objects.create(casuswijk=casuswijk, naam="Buurtmoestuin Hobbemaplein",
                               domein=InterventieDomein.BEIDE, categorie=ontmoeting,
                               status=Interventiestatus.GEPLAND,
                               partners="Gemeente, Haag Wonen, bewoners")  # fmt: skip
    Bevinding.objects.create(
        casuswijk=casuswijk,
        bijeenkomst=eerste,
        leervraag=Leervraag.OPBRENGSTEN,
        tekst="Ontmoeting ontstaat rond iets te doen, niet rond een gebouw.",
    )
    Bevinding.objects.create(
        casuswijk=casuswijk,
        bijeenkomst=tweede,
        leervraag=Leervraag.INTERVENTIES,
        goed_voorbeeld=True,
        zichtbaarheid=Zichtbaarheid.NETWERK,
        tekst="Een welkomstgesprek door buren werkt beter dan een folder.",
    )
    return "/wijken/"
