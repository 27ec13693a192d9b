"""Fill a development database with a realistic call, applications and a staff login.

Safe to run again: what exists is left alone. Refuses to run without DEBUG, so that the
demo password never reaches a production database.
"""

import uuid
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from aanmeldingen.enums import Advies, Domein, Organisatietype, Provincie, Status
from aanmeldingen.models import SCORE_VELDEN, Aanmelding, Beoordeling, Oproep, Toewijzing
from aanmeldingen.services import (
    bewaar_concept,
    dien_aanmelding_in,
    meld_belangenconflict,
    vervang_link,
    wijs_toe,
)
from casuswijken import demodata as casuswijk_demo
from netwerk.rechten import Rol

DEMO_GEBRUIKER = "beheer"
INGEDIENDE_DEMO = "Kanaleneiland-Zuid"
CONCEPT_DEMO = "Presikhaaf-West"
DEMO_WACHTWOORD = "demo-leernetwerk"

INLEIDING = """\
Steeds meer gemeenten en corporaties willen wijken gemengder maken: andere woningtypen
toevoegen, doorstroming op gang brengen, nieuwe bewoners trekken. Menging alleen maakt
een wijk nog niet inclusief. Daarvoor is ook nodig dat oude en nieuwe bewoners elkaar
ontmoeten, dat voorzieningen meegroeien en dat niemand tussen wal en schip raakt.

In dit leernetwerk onderzoeken Platform31 en Movisie samen met drie tot vier wijken hoe
fysieke en sociale partners dat samen aanpakken. We gaan per wijk in gesprek met de
lokale partners, brengen in kaart welke interventies er al zijn en wat ze opleveren, en
brengen de wijken bij elkaar in landelijke leerbijeenkomsten.

We zoeken wijken **aan de vooravond van een aanpak**: de plannen liggen er of worden nu
gemaakt, maar de uitvoering moet nog grotendeels beginnen.
"""

GEVRAAGDE_INZET = """\
- Een vaste coalitie van drie tot vijf mensen uit het fysieke en het sociale domein, die
  het hele traject meedoet.
- Twee tot drie open gesprekken in uw wijk met lokale partners, die wij voorbereiden en
  begeleiden.
- Deelname aan twee landelijke leerbijeenkomsten met de andere casuswijken.
- Bereidheid om ervaringen, ook wat niet werkte, te delen met de andere wijken en in een
  openbare publicatie aan het eind.

Deelname is kosteloos. Platform31 en Movisie verzorgen de begeleiding en de verslagen.
"""


def _over_zestig_dagen_om_twaalf_uur():
    dag = timezone.localtime() + timedelta(days=60)
    return dag.replace(hour=12, minute=0, second=0, microsecond=0)


def _lid(naam, organisatie, soort, domein, functie, email, contact=False):
    return {
        "naam": naam,
        "organisatie": organisatie,
        "organisatietype": soort,
        "domein": domein,
        "functie": functie,
        "email": email,
        "is_contactpersoon": contact,
    }


DEMO_AANMELDINGEN = [
    (
        {
            "wijknaam": "Kanaleneiland-Zuid",
            "gemeente": "Utrecht",
            "provincie": Provincie.UTRECHT,
            "cbs_wijkcode": "WK034405",
        },
        [
            _lid("Fatima el Idrissi", "Gemeente Utrecht", Organisatietype.GEMEENTE,
                 Domein.FYSIEK, "Wijkprogrammamanager", "f.elidrissi@voorbeeld.nl", True),
            _lid("Joost van Dam", "Woonstede", Organisatietype.WONINGCORPORATIE,
                 Domein.FYSIEK, "Gebiedsontwikkelaar", "j.vandam@voorbeeld.nl"),
            _lid("Anouk Verhoef", "Buurtteam Zuid", Organisatietype.WELZIJNSORGANISATIE,
                 Domein.SOCIAAL, "Opbouwwerker", "a.verhoef@voorbeeld.nl"),
        ],
    ),
    (
        {
            "wijknaam": "Malburgen-Oost",
            "gemeente": "Arnhem",
            "provincie": Provincie.GELDERLAND,
            "cbs_wijkcode": "",
        },
        [
            _lid("Peter Janssen", "Gemeente Arnhem", Organisatietype.GEMEENTE,
                 Domein.FYSIEK, "Beleidsadviseur wonen", "p.janssen@voorbeeld.nl"),
            _lid("Sanne de Boer", "Volkshuisvesting Oost", Organisatietype.WONINGCORPORATIE,
                 Domein.FYSIEK, "Wijkconsulent", "s.deboer@voorbeeld.nl", True),
            _lid("Mehmet Yilmaz", "Rijnstad", Organisatietype.WELZIJNSORGANISATIE,
                 Domein.SOCIAAL, "Teamleider", "m.yilmaz@voorbeeld.nl"),
            _lid("Els Kramer", "Bewonersraad Malburgen", Organisatietype.BEWONERSORGANISATIE,
                 Domein.SOCIAAL, "Voorzitter", "e.kramer@voorbeeld.nl"),
        ],
    ),
]  # fmt: skip

# More submitted applications, so that reviewing and selecting three or four can be tried:
# (wijknaam, gemeente, provincie, CBS code, the organisations of a fysiek, fysiek and sociaal
# member).
MEER_WIJKEN = [
    ("Selwerd", "Groningen", Provincie.GRONINGEN, "WK001404",
     ("Gemeente Groningen", "Nijestee", "WerkPro")),
    ("Bouwlust", "Den Haag", Provincie.ZUID_HOLLAND, "WK051846",
     ("Gemeente Den Haag", "Haag Wonen", "Xtra Welzijn")),
    ("Heuvelkwartier", "Heerlen", Provincie.LIMBURG, "",
     ("Gemeente Heerlen", "Weller", "Alcander")),
    ("Stadsdriehoek-Oost", "Zwolle", Provincie.OVERIJSSEL, "",
     ("Gemeente Zwolle", "deltaWonen", "Travers Welzijn")),
    ("Woensel-West", "Eindhoven", Provincie.NOORD_BRABANT, "WK077210",
     ("Gemeente Eindhoven", "Trudo", "WIJeindhoven")),
    ("Poelenburg", "Zaanstad", Provincie.NOORD_HOLLAND, "WK047908",
     ("Gemeente Zaanstad", "Parteon", "Stichting Welzijn Zaanstad")),
]  # fmt: skip

# The scores of the demo reviews (coalitie, opgave, vooravond, leervraag, netwerk).
DEMO_SCORES = [(4, 5, 3, 4, 4), (3, 4, 2, 3, 4), (5, 4, 4, 5, 3), (2, 3, 2, 4, 3), (4, 4, 3, 2, 5)]

DEMO_MEDEWERKERS = [
    (DEMO_GEBRUIKER, Rol.BEHEER, "Bo Beheer"),
    ("beoordelaar", Rol.BEOORDELAAR, "Bram Beoordelaar"),
    ("beoordelaar2", Rol.BEOORDELAAR, "Birgit Beoordelaar"),
    ("begeleider", Rol.BEGELEIDER, "Bea Begeleider"),
    ("coordinator", Rol.COORDINATOR, "Cor Coördinator"),
]

DEMO_TEKSTEN = {
    "wijkbeschrijving": "Naoorlogse wijk met ongeveer 9.000 inwoners, voor driekwart sociale "
    "huur in portiekflats. Veel jonge gezinnen en een groeiende groep ouderen die alleen wonen. "
    "Bewoners noemen eenzaamheid, geldzorgen en overlast als grootste zorgen.",
    "aanpak": "In 2027 starten sloop-nieuwbouw van 400 woningen en de verkoop van 150 "
    "huurwoningen. Tegelijk begint een wijkaanpak met een sociaal programma. De eerste "
    "bewonersavonden zijn in het voorjaar, de eerste sloop in het najaar van 2027.",
    "leervraag_verwachtingen": "De gemeente verwacht meer doorstroming; de corporatie een "
    "betere balans in de buurt; de welzijnspartners vrezen dat kwetsbare bewoners verdwijnen.",
    "leervraag_opbrengsten": "Meer ontmoeting tussen oude en nieuwe bewoners, en dat huidige "
    "bewoners een wooncarrière in de wijk kunnen maken.",
    "leervraag_randvoorwaarden": "Een gedeelde agenda tussen fysiek en sociaal, en geld voor "
    "het sociale programma dat even lang loopt als de bouw.",
    "leervraag_interventies": "Welke combinatie van voorrangsregels, ontmoetingsplekken en "
    "begeleiding bij verhuizing werkt, en in welke volgorde?",
    "bestaande_interventies": "Huiskamer van de wijk (buurthuis)\nMaatjesproject voor "
    "nieuwkomers\nVoorrang voor wijkbewoners bij nieuwbouw (in voorbereiding)",
}


class Command(BaseCommand):
    help = "Laadt een demo-oproep, demo-aanmeldingen en een beheeraccount (alleen met DEBUG)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demodata laden kan alleen met DEBUG=1, nooit in productie.")
        with transaction.atomic():
            oproep = self._oproep()
            self._aanmeldingen(oproep)
            self._beheerder()
            self._toewijzingen(oproep)
            self._beoordelingen_voor_het_overzicht(oproep)
            casuswijk_demo.laad(wachtwoord=DEMO_WACHTWOORD)
            # Fresh links on every run: only their hashes are stored, so old ones can't be
            # shown again.
            ingediend = Aanmelding.objects.filter(oproep=oproep, wijknaam=INGEDIENDE_DEMO).first()
            concept = Aanmelding.objects.filter(oproep=oproep, wijknaam=CONCEPT_DEMO).first()
            links = [
                f"{omschrijving}: {vervang_link(aanmelding=aanmelding)}"
                for omschrijving, aanmelding in [
                    (f"Aanvragerslink van {INGEDIENDE_DEMO} (ingediend)", ingediend),
                    (f"Aanvragerslink van {CONCEPT_DEMO} (concept)", concept),
                ]
                if aanmelding is not None
            ]
        self.stdout.write(
            self.style.SUCCESS(
                "\n".join(
                    [
                        f"Demo-oproep: {settings.PORTAAL_URL}{oproep.get_absolute_url()}",
                        "Afgeronde oproep, openbare opbrengsten: "
                        f"{settings.PORTAAL_URL}"
                        f"{reverse('leren:opbrengsten', args=[casuswijk_demo.SLUG])}",
                        f"Beheer: {settings.PORTAAL_URL}/admin/ met gebruikersnaam "
                        f"'{DEMO_GEBRUIKER}' (alle rechten), 'beoordelaar', 'beoordelaar2', "
                        f"'begeleider' of 'coordinator' (één rol), steeds met wachtwoord "
                        f"'{DEMO_WACHTWOORD}'",
                        *(
                            [
                                "Na het wachtwoord vraagt het beheer om een tweede stap (een "
                                "code uit een app); in deze demo kunt u die overslaan."
                            ]
                            if settings.TWEEDE_STAP == "overslaanbaar"
                            else []
                        ),
                        f"Deelnemers: {settings.PORTAAL_URL}/wijken/ met gebruikersnaam "
                        f"'deelnemer' of 'partner' (casuswijk Transvaal), wachtwoord "
                        f"'{DEMO_WACHTWOORD}'",
                        "Aanvragerslinks (nieuw bij elke start; links in eerder afgedrukte "
                        "demo-e-mails werken daardoor niet meer):",
                        *links,
                    ]
                )
            )
        )

    def _oproep(self) -> Oproep:
        oproep, _ = Oproep.objects.get_or_create(
            slug="gemengde-wijk-2027",
            defaults={
                "titel": "Casuswijken gezocht: van gemengde wijk naar inclusieve wijk",
                "inleiding": INLEIDING,
                "gevraagde_inzet": GEVRAAGDE_INZET,
                "deadline": _over_zestig_dagen_om_twaalf_uur(),
                "gepubliceerd": True,
            },
        )
        if not oproep.is_open:
            # An old demo database: keep the demo call open so the form can be tried.
            oproep.deadline = _over_zestig_dagen_om_twaalf_uur()
            oproep.save(update_fields=["deadline", "gewijzigd"])
        return oproep

    def _aanmeldingen(self, oproep: Oproep) -> None:
        for wijknaam, gemeente, provincie, cbs, (gemeentelijk, corporatie, welzijn) in MEER_WIJKEN:
            if oproep.aanmeldingen.filter(wijknaam=wijknaam).exists():
                continue
            voorvoegsel = wijknaam.lower().replace(" ", "")
            dien_aanmelding_in(
                oproep=oproep,
                gegevens={
                    **DEMO_TEKSTEN,
                    "wijknaam": wijknaam,
                    "gemeente": gemeente,
                    "provincie": provincie,
                    "cbs_wijkcode": cbs,
                },
                leden=[
                    _lid(f"Contact {wijknaam}", gemeentelijk, Organisatietype.GEMEENTE,
                         Domein.FYSIEK, "Wijkmanager", f"gemeente@{voorvoegsel}.voorbeeld.nl",
                         True),
                    _lid(f"Corporatie {wijknaam}", corporatie, Organisatietype.WONINGCORPORATIE,
                         Domein.FYSIEK, "Gebiedsregisseur",
                         f"corporatie@{voorvoegsel}.voorbeeld.nl"),
                    _lid(f"Welzijn {wijknaam}", welzijn, Organisatietype.WELZIJNSORGANISATIE,
                         Domein.SOCIAAL, "Opbouwwerker", f"welzijn@{voorvoegsel}.voorbeeld.nl"),
                ],
                indieningssleutel=uuid.uuid4(),
            )  # fmt: skip
        if oproep.aanmeldingen.filter(wijknaam__in=[w for w, _ in self._eerste()]).exists():
            return
        for wijk, leden in DEMO_AANMELDINGEN:
            dien_aanmelding_in(
                oproep=oproep,
                gegevens={**wijk, **DEMO_TEKSTEN},
                leden=leden,
                indieningssleutel=uuid.uuid4(),
            )
        bewaar_concept(
            oproep=oproep,
            gegevens={
                **dict.fromkeys(DEMO_TEKSTEN, ""),
                "wijknaam": CONCEPT_DEMO,
                "gemeente": "Arnhem",
                "provincie": Provincie.GELDERLAND,
                "cbs_wijkcode": "",
                "wijkbeschrijving": "Vooroorlogse wijk met veel kleine huurwoningen. "
                "(Nog aanvullen met de cijfers van de corporatie.)",
            },
            leden=[
                _lid("Sanne de Boer", "Gemeente Arnhem", Organisatietype.GEMEENTE,
                     Domein.FYSIEK, "Wijkmanager", "s.deboer@voorbeeld.nl", True),
                _lid("Ahmed Yilmaz", "Rijnstad", Organisatietype.WELZIJNSORGANISATIE,
                     Domein.SOCIAAL, "Opbouwwerker", "a.yilmaz@voorbeeld.nl"),
            ],
            indieningssleutel=uuid.uuid4(),
        )  # fmt: skip

    def _toewijzingen(self, oproep: Oproep) -> None:
        """The call in review: two reviewers with three applications each, one of them
        reviewed by each, and a conflict of interest that Bram declared (so that one of
        his went to Birgit)."""
        if Toewijzing.objects.filter(aanmelding__oproep=oproep).exists():
            return
        if oproep.beoordeling_deadline is None:
            Oproep.objects.filter(pk=oproep.pk).update(
                beoordeling_deadline=oproep.deadline + timedelta(days=14)
            )
        gebruikers = get_user_model().objects
        bram, birgit = (
            gebruikers.get(username="beoordelaar"),
            gebruikers.get(username="beoordelaar2"),
        )
        coordinator = gebruikers.get(username="coordinator")
        aanmeldingen = list(
            oproep.aanmeldingen.filter(status=Status.INGEDIEND)
            .exclude(beoordelingen__beoordelaar__in=[bram, birgit])
            .order_by("wijknaam")[:6]
        )
        if not aanmeldingen:
            return
        meld_belangenconflict(
            aanmelding=aanmeldingen[0],
            beoordelaar=bram,
            toelichting="Ik zat tot vorig jaar in het bestuur van de welzijnsorganisatie.",
        )
        wijs_toe(aanmeldingen=aanmeldingen, beoordelaars=[bram, birgit], aantal=1, door=coordinator)
        for beoordelaar, advies in [(bram, Advies.SELECTEREN), (birgit, Advies.RESERVE)]:
            eerste = beoordelaar.toewijzingen.filter(aanmelding__in=aanmeldingen).first()
            Beoordeling.objects.create(
                aanmelding=eerste.aanmelding,
                beoordelaar=beoordelaar,
                **dict.fromkeys(SCORE_VELDEN, 4 if advies == Advies.SELECTEREN else 3),
                advies=advies,
                motivatie="Een coalitie met beide domeinen en een aanpak die in 2027 begint; "
                "de leervragen zijn concreet.",
            )

    @staticmethod
    def _eerste():
        return [(wijk["wijknaam"], leden) for wijk, leden in DEMO_AANMELDINGEN]

    def _beoordelingen_voor_het_overzicht(self, oproep: Oproep) -> None:
        """Reviews by the beheer login of the first submitted applications, with scores that
        differ, so that the start page's spread of scores has something to show. Made once:
        only where the call has no review of that login yet."""
        beheer = get_user_model().objects.get(username=DEMO_GEBRUIKER)
        if Beoordeling.objects.filter(aanmelding__oproep=oproep, beoordelaar=beheer).exists():
            return
        aanmeldingen = oproep.aanmeldingen.lopend().order_by("ingediend_op", "pk")[:5]
        for nummer, (aanmelding, scores) in enumerate(zip(aanmeldingen, DEMO_SCORES, strict=False)):
            Beoordeling.objects.create(
                aanmelding=aanmelding,
                beoordelaar=beheer,
                **dict(zip(SCORE_VELDEN, scores, strict=True)),
                motivatie="Demo-beoordeling voor het overzicht op de startpagina.",
                advies=[Advies.SELECTEREN, Advies.RESERVE, Advies.AFWIJZEN][nummer % 3],
            )

    def _beheerder(self) -> None:
        gebruiker_model = get_user_model()
        for gebruikersnaam, rol, naam in DEMO_MEDEWERKERS:
            if gebruiker_model.objects.filter(username=gebruikersnaam).exists():
                continue
            voornaam, achternaam = naam.split(" ", 1)
            gebruiker = gebruiker_model.objects.create_user(
                username=gebruikersnaam,
                email=f"{gebruikersnaam}@voorbeeld.nl",
                password=DEMO_WACHTWOORD,
                first_name=voornaam,
                last_name=achternaam,
                is_staff=True,
            )
            gebruiker.groups.add(Group.objects.get(name=rol))
