"""The second step of a staff login: no staff page with the password alone, setting up the
app with a real code, recovery codes that work once, and the skip button of the demo."""

import re
import time
from datetime import timedelta
from urllib.parse import quote

import pytest
import time_machine
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from netwerk import tweede_stap as ts
from netwerk.beveiliging import Soort
from netwerk.models import Beveiligingsgebeurtenis
from netwerk.rechten import Recht, Rol, mag
from netwerk.tweede_stap_views import FOUTE_APPCODE, FOUTE_CODE
from tests.factories import (
    AanmeldingFactory,
    CasuswijkFactory,
    DeelnameFactory,
    OproepFactory,
    StaffFactory,
    medewerker,
)

pytestmark = pytest.mark.django_db


def stil():
    """Time stands still: a code and the throttle's one second do not run out meanwhile."""
    return time_machine.travel(time.time(), tick=False)


@pytest.fixture
def tweede_stap(settings):
    settings.TWEEDE_STAP = "verplicht"


def code_van(apparaat: TOTPDevice) -> str:
    """What the staff member's app shows now, computed from the device's key."""
    return f"{totp(apparaat.bin_key, step=apparaat.step, t0=apparaat.t0, digits=6):06d}"


def met_app(gebruiker) -> tuple[TOTPDevice, list[str]]:
    """A staff member who set up the app before: the device and their recovery codes."""
    apparaat = TOTPDevice.objects.create(user=gebruiker, name=ts.APPNAAM, confirmed=True)
    return apparaat, ts._nieuwe_herstelcodes(gebruiker)


def na_het_wachtwoord():
    """The security log without the logins and logouts themselves (netwerk.inlogsignalen)."""
    return Beveiligingsgebeurtenis.objects.exclude(soort__in=[Soort.INGELOGD, Soort.UITGELOGD])


def soorten() -> list[str]:
    return list(na_het_wachtwoord().order_by("pk").values_list("soort", flat=True))


def naar_tweede_stap(doel: str) -> str:
    return f"{reverse('account:tweede_stap')}?next={quote(doel, safe='')}"


def veldfout(tekst: str) -> str:
    """The error crispy shows at the code field."""
    gevonden = re.search(r'<[^>]*id="error_1_id_code"[^>]*>(.*?)</', tekst, re.DOTALL)
    return re.sub(r"<[^>]+>", "", gevonden.group(1)).strip() if gevonden else ""


# The admin and the staff pages refuse a session with only the password.


def _alle_lijsten() -> list[str]:
    return sorted(
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for model in admin.site._registry
    )


@pytest.mark.usefixtures("tweede_stap")
def test_no_admin_list_opens_with_only_the_password(client):
    client.force_login(StaffFactory(beheer=True))

    antwoorden = {url: client.get(url) for url in [reverse("admin:index"), *_alle_lijsten()]}

    assert len(antwoorden) > 20
    assert {url: (r.status_code, r["Location"]) for url, r in antwoorden.items()} == {
        url: (302, naar_tweede_stap(url)) for url in antwoorden
    }


@pytest.mark.usefixtures("tweede_stap")
def test_change_pages_and_staff_pages_outside_the_admin_wait_for_the_second_step(client):
    aanmelding = AanmeldingFactory()
    wijk = CasuswijkFactory()
    client.force_login(StaffFactory(beheer=True))
    pagina_s = [
        reverse("admin:aanmeldingen_aanmelding_change", args=[aanmelding.pk]),
        reverse("admin:aanmeldingen_oproep_change", args=[aanmelding.oproep.pk]),
        reverse("casuswijken:casuswijk", args=[wijk.slug]),
        reverse("casuswijken:rapport", args=[wijk.slug]),
        reverse("casuswijken:overzicht"),
        reverse("leren:zoeken") + "?q=wijk",
        reverse("aanmeldingen:home"),
    ]

    for url in pagina_s:
        response = client.get(url)
        assert (url, response.status_code, response["Location"]) == (
            url,
            302,
            naar_tweede_stap(url),
        )


@pytest.mark.usefixtures("tweede_stap")
def test_an_admin_action_posted_with_only_the_password_changes_nothing(client):
    oproep = OproepFactory(gepubliceerd=True)
    aanmelding = AanmeldingFactory(oproep=oproep, status="ingediend")
    client.force_login(StaffFactory(beheer=True))
    lijst = reverse("admin:aanmeldingen_aanmelding_changelist")

    response = client.post(
        lijst, {"action": "delete_selected", "_selected_action": [aanmelding.pk], "post": "yes"}
    )

    assert (response.status_code, response["Location"]) == (302, naar_tweede_stap(lijst))
    aanmelding.refresh_from_db()
    assert aanmelding.status == "ingediend"


@pytest.mark.usefixtures("tweede_stap")
def test_the_admin_site_itself_refuses_an_unverified_staff_session():
    """Also without the middleware in front: the site's own permission check."""
    request = RequestFactory().get("/admin/")
    request.user = StaffFactory(beheer=True)
    request.user.is_verified = lambda: False

    assert admin.site.has_permission(request) is False
    request.user.is_verified = lambda: True
    assert admin.site.has_permission(request) is True


def test_without_the_setting_the_admin_asks_no_second_step(client, settings):
    settings.TWEEDE_STAP = "uit"
    client.force_login(StaffFactory(beheer=True))

    assert client.get(reverse("admin:index")).status_code == 200


@pytest.mark.usefixtures("tweede_stap")
def test_participants_take_no_second_step(client):
    deelname = DeelnameFactory()
    client.force_login(deelname.gebruiker)

    pagina = client.get(reverse("casuswijken:casuswijk", args=[deelname.casuswijk.slug]))
    tweede_stap = client.get(reverse("account:tweede_stap"))

    assert pagina.status_code == 200
    assert tweede_stap.status_code == 404


@pytest.mark.usefixtures("tweede_stap")
def test_an_anonymous_visitor_is_sent_to_the_login_from_the_second_step(client):
    response = client.get(reverse("account:tweede_stap_instellen"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account:login"))


# Setting up the app.


@pytest.mark.usefixtures("tweede_stap")
@pytest.mark.parametrize("login", ["admin:login", "account:login"])
def test_both_logins_lead_staff_through_setting_up_the_app_back_to_their_page(client, login):
    gebruiker = medewerker(Rol.COORDINATOR)
    doel = reverse("admin:aanmeldingen_aanmelding_changelist")

    with stil():
        ingelogd = client.post(
            f"{reverse(login)}?next={doel}",
            {"username": gebruiker.username, "password": "geheim-wachtwoord", "next": doel},
        )
        tweede_stap = client.get(ingelogd["Location"])
        instellen = client.get(tweede_stap["Location"])
        apparaat = TOTPDevice.objects.get(user=gebruiker)
        bevestigd = client.post(
            instellen.request["PATH_INFO"], {"code": code_van(apparaat), "next": doel}
        )
        lijst = client.get(doel)

    assert ingelogd["Location"] == naar_tweede_stap(doel)
    assert tweede_stap["Location"] == (
        f"{reverse('account:tweede_stap_instellen')}?next={quote(doel, safe='')}"
    )
    assert re.search(r'<svg viewBox="0 0 \d+ \d+" class="qr-code">', instellen.text)
    assert 'role="img" aria-label="QR-code om het leernetwerk toe te voegen' in instellen.text
    assert ts.geheim_als_tekst(apparaat) in instellen.text
    assert "overslaan" not in instellen.text.lower()
    assert bevestigd.status_code == 200
    assert len(re.findall(r"<li><code>[a-z2-7]{4}-[a-z2-7]{4}</code></li>", bevestigd.text)) == 10
    assert f'href="{doel}">Verder</a>' in bevestigd.text
    assert lijst.status_code == 200
    apparaat.refresh_from_db()
    assert apparaat.confirmed is True
    assert StaticToken.objects.filter(device__user=gebruiker).count() == 10
    assert Soort.TWEEDE_STAP_INGESTELD in soorten()


def test_the_qr_code_holds_the_secret_the_page_shows_as_text():
    apparaat = TOTPDevice(user=StaffFactory(username="jansen"), name=ts.APPNAAM)

    geheim = ts.geheim_als_tekst(apparaat).replace(" ", "")

    assert f"secret={geheim}" in apparaat.config_url
    assert "issuer=Leernetwerk%20Gemengde%20Wijk" in apparaat.config_url
    assert "<svg" in ts.qr_code(apparaat)
    assert "http" not in ts.qr_code(apparaat).replace('xmlns="http://www.w3.org/2000/svg"', "")


@pytest.mark.usefixtures("tweede_stap")
def test_reloading_the_set_up_page_keeps_the_secret(client):
    client.force_login(StaffFactory())
    url = reverse("account:tweede_stap_instellen")

    eerste, tweede = client.get(url), client.get(url)

    apparaat = TOTPDevice.objects.get()
    assert ts.geheim_als_tekst(apparaat) in eerste.text
    assert ts.geheim_als_tekst(apparaat) in tweede.text


@pytest.mark.usefixtures("tweede_stap")
def test_a_wrong_code_is_refused_in_dutch_at_the_field(client):
    gebruiker = StaffFactory()
    client.force_login(gebruiker)
    url = reverse("account:tweede_stap_instellen")
    with stil():
        client.get(url)
        apparaat = TOTPDevice.objects.get()
        fout = "000000" if code_van(apparaat) != "000000" else "111111"

        response = client.post(url, {"code": fout})

    assert response.status_code == 200
    assert veldfout(response.text) == FOUTE_APPCODE
    assert 'aria-describedby="id_code_helptext id_code_error"' in response.text
    assert '<a href="#id_code">Code uit de app: Deze code klopt niet.' in response.text
    apparaat.refresh_from_db()
    assert apparaat.confirmed is False
    assert soorten() == [Soort.TWEEDE_STAP_MISLUKT]
    assert client.get(reverse("admin:index")).status_code == 302


@pytest.mark.usefixtures("tweede_stap")
def test_an_empty_or_junk_code_is_refused_at_the_field(client):
    client.force_login(StaffFactory())
    url = reverse("account:tweede_stap_instellen")

    leeg = client.post(url, {"code": "  "})
    onzin = client.post(url, {"code": "x" * 500})

    assert veldfout(leeg.text) == "Vul de zes cijfers uit de app in."
    assert (
        veldfout(onzin.text)
        == "Zorg dat deze waarde niet meer dan 64 tekens bevat (het zijn er nu 500)."
    )


@pytest.mark.usefixtures("tweede_stap")
def test_django_otp_throttles_wrong_codes(client):
    gebruiker = StaffFactory()
    apparaat, _ = met_app(gebruiker)
    client.force_login(gebruiker)
    url = reverse("account:tweede_stap")

    with stil():
        goed = code_van(apparaat)
        client.post(url, {"code": "000000" if goed != "000000" else "111111"})
        direct_daarna = client.post(url, {"code": goed})

    assert veldfout(direct_daarna.text) == (
        "U heeft te vaak een verkeerde code getypt. Wacht 1 seconde en probeer het dan opnieuw."
    )
    assert client.get(reverse("admin:index")).status_code == 302
    apparaat.refresh_from_db()
    assert apparaat.throttling_failure_count == 1


@pytest.mark.usefixtures("tweede_stap")
@pytest.mark.parametrize(
    ("mislukt", "wachttijd"),
    [(4, "8 seconden"), (7, "2 minuten"), (9, "5 minuten"), (13, "2 uur"), (18, "2 dagen")],
)
def test_the_wait_after_wrong_codes_is_the_one_django_otp_applies(client, mislukt, wachttijd):
    """Each failure doubles the wait: 2**(n-1) seconds after n failures in a row (64
    seconds say "2 minuten": the message rounds up, never down)."""
    gebruiker = StaffFactory()
    apparaat, codes = met_app(gebruiker)
    client.force_login(gebruiker)
    url = reverse("account:tweede_stap")
    herstel = StaticDevice.objects.get(user=gebruiker)
    with stil():
        for device in (apparaat, herstel):
            device.throttling_failure_count = mislukt
            device.throttling_failure_timestamp = timezone.now()
            device.save()

        met_app_code = client.post(url, {"code": code_van(apparaat)})
        met_herstelcode = client.post(url, {"code": codes[0]})

    bericht = (
        f"U heeft te vaak een verkeerde code getypt. Wacht {wachttijd} en probeer het dan opnieuw."
    )
    assert veldfout(met_app_code.text) == bericht
    assert veldfout(met_herstelcode.text) == bericht
    assert client.get(reverse("admin:index")).status_code == 302


def test_a_wait_in_words_rounds_up():
    assert ts.wachttijd_in_woorden(timedelta(seconds=0.2)) == "1 seconde"
    assert ts.wachttijd_in_woorden(timedelta(seconds=59.5)) == "1 minuut"
    assert ts.wachttijd_in_woorden(timedelta(seconds=60)) == "1 minuut"
    assert ts.wachttijd_in_woorden(timedelta(minutes=59, seconds=1)) == "1 uur"
    assert ts.wachttijd_in_woorden(timedelta(hours=1)) == "1 uur"
    assert ts.wachttijd_in_woorden(timedelta(hours=23, minutes=1)) == "1 dag"
    assert ts.wachttijd_in_woorden(timedelta(days=3)) == "3 dagen"


@pytest.mark.usefixtures("tweede_stap")
def test_who_knows_only_the_password_cannot_replace_an_app_set_up_before(client):
    gebruiker = StaffFactory()
    met_app(gebruiker)
    client.force_login(gebruiker)

    response = client.get(reverse("account:tweede_stap_instellen"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account:tweede_stap") + "?")
    assert TOTPDevice.objects.filter(user=gebruiker).count() == 1


# Logging in with the app or a recovery code.


@pytest.mark.usefixtures("tweede_stap")
def test_a_code_from_the_app_opens_the_admin_and_is_logged(client):
    gebruiker = StaffFactory(beheer=True)
    apparaat, _ = met_app(gebruiker)
    client.force_login(gebruiker)

    with stil():
        response = client.post(
            reverse("account:tweede_stap"), {"code": code_van(apparaat), "next": "/admin/"}
        )

    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert client.get("/admin/").status_code == 200
    assert soorten() == [Soort.TWEEDE_STAP_GELUKT]


@pytest.mark.usefixtures("tweede_stap")
def test_a_next_to_another_site_goes_to_the_admin_instead(client):
    gebruiker = StaffFactory()
    apparaat, _ = met_app(gebruiker)
    client.force_login(gebruiker)

    with stil():
        response = client.post(
            reverse("account:tweede_stap"),
            {"code": code_van(apparaat), "next": "https://aanvaller.example/admin/"},
        )

    assert response["Location"] == reverse("admin:index")


@pytest.mark.usefixtures("tweede_stap")
def test_a_recovery_code_works_once(client):
    gebruiker = StaffFactory(beheer=True)
    _, codes = met_app(gebruiker)
    url = reverse("account:tweede_stap")
    client.force_login(gebruiker)

    eerste = client.post(url, {"code": codes[0].upper(), "next": "/admin/"}, follow=True)
    client.logout()
    client.force_login(gebruiker)
    tweede = client.post(url, {"code": codes[0]})

    assert eerste.redirect_chain == [("/admin/", 302)]
    assert [str(m) for m in eerste.context["messages"]] == [
        "U heeft een herstelcode gebruikt; er zijn er nog 9. Maak nieuwe herstelcodes via "
        "‘Tweede stap’ rechtsboven in het beheer."
    ]
    assert tweede.status_code == 200
    assert veldfout(tweede.text) == FOUTE_CODE
    assert soorten() == [Soort.HERSTELCODE_GEBRUIKT, Soort.TWEEDE_STAP_MISLUKT]
    assert na_het_wachtwoord().first().details == {"middel": "herstelcode", "te_vaak": False}
    assert na_het_wachtwoord().last().details == {"over": 9}


@pytest.mark.usefixtures("tweede_stap")
def test_new_recovery_codes_replace_the_old(client):
    gebruiker = StaffFactory()
    apparaat, oude = met_app(gebruiker)
    client.force_login(gebruiker)
    url = reverse("account:tweede_stap_herstelcodes")
    with stil():
        client.post(reverse("account:tweede_stap"), {"code": code_van(apparaat)})

    overzicht = client.get(url)
    nieuw = client.post(url)
    client.logout()
    client.force_login(gebruiker)
    met_oude = client.post(reverse("account:tweede_stap"), {"code": oude[1]})

    nieuwe = re.findall(r"<li><code>([a-z2-7]{4}-[a-z2-7]{4})</code></li>", nieuw.text)
    assert "U heeft nog 10 herstelcodes" in overzicht.text
    assert (
        "De oude telefoon werkt daarna niet meer. U krijgt dan ook nieuwe herstelcodes; de "
        "herstelcodes die u nu heeft, werken daarna niet meer." in overzicht.text
    )
    assert len(nieuwe) == 10
    assert set(nieuwe).isdisjoint(oude)
    assert "Uw vorige herstelcodes werken niet meer." in nieuw.text
    assert veldfout(met_oude.text) == FOUTE_CODE
    assert StaticDevice.objects.filter(user=gebruiker).count() == 1


@pytest.mark.usefixtures("tweede_stap")
def test_new_recovery_codes_keep_a_session_verified_with_a_recovery_code(client):
    gebruiker = StaffFactory(beheer=True)
    _, oude = met_app(gebruiker)
    client.force_login(gebruiker)
    client.post(reverse("account:tweede_stap"), {"code": oude[0]})

    nieuw = client.post(reverse("account:tweede_stap_herstelcodes"))
    admin_daarna = client.get("/admin/")
    client.logout()
    client.force_login(gebruiker)
    met_oude = client.post(reverse("account:tweede_stap"), {"code": oude[1]})

    assert "Uw vorige herstelcodes werken niet meer." in nieuw.text
    assert admin_daarna.status_code == 200
    assert veldfout(met_oude.text) == FOUTE_CODE
    assert StaticToken.objects.filter(device__user=gebruiker).count() == 10


@pytest.mark.usefixtures("tweede_stap")
def test_recovery_codes_are_only_made_in_a_verified_session(client):
    gebruiker = StaffFactory()
    _, codes = met_app(gebruiker)
    client.force_login(gebruiker)

    response = client.post(reverse("account:tweede_stap_herstelcodes"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account:tweede_stap") + "?")
    assert sorted(StaticToken.objects.values_list("token", flat=True)) == sorted(
        c.replace("-", "") for c in codes
    )


# Skipping, where allowed.


@pytest.mark.usefixtures("tweede_stap")
def test_there_is_no_skip_button_where_the_second_step_is_required(client):
    client.force_login(StaffFactory())

    pagina = client.get(reverse("account:tweede_stap_instellen"))
    overslaan = client.post(reverse("account:tweede_stap_overslaan"), {"next": "/admin/"})

    assert "Tweede stap overslaan" not in pagina.text
    assert overslaan.status_code == 404
    assert client.get(reverse("admin:index")).status_code == 302


def test_in_the_demo_staff_may_skip_the_second_step(client, settings):
    settings.TWEEDE_STAP = "overslaanbaar"
    gebruiker = StaffFactory(beheer=True)

    ingelogd = client.post(
        reverse("admin:login") + "?next=/admin/",
        {"username": gebruiker.username, "password": "geheim-wachtwoord", "next": "/admin/"},
    )
    pagina = client.get(reverse("account:tweede_stap_instellen") + "?next=/admin/")
    overgeslagen = client.post(reverse("account:tweede_stap_overslaan"), {"next": "/admin/"})

    assert ingelogd["Location"] == naar_tweede_stap("/admin/")
    assert "In deze demo- of testomgeving kunt u de tweede stap overslaan." in pagina.text
    assert '<button type="submit" class="btn btn-outline-dark">Tweede stap overslaan' in (
        pagina.text
    )
    assert overgeslagen["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


# Beheer removes a lost phone.


@pytest.mark.usefixtures("tweede_stap")
def test_beheer_removes_a_lost_phone_and_the_log_says_so(client):
    beheerder = StaffFactory(beheer=True, username="beheerder")
    apparaat_beheer, _ = met_app(beheerder)
    kwijt = StaffFactory(username="jansen", first_name="Jan", last_name="Jansen")
    apparaat, _ = met_app(kwijt)
    client.force_login(beheerder)
    with stil():
        client.post(reverse("account:tweede_stap"), {"code": code_van(apparaat_beheer)})
    wijzigen = reverse("admin:netwerk_tweedestap_change", args=[apparaat.pk])
    verwijderen = reverse("admin:netwerk_tweedestap_delete", args=[apparaat.pk])

    lijst = client.get(reverse("admin:netwerk_tweedestap_changelist"))
    pagina = client.get(wijzigen)
    bevestigen = client.get(verwijderen)
    verwijderd = client.post(verwijderen, {"post": "yes"}, follow=True)

    assert "Jan Jansen (jansen)" in lijst.text
    assert "Tweede stap van medewerkers" in lijst.text
    assert "Laatst gebruikt" in lijst.text
    assert apparaat.key not in pagina.text
    assert ts.geheim_als_tekst(apparaat) not in pagina.text
    assert "Verkeerde codes op rij" in pagina.text
    assert "authenticator-app van Jan Jansen" in bevestigen.text
    assert [str(m) for m in verwijderd.context["messages"]] == [
        "tweede stap ‘authenticator-app van Jan Jansen’ is verwijderd."
    ]
    assert not TOTPDevice.objects.filter(user=kwijt).exists()
    assert not StaticDevice.objects.filter(user=kwijt).exists()
    laatste = Beveiligingsgebeurtenis.objects.first()
    assert (laatste.soort, laatste.gebruiker, laatste.details) == (
        Soort.TWEEDE_STAP_VERWIJDERD,
        kwijt,
        {"door": "beheerder"},
    )


@pytest.mark.usefixtures("tweede_stap")
def test_a_session_verified_with_a_removed_app_sets_up_a_new_one(client):
    gebruiker = StaffFactory(beheer=True)
    apparaat, _ = met_app(gebruiker)
    client.force_login(gebruiker)
    with stil():
        client.post(reverse("account:tweede_stap"), {"code": code_van(apparaat)})
    assert client.get("/admin/").status_code == 200

    ts.verwijder_tweede_stap(gebruiker=gebruiker, door=StaffFactory(beheer=True))
    response = client.get("/admin/", follow=True)

    assert response.redirect_chain == [
        (naar_tweede_stap("/admin/"), 302),
        (f"{reverse('account:tweede_stap_instellen')}?next=%2Fadmin%2F", 302),
    ]


def test_only_beheer_may_remove_a_second_step():
    assert mag(medewerker(Rol.BEHEER), Recht.VERWIJDER_TWEEDE_STAP)
    for rol in (Rol.COORDINATOR, Rol.BEGELEIDER, Rol.BEOORDELAAR):
        assert not mag(medewerker(rol), Recht.VERWIJDER_TWEEDE_STAP)


@pytest.mark.usefixtures("tweede_stap")
@pytest.mark.parametrize(
    "volgende",
    ["\x00", "/admin/\x00", "//aanvaller.example/", "javascript:alert(1)", "/" + "a" * 5000],
)
def test_junk_in_the_code_or_next_never_answers_500(client, volgende):
    gebruiker = StaffFactory()
    apparaat, codes = met_app(gebruiker)
    client.force_login(gebruiker)
    url = reverse("account:tweede_stap")

    antwoorden = [
        client.get(url, {"next": volgende}),
        client.post(url, {"code": "12\x0034", "next": volgende}),
        client.post(url, {"code": codes[0], "next": volgende}),
        client.get(reverse("account:tweede_stap_herstelcodes"), {"next": volgende}),
    ]

    assert [r.status_code for r in antwoorden] == [200, 200, 302, 200]
    assert antwoorden[2]["Location"].startswith("/")
    assert not antwoorden[2]["Location"].startswith("//")
