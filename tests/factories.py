import re
import uuid
from datetime import timedelta
from urllib.parse import urlsplit

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone

from aanmeldingen.enums import Advies, Domein, Leervraag, Organisatietype, Provincie, Status
from aanmeldingen.models import Aanmelding, Beoordeling, Besluitbericht, Coalitielid, Oproep
from aanmeldingen.services import vervang_link
from casuswijken import enums as casus
from casuswijken.models import Interventiecategorie
from netwerk.rechten import Rol


class OproepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Oproep

    titel = factory.Sequence(lambda n: f"Oproep leernetwerk {n}")
    slug = factory.Sequence(lambda n: f"oproep-{n}")
    inleiding = "Wij zoeken **wijken** die aan de vooravond van een aanpak staan."
    gevraagde_inzet = "- Twee open gesprekken\n- Twee landelijke bijeenkomsten"
    deadline = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))
    gepubliceerd = True

    class Params:
        gesloten = factory.Trait(
            deadline=factory.LazyFunction(lambda: timezone.now() - timedelta(minutes=1))
        )
        ongepubliceerd = factory.Trait(gepubliceerd=False)


class CoalitielidFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Coalitielid

    aanmelding = factory.SubFactory("tests.factories.AanmeldingFactory", leden=None)
    naam = factory.Faker("name", locale="nl_NL")
    organisatie = factory.Faker("company", locale="nl_NL")
    organisatietype = Organisatietype.GEMEENTE
    domein = Domein.FYSIEK
    functie = "Beleidsadviseur"
    email = factory.Sequence(lambda n: f"lid{n}@voorbeeld.nl")
    is_contactpersoon = False
    volgorde = factory.Sequence(lambda n: n)


class AanmeldingFactory(factory.django.DjangoModelFactory):
    """A submitted application of a coalition of three (fysiek contact, fysiek, sociaal)."""

    class Meta:
        model = Aanmelding
        skip_postgeneration_save = True

    oproep = factory.SubFactory(OproepFactory)
    wijknaam = factory.Sequence(lambda n: f"Wijk {n}")
    gemeente = "Utrecht"
    provincie = Provincie.UTRECHT
    wijkbeschrijving = "Naoorlogse wijk met veel sociale huur."
    aanpak = "Herstructurering vanaf 2027."
    leervraag_verwachtingen = "Meer doorstroming."
    leervraag_opbrengsten = "Meer ontmoeting."
    leervraag_randvoorwaarden = "Een gedeelde agenda."
    leervraag_interventies = "Welke volgorde werkt?"
    status = Status.INGEDIEND
    ingediend_op = factory.LazyFunction(timezone.now)
    indieningssleutel = factory.LazyFunction(uuid.uuid4)
    privacy_akkoord_op = factory.LazyFunction(timezone.now)
    privacyverklaring_versie = "test"

    leden = factory.RelatedFactoryList(
        CoalitielidFactory,
        factory_related_name="aanmelding",
        size=3,
        domein=factory.Iterator([Domein.FYSIEK, Domein.FYSIEK, Domein.SOCIAAL]),
        is_contactpersoon=factory.Iterator([True, False, False]),
    )

    class Params:
        concept = factory.Trait(status=Status.CONCEPT, ingediend_op=None)
        in_behandeling = factory.Trait(status=Status.IN_BEHANDELING)
        geselecteerd = factory.Trait(status=Status.GESELECTEERD)
        reserve = factory.Trait(status=Status.RESERVE)
        afgewezen = factory.Trait(status=Status.AFGEWEZEN)
        ingetrokken = factory.Trait(status=Status.INGETROKKEN)


def _geef_rol(gebruiker, rol: Rol) -> None:
    gebruiker.groups.add(Group.objects.get(name=rol))


class StaffFactory(factory.django.DjangoModelFactory):
    """A staff account with no rights, unless given a role: StaffFactory(rol=Rol.BEGELEIDER),
    or every right with StaffFactory(beheer=True)."""

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"medewerker{n}")
    email = factory.Sequence(lambda n: f"medewerker{n}@platform31.nl")
    is_staff = True
    is_superuser = False
    password = factory.django.Password("geheim-wachtwoord")

    class Params:
        beheer = factory.Trait(
            rol=factory.PostGeneration(lambda gebruiker, *_: _geef_rol(gebruiker, Rol.BEHEER))
        )

    @factory.post_generation
    def rol(gebruiker, create, rol, **kwargs):
        if rol:
            _geef_rol(gebruiker, rol)


def lid_data(nummer: int, **velden) -> dict:
    """One coalition member as the form posts it (before the formset prefix)."""
    data = {
        "naam": f"Lid {nummer}",
        "organisatie": f"Organisatie {nummer}",
        "organisatietype": Organisatietype.GEMEENTE,
        "domein": Domein.FYSIEK if nummer % 2 else Domein.SOCIAAL,
        "functie": "Adviseur",
        "email": f"lid{nummer}@voorbeeld.nl",
    }
    if nummer == 1:
        data["is_contactpersoon"] = "on"
    data.update(velden)
    return {naam: waarde for naam, waarde in data.items() if waarde is not None}


def leden_van(aanmelding: Aanmelding) -> list[dict]:
    """The stored members as the form posts them."""
    return [
        {
            "naam": lid.naam,
            "organisatie": lid.organisatie,
            "organisatietype": lid.organisatietype,
            "domein": lid.domein,
            "functie": lid.functie,
            "email": lid.email,
            **({"is_contactpersoon": "on"} if lid.is_contactpersoon else {}),
        }
        for lid in aanmelding.leden.all()
    ]


def aanmeld_data(*, leden: list[dict] | None = None, **velden) -> dict:
    """A complete, valid POST of the application form; override what a test is about."""
    if leden is None:
        leden = [lid_data(1), lid_data(2), lid_data(3)]
    data = {
        "indieningssleutel": str(uuid.uuid4()),
        "wijknaam": "Kanaleneiland",
        "gemeente": "Utrecht",
        "provincie": Provincie.UTRECHT,
        "cbs_wijkcode": "WK034405",
        "wijkbeschrijving": "Een wijk met veel sociale huur.",
        "aanpak": "Sloop en nieuwbouw vanaf 2027, met een sociaal programma.",
        "leervraag_verwachtingen": "Doorstroming.",
        "leervraag_opbrengsten": "Ontmoeting.",
        "leervraag_randvoorwaarden": "Tijd en geld.",
        "leervraag_interventies": "Welke volgorde werkt?",
        "bestaande_interventies": "Buurthuis",
        "privacy_akkoord": "on",
        "leden-TOTAL_FORMS": str(len(leden)),
        "leden-INITIAL_FORMS": "0",
        "leden-MIN_NUM_FORMS": "3",
        "leden-MAX_NUM_FORMS": "5",
    }
    for index, lid in enumerate(leden):
        data.update({f"leden-{index}-{naam}": waarde for naam, waarde in lid.items()})
    data.update(velden)
    return {naam: waarde for naam, waarde in data.items() if waarde is not None}


def geef_link(aanmelding: Aanmelding) -> str:
    """Give the application a working secret link through the service; returns the path."""
    return urlsplit(vervang_link(aanmelding=aanmelding)).path


def link_uit_mail(mail: dict) -> str:
    """The path of the secret link in a queued mail's text."""
    gevonden = re.search(r"https?://[^/\s]+(/aanmelding/[A-Za-z0-9_-]+/)", mail["tekst"])
    assert gevonden, mail["tekst"]
    return gevonden.group(1)


class BeoordelingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Beoordeling

    aanmelding = factory.SubFactory(AanmeldingFactory)
    beoordelaar = factory.SubFactory(StaffFactory)
    score_coalitie = 3
    score_opgave = 3
    score_vooravond = 3
    score_leervraag = 3
    score_netwerk = 3
    motivatie = factory.Sequence(lambda n: f"Motivatie {n}: sterke coalitie, vage planning.")
    advies = Advies.RESERVE


def medewerker(rol: str):
    """A staff member with one of the roles of netwerk.rechten."""
    return StaffFactory(rol=Rol(rol))


class CasuswijkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "casuswijken.Casuswijk"

    aanmelding = factory.SubFactory(AanmeldingFactory, geselecteerd=True)
    naam = factory.SelfAttribute("aanmelding.wijknaam")
    slug = factory.Sequence(lambda n: f"casuswijk-{n}")


class DeelnameFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "casuswijken.Deelname"

    gebruiker = factory.SubFactory(StaffFactory, is_staff=False)
    casuswijk = factory.SubFactory(CasuswijkFactory)
    rol = casus.Rol.COALITIELID

    class Params:
        beeindigd = factory.Trait(beeindigd_op=factory.LazyFunction(timezone.now))


class BijeenkomstFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "casuswijken.Bijeenkomst"

    casuswijk = factory.SubFactory(CasuswijkFactory)
    oproep = factory.LazyAttribute(
        lambda b: b.casuswijk.aanmelding.oproep if b.casuswijk else OproepFactory()
    )
    soort = casus.Soort.OPEN_GESPREK
    titel = factory.Sequence(lambda n: f"Bijeenkomst {n}")
    begint_op = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    eindigt_op = factory.LazyAttribute(lambda b: b.begint_op + timedelta(hours=2))
    zichtbaarheid = casus.Zichtbaarheid.WIJK
    gepubliceerd = True


class ActiepuntFactory(factory.django.DjangoModelFactory):
    """An open action point agreed in a session of its casuswijk; ActiepuntFactory(
    afgerond=True, afgerond_in=sessie) for one closed (without afgerond_in: outside one)."""

    class Meta:
        model = "casuswijken.Actiepunt"

    bijeenkomst = factory.SubFactory(BijeenkomstFactory)
    casuswijk = factory.SelfAttribute("bijeenkomst.casuswijk")
    omschrijving = factory.Sequence(lambda n: f"Actiepunt {n}")

    class Params:
        afgerond = factory.Trait(
            status=casus.Actiestatus.AFGEROND,
            afgerond_op=factory.LazyAttribute(
                lambda a: timezone.localdate(a.afgerond_in.begint_op if a.afgerond_in else None)
            ),
        )


class InterventieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "casuswijken.Interventie"

    casuswijk = factory.SubFactory(CasuswijkFactory)
    naam = factory.Sequence(lambda n: f"Interventie {n}")
    domein = casus.InterventieDomein.SOCIAAL
    categorie = factory.LazyFunction(
        lambda: Interventiecategorie.objects.get_or_create(naam="Ontmoeting")[0]
    )


class BevindingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "casuswijken.Bevinding"

    casuswijk = factory.SubFactory(CasuswijkFactory)
    leervraag = Leervraag.OPBRENGSTEN
    tekst = factory.Sequence(lambda n: f"Bevinding {n}")


class VoorbeeldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "casuswijken.Voorbeeld"

    oproep = factory.SubFactory(OproepFactory)
    titel = factory.Sequence(lambda n: f"Voorbeeld {n}")
    organisatie = "Woonstichting Elders"
    plaats = "Zwolle"
    omschrijving = "Buren heten nieuwe bewoners welkom."
    leervraag = Leervraag.INTERVENTIES


class BesluitberichtFactory(factory.django.DjangoModelFactory):
    """A decision mail of a sent decision, queued; mislukt=True or verstuurd=True after it."""

    class Meta:
        model = "aanmeldingen.Besluitbericht"

    aanmelding = factory.SubFactory(
        AanmeldingFactory,
        oproep__gesloten=True,
        afgewezen=True,
        besluit_verzonden_op=factory.LazyFunction(timezone.now),
    )
    besluit = factory.SelfAttribute("aanmelding.status")
    aan = factory.Sequence(lambda n: f"contact{n}@voorbeeld.nl")
    onderwerp = factory.LazyAttribute(lambda b: f"Uw aanmelding voor {b.aanmelding.wijknaam}")
    tekst = "Beste contactpersoon,\n\nUw aanmelding: [[persoonlijke link]]"

    class Params:
        mislukt = factory.Trait(
            status=Besluitbericht.Verzendstatus.MISLUKT,
            pogingen=1,
            fout="SMTPServerDisconnected: x",
        )
        verstuurd = factory.Trait(
            status=Besluitbericht.Verzendstatus.VERSTUURD,
            pogingen=1,
            verstuurd_op=factory.LazyFunction(timezone.now),
        )


class UitnodigingFactory(factory.django.DjangoModelFactory):
    """A participant of the session's casuswijk invited to it; antwoord="ja" for an answer."""

    class Meta:
        model = "casuswijken.Uitnodiging"

    bijeenkomst = factory.SubFactory(BijeenkomstFactory)
    gebruiker = factory.LazyAttribute(
        lambda u: DeelnameFactory(casuswijk=u.bijeenkomst.casuswijk).gebruiker
    )


class ReactieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "casuswijken.Reactie"

    bijeenkomst = factory.SubFactory(
        BijeenkomstFactory, verslag="Wat we bespraken.", verslagstatus=casus.Verslagstatus.CONCEPT
    )
    gebruiker = factory.LazyAttribute(
        lambda r: DeelnameFactory(casuswijk=r.bijeenkomst.casuswijk).gebruiker
    )
    tekst = factory.Sequence(lambda n: f"Reactie {n}: graag nog aanvullen.")


class InterventievoorstelFactory(factory.django.DjangoModelFactory):
    """A participant's proposal, not decided yet."""

    class Meta:
        model = "casuswijken.Interventievoorstel"

    casuswijk = factory.SubFactory(CasuswijkFactory)
    voorgesteld_door = factory.LazyAttribute(
        lambda v: DeelnameFactory(casuswijk=v.casuswijk).gebruiker
    )
    naam = factory.Sequence(lambda n: f"Voorstel {n}")
    domein = casus.InterventieDomein.FYSIEK
    categorie = factory.LazyFunction(
        lambda: Interventiecategorie.objects.get_or_create(naam="Ontmoeting")[0]
    )


# The smallest PDF a reader opens: one empty page.
KLEINE_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


class BijlageFactory(factory.django.DjangoModelFactory):
    """A small PDF attached to a session, stored in the test's own folder (tests/conftest.py)."""

    class Meta:
        model = "casuswijken.Bijlage"

    class Params:
        inhoud = KLEINE_PDF

    bijeenkomst = factory.SubFactory(BijeenkomstFactory)
    naam = factory.Sequence(lambda n: f"Presentatie {n}.pdf")
    bestand = factory.LazyAttribute(
        lambda b: ContentFile(b.inhoud, name=b.naam)  # stored under a random name
    )
    inhoudstype = "application/pdf"
    grootte = factory.LazyAttribute(lambda b: len(b.inhoud))
