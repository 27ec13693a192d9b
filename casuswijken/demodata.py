"""A finished selection for the demo: a closed, published call with four casuswijken in
full swing, and what they share with the network and the public.

Called by manage.py laad_demodata (aanmeldingen), only with DEBUG. The texts are in
demowijken.py. Each casuswijk, national session and example is looked up before it is
made: a second run changes nothing, and an older demo database gets what it lacks.
"""

import uuid
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from aanmeldingen.enums import Status
from aanmeldingen.models import Aanmelding, Coalitielid, Oproep
from aanmeldingen.services import neem_besluit

from . import demowijken as data
from .enums import Actiestatus, InterventieDomein, Interventiestatus, Rol, Soort
from .models import (
    Actiepunt,
    Bevinding,
    Bijeenkomst,
    Casuswijk,
    Deelname,
    Interventie,
    Interventiecategorie,
    Interventievoorstel,
    Voorbeeld,
)
from .services import maak_casuswijk, wijs_voorstel_af, wijzig_actiepunt

SLUG = "gemengde-wijk-2026"
DEELNEMERS = [
    ("deelnemer", "Dewi de Deelnemer", Rol.COALITIELID, "Gemeente Den Haag", "Wijkregisseur"),
    ("partner", "Pim Partner", Rol.LOKALE_PARTNER, "Bibliotheek Transvaal", "Vestigingsmanager"),
]


def laad(*, wachtwoord: str) -> None:
    """Build what is missing of the demo's finished call."""
    nu = timezone.now()
    oproep = _oproep(nu)
    landelijk = {
        titel: _bijeenkomst(oproep, None, titel, Soort.LANDELIJK, dagen, zichtbaarheid,
                            verslag=verslag, locatie="Platform31, Den Haag", nu=nu)
        for titel, dagen, zichtbaarheid, verslag in data.LANDELIJK
    }  # fmt: skip
    for wijk in data.WIJKEN:
        if Casuswijk.objects.filter(
            aanmelding__oproep=oproep, aanmelding__wijknaam=wijk["wijknaam"]
        ).exists():
            continue
        casuswijk = _selecteer(oproep, wijk, nu)
        sessies = landelijk | {
            titel: _bijeenkomst(oproep, casuswijk, titel, soort, dagen, zichtbaarheid,
                                gepubliceerd=gepubliceerd, verslag=verslag,
                                locatie=wijk["locatie"], nu=nu)
            for titel, soort, dagen, zichtbaarheid, gepubliceerd, verslag in wijk["bijeenkomsten"]
        }  # fmt: skip
        _inventaris(casuswijk, wijk["interventies"])
        _bevindingen(casuswijk, wijk["bevindingen"], sessies)
        if casuswijk.naam == "Transvaal":
            _deelnemers_en_actiepunten(casuswijk, sessies, wachtwoord)
    _voorbeelden(oproep)
    _meedoen(oproep)


def _oproep(nu) -> Oproep:
    oproep, _ = Oproep.objects.get_or_create(
        slug=SLUG,
        defaults={
            "titel": data.TITEL,
            "inleiding": data.INLEIDING,
            "deadline": nu - timedelta(days=200),
            "gepubliceerd": True,
        },
    )
    if not oproep.gepubliceerd:
        # A demo database from before the public results: the finished call goes public.
        Oproep.objects.filter(pk=oproep.pk).update(
            titel=data.TITEL, inleiding=data.INLEIDING, gepubliceerd=True
        )
        oproep.refresh_from_db()
    return oproep


def _selecteer(oproep: Oproep, wijk: dict, nu) -> Casuswijk:
    """A submitted application, selected through the service that keeps the call's count
    of selected applications, its decision sent, and its casuswijk."""
    ingediend = nu - timedelta(days=210)
    aanmelding = Aanmelding.objects.create(
        oproep=oproep,
        **{veld: wijk[veld] for veld in ["wijknaam", "gemeente", "provincie",
                                         "wijkbeschrijving", "aanpak", "bestaande_interventies"]},
        **data.LEERVRAGEN,
        status=Status.INGEDIEND,
        ingediend_op=ingediend,
        indieningssleutel=uuid.uuid4(),
        privacy_akkoord_op=ingediend,
        privacyverklaring_versie="demo",
    )  # fmt: skip
    Coalitielid.objects.bulk_create(
        Coalitielid(
            aanmelding=aanmelding,
            naam=naam,
            organisatie=organisatie,
            organisatietype=soort,
            domein=domein,
            functie=functie,
            email=_adres(naam),
            is_contactpersoon=volgorde == 0,
            volgorde=volgorde,
        )
        for volgorde, (naam, organisatie, soort, domein, functie) in enumerate(wijk["leden"])
    )
    neem_besluit(
        aanmelding=aanmelding,
        besluit=Status.GESELECTEERD,
        door=None,
        toelichting="Sterke coalitie van fysiek en sociaal, aan de vooravond van de aanpak.",
    )
    # As verstuur_besluiten records it, without mailing anyone.
    verzonden = nu - timedelta(days=150)
    Aanmelding.objects.filter(pk=aanmelding.pk).update(besluit_verzonden_op=verzonden)
    return maak_casuswijk(aanmelding=aanmelding)


def _adres(naam: str) -> str:
    """A demo login's own address for the member who is that login, else one from the name."""
    logins = {naam: gebruikersnaam for gebruikersnaam, naam, *_ in DEELNEMERS}
    return f"{logins.get(naam) or naam.lower().replace(' ', '.')}@voorbeeld.nl"


def _bijeenkomst(
    oproep,
    casuswijk,
    titel,
    soort,
    dagen,
    zichtbaarheid,
    *,
    nu,
    locatie,
    gepubliceerd=True,
    verslag="",
) -> Bijeenkomst:
    begin = timezone.localtime(nu + timedelta(days=dagen)).replace(
        hour=14, minute=0, second=0, microsecond=0
    )
    sessie, _ = Bijeenkomst.objects.get_or_create(
        oproep=oproep,
        casuswijk=casuswijk,
        titel=titel,
        defaults={
            "soort": soort,
            "begint_op": begin,
            "eindigt_op": begin + timedelta(hours=2, minutes=30),
            "locatie": locatie,
            "agenda": data.AGENDA,
            "verslag": verslag,
            "zichtbaarheid": zichtbaarheid,
            "gepubliceerd": gepubliceerd,
            "gepubliceerd_op": nu if gepubliceerd else None,
        },
    )
    return sessie


def _inventaris(casuswijk: Casuswijk, interventies: list) -> None:
    """The casuswijk's interventions in the shared categories; one the application named
    (made by maak_casuswijk, "nog in te delen") is classified by its name."""
    categorieen = {categorie.naam: categorie for categorie in Interventiecategorie.objects.all()}
    for (
        naam,
        categorie,
        domein,
        status,
        zichtbaarheid,
        omschrijving,
        partners,
        ervaringen,
    ) in interventies:
        Interventie.objects.update_or_create(
            casuswijk=casuswijk,
            naam=naam,
            defaults={
                "categorie": categorieen[categorie],
                "domein": domein,
                "status": status,
                "zichtbaarheid": zichtbaarheid,
                "omschrijving": omschrijving,
                "partners": partners,
                "ervaringen": ervaringen,
            },
        )


def _bevindingen(casuswijk: Casuswijk, bevindingen: list, sessies: dict) -> None:
    Bevinding.objects.bulk_create(
        Bevinding(
            casuswijk=casuswijk,
            leervraag=leervraag,
            zichtbaarheid=zichtbaarheid,
            goed_voorbeeld=goed_voorbeeld,
            bijeenkomst=sessies[sessie] if sessie else None,
            tekst=tekst,
        )
        for leervraag, zichtbaarheid, goed_voorbeeld, sessie, tekst in bevindingen
    )


def _deelnemers_en_actiepunten(casuswijk: Casuswijk, sessies: dict, wachtwoord: str) -> None:
    """The demo logins take part in Transvaal; the action points of its conversations."""
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
    eerste, tweede = sessies["Eerste open gesprek"], sessies["Verkenning van de interventies"]
    Actiepunt.objects.create(casuswijk=casuswijk, bijeenkomst=eerste, eigenaar=mensen["deelnemer"],
                             omschrijving="Welkomstpakket voor nieuwe kopers uitwerken",
                             deadline=(timezone.now() + timedelta(days=10)).date())  # fmt: skip
    Actiepunt.objects.create(casuswijk=casuswijk, bijeenkomst=eerste, eigenaar=mensen["partner"],
                             omschrijving="Taalcafé ook op zaterdag openen",
                             status=Actiestatus.AFGEROND, afgerond_in=tweede,
                             afgerond_op=timezone.localdate(tweede.begint_op))  # fmt: skip
    Actiepunt.objects.create(casuswijk=casuswijk, bijeenkomst=tweede,
                             eigenaar_naam="Haag Wonen", status=Actiestatus.LOOPT,
                             omschrijving="Cijfers over doorstroming aanleveren")  # fmt: skip


def _meedoen(oproep: Oproep) -> None:
    """What Transvaal's participants did themselves: a note on an action point, a proposal
    waiting for staff and one they declined. Made once; an older demo database gets it."""
    casuswijk = Casuswijk.objects.filter(aanmelding__oproep=oproep, naam="Transvaal").first()
    gebruikers = {
        g.username: g
        for g in get_user_model().objects.filter(username__in=["deelnemer", "partner"])
    }
    ontmoeting = Interventiecategorie.objects.filter(naam__icontains="ontmoeting").first()
    if casuswijk is None or len(gebruikers) < 2 or ontmoeting is None:
        return
    if casuswijk.voorstellen.exists():
        return
    punt = casuswijk.actiepunten.filter(eigenaar=gebruikers["deelnemer"]).open().first()
    if punt is not None:
        wijzig_actiepunt(actiepunt=punt, door=gebruikers["deelnemer"], status=Actiestatus.LOOPT,
                         notitie="Eerste versie besproken met de corporaties.")  # fmt: skip
    Interventievoorstel.objects.create(
        casuswijk=casuswijk, voorgesteld_door=gebruikers["partner"], categorie=ontmoeting,
        naam="Voorleesochtend voor ouders en peuters", domein=InterventieDomein.SOCIAAL,
        status=Interventiestatus.LOOPT, partners="Bibliotheek, consultatiebureau",
        omschrijving="Elke woensdag in de bibliotheek, ook in het Turks en Arabisch.",
    )  # fmt: skip
    afgewezen = Interventievoorstel.objects.create(
        casuswijk=casuswijk, voorgesteld_door=gebruikers["deelnemer"], categorie=ontmoeting,
        naam="Buurtbarbecue in de zomer", domein=InterventieDomein.SOCIAAL,
        status=Interventiestatus.IDEE,
    )  # fmt: skip
    wijs_voorstel_af(voorstel=afgewezen, door=None,
                     reden="Een eenmalige activiteit; de inventarisatie gaat over wat blijft. "
                     "Neem hem mee als idee bij het volgende open gesprek.")  # fmt: skip


def _voorbeelden(oproep: Oproep) -> None:
    for titel, organisatie, plaats, leervraag, categorie, omschrijving in data.VOORBEELDEN:
        Voorbeeld.objects.get_or_create(
            oproep=oproep,
            titel=titel,
            defaults={
                "organisatie": organisatie,
                "plaats": plaats,
                "leervraag": leervraag,
                "categorie": Interventiecategorie.objects.get(naam=categorie),
                "omschrijving": omschrijving,
                "zichtbaarheid": data.OPENBAAR,
            },
        )
