"""What staff and participants read from Django and the packages is Dutch, in our words.

Django's own Dutch catalogue lags behind its source (new admin strings stay English) and
the task queue's package has none; locale/nl/ in this repository fills the gaps and
replaces a few choices (log in is 'inloggen' here: 'aanmelden' means applying).
"""

import gettext
import io
import json
import re
import shutil
import subprocess
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import django
import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.html import strip_tags
from django_tasks_db.models import DBTaskResult

from aanmeldingen.models import Revisie
from netwerk.mail import verstuur_email
from netwerk.vertalingen import lees_po, maak_mo
from tests.factories import AanmeldingFactory, StaffFactory

pytestmark = pytest.mark.django_db

DJANGO = Path(django.__file__).parent
LOCALE = Path(settings.BASE_DIR) / "locale"
# The English catalogues list every string of this Django version.
BRONNEN = [
    DJANGO / "conf/locale/en/LC_MESSAGES/django.po",
    DJANGO / "contrib/admin/locale/en/LC_MESSAGES/django.po",
    DJANGO / "contrib/auth/locale/en/LC_MESSAGES/django.po",
    DJANGO / "contrib/contenttypes/locale/en/LC_MESSAGES/django.po",
    DJANGO / "contrib/sessions/locale/en/LC_MESSAGES/django.po",
]


def _sleutel(context: str | None, tekst: str, meervoud: str | None):
    """How gettext looks a string up in a compiled catalogue."""
    sleutel = tekst if context is None else f"{context}\x04{tekst}"
    return (sleutel, 0) if meervoud else sleutel


@pytest.mark.parametrize("bron", BRONNEN, ids=lambda pad: str(pad.relative_to(DJANGO)))
def test_every_string_of_django_we_use_has_a_dutch_translation(bron):
    catalogus = translation.trans_real.translation("nl")._catalog

    onvertaald = [
        tekst
        for (context, tekst), vermelding in lees_po(bron).items()
        if tekst and _sleutel(context, tekst, vermelding.meervoud) not in catalogus
    ]

    assert onvertaald == []


def _js_catalogus(client) -> dict:
    client.force_login(StaffFactory())
    tekst = client.get("/admin/jsi18n/").text
    return json.loads(re.search(r"const newcatalog = (\{.*?\});", tekst, re.DOTALL).group(1))


def test_the_admins_javascript_speaks_dutch_also_for_newer_strings(client):
    catalogus = _js_catalogus(client)
    bron = lees_po(DJANGO / "contrib/admin/locale/en/LC_MESSAGES/djangojs.po")

    assert [
        tekst
        for context, tekst in bron
        if tekst and _sleutel(context, tekst, None) not in catalogus
    ] == []
    assert catalogus["Choose all %s"] == "Alle %s kiezen"
    assert catalogus["Remove selected %s"] == "Geselecteerde %s verwijderen"
    assert catalogus["(click to clear)"] == "(klik om het filter te wissen)"


def test_the_admin_login_button_says_inloggen(client):
    response = client.get(reverse("admin:login"))

    assert '<input type="submit" value="Inloggen">' in response.text
    assert "Aanmelden" not in response.text


def test_the_admin_says_uitloggen(admin_client):
    response = admin_client.get(reverse("admin:index"))

    assert ">Uitloggen</button>" in response.text
    assert "Afmelden" not in response.text


def test_success_messages_have_no_article_before_the_model_name(admin_client):
    toegevoegd = admin_client.post(
        reverse("admin:auth_group_add"), {"name": "Redactie"}, follow=True
    )
    groep = Group.objects.get(name="Redactie")
    gewijzigd = admin_client.post(
        reverse("admin:auth_group_change", args=[groep.pk]),
        {"name": "Eindredactie"},
        follow=True,
    )
    verwijderd = admin_client.post(
        reverse("admin:auth_group_delete", args=[groep.pk]), {"post": "yes"}, follow=True
    )

    berichten = [
        strip_tags(str(bericht))
        for response in (toegevoegd, gewijzigd, verwijderd)
        for bericht in response.context["messages"]
    ]
    assert berichten == [
        "groep ‘Redactie’ is toegevoegd.",
        "groep ‘Eindredactie’ is gewijzigd.",
        "groep ‘Eindredactie’ is verwijderd.",
    ]
    # The admin's template starts a message with a capital.
    assert '<li class="success">Groep ‘<a href="' in gewijzigd.text


def test_the_mail_queue_in_the_admin_is_dutch(admin_client):
    verstuur_email.enqueue(aan=["a@voorbeeld.nl"], onderwerp="Test", tekst="Test", reply_to=[])
    taak = DBTaskResult.objects.get()

    index = admin_client.get(reverse("admin:index")).text
    lijst = admin_client.get(reverse("admin:django_tasks_database_dbtaskresult_changelist")).text
    taakpagina = admin_client.get(
        reverse("admin:django_tasks_database_dbtaskresult_change", args=[taak.pk])
    ).text

    assert "Wachtrij" in index
    assert "Taken" in index
    for tekst in ["Uitvoeren na", "In de wachtrij gezet op", "Foutmelding", "Prioriteit"]:
        assert tekst in taakpagina
    for tekst in ["Taak", "In de wachtrij", "Op status"]:
        assert tekst in lijst
    for engels in ["Task Result", "Task name", "Tasks Database", "Run after", "Enqueued",
                   "Ready", "Priority", "Traceback", "Queue name", "Return value"]:  # fmt: skip
        assert engels not in index + lijst + taakpagina


def test_password_rules_speak_dutch_to_participants():
    with pytest.raises(ValidationError) as kort:
        validate_password("Ab1!")
    gebruiker = StaffFactory.build(email="dewi.jansen@voorbeeld.nl", username="dewi")
    with pytest.raises(ValidationError) as lijkt:
        validate_password("dewi.jansen@voorbeeld", user=gebruiker)

    assert kort.value.messages == [
        "Dit wachtwoord is te kort. Het moet minstens 12 tekens bevatten."
    ]
    assert lijkt.value.messages == ["Het wachtwoord lijkt te veel op uw e-mailadres."]


def test_dates_in_the_applications_list_are_written_alike(admin_client):
    aanmelding = AanmeldingFactory()
    Revisie.objects.create(
        aanmelding=aanmelding,
        tijdstip=datetime(2026, 12, 1, 9, 30, tzinfo=ZoneInfo("Europe/Amsterdam")),
    )

    tekst = admin_client.get(reverse("admin:aanmeldingen_aanmelding_changelist")).text

    assert "1 december 2026 09:30" in tekst
    assert not re.search(r"\b\d{1,2} [A-Z][a-z]{2} \d{4}\b", tekst)


@pytest.mark.parametrize("po", sorted(LOCALE.glob("*/LC_MESSAGES/*.po")), ids=str)
def test_the_committed_mo_files_are_compiled_from_the_po_files(po):
    assert po.with_suffix(".mo").read_bytes() == maak_mo(lees_po(po))


@pytest.mark.skipif(not shutil.which("msgfmt"), reason="GNU gettext is not installed")
@pytest.mark.parametrize("po", sorted(LOCALE.glob("*/LC_MESSAGES/*.po")), ids=str)
def test_our_compiler_agrees_with_msgfmt(po):
    gnu = subprocess.run(["msgfmt", "--check", "-o", "-", str(po)], capture_output=True, check=True)
    onze = gettext.GNUTranslations(io.BytesIO(maak_mo(lees_po(po))))._catalog
    hunne = gettext.GNUTranslations(io.BytesIO(gnu.stdout))._catalog

    # msgfmt leaves out a few header lines; the translations are what counts.
    assert {k: v for k, v in onze.items() if k} == {k: v for k, v in hunne.items() if k}


def test_an_action_without_rows_speaks_of_rows_not_items(admin_client):
    response = admin_client.post(
        reverse("admin:aanmeldingen_aanmelding_changelist"),
        {"action": "vergelijk", "index": "0"},
        follow=True,
    )

    assert [str(m) for m in response.context["messages"]] == [
        "Kies eerst een of meer rijen in de lijst om de actie op uit te voeren. Er is niets "
        "gewijzigd."
    ]


def test_our_pages_and_mails_say_heeft_u_never_hebt_u():
    """Both are correct Dutch; the portal uses one, so a mail reads like the page before it."""
    sjablonen = Path(settings.BASE_DIR) / "templates"
    met_hebt_u = [
        str(pad.relative_to(sjablonen))
        for pad in sorted(sjablonen.rglob("*"))
        if pad.is_file() and re.search(r"\bhebt u\b", pad.read_text(), re.IGNORECASE)
    ]
    assert met_hebt_u == []
