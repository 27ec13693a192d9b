"""A finished selection for the demo: a closed, published call with four casuswijken in
full swing, and what they share with the network and the public.

Called by manage.py laad_demodata (aanmeldingen), only with DEBUG. The texts are in
demowijken.py. Each casuswijk, national session and example is looked up before it is
made: a second run changes nothing, and an older demo database gets what it lacks.
"""

import uuid
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from aanmeldingen.enums import Status
from aanmeldingen.models import Aanmelding, Coalitielid, Oproep, Toestemming
from aanmeldingen.services import neem_besluit

from . import demowijken as data
from .bijlagen import controleer_bestand, sla_bijlage_op
from .enums import (
    Actiestatus,
    Antwoord,
    Interventiestatus,
    Rol,
    Soort,
    Verslagstatus,
    Voorstelstatus,
    Zichtbaarheid,
)
from .models import (
    Actiepunt,
    Actiepuntwijziging,
    Bevinding,
    Bijeenkomst,
    Bijlage,
    Casuswijk,
    Deelname,
    Interventie,
    Interventiecategorie,
    Interventievoorstel,
    Reactie,
    Uitnodiging,
    Voorbeeld,
)
from .services import maak_casuswijk, verslagvingerafdruk

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
    _bijlage(oproep)
    transvaal = Casuswijk.objects.filter(aanmelding__oproep=oproep, naam="Transvaal").first()
    if transvaal is not None:
        _meedoen(transvaal, nu)
    _verslagen_al_gemeld(oproep)
    _achterstanden(oproep, nu)


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
    if oproep.netwerk_einde is None:
        # The network runs about a year and a half from the selection: a year still to go.
        # Its retention terms count from here (netwerk/bewaartermijnen.py).
        Oproep.objects.filter(pk=oproep.pk).update(
            netwerk_einde=timezone.localdate(nu) + timedelta(days=365)
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
    Toestemming.objects.create(
        aanmelding=aanmelding,
        tijdstip=ingediend,
        versie="demo",
        moment=Toestemming.Moment.INDIENEN,
    )
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


def _meedoen(casuswijk: Casuswijk, nu) -> None:
    """What the Transvaal logins did: answered the next session's invitation, were at the
    first one, reacted on the concept notes of the second, proposed interventions, and
    moved an action point on. Made once."""
    sessies = {sessie.titel: sessie for sessie in casuswijk.bijeenkomsten.all()}
    mensen = {
        gebruiker.username: gebruiker
        for gebruiker in get_user_model().objects.filter(
            username__in=[gebruikersnaam for gebruikersnaam, *_ in DEELNEMERS]
        )
    }
    if (
        len(mensen) < len(DEELNEMERS)
        or Uitnodiging.objects.filter(bijeenkomst__casuswijk=casuswijk).exists()
    ):
        return
    dewi, pim = mensen["deelnemer"], mensen["partner"]
    eerste, verkenning = sessies["Eerste open gesprek"], sessies["Verkenning van de interventies"]
    tweede = sessies["Tweede open gesprek"]
    # Invited to every published session; answered, and there.
    for sessie in [eerste, verkenning]:
        for persoon in [dewi, pim]:
            Uitnodiging.objects.create(bijeenkomst=sessie, gebruiker=persoon, antwoord=Antwoord.JA,
                                       beantwoord_op=sessie.begint_op - timedelta(days=3),
                                       aanwezig=True, gemelde_versie=0)  # fmt: skip
    Uitnodiging.objects.create(bijeenkomst=tweede, gebruiker=dewi, antwoord=Antwoord.JA,
                               beantwoord_op=nu - timedelta(days=1), gemelde_versie=0)  # fmt: skip
    Uitnodiging.objects.create(bijeenkomst=tweede, gebruiker=pim, antwoord=Antwoord.MISSCHIEN,
                               beantwoord_op=nu - timedelta(hours=5), gemelde_versie=0)  # fmt: skip
    # The notes of the exploration are a concept that the coalition reacts on.
    Bijeenkomst.objects.filter(pk=verkenning.pk).update(
        verslagstatus=Verslagstatus.CONCEPT, vastgesteld_op=None
    )
    for persoon, tekst, dagen in data.REACTIES:
        reactie = Reactie.objects.create(bijeenkomst=verkenning, gebruiker=mensen[persoon],
                                         tekst=tekst)  # fmt: skip
        Reactie.objects.filter(pk=reactie.pk).update(geplaatst_op=nu - timedelta(days=dagen))
    for persoon, naam, categorie, domein, omschrijving, reden in data.VOORSTELLEN:
        Interventievoorstel.objects.create(
            casuswijk=casuswijk, voorgesteld_door=mensen[persoon], naam=naam,
            categorie=Interventiecategorie.objects.get(naam=categorie), domein=domein,
            omschrijving=omschrijving, status=Interventiestatus.IDEE,
            besluit=Voorstelstatus.AFGEWEZEN if reden else Voorstelstatus.VOORGESTELD,
            reden=reden, besloten_op=nu - timedelta(days=2) if reden else None,
        )  # fmt: skip
    welkom = casuswijk.actiepunten.filter(eigenaar=dewi).first()
    if welkom is not None and welkom.status == Actiestatus.OPEN:
        Actiepunt.objects.filter(pk=welkom.pk).update(status=Actiestatus.LOOPT)
        Actiepuntwijziging.objects.create(actiepunt=welkom, door=dewi, status=Actiestatus.LOOPT,
                                          notitie=data.WIJZIGING_NOTITIE)  # fmt: skip


def _achterstanden(oproep: Oproep, nu) -> None:
    """What the staff start page points at: a session held last week whose verslag is not
    written yet, and action points past their deadline. Each made once."""
    wijken = {wijk.naam: wijk for wijk in Casuswijk.objects.filter(aanmelding__oproep=oproep)}
    berflo, heechterp = wijken.get("Berflo Es"), wijken.get("Heechterp-Schieringen")
    if berflo is None or heechterp is None:
        return
    werkbezoek = _bijeenkomst(
        oproep,
        berflo,
        "Werkbezoek doorstroommakelaar",
        Soort.OVERIG,
        -5,
        Zichtbaarheid.WIJK,
        locatie="Wijkcentrum Berflo Es",
        nu=nu,
    )
    # The findings were written at their session, not on the day the demo was loaded.
    for bevinding in Bevinding.objects.filter(
        casuswijk__aanmelding__oproep=oproep,
        bijeenkomst__begint_op__lt=nu,
        aangemaakt__gt=nu - timedelta(hours=1),
    ).select_related("bijeenkomst"):
        Bevinding.objects.filter(pk=bevinding.pk).update(
            aangemaakt=bevinding.bijeenkomst.eindigt_op
        )
    vandaag = timezone.localdate(nu)
    open_gesprek = heechterp.bijeenkomsten.order_by("begint_op").first()
    for casuswijk, sessie, omschrijving, eigenaar, dagen, status in [
        (berflo, werkbezoek, "Lijst van verhuisde ouderen delen met de wijkteams",
         "Woonstichting De Es", -3, Actiestatus.OPEN),
        (heechterp, open_gesprek, "Gesprek met de ondernemersvereniging over een winkel plannen",
         "Gemeente Leeuwarden", -12, Actiestatus.LOOPT),
        (heechterp, open_gesprek, "Schouw van de speelplekken met bewoners",
         "Buurtwerk Leeuwarden-Oost", 20, Actiestatus.OPEN),
    ]:  # fmt: skip
        if sessie is None:
            continue
        Actiepunt.objects.get_or_create(
            casuswijk=casuswijk,
            omschrijving=omschrijving,
            defaults={
                "bijeenkomst": sessie,
                "eigenaar_naam": eigenaar,
                "deadline": vandaag + timedelta(days=dagen),
                "status": status,
            },
        )


def _verslagen_al_gemeld(oproep: Oproep) -> None:
    """The demo's notes were announced when they were written, long ago: saving a session
    in the admin mails nobody about notes it did not change."""
    for sessie in oproep.bijeenkomsten.filter(gepubliceerd=True, verslag_gemeld="").exclude(
        verslag=""
    ):
        Bijeenkomst.objects.filter(pk=sessie.pk).update(verslag_gemeld=verslagvingerafdruk(sessie))


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


BIJLAGE = "Presentatie eerste open gesprek.pdf"


def _bijlage(oproep: Oproep) -> None:
    """The slides of Transvaal's first conversation, as a PDF made here. Also on an older
    demo database, and again when its file was removed from the storage."""
    sessie = Bijeenkomst.objects.filter(
        oproep=oproep, casuswijk__naam="Transvaal", titel="Eerste open gesprek"
    ).first()
    if sessie is None:
        return
    bestaand = Bijlage.objects.filter(bijeenkomst=sessie, naam=BIJLAGE).first()
    if bestaand is not None:
        if bestaand.bestand.storage.exists(bestaand.bestand.name):
            return
        bestaand.delete()
    bestand = ContentFile(_pdf(data.BIJLAGE_DIA), name=BIJLAGE)
    bijlage = Bijlage(bijeenkomst=sessie, naam=BIJLAGE, bestand=bestand)
    bijlage.inhoudstype = controleer_bestand(bestand)
    bijlage.grootte = bestand.size
    sla_bijlage_op(bijlage=bijlage, door=None)


def _pdf(regels: list[str]) -> bytes:
    """A one-page landscape PDF: the first line as a title, the others below it."""

    def tekst(regel: str) -> str:
        return regel.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    inhoud = f"BT /F1 30 Tf 60 500 Td ({tekst(regels[0])}) Tj /F2 18 Tf".encode("cp1252")
    for regel in regels[1:]:
        inhoud += f" 0 -36 Td ({tekst(regel)}) Tj".encode("cp1252")
    inhoud += b" ET"
    objecten = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 842 595]"
        b"/Resources<</Font<</F1 4 0 R/F2 5 0 R>>>>/Contents 6 0 R>>",
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica-Bold/Encoding/WinAnsiEncoding>>",
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica/Encoding/WinAnsiEncoding>>",
        b"<</Length %d>>stream\n%s\nendstream" % (len(inhoud), inhoud),
    ]
    pdf = b"%PDF-1.4\n"
    plaatsen = []
    for nummer, obj in enumerate(objecten, start=1):
        plaatsen.append(len(pdf))
        pdf += b"%d 0 obj\n%s\nendobj\n" % (nummer, obj)
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objecten) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % plaats for plaats in plaatsen)
    pdf += b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objecten) + 1,
        xref,
    )
    return pdf
