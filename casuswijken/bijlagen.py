"""Files attached to a session: which kinds may be attached, how their type is read from the
content, their names and sizes in words, and saving and deleting them through the storage
API (STORAGES["bijlagen"], never os.remove and never a public URL).

The type is read from the content, not trusted from the name: libmagic reads the first bytes;
for the containers (zip for the newer Office and OpenDocument formats, OLE2 for the old
Office ones) we look inside to see which document it holds. The name's extension must agree
with what the content is, so a PDF renamed .png and a program renamed .pdf are refused. The
same holds for the name readers see (Bijlage.naam): when it ends in the extension of a kind
we know, that must be its content's kind (naamfout); without one it is a title and may be
anything.
"""

import unicodedata
import xml.etree.ElementTree as ElementTree
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import PurePath

import magic
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from .models import Bijlage

# How much of the start libmagic reads: enough for every kind below.
KOP = 2048

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ODT = "application/vnd.oasis.opendocument.text"
ODP = "application/vnd.oasis.opendocument.presentation"
ODS = "application/vnd.oasis.opendocument.spreadsheet"
DOC = "application/msword"
PPT = "application/vnd.ms-powerpoint"


@dataclass(frozen=True)
class Soort:
    woord: str  # the kind in words, as readers see it
    extensies: tuple[str, ...]  # the names this content may have; the first for a download


# What may be attached, by the type found in the content. Nothing that a browser runs
# (HTML, SVG) and no programs or macro documents.
SOORTEN: dict[str, Soort] = {
    "application/pdf": Soort("PDF", (".pdf",)),
    "image/png": Soort("PNG-afbeelding", (".png",)),
    "image/jpeg": Soort("JPEG-afbeelding", (".jpg", ".jpeg")),
    "image/gif": Soort("GIF-afbeelding", (".gif",)),
    "image/webp": Soort("WebP-afbeelding", (".webp",)),
    PPTX: Soort("PowerPoint-presentatie", (".pptx",)),
    PPT: Soort("PowerPoint-presentatie", (".ppt",)),
    DOCX: Soort("Word-document", (".docx",)),
    DOC: Soort("Word-document", (".doc",)),
    XLSX: Soort("Excel-werkblad", (".xlsx",)),
    ODT: Soort("OpenDocument-tekst", (".odt",)),
    ODP: Soort("OpenDocument-presentatie", (".odp",)),
    ODS: Soort("OpenDocument-rekenblad", (".ods",)),
    "text/plain": Soort("tekstbestand", (".txt",)),
    "text/csv": Soort("CSV-bestand", (".csv",)),
}
EXTENSIES = {extensie for soort in SOORTEN.values() for extensie in soort.extensies}

# What libmagic may call a zip or an OLE2 container from its first bytes; we look inside.
ZIPS = {"application/zip", DOCX, PPTX, XLSX, ODT, ODP, ODS}
OLES = {
    "application/x-ole-storage",
    "application/CDFV2",
    "application/vnd.ms-office",
    DOC,
    PPT,
    "application/vnd.ms-excel",
}
# Plain text is plain text: only the name tells a table from a note.
TEKST = {"text/plain", "text/csv", "application/csv"}

# The main part of an Office Open XML document, as its [Content_Types].xml names it. Macro
# documents and templates have other names and are not among them.
OOXML_HOOFDDELEN = {
    f"{DOCX}.main+xml": DOCX,
    f"{PPTX}.main+xml": PPTX,
    f"{XLSX}.main+xml": XLSX,
}
OOXML_TYPEN = "{http://schemas.openxmlformats.org/package/2006/content-types}Override"
# The main stream of an old Office document in an OLE2 container.
OLE_STROMEN = {"WordDocument": DOC, "PowerPoint Document": PPT}
# A container part we read: at most this many bytes (a zip bomb stays small).
MAX_DEEL = 1024 * 1024

ONBRUIKBAAR = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    ElementTree.ParseError,
    zlib.error,
    EOFError,
    OSError,
    RuntimeError,  # an encrypted part
    NotImplementedError,  # a compression zipfile cannot read
    ValueError,
    KeyError,
)

SOORT_FOUT = (
    "Dit soort bestand kan niet als bijlage: kies een PDF, afbeelding, presentatie, "
    "document of spreadsheet."
)


def grootte_in_woorden(grootte: int) -> str:
    """A size as readers see it, in Dutch: "240 kB", "1,5 MB", "20 MB"."""
    if grootte < 1024 * 1024:
        return f"{max(1, round(grootte / 1024))} kB"
    megabytes = f"{grootte / (1024 * 1024):.1f}".replace(".", ",").removesuffix(",0")
    return f"{megabytes} MB"


def soort_in_woorden(inhoudstype: str) -> str:
    soort = SOORTEN.get(inhoudstype)
    return soort.woord if soort else "bestand"


def extensie(naam: str) -> str:
    """What follows a name's last dot when it is letters and digits only, lower case with
    the dot; "" without one ("Verslag 12.3 def" has none). Unlike PurePath.suffix also for a
    name that is only an extension (".pdf")."""
    _, punt, achter = naam.rpartition(".")
    return f".{achter.lower()}" if punt and achter.isalnum() else ""


def extensies_in_woorden(soort: Soort) -> str:
    """ ".pdf", ".jpg of .jpeg" """
    return " of ".join(soort.extensies)


def naamfout(naam: str, inhoudstype: str) -> str | None:
    """Why a name readers see does not fit the stored type, in Dutch, or None when it does:
    a name ending in the extension of another kind we know ("Notulen.pdf" for a Word
    document). A name without such an extension is a title and fits any kind."""
    soort = SOORTEN.get(inhoudstype)
    eind = extensie(naam)
    if soort is None or eind not in EXTENSIES or eind in soort.extensies:
        return None
    return (
        f"Deze naam eindigt op {eind}, maar het bestand is een {soort.woord}: laat de "
        f"extensie weg of gebruik {extensies_in_woorden(soort)}."
    )


def schone_naam(naam: str) -> str:
    """A name without control or formatting characters (line breaks, a right-to-left
    override that turns "gpj.exe" around) and with single spaces."""
    zonder = "".join(
        " " if unicodedata.category(teken).startswith("C") else teken for teken in naam
    )
    return " ".join(zonder.split())


def standaardnaam(bestandsnaam: str, *, lengte: int = 200) -> str:
    """The uploaded file's own name, cleaned, at most lengte characters, extension kept."""
    naam = schone_naam(PurePath(bestandsnaam.replace("\\", "/")).name)
    if len(naam) <= lengte:
        return naam
    extensie = PurePath(naam).suffix[:20]
    return naam[: lengte - len(extensie)].rstrip() + extensie


# A slash or backslash in a download's name would cut it: the browser (and FileResponse)
# keep only what follows the last one.
SCHEIDERS = str.maketrans({"/": "-", "\\": "-"})


def downloadnaam(bijlage: Bijlage) -> str:
    """The name a download gets: the name readers see with its path separators made dashes
    ("ronde 1/2" downloads as "ronde 1-2"), and the extension of its type when that name has
    none, so that the file opens in the right program. The extension of another kind (a name
    saved before names had to fit) is replaced."""
    naam = schone_naam(bijlage.naam).translate(SCHEIDERS).strip() or "bijlage"
    soort = SOORTEN.get(bijlage.inhoudstype)
    if soort and extensie(naam) not in soort.extensies:
        if extensie(naam) in EXTENSIES:
            naam = naam[: -len(extensie(naam))] or "bijlage"
        naam += soort.extensies[0]
    return naam


def _lees_deel(archief: zipfile.ZipFile, naam: str) -> bytes:
    with archief.open(naam) as deel:
        inhoud = deel.read(MAX_DEEL + 1)
    if len(inhoud) > MAX_DEEL:
        raise ValueError(f"{naam} is groter dan verwacht")
    return inhoud


def _in_zip(bestand) -> str:
    """Which document a zip holds: OpenDocument names its kind in the part "mimetype";
    Office Open XML names its main part in [Content_Types].xml, and that part must be there.
    Any other zip, or one we cannot read, is just a zip."""
    try:
        with zipfile.ZipFile(bestand) as archief:
            namen = set(archief.namelist())
            if "mimetype" in namen:
                soort = _lees_deel(archief, "mimetype").decode("ascii").strip()
                return soort if soort in {ODT, ODP, ODS} else "application/zip"
            if "[Content_Types].xml" in namen:
                typen = ElementTree.fromstring(_lees_deel(archief, "[Content_Types].xml"))
                for deel in typen.iter(OOXML_TYPEN):
                    soort = OOXML_HOOFDDELEN.get(deel.get("ContentType", ""))
                    if soort and deel.get("PartName", "").lstrip("/") in namen:
                        return soort
    except ONBRUIKBAAR:
        pass
    return "application/zip"


def _in_ole(bestand) -> str:
    """Which old Office document an OLE2 container holds: the main stream named in its
    directory. Directory entries are 128 bytes at offsets that are a multiple of 128, each
    beginning with its name in UTF-16, its length in bytes at byte 64 and its type at byte
    66 (2: a stream). Read in blocks, never the whole file at once."""
    gezocht = [
        (gecodeerd, len(gecodeerd).to_bytes(2, "little"), soort)
        for naam, soort in OLE_STROMEN.items()
        for gecodeerd in [(naam + "\0").encode("utf-16-le")]
    ]
    bestand.seek(0)
    while blok := bestand.read(128 * 512):
        for begin in range(0, len(blok) - 127, 128):
            for gecodeerd, lengte, soort in gezocht:
                if (
                    blok.startswith(gecodeerd, begin)
                    and blok[begin + 64 : begin + 66] == lengte
                    and blok[begin + 66] == 2
                ):
                    return soort
    return "application/x-ole-storage"


def inhoudstype(bestand) -> str:
    """The type of a file by its content (libmagic), containers looked into. Leaves the
    file at its start."""
    bestand.seek(0)
    kop = bestand.read(KOP)
    bestand.seek(0)
    gevonden = magic.from_buffer(kop, mime=True)
    try:
        if gevonden in ZIPS:
            return _in_zip(bestand)
        if gevonden in OLES:
            return _in_ole(bestand)
        return gevonden
    finally:
        bestand.seek(0)


def controleer_bestand(bestand) -> str:
    """The content type to store for an uploaded file, or a ValidationError in Dutch for
    the field: too big (checked before anything is read), a kind that cannot be attached,
    a name without an extension (the message names the one the content needs), or content
    that does not fit the name's extension."""
    if bestand.size > settings.BIJLAGEN_MAX_GROOTTE:
        raise ValidationError(
            f"Dit bestand is groter dan {grootte_in_woorden(settings.BIJLAGEN_MAX_GROOTTE)}.",
            code="te_groot",
        )
    eind = extensie(PurePath((bestand.name or "").replace("\\", "/")).name)
    if eind and eind not in EXTENSIES:
        raise ValidationError(SOORT_FOUT, code="soort")
    gevonden = inhoudstype(bestand)
    if gevonden in TEKST:
        gevonden = "text/csv" if eind == ".csv" else "text/plain"
    soort = SOORTEN.get(gevonden)
    if soort is None:
        raise ValidationError(SOORT_FOUT, code="soort")
    if not eind:
        raise ValidationError(
            f"De naam van dit bestand heeft geen extensie. Het is een {soort.woord}: geef het "
            f"een naam die eindigt op {extensies_in_woorden(soort)} en kies het opnieuw.",
            code="geen_extensie",
        )
    if eind not in soort.extensies:
        raise ValidationError(
            f"De inhoud van het bestand past niet bij de naam ({eind}).", code="naam"
        )
    return gevonden


def _verwijder_na_commit(naam: str) -> None:
    """Delete a stored file once the transaction that let go of it commits: a rolled back
    deletion keeps its file."""
    opslag = Bijlage._meta.get_field("bestand").storage
    transaction.on_commit(lambda: opslag.delete(naam))


def sla_bijlage_op(*, bijlage: Bijlage, door) -> None:
    """Save an attachment whose file was checked (controleer_bestand, through BijlageForm).

    Side effects: a new file goes to STORAGES["bijlagen"] under a random name; a new
    attachment records who added it (door); a replaced file is deleted from the storage
    once the transaction commits.
    """
    vorige = (
        Bijlage.objects.filter(pk=bijlage.pk).values_list("bestand", flat=True).first()
        if bijlage.pk
        else None
    )
    if bijlage.pk is None and door is not None and door.is_authenticated:
        bijlage.toegevoegd_door = door
    with transaction.atomic():
        bijlage.save()
        if vorige and vorige != bijlage.bestand.name:
            _verwijder_na_commit(vorige)


@receiver(post_delete, sender=Bijlage, dispatch_uid="bijlage_bestand_verwijderen")
def _bestand_verwijderen(*, instance: Bijlage, **kwargs) -> None:
    """However an attachment goes (its own delete, its session's, a list's), its file goes
    with it, after the commit."""
    if instance.bestand.name:
        _verwijder_na_commit(instance.bestand.name)
