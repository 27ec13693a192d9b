"""A session's attachments: what may be attached (the type read from the content, the name
agreeing), adding, replacing and deleting them in the admin, who may download them and how
they are sent, and the list on the session page."""

import io
import json
import os
import struct
import subprocess
import sys
import textwrap
import zipfile
import zlib
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from casuswijken.bijlagen import (
    DOC,
    DOCX,
    ODT,
    PPT,
    PPTX,
    XLSX,
    controleer_bestand,
    grootte_in_woorden,
    standaardnaam,
)
from casuswijken.models import Bijeenkomst, Bijlage
from tests.beheer import lege_inlines
from tests.factories import (
    KLEINE_PDF,
    BijeenkomstFactory,
    BijlageFactory,
    CasuswijkFactory,
    DeelnameFactory,
    StaffFactory,
    medewerker,
)

pytestmark = pytest.mark.django_db


# Small real files of each kind, made here.


def png() -> bytes:
    def deel(soort: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + soort
            + data
            + struct.pack(">I", zlib.crc32(soort + data))
        )

    return (
        b"\x89PNG\r\n\x1a\n"
        + deel(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
        + deel(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
        + deel(b"IEND", b"")
    )


def gif() -> bytes:
    return b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"  # noqa: E501


def jpeg() -> bytes:
    return b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + bytes(64)


def webp() -> bytes:
    vp8l = b"\x2f\x00\x00\x00\x00\x07\x10\x11\x11\x88\x88\xfe\x07\x00"
    inhoud = b"WEBP" + b"VP8L" + struct.pack("<I", len(vp8l)) + vp8l
    return b"RIFF" + struct.pack("<I", len(inhoud)) + inhoud


TYPEN = '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/{deel}" ContentType="{type}"/></Types>'  # noqa: E501


def ooxml(deel: str, hoofdtype: str, *, rels_eerst: bool = True, met_deel: bool = True) -> bytes:
    """A minimal Office Open XML package: [Content_Types].xml naming its main part."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archief:
        archief.writestr("[Content_Types].xml", TYPEN.format(deel=deel, type=hoofdtype))
        if rels_eerst:
            archief.writestr("_rels/.rels", "<Relationships/>")
        if met_deel:
            archief.writestr(deel, "<document/>")
    return buffer.getvalue()


def docx(**kwargs) -> bytes:
    return ooxml("word/document.xml", f"{DOCX}.main+xml", **kwargs)


def pptx() -> bytes:
    return ooxml("ppt/presentation.xml", f"{PPTX}.main+xml")


def xlsx() -> bytes:
    return ooxml("xl/workbook.xml", f"{XLSX}.main+xml")


def docm() -> bytes:
    return ooxml("word/document.xml", "application/vnd.ms-word.document.macroEnabled.main+xml")


def opendocument(soort: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archief:
        archief.writestr(zipfile.ZipInfo("mimetype"), soort)  # first and stored, as the spec asks
        archief.writestr("content.xml", "<office:document-content/>", zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def gewone_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archief:
        archief.writestr("lees-mij.txt", "hallo")
    return buffer.getvalue()


def ole(stroom: str) -> bytes:
    """A minimal OLE2 container (the old Office formats) with one stream named so."""
    eind, vrij, geen = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFF
    kop = bytearray(512)
    kop[0:8] = bytes.fromhex("D0CF11E0A1B11AE1")
    struct.pack_into("<HHHHH", kop, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIIII", kop, 0x2C, 1, 1, 0, 0x1000, eind, 0, eind, 0, 0)
    struct.pack_into("<109I", kop, 0x4C, 0, *[vrij] * 108)
    fat = struct.pack("<128I", 0xFFFFFFFD, eind, *[vrij] * 126)

    def item(naam: str, soort: int, kind: int = geen) -> bytes:
        regel = bytearray(128)
        gecodeerd = (naam + "\0").encode("utf-16-le") if naam else b""
        regel[0 : len(gecodeerd)] = gecodeerd
        struct.pack_into("<HBBIII", regel, 0x40, len(gecodeerd), soort, 1, geen, geen, kind)
        struct.pack_into("<II", regel, 0x74, eind, 0)
        return bytes(regel)

    return bytes(kop) + fat + item("Root Entry", 5, kind=1) + item(stroom, 2) + bytes(256)


def programma() -> bytes:
    """The start of a Windows program (MZ with a PE header)."""
    kop = bytearray(512)
    kop[0:2] = b"MZ"
    struct.pack_into("<I", kop, 0x3C, 0x80)
    kop[0x80:0x84] = b"PE\x00\x00"
    struct.pack_into("<HH", kop, 0x84, 0x14C, 1)
    return bytes(kop)


def upload(naam: str, inhoud: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(naam, inhoud)


# What may be attached.


@pytest.mark.parametrize(
    ("naam", "inhoud", "verwacht"),
    [
        ("verslag.pdf", KLEINE_PDF, "application/pdf"),
        ("Foto.PNG", png(), "image/png"),
        ("foto.jpg", jpeg(), "image/jpeg"),
        ("foto.jpeg", jpeg(), "image/jpeg"),
        ("plaatje.gif", gif(), "image/gif"),
        ("plaatje.webp", webp(), "image/webp"),
        ("notulen.docx", docx(), DOCX),
        # libmagic calls this one a plain zip: the parts inside tell.
        ("notulen.docx", docx(rels_eerst=False), DOCX),
        ("dia's.pptx", pptx(), PPTX),
        ("cijfers.xlsx", xlsx(), XLSX),
        ("tekst.odt", opendocument(ODT), ODT),
        ("dia's.odp", opendocument("application/vnd.oasis.opendocument.presentation"),
         "application/vnd.oasis.opendocument.presentation"),
        ("oud.doc", ole("WordDocument"), DOC),
        ("oud.ppt", ole("PowerPoint Document"), PPT),
        ("lees-mij.txt", "Één regel tekst.\n".encode(), "text/plain"),
        ("tabel.csv", b"wijk;aantal\nLombok;12\n", "text/csv"),
    ],
)  # fmt: skip
def test_real_files_of_each_kind_are_accepted_with_their_type_from_the_content(
    naam, inhoud, verwacht
):
    assert controleer_bestand(upload(naam, inhoud)) == verwacht


def past_niet(extensie: str) -> str:
    return f"De inhoud van het bestand past niet bij de naam ({extensie})."


SOORT = (
    "Dit soort bestand kan niet als bijlage: kies een PDF, afbeelding, presentatie, document "
    "of spreadsheet."
)


@pytest.mark.parametrize(
    ("naam", "inhoud", "melding"),
    [
        ("verslag.png", KLEINE_PDF, past_niet(".png")),
        ("foto.pdf", png(), past_niet(".pdf")),
        ("notulen.pdf", docx(), past_niet(".pdf")),
        ("dia's.docx", pptx(), past_niet(".docx")),
        ("oud.ppt", ole("WordDocument"), past_niet(".ppt")),
        ("tekst.pdf", b"Gewoon tekst.\n", past_niet(".pdf")),
        ("setup.pdf", programma(), SOORT),
        ("setup.exe", programma(), SOORT),
        ("verslag.exe", KLEINE_PDF, SOORT),
        ("verslag.pdf.exe", KLEINE_PDF, SOORT),
        ("zonder-extensie", programma(), SOORT),
        ("pagina.txt", b"<!DOCTYPE html><html><script>alert(1)</script></html>", SOORT),
        ("tekening.png", b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>', SOORT),
        ("archief.docx", gewone_zip(), SOORT),
        # A zip that says it is Word, without the part it names.
        ("leeg.docx", docx(met_deel=False), SOORT),
        ("macro.docx", docm(), SOORT),
        ("onbekend.doc", ole("Iets anders"), SOORT),
        ("kapot.docx", docx()[:200], SOORT),
    ],
)  # fmt: skip
def test_files_whose_content_is_not_allowed_or_does_not_fit_the_name_are_refused(
    naam, inhoud, melding
):
    with pytest.raises(ValidationError) as fout:
        controleer_bestand(upload(naam, inhoud))

    assert fout.value.messages == [melding]


class Onleesbaar(io.BytesIO):
    def read(self, *args):
        raise AssertionError("een te groot bestand wordt niet gelezen")


@pytest.mark.parametrize(
    ("naam", "inhoud", "melding"),
    [
        ("zonder-extensie", KLEINE_PDF,
         "De naam van dit bestand heeft geen extensie. Het is een PDF: geef het een naam die "
         "eindigt op .pdf en kies het opnieuw."),
        ("scan", jpeg(),
         "De naam van dit bestand heeft geen extensie. Het is een JPEG-afbeelding: geef het een "
         "naam die eindigt op .jpg of .jpeg en kies het opnieuw."),
        ("LEESMIJ", b"Gewoon tekst.\n",
         "De naam van dit bestand heeft geen extensie. Het is een tekstbestand: geef het een "
         "naam die eindigt op .txt en kies het opnieuw."),
        ("Verslag 12.3 def", KLEINE_PDF,
         "De naam van dit bestand heeft geen extensie. Het is een PDF: geef het een naam die "
         "eindigt op .pdf en kies het opnieuw."),
    ],
)  # fmt: skip
def test_a_file_that_may_be_attached_but_has_no_extension_is_asked_for_one(naam, inhoud, melding):
    with pytest.raises(ValidationError) as fout:
        controleer_bestand(upload(naam, inhoud))

    assert fout.value.messages == [melding]


def test_a_file_over_20_mb_is_refused_before_anything_is_read():
    groot = UploadedFile(Onleesbaar(), name="film.pdf", size=20 * 1024 * 1024 + 1)

    with pytest.raises(ValidationError) as fout:
        controleer_bestand(groot)

    assert fout.value.messages == ["Dit bestand is groter dan 20 MB."]


def test_the_limit_is_the_setting(settings):
    settings.BIJLAGEN_MAX_GROOTTE = 1024
    precies = KLEINE_PDF + b"%" * (1024 - len(KLEINE_PDF))

    assert controleer_bestand(upload("a.pdf", precies)) == "application/pdf"
    with pytest.raises(ValidationError) as fout:
        controleer_bestand(upload("b.pdf", precies + b"%"))
    assert fout.value.messages == ["Dit bestand is groter dan 1 kB."]


@pytest.mark.parametrize(
    ("grootte", "woorden"),
    [(1, "1 kB"), (600, "1 kB"), (240 * 1024, "240 kB"), (1024 * 1024, "1 MB"),
     (1536 * 1024, "1,5 MB"), (20 * 1024 * 1024, "20 MB")],
)  # fmt: skip
def test_sizes_read_in_dutch(grootte, woorden):
    assert grootte_in_woorden(grootte) == woorden


def test_the_default_name_is_the_files_own_cleaned_and_shortened():
    assert standaardnaam("C:\\Users\\dewi\\Verslag\u202egpj.pdf") == "Verslag gpj.pdf"
    assert standaardnaam("Één\tnaam\n.pdf") == "Één naam .pdf"
    lang = standaardnaam("a" * 300 + ".pptx")
    assert (len(lang), lang[-5:]) == (200, ".pptx")


# Adding, replacing and deleting in the admin.


def sessiepagina(sessie: Bijeenkomst) -> str:
    return reverse("admin:casuswijken_bijeenkomst_change", args=[sessie.pk])


def formulier(client, sessie: Bijeenkomst, **extra) -> dict:
    """The session's change form as it stands, with extra values."""
    pagina = client.get(sessiepagina(sessie)).context
    form = pagina["adminform"].form
    data = {naam: form[naam].value() for naam in form.fields if form[naam].value()}
    data.update(lege_inlines(pagina))
    data.update({
        "begint_op_0": timezone.localtime(sessie.begint_op).strftime("%d-%m-%Y"),
        "begint_op_1": timezone.localtime(sessie.begint_op).strftime("%H:%M:%S"),
        "eindigt_op_0": timezone.localtime(sessie.eindigt_op).strftime("%d-%m-%Y"),
        "eindigt_op_1": timezone.localtime(sessie.eindigt_op).strftime("%H:%M:%S"),
        "begeleiders": [],
        "actiepunten-TOTAL_FORMS": "0", "actiepunten-INITIAL_FORMS": "0",
        "bijlagen-TOTAL_FORMS": "1", "bijlagen-INITIAL_FORMS": "0",
    })  # fmt: skip
    data.update(extra)
    return data


def opgeslagen() -> list[str]:
    """The names in the attachments' storage (the test's own folder)."""
    opslag = storages["bijlagen"]
    if not opslag.exists("bijeenkomsten"):
        return []
    return sorted(
        f"bijeenkomsten/{map_}/{bestand}"
        for map_ in opslag.listdir("bijeenkomsten")[0]
        for bestand in opslag.listdir(f"bijeenkomsten/{map_}")[1]
    )


@pytest.fixture
def sessie():
    return BijeenkomstFactory(casuswijk=CasuswijkFactory(slug="lombok"), titel="Open gesprek")


def test_staff_attach_a_file_and_its_type_size_name_and_adder_are_recorded(
    client, sessie, tmp_path
):
    begeleider = medewerker("begeleider")
    client.force_login(begeleider)
    data = formulier(
        client, sessie, **{"bijlagen-0-bestand": upload("Dia's – maart.pdf", KLEINE_PDF)}
    )

    response = client.post(sessiepagina(sessie), data)

    assert response.status_code == 302
    bijlage = Bijlage.objects.get()
    assert (bijlage.bijeenkomst, bijlage.naam, bijlage.inhoudstype, bijlage.grootte,
            bijlage.toegevoegd_door) == (sessie, "Dia's – maart.pdf", "application/pdf",
                                         len(KLEINE_PDF), begeleider)  # fmt: skip
    # A random name in the test's own folder; the name readers see is not in it.
    assert opgeslagen() == [bijlage.bestand.name]
    assert "maart" not in bijlage.bestand.name
    assert (tmp_path / "bijlagen" / bijlage.bestand.name).read_bytes() == KLEINE_PDF


def test_a_given_name_is_kept(client, sessie):
    client.force_login(medewerker("begeleider"))
    data = formulier(client, sessie, **{"bijlagen-0-bestand": upload("scan0042.png", png()),
                                        "bijlagen-0-naam": "Kaart van de wijk"})  # fmt: skip

    client.post(sessiepagina(sessie), data)

    assert Bijlage.objects.get().naam == "Kaart van de wijk"


def test_a_renamed_file_is_refused_at_the_field_and_nothing_is_saved(client, sessie):
    client.force_login(medewerker("begeleider"))
    data = formulier(client, sessie, titel="Nieuwe titel",
                     **{"bijlagen-0-bestand": upload("kaart.png", KLEINE_PDF)})  # fmt: skip

    response = client.post(sessiepagina(sessie), data)

    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][1].formset
    assert formset.forms[0].errors == {"bestand": [past_niet(".png")]}
    # The rest of the form keeps what was typed; nothing is stored.
    assert 'value="Nieuwe titel"' in response.text
    sessie.refresh_from_db()
    assert sessie.titel == "Open gesprek"
    assert (Bijlage.objects.count(), opgeslagen()) == (0, [])


def test_a_file_too_big_is_refused_in_the_admin(client, sessie, settings):
    settings.BIJLAGEN_MAX_GROOTTE = 100
    client.force_login(medewerker("begeleider"))
    data = formulier(client, sessie, **{"bijlagen-0-bestand": upload("verslag.pdf", KLEINE_PDF)})

    response = client.post(sessiepagina(sessie), data)

    formset = response.context["inline_admin_formsets"][1].formset
    assert formset.forms[0].errors == {"bestand": ["Dit bestand is groter dan 1 kB."]}
    assert (Bijlage.objects.count(), opgeslagen()) == (0, [])


def test_a_name_without_a_file_asks_for_the_file(client, sessie):
    client.force_login(medewerker("begeleider"))
    data = formulier(client, sessie, **{"bijlagen-0-naam": "Dia's"})

    response = client.post(sessiepagina(sessie), data)

    formset = response.context["inline_admin_formsets"][1].formset
    assert formset.forms[0].errors == {"bestand": ["Dit veld is verplicht."]}
    assert Bijlage.objects.count() == 0


def test_replacing_a_file_removes_the_old_one(client, sessie, django_capture_on_commit_callbacks):
    bijlage = BijlageFactory(bijeenkomst=sessie, naam="Dia's")
    oud = bijlage.bestand.name
    client.force_login(medewerker("begeleider"))
    data = formulier(client, sessie, **{
        "bijlagen-INITIAL_FORMS": "1", "bijlagen-0-id": str(bijlage.pk),
        "bijlagen-0-bijeenkomst": str(sessie.pk), "bijlagen-0-naam": "Dia's",
        "bijlagen-0-bestand": upload("nieuw.png", png()),
    })  # fmt: skip

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(sessiepagina(sessie), data)

    assert response.status_code == 302
    bijlage.refresh_from_db()
    assert (bijlage.naam, bijlage.inhoudstype, bijlage.grootte) == (
        "Dia's",
        "image/png",
        len(png()),
    )
    assert opgeslagen() == [bijlage.bestand.name]
    assert bijlage.bestand.name != oud


def vervang(client, sessie, bijlage: Bijlage, naam: str, bestand=None) -> dict:
    extra = {
        "bijlagen-INITIAL_FORMS": "1", "bijlagen-0-id": str(bijlage.pk),
        "bijlagen-0-bijeenkomst": str(sessie.pk), "bijlagen-0-naam": naam,
    }  # fmt: skip
    if bestand is not None:
        extra["bijlagen-0-bestand"] = bestand
    return formulier(client, sessie, **extra)


def test_replacing_the_file_of_a_file_name_left_as_it_was_takes_the_new_files_name(
    client, sessie, django_capture_on_commit_callbacks
):
    bijlage = BijlageFactory(bijeenkomst=sessie, naam="HOOFD.PDF")
    client.force_login(medewerker("begeleider"))
    data = vervang(client, sessie, bijlage, "HOOFD.PDF", upload("Notulen  maart.docx", docx()))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(sessiepagina(sessie), data)

    assert response.status_code == 302
    bijlage.refresh_from_db()
    assert (bijlage.naam, bijlage.inhoudstype) == ("Notulen maart.docx", DOCX)


def test_replacing_the_file_with_a_new_name_of_the_right_kind_keeps_that_name(client, sessie):
    bijlage = BijlageFactory(bijeenkomst=sessie, naam="HOOFD.PDF")
    client.force_login(medewerker("begeleider"))
    data = vervang(client, sessie, bijlage, "Hoofdstuk 1.docx", upload("h1-def.docx", docx()))

    assert client.post(sessiepagina(sessie), data).status_code == 302
    bijlage.refresh_from_db()
    assert (bijlage.naam, bijlage.inhoudstype) == ("Hoofdstuk 1.docx", DOCX)


NAAM_PAST_NIET = (
    "Deze naam eindigt op {extensie}, maar het bestand is een {soort}: laat de extensie weg of "
    "gebruik {goed}."
)


@pytest.mark.parametrize(
    ("bestaand", "naam", "bestand", "melding"),
    [
        # A new attachment named as another kind.
        (None, "Notulen.pdf", upload("notulen.docx", docx()),
         NAAM_PAST_NIET.format(extensie=".pdf", soort="Word-document", goed=".docx")),
        # A replaced file with a name typed for the old kind.
        ("HOOFD.PDF", "Hoofdstuk 1.PDF", upload("h1.docx", docx()),
         NAAM_PAST_NIET.format(extensie=".pdf", soort="Word-document", goed=".docx")),
        # Only the name changed, to another kind than the file is.
        ("Dia's.pdf", "Dia's.pptx", None,
         NAAM_PAST_NIET.format(extensie=".pptx", soort="PDF", goed=".pdf")),
        (None, "Foto.png", upload("foto.jpg", jpeg()),
         NAAM_PAST_NIET.format(extensie=".png", soort="JPEG-afbeelding", goed=".jpg of .jpeg")),
    ],
)  # fmt: skip
def test_a_given_name_whose_extension_does_not_fit_the_file_is_refused_at_the_name(
    client, sessie, bestaand, naam, bestand, melding
):
    client.force_login(medewerker("begeleider"))
    if bestaand:
        bijlage = BijlageFactory(bijeenkomst=sessie, naam=bestaand)
        data = vervang(client, sessie, bijlage, naam, bestand)
    else:
        data = formulier(client, sessie, **{"bijlagen-0-bestand": bestand,
                                            "bijlagen-0-naam": naam})  # fmt: skip

    response = client.post(sessiepagina(sessie), data)

    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][1].formset
    assert formset.forms[0].errors == {"naam": [melding]}
    assert list(Bijlage.objects.values_list("naam", "inhoudstype")) == (
        [(bestaand, "application/pdf")] if bestaand else []
    )
    assert len(opgeslagen()) == (1 if bestaand else 0)


def test_a_name_without_an_extension_is_a_title_and_may_be_any_kind(client, sessie):
    client.force_login(medewerker("begeleider"))
    data = formulier(client, sessie, **{"bijlagen-0-bestand": upload("n.docx", docx()),
                                        "bijlagen-0-naam": "Notulen versie 1.2"})  # fmt: skip

    assert client.post(sessiepagina(sessie), data).status_code == 302
    assert Bijlage.objects.get().naam == "Notulen versie 1.2"


def test_saving_the_session_without_a_new_file_keeps_the_attachment(
    client, sessie, django_capture_on_commit_callbacks
):
    bijlage = BijlageFactory(bijeenkomst=sessie, naam="Dia's.pdf")
    client.force_login(medewerker("begeleider"))
    data = formulier(client, sessie, **{
        "bijlagen-INITIAL_FORMS": "1", "bijlagen-0-id": str(bijlage.pk),
        "bijlagen-0-bijeenkomst": str(sessie.pk), "bijlagen-0-naam": "",
    })  # fmt: skip

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(sessiepagina(sessie), data)

    assert response.status_code == 302
    bijlage.refresh_from_db()
    assert (bijlage.naam, opgeslagen()) == ("Dia's.pdf", [bijlage.bestand.name])


def test_deleting_an_attachment_in_the_admin_removes_its_file(
    client, sessie, django_capture_on_commit_callbacks
):
    bijlage = BijlageFactory(bijeenkomst=sessie)
    client.force_login(medewerker("begeleider"))
    data = formulier(client, sessie, **{
        "bijlagen-INITIAL_FORMS": "1", "bijlagen-0-id": str(bijlage.pk),
        "bijlagen-0-bijeenkomst": str(sessie.pk), "bijlagen-0-naam": bijlage.naam,
        "bijlagen-0-DELETE": "on",
    })  # fmt: skip

    with django_capture_on_commit_callbacks(execute=True):
        client.post(sessiepagina(sessie), data)

    assert (Bijlage.objects.count(), opgeslagen()) == (0, [])


def test_deleting_a_session_removes_its_files(sessie, django_capture_on_commit_callbacks):
    BijlageFactory(bijeenkomst=sessie)
    BijlageFactory(bijeenkomst=sessie)
    blijft = BijlageFactory()
    assert len(opgeslagen()) == 3

    with django_capture_on_commit_callbacks(execute=True):
        sessie.delete()

    assert opgeslagen() == [blijft.bestand.name]


def test_a_deletion_rolled_back_keeps_the_file(sessie, django_capture_on_commit_callbacks):
    bijlage = BijlageFactory(bijeenkomst=sessie)

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        bijlage.delete()
        transaction.set_rollback(True)

    assert opgeslagen() == [bijlage.bestand.name]


def test_the_admin_links_an_attachment_to_the_checked_download_only(client, sessie):
    bijlage = BijlageFactory(bijeenkomst=sessie)
    client.force_login(medewerker("begeleider"))

    response = client.get(sessiepagina(sessie))

    url = reverse("casuswijken:bijlage", args=["lombok", sessie.pk, bijlage.pk])
    assert f'<a href="{url}">Downloaden</a>' in response.text
    assert bijlage.bestand.name not in response.text


# Downloading.


@pytest.fixture
def opzet():
    wijk = CasuswijkFactory(naam="Lombok", slug="lombok")
    buur = CasuswijkFactory(aanmelding__oproep=wijk.aanmelding.oproep, slug="buur")
    sessie = BijeenkomstFactory(casuswijk=wijk, zichtbaarheid="wijk")
    return {
        "wijk": wijk,
        "buur": buur,
        "sessie": sessie,
        "bijlage": BijlageFactory(bijeenkomst=sessie, naam="Dia's van de avond.pdf"),
        "deelnemer": DeelnameFactory(casuswijk=wijk).gebruiker,
        "buurman": DeelnameFactory(casuswijk=buur).gebruiker,
    }


def downloadadres(slug: str, bijlage: Bijlage, sessie: Bijeenkomst | None = None) -> str:
    sessie = sessie or bijlage.bijeenkomst
    return reverse("casuswijken:bijlage", args=[slug, sessie.pk, bijlage.pk])


def test_a_participant_downloads_the_file_as_an_attachment_with_safe_headers(client, opzet):
    client.force_login(opzet["deelnemer"])

    response = client.get(downloadadres("lombok", opzet["bijlage"]))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == KLEINE_PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Length"] == str(len(KLEINE_PDF))
    assert response["Content-Disposition"] == ('attachment; filename="Dia\'s van de avond.pdf"')
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "; sandbox" in response["Content-Security-Policy"]
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize(
    ("naam", "kop"),
    [
        ("Verslag één – maart.pdf",
         "attachment; filename*=utf-8''Verslag%20%C3%A9%C3%A9n%20%E2%80%93%20maart.pdf"),
        ('Het "plan"', 'attachment; filename="Het \\"plan\\".pdf"'),
        ("Regel\r\nX-Kwaad: 1.pdf", 'attachment; filename="Regel X-Kwaad: 1.pdf"'),
        # A slash or backslash would cut the name: what follows the last one was all that
        # was left ("3).pdf", "script>.pdf").
        ("Presentatie ronde 1/2 (12/3)",
         'attachment; filename="Presentatie ronde 1-2 (12-3).pdf"'),
        ("Slides <script>alert(1)</script>",
         'attachment; filename="Slides <script>alert(1)<-script>.pdf"'),
        ("C:\\map\\..\\verslag.pdf", 'attachment; filename="C:-map-..-verslag.pdf"'),
        ("../../etc/passwd", 'attachment; filename="..-..-etc-passwd.pdf"'),
    ],
)  # fmt: skip
def test_the_download_name_is_encoded_safely_and_gets_its_extension(client, opzet, naam, kop):
    bijlage = opzet["bijlage"]
    Bijlage.objects.filter(pk=bijlage.pk).update(naam=naam)
    client.force_login(opzet["deelnemer"])

    response = client.get(downloadadres("lombok", bijlage))

    assert response["Content-Disposition"] == kop


def test_an_old_name_of_another_kind_downloads_with_the_extension_of_its_content(client, opzet):
    bijlage = opzet["bijlage"]
    Bijlage.objects.filter(pk=bijlage.pk).update(naam="HOOFD.PDF", inhoudstype=DOCX)
    client.force_login(opzet["deelnemer"])

    response = client.get(downloadadres("lombok", bijlage))

    assert response["Content-Disposition"] == 'attachment; filename="HOOFD.docx"'


def test_a_name_with_slashes_is_kept_as_typed_and_downloads_whole(client, opzet):
    client.force_login(medewerker("begeleider"))
    sessie = opzet["sessie"]
    data = formulier(client, sessie, **{
        "bijlagen-TOTAL_FORMS": "2", "bijlagen-INITIAL_FORMS": "1",
        "bijlagen-0-id": str(opzet["bijlage"].pk), "bijlagen-0-bijeenkomst": str(sessie.pk),
        "bijlagen-0-naam": opzet["bijlage"].naam,
        "bijlagen-1-bestand": upload("r1.pdf", KLEINE_PDF),
        "bijlagen-1-naam": "Presentatie ronde 1/2 (12/3)",
    })  # fmt: skip
    assert client.post(sessiepagina(sessie), data).status_code == 302
    bijlage = Bijlage.objects.get(naam="Presentatie ronde 1/2 (12/3)")
    client.force_login(opzet["deelnemer"])

    pagina = client.get(sessiepagina_deelnemer(sessie))
    response = client.get(downloadadres("lombok", bijlage))

    assert ">Presentatie ronde 1/2 (12/3)</a>" in pagina.text
    assert response["Content-Disposition"] == (
        'attachment; filename="Presentatie ronde 1-2 (12-3).pdf"'
    )


def test_head_answers_as_get_without_the_file(client, opzet):
    client.force_login(opzet["deelnemer"])
    url = downloadadres("lombok", opzet["bijlage"])

    get, head = client.get(url), client.head(url)

    assert (head.status_code, head["Content-Type"], head["Content-Disposition"]) == (
        200, get["Content-Type"], get["Content-Disposition"]
    )  # fmt: skip
    assert b"".join(head.streaming_content) == b""


def test_anonymous_visitors_are_sent_to_the_login(client, opzet):
    response = client.get(downloadadres("lombok", opzet["bijlage"]))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account:login"))


def status(client, gebruiker, url: str) -> int:
    client.force_login(gebruiker)
    return client.get(url).status_code


@pytest.mark.parametrize(
    ("zichtbaarheid", "gepubliceerd", "deelnemer", "buurman", "gestopt", "begeleider",
     "beoordelaar"),
    [
        ("intern", True, 404, 404, 404, 200, 404),
        ("wijk", False, 404, 404, 404, 200, 404),
        ("wijk", True, 200, 404, 404, 200, 404),
        ("netwerk", True, 200, 404, 404, 200, 404),
        ("openbaar", True, 200, 404, 404, 200, 200),
    ],
)  # fmt: skip
def test_who_downloads_follows_the_sessions_visibility(
    client, opzet, zichtbaarheid, gepubliceerd, deelnemer, buurman, gestopt, begeleider,
    beoordelaar,
):  # fmt: skip
    # Through the session's own casuswijk: the neighbour has no access to it at all.
    Bijeenkomst.objects.filter(pk=opzet["sessie"].pk).update(
        zichtbaarheid=zichtbaarheid, gepubliceerd=gepubliceerd
    )
    url = downloadadres("lombok", opzet["bijlage"])
    mensen = {
        "deelnemer": opzet["deelnemer"],
        "buurman": opzet["buurman"],
        "gestopt": DeelnameFactory(casuswijk=opzet["wijk"], beeindigd=True).gebruiker,
        "begeleider": medewerker("begeleider"),
        "beoordelaar": medewerker("beoordelaar"),
    }

    antwoorden = {wie: status(client, gebruiker, url) for wie, gebruiker in mensen.items()}

    assert antwoorden == {"deelnemer": deelnemer, "buurman": buurman, "gestopt": gestopt,
                          "begeleider": begeleider, "beoordelaar": beoordelaar}  # fmt: skip


def test_through_another_casuswijk_only_what_its_session_page_shows(client, opzet):
    bijlage = opzet["bijlage"]
    gedeeld = BijlageFactory(
        bijeenkomst=BijeenkomstFactory(casuswijk=opzet["wijk"], zichtbaarheid="netwerk")
    )

    # A wijk session's file through the neighbour's slug, for the neighbour and for a
    # participant of Lombok who does not take part in the neighbour.
    assert status(client, opzet["buurman"], downloadadres("buur", bijlage)) == 404
    assert status(client, opzet["deelnemer"], downloadadres("buur", bijlage)) == 404
    # A session shared with the network opens for the neighbour, as its page does.
    assert status(client, opzet["buurman"], downloadadres("buur", gedeeld)) == 200


def test_another_sessions_attachment_answers_404(client, opzet):
    andere = BijlageFactory(bijeenkomst=BijeenkomstFactory(casuswijk=opzet["wijk"]))

    url = downloadadres("lombok", andere, sessie=opzet["sessie"])

    assert status(client, opzet["deelnemer"], url) == 404
    assert status(client, medewerker("begeleider"), url) == 404


def test_an_attachment_whose_file_is_gone_answers_404(client, opzet):
    bijlage = opzet["bijlage"]
    storages["bijlagen"].delete(bijlage.bestand.name)

    assert status(client, opzet["deelnemer"], downloadadres("lombok", bijlage)) == 404


def test_files_are_never_under_a_public_address(client, opzet):
    naam = opzet["bijlage"].bestand.name
    adressen = [f"/media/{naam}", f"/{naam}", f"/bestanden/bijlagen/{naam}", f"/static/{naam}",
                f"/bijlagen/{naam}"]  # fmt: skip

    anoniem = {adres: client.get(adres).status_code for adres in adressen}
    client.force_login(StaffFactory(beheer=True))
    beheer = {adres: client.get(adres).status_code for adres in adressen}

    assert set(anoniem.values()) == set(beheer.values()) == {404}


def test_the_default_folder_is_outside_what_is_served_as_static_files():
    from netwerk import settings as instellingen

    map_ = Path(str(instellingen.BIJLAGENOPSLAG["OPTIONS"]["location"]))

    assert instellingen.BIJLAGENOPSLAG["OPTIONS"]["base_url"] is None
    for statisch in [instellingen.STATIC_ROOT, *instellingen.STATICFILES_DIRS]:
        assert not map_.is_relative_to(Path(statisch))


# The list on the session page.


def sessiepagina_deelnemer(sessie: Bijeenkomst, slug: str = "lombok") -> str:
    return reverse("casuswijken:bijeenkomst", args=[slug, sessie.pk])


def test_the_session_page_lists_its_attachments_with_type_and_size(client, opzet):
    sessie, bijlage = opzet["sessie"], opzet["bijlage"]
    BijlageFactory(bijeenkomst=sessie, naam="Kaart", inhoudstype="image/png",
                   grootte=1536 * 1024)  # fmt: skip
    BijlageFactory(bijeenkomst=BijeenkomstFactory(casuswijk=opzet["wijk"]), naam="Elders.pdf")
    client.force_login(opzet["deelnemer"])

    response = client.get(sessiepagina_deelnemer(sessie))

    assert [b.naam for b in response.context["bijlagen"]] == ["Dia's van de avond.pdf", "Kaart"]
    assert f'<a href="{downloadadres("lombok", bijlage)}">Dia&#x27;s van de avond.pdf</a>' in (
        response.text
    )
    assert "· PDF, 1 kB" in response.text
    assert "· PNG-afbeelding, 1,5 MB" in response.text
    assert "Elders.pdf" not in response.text


def test_a_session_without_attachments_shows_no_list(client, opzet):
    client.force_login(opzet["deelnemer"])

    response = client.get(sessiepagina_deelnemer(BijeenkomstFactory(casuswijk=opzet["wijk"])))

    assert 'id="bijlagen"' not in response.text


def test_the_session_page_costs_the_same_queries_with_1_and_10_attachments(
    client, opzet, django_assert_max_num_queries
):
    client.force_login(opzet["deelnemer"])
    url = sessiepagina_deelnemer(opzet["sessie"])

    def tel() -> int:
        with django_assert_max_num_queries(100) as context:
            assert client.get(url).status_code == 200
        return len(context.captured_queries)

    een = tel()
    BijlageFactory.create_batch(9, bijeenkomst=opzet["sessie"])
    tien = tel()

    assert len(client.get(url).context["bijlagen"]) == 10
    assert tien == een


# Where the files live.


def test_files_go_to_the_storage_of_the_setting(opzet, tmp_path):
    assert (tmp_path / "bijlagen" / opzet["bijlage"].bestand.name).exists()


def storage_met_omgeving(**omgeving) -> dict:
    """The attachments' storage as netwerk/settings.py chooses it with these variables, in a
    process of its own (no network: the storage connects only when used)."""
    code = textwrap.dedent("""
        import json
        import django
        django.setup()
        from django.core.files.storage import storages
        from casuswijken.models import Bijlage
        opslag = storages["bijlagen"]
        veld = Bijlage._meta.get_field("bestand").storage
        namen = ["bucket_name", "endpoint_url", "region_name", "default_acl",
                 "querystring_auth", "addressing_style", "location", "base_url"]
        print(json.dumps({
            "klasse": f"{type(opslag).__module__}.{type(opslag).__name__}",
            "veld": veld.__class__.__name__,
            "opties": {naam: str(getattr(opslag, naam, None)) for naam in namen},
        }))
    """)
    schoon = {k: v for k, v in os.environ.items() if not k.startswith("BIJLAGEN_")}
    resultaat = subprocess.run(
        [sys.executable, "-c", code],
        env={**schoon, "DJANGO_SETTINGS_MODULE": "netwerk.settings", "SECRET_KEY": "x",
             "EMAIL_URL": "memorymail://", **omgeving},
        capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    return json.loads(resultaat.stdout.strip().splitlines()[-1])


def test_with_a_bucket_set_the_attachments_go_to_object_storage():
    gekozen = storage_met_omgeving(
        BIJLAGEN_S3_BUCKET="leernetwerk-bijlagen",
        BIJLAGEN_S3_ENDPOINT="https://s3.voorbeeld.nl",
        BIJLAGEN_S3_REGIO="nl-ams",
        BIJLAGEN_S3_ADRESSERING="path",
    )

    assert gekozen["klasse"] == "storages.backends.s3.S3Storage"
    assert gekozen["veld"] == "S3Storage"
    assert {k: gekozen["opties"][k] for k in ["bucket_name", "endpoint_url", "region_name",
            "default_acl", "addressing_style"]} == {
        "bucket_name": "leernetwerk-bijlagen", "endpoint_url": "https://s3.voorbeeld.nl",
        "region_name": "nl-ams", "default_acl": "private", "addressing_style": "path",
    }  # fmt: skip


def test_without_a_bucket_the_attachments_stay_on_the_file_system(tmp_path):
    gekozen = storage_met_omgeving(BIJLAGEN_MAP=str(tmp_path / "elders"))

    assert gekozen["klasse"] == "django.core.files.storage.filesystem.FileSystemStorage"
    assert gekozen["opties"]["location"] == str(tmp_path / "elders")


# The demo.


def test_the_demo_has_slides_with_transvaals_first_conversation(settings, client):
    from django.core.management import call_command

    settings.DEBUG = True
    call_command("laad_demodata", stdout=io.StringIO())
    call_command("laad_demodata", stdout=io.StringIO())
    bijlage = Bijlage.objects.get()
    storages["bijlagen"].delete(bijlage.bestand.name)
    call_command("laad_demodata", stdout=io.StringIO())

    bijlage = Bijlage.objects.get()
    client.login(request=HttpRequest(), username="deelnemer", password="demo-leernetwerk")
    sessie = client.get(sessiepagina_deelnemer(bijlage.bijeenkomst, "transvaal-den-haag"))
    download = client.get(downloadadres("transvaal-den-haag", bijlage))
    assert [b.naam for b in sessie.context["bijlagen"]] == ["Presentatie eerste open gesprek.pdf"]
    assert (bijlage.bijeenkomst.titel, bijlage.inhoudstype) == (
        "Eerste open gesprek", "application/pdf"
    )  # fmt: skip
    assert b"".join(download.streaming_content).startswith(b"%PDF-1.4")
