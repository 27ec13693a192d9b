import datetime
import re
import subprocess
import sys

import pytest
from django.db import OperationalError, connection
from django.urls import reverse

from netwerk import toegankelijkheid
from tests.factories import DeelnameFactory, medewerker

pytestmark = pytest.mark.django_db


def test_healthz_answers_without_touching_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")

    assert response.status_code == 200
    assert response.text == "ok\n"


def test_readyz_answers_ok_when_the_database_answers(client):
    response = client.get("/readyz")

    assert response.status_code == 200


@pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="on PostgreSQL readyz asks on a connection of its own (test_databasefouten.py)",
)
def test_readyz_answers_503_when_the_database_is_unreachable(client, monkeypatch):
    def onbereikbaar(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr("django.db.backends.utils.CursorWrapper.execute", onbereikbaar)

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.text == "database onbereikbaar\n"


def test_privacy_statement_names_what_why_how_long_rights_and_contact(client, settings):
    response = client.get(reverse("privacy"))

    assert response.status_code == 200
    for kop in [
        "Welke gegevens we verzamelen",
        "Waarom we die gegevens gebruiken",
        "Hoe lang we gegevens bewaren",
        "Uw rechten",
        "Contact",
    ]:
        assert f"<h2>{kop}</h2>" in response.text
    assert f"Versie {settings.PRIVACYVERKLARING_VERSIE}." in response.text


def test_privacy_statement_covers_every_group_what_they_see_and_the_basis_per_purpose(client):
    tekst = " ".join(client.get(reverse("privacy")).text.split())

    for groep in [
        "De contactpersoon van een aanmelding",
        "De andere leden van een coalitie",
        "Deelnemers van een casuswijk",
        "Lokale partners",
        "Medewerkers van Platform31 en Movisie",
    ]:
        assert f"<h3>{groep}</h3>" in tekst
    for kop in [
        "Wie verantwoordelijk is",
        "Wie wat ziet",
        "Verslagen en actiepunten",
        "Beoordelingen van aanmeldingen",
        "Geheime links en adressen",
        "Logboeken",
    ]:
        assert f"<h2>{kop}</h2>" in tekst
    assert "gezamenlijke verwerkingsverantwoordelijken</strong> (artikel 26" in tekst
    assert '<th scope="col">Waarvoor</th><th scope="col">Welke gegevens</th>' in tekst
    assert "Aanvragers zien de beoordelingen niet" in tekst
    assert "Autoriteit Persoonsgegevens" in tekst


def test_privacy_statement_gives_the_link_terms_and_the_officer_from_the_settings(client, settings):
    settings.AANMELDLINK_GELDIG_DAGEN = 90
    settings.PASSWORD_RESET_TIMEOUT = 2 * 24 * 60 * 60
    settings.FG_EMAIL = "fg@voorbeeld.nl"

    tekst = " ".join(client.get(reverse("privacy")).text.split())

    assert "De link werkt 90 dagen." in tekst
    assert "Zo'n link werkt 2 dagen en maar één keer." in tekst
    assert '<a href="mailto:fg@voorbeeld.nl">fg@voorbeeld.nl</a>' in tekst


def test_without_an_own_address_the_officer_is_reached_through_the_contact_address(
    client, settings
):
    settings.FG_EMAIL = settings.CONTACT_EMAIL

    tekst = " ".join(client.get(reverse("privacy")).text.split())

    assert 'zet dan "Voor de functionaris gegevensbescherming" in het onderwerp' in tekst


def test_the_accessibility_statement_has_the_parts_of_the_dutch_model(client, settings):
    settings.CONTACT_EMAIL = "leernetwerk@voorbeeld.nl"
    response = client.get(reverse("toegankelijkheid"))
    tekst = " ".join(response.content.decode().split())

    assert response.status_code == 200
    # The status, and the legal norm: EN 301 549, which is WCAG 2.1 AA (not 2.2).
    assert "<h2>Status: voldoet gedeeltelijk</h2>" in tekst
    assert "Het portaal <strong>voldoet gedeeltelijk</strong> aan de eisen (status B" in tekst
    assert "de Europese norm EN 301 549; voor websites is dat WCAG 2.1 niveau A en AA" in tekst
    assert "2.2" not in tekst
    # The evaluation: date, method and evidence.
    assert "Op 1 december 2026 heeft het eigen ontwikkelteam" in tekst
    assert "volgens de methode WCAG-EM" in tekst
    assert "axe-core in de browser Chromium" in tekst
    assert "(1280 pixels) en een telefoonscherm (390 pixels)" in tekst
    assert "met alleen het toetsenbord" in tekst
    assert "400% vergroting" in tekst
    # The admin is in scope.
    assert "het beheergedeelte (http" in tekst
    # Reporting, the term for an answer, and escalation.
    assert 'href="mailto:leernetwerk@voorbeeld.nl"' in tekst
    assert "U krijgt binnen 5 werkdagen antwoord" in tekst
    assert '<a href="https://www.nationaleombudsman.nl/">Nationale ombudsman</a>' in tekst


def test_the_statement_lists_each_known_problem_with_criterion_and_date(client, monkeypatch):
    monkeypatch.setattr(
        toegankelijkheid,
        "BEKENDE_PROBLEMEN",
        [
            toegankelijkheid.Probleem(
                criterium="2.4.7 Focus zichtbaar",
                waar="De zoekpagina",
                wat="De knop heeft geen rand bij focus.",
                hersteld_voor=datetime.date(2027, 2, 15),
            )
        ],
    )
    monkeypatch.setattr(toegankelijkheid, "ANTWOORDTERMIJN_WERKDAGEN", 3)

    tekst = " ".join(client.get(reverse("toegankelijkheid")).content.decode().split())

    assert '<h3 class="h6 mb-1">2.4.7 Focus zichtbaar</h3>' in tekst
    assert "<strong>Waar:</strong> De zoekpagina." in tekst
    assert "De knop heeft geen rand bij focus." in tekst
    assert "<strong>Opgelost uiterlijk:</strong> 15 februari 2027." in tekst
    assert "U krijgt binnen 3 werkdagen antwoord" in tekst


def test_every_known_problem_names_a_wcag_21_criterion_and_a_date_to_come():
    nummers = {
        "1.1.1", "1.2.1", "1.2.2", "1.2.3", "1.2.4", "1.2.5", "1.3.1", "1.3.2", "1.3.3",
        "1.3.4", "1.3.5", "1.4.1", "1.4.2", "1.4.3", "1.4.4", "1.4.5", "1.4.10", "1.4.11",
        "1.4.12", "1.4.13", "2.1.1", "2.1.2", "2.1.4", "2.2.1", "2.2.2", "2.3.1", "2.4.1",
        "2.4.2", "2.4.3", "2.4.4", "2.4.5", "2.4.6", "2.4.7", "2.5.1", "2.5.2", "2.5.3",
        "2.5.4", "3.1.1", "3.1.2", "3.2.1", "3.2.2", "3.2.3", "3.2.4", "3.3.1", "3.3.2",
        "3.3.3", "3.3.4", "4.1.1", "4.1.2", "4.1.3",
    }  # fmt: skip
    assert toegankelijkheid.BEKENDE_PROBLEMEN
    for probleem in toegankelijkheid.BEKENDE_PROBLEMEN:
        assert probleem.criterium.split()[0] in nummers, probleem
        assert probleem.hersteld_voor > toegankelijkheid.EVALUATIEDATUM, probleem


def test_every_page_has_skip_link_landmarks_and_footer_links(client):
    response = client.get(reverse("aanmeldingen:home"))

    assert response.text.count("<h1") == 1
    assert '<a class="visually-hidden-focusable skiplink" href="#inhoud">' in response.text
    assert '<main id="inhoud"' in response.text
    assert f'href="{reverse("privacy")}"' in response.text
    assert f'href="{reverse("toegankelijkheid")}"' in response.text
    assert '<html lang="nl">' in response.text


def test_no_page_loads_anything_from_another_site(client):
    response = client.get(reverse("aanmeldingen:home"))

    assert "https://" not in response.text.split("<body")[0]
    assert "/static/bootstrap/css/bootstrap.min.css" in response.text


def start_django(code: str = "import django; django.setup()", **omgeving: str):
    """Run `code` in a fresh Python with only these environment variables set."""
    return subprocess.run(
        [sys.executable, "-c", code],
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "netwerk.settings", **omgeving},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_start_without_secret_key():
    resultaat = start_django()

    assert resultaat.returncode == 1
    assert "SECRET_KEY is not set" in resultaat.stderr


def test_production_refuses_to_start_without_a_mail_server():
    resultaat = start_django(SECRET_KEY="x")

    assert resultaat.returncode == 1
    assert "EMAIL_URL is not set" in resultaat.stderr


def test_development_prints_the_mail_without_a_mail_server():
    resultaat = start_django(
        "from django.conf import settings; print(settings.EMAIL_BACKEND)",
        DEBUG="1",
    )

    assert resultaat.returncode == 0, resultaat.stderr
    assert resultaat.stdout.strip() == "django.core.mail.backends.console.EmailBackend"


def test_favicon_ico_points_to_our_icon(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 301
    assert response.url == "/static/favicon.svg"


def _kop(html: str) -> str:
    return html.split("<header", 1)[1].split("</header>", 1)[0]


@pytest.mark.parametrize(
    "pagina",
    [reverse("aanmeldingen:home"), reverse("privacy"), reverse("toegankelijkheid")],
)
def test_header_offers_anonymous_visitors_a_way_to_log_in(client, pagina):
    kop = _kop(client.get(pagina).text)

    assert '<nav aria-label="Account"' in kop
    assert f'<a href="{reverse("account:login")}">Inloggen</a>' in kop
    assert "Uitloggen" not in kop
    assert reverse("casuswijken:overzicht") not in kop


def test_header_marks_the_login_link_as_the_current_page_on_the_login_page(client):
    kop = _kop(client.get(reverse("account:login")).text)

    assert f'<a href="{reverse("account:login")}" aria-current="page">Inloggen</a>' in kop


def test_header_gives_a_logged_in_participant_their_casuswijken_and_a_logout_form(client):
    client.force_login(DeelnameFactory().gebruiker)

    kop = _kop(client.get(reverse("aanmeldingen:home")).text)

    assert f'<a href="{reverse("casuswijken:overzicht")}">Mijn casuswijken</a>' in kop
    assert f'<form method="post" action="{reverse("account:logout")}"' in kop
    assert 'name="csrfmiddlewaretoken"' in kop
    assert ">Uitloggen</button>" in kop
    assert ">Inloggen<" not in kop


def test_a_page_a_role_may_not_open_answers_403_in_dutch(client):
    client.force_login(medewerker("beoordelaar"))

    response = client.get("/admin/auth/user/")

    assert response.status_code == 403
    assert '<html lang="nl">' in response.text
    assert "U hebt geen toegang tot deze pagina" in response.text


# A NUL byte does not get this far: netwerk.middleware.WeigerRareInvoer answers 400.
@pytest.mark.parametrize("waarde", ["abc", "1.5", "99999999999999999999", "-1", "٣"])
def test_a_tampered_row_choice_in_an_admin_action_is_dropped_not_a_500(client, waarde):
    client.force_login(medewerker("coördinator"))

    response = client.post(
        "/admin/aanmeldingen/aanmelding/",
        {"action": "vergelijk", "index": "0", "_selected_action": [waarde]},
        follow=True,
    )

    assert response.status_code == 200
    assert [str(m) for m in response.context["messages"]] == [
        "Kies eerst een of meer rijen in de lijst om de actie op uit te voeren. Er is niets "
        "gewijzigd."
    ]


@pytest.mark.django_db
def test_pages_of_a_logged_in_person_are_kept_by_no_cache(client):
    anoniem = client.get("/")
    client.force_login(DeelnameFactory().gebruiker)

    ingelogd = client.get("/wijken/")
    thuis = client.get("/")

    assert "private" not in anoniem.get("Cache-Control", "")
    for antwoord in [ingelogd, thuis]:
        assert "no-store" in antwoord["Cache-Control"]
        assert "private" in antwoord["Cache-Control"]


def test_the_privacy_statement_gives_the_terms_the_code_applies(client, settings):
    settings.AXES_FAILURE_LIMIT = 7
    settings.AXES_COOLOFF_TIME = datetime.timedelta(minutes=20)
    settings.MAIL_BEWAREN_DAGEN = 10
    settings.BEVEILIGINGSLOG_DAGEN = 200

    tekst = " ".join(client.get(reverse("privacy")).text.split())

    assert "<h2>Inloggen en beveiliging</h2>" in tekst
    assert "Na 7 verkeerde wachtwoorden kan dat account vanaf dat adres 20 minuten" in tekst
    assert re.search(r">10 dagen</td><td[^>]*>na het versturen\.", tekst)
    assert re.search(r"Regels in het beveiligingslog [^<]*</th><td[^>]*>200 dagen</td>", tekst)


@pytest.mark.parametrize("ingelogd", ["deelnemer", "medewerker"])
def test_healthz_reads_no_session_even_with_a_login(client, django_assert_num_queries, ingelogd):
    # A probe behind a browser's cookie, or a database that hangs: healthz never waits.
    gebruiker = DeelnameFactory().gebruiker if ingelogd == "deelnemer" else medewerker("beheer")
    client.force_login(gebruiker)

    with django_assert_num_queries(0):
        response = client.get("/healthz")

    assert response.status_code == 200
    assert "sessionid" not in response.cookies
    assert client.get("/wijken/").status_code in (200, 302)  # still logged in
