"""A person's rights in the admin: look up by e-mail address, export, erase
(netwerk.persoonsgegevens, netwerk.privacyverzoeken)."""

import io
import json
import zipfile

import pytest
from axes.models import AccessAttempt
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.db import models
from django.test import Client
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from aanmeldingen.enums import Domein
from aanmeldingen.models import (
    Belangenconflict,
    Beoordeling,
    Besluitbericht,
    Coalitielid,
    Revisie,
    Toestemming,
    Toewijzing,
)
from casuswijken.enums import Actiestatus, Verslagstatus
from casuswijken.models import Actiepuntwijziging, Deelname, Reactie, Uitnodiging
from netwerk import mail
from netwerk.beveiliging import Soort, noteer
from netwerk.models import Beveiligingsgebeurtenis, Privacyverzoek
from netwerk.persoonsgegevens import (
    PLAATSHOUDER,
    PLAATSHOUDER_MEDEWERKER,
    is_volledige_naam,
    persoon_met,
    verwijder,
)
from netwerk.rechten import Rol
from tests.aanmeldingen.test_admin import _formulierdata
from tests.factories import (
    AanmeldingFactory,
    ActiepuntFactory,
    BeoordelingFactory,
    BesluitberichtFactory,
    BijeenkomstFactory,
    BijlageFactory,
    CasuswijkFactory,
    CoalitielidFactory,
    DeelnameFactory,
    InterventievoorstelFactory,
    ReactieFactory,
    StaffFactory,
    UitnodigingFactory,
    geef_link,
    medewerker,
)

pytestmark = pytest.mark.django_db

FENNA = "fenna.vermeulen@voorbeeld.nl"
FENNA_NAAM = "Fenna Vermeulen"
RUBEN = "ruben.kuipers@voorbeeld.nl"
RUBEN_NAAM = "Ruben Kuipers"

PERSOON = "admin:netwerk_privacyverzoek_persoon"
EXPORT = "admin:netwerk_privacyverzoek_export"
VERWIJDEREN = "admin:netwerk_privacyverzoek_verwijderen"


def _account(email: str, naam: str):
    voornaam, achternaam = naam.split(" ")
    return StaffFactory(
        is_staff=False, username=email, email=email, first_name=voornaam, last_name=achternaam
    )


def twee_personen_in_een_coalitie():
    """Fenna and Ruben in the same coalition and casuswijk, each with a trail of records;
    Fenna is the one who asks."""
    aanmelding = AanmeldingFactory(
        geselecteerd=True, leden=None, aanpak=f"{FENNA_NAAM} trekt de aanpak."
    )
    CoalitielidFactory(aanmelding=aanmelding, naam=FENNA_NAAM, email=FENNA.upper(),
                       is_contactpersoon=True, domein=Domein.FYSIEK)  # fmt: skip
    CoalitielidFactory(aanmelding=aanmelding, naam=RUBEN_NAAM, email=RUBEN, domein=Domein.SOCIAAL)
    CoalitielidFactory(aanmelding=aanmelding, naam="Derde Lid", domein=Domein.SOCIAAL)
    wijk = CasuswijkFactory(aanmelding=aanmelding)
    sessie = BijeenkomstFactory(
        casuswijk=wijk,
        verslag=f"Opening door {FENNA_NAAM}.\n{RUBEN_NAAM} vatte samen.",
        verslagstatus=Verslagstatus.CONCEPT,
    )
    personen = {}
    for email, naam in [(FENNA, FENNA_NAAM), (RUBEN, RUBEN_NAAM)]:
        gebruiker = _account(email, naam)
        DeelnameFactory(gebruiker=gebruiker, casuswijk=wijk, organisatie="Gemeente Zwolle")
        punt = ActiepuntFactory(bijeenkomst=sessie, eigenaar=gebruiker,
                                omschrijving=f"Wijkschouw van {naam.split()[0]}")  # fmt: skip
        Actiepuntwijziging.objects.create(actiepunt=punt, door=gebruiker,
                                          status=Actiestatus.LOOPT, notitie="Gestart")  # fmt: skip
        ReactieFactory(bijeenkomst=sessie, gebruiker=gebruiker, tekst=f"Aanvulling {email[:5]}")
        UitnodigingFactory(bijeenkomst=sessie, gebruiker=gebruiker, antwoord="ja")
        InterventievoorstelFactory(casuswijk=wijk, voorgesteld_door=gebruiker)
        BijlageFactory(bijeenkomst=sessie, toegevoegd_door=gebruiker)
        mail.verstuur_email.enqueue(aan=[email], onderwerp="Welkom in de casuswijk",
                                    tekst=f"Beste {naam},", reply_to=[])  # fmt: skip
        noteer(Soort.INGELOGD, gebruiker=gebruiker, adres="192.0.2.7", login="deelnemer")
        AccessAttempt.objects.create(username=email, ip_address="192.0.2.7", user_agent="Firefox",
                                     http_accept="*/*", path_info="/account/inloggen/",
                                     failures_since_start=2)  # fmt: skip
        Client().force_login(gebruiker)
        personen[email] = gebruiker
    # A mail to Ruben that names Fenna (the coalition's note to its members).
    mail.verstuur_email.enqueue(aan=[RUBEN], onderwerp="U bent genoemd",
                                tekst=f"{FENNA_NAAM} noemde u.", reply_to=[])  # fmt: skip
    BesluitberichtFactory(aanmelding=aanmelding, aan=FENNA, tekst=f"Beste {FENNA_NAAM},")
    Revisie.objects.create(aanmelding=aanmelding, wijzigingen=[
        {"veld": "Lid 1: naam", "oud": FENNA_NAAM, "nieuw": f"{FENNA_NAAM} (Zwolle)"},
        {"veld": "Lid 2: naam", "oud": "R. Kuipers", "nieuw": RUBEN_NAAM},
    ])  # fmt: skip
    coordinator = medewerker("coördinator")
    for lid in Coalitielid.objects.filter(aanmelding=aanmelding):
        LogEntry.objects.create(user=coordinator, action_flag=CHANGE, change_message="[]",
                                content_type=ContentType.objects.get_for_model(Coalitielid),
                                object_id=str(lid.pk), object_repr=str(lid))  # fmt: skip
    return aanmelding, sessie, personen, coordinator


def _zoek(client, email):
    return client.post(reverse(PERSOON), {"email": email})


def test_the_lookup_finds_every_kind_of_record_whatever_the_case_of_the_address(client):
    aanmelding, _, _, coordinator = twee_personen_in_een_coalitie()
    client.force_login(coordinator)

    response = _zoek(client, "Fenna.VERMEULEN@voorbeeld.nl")

    aantallen = {v.soort.sleutel: v.aantal for v, _ in response.context["vondsten"] if v.aantal}
    assert aantallen == {
        "accounts": 1,
        "coalitieleden": 1,
        "deelnames": 1,
        "actiepunten": 1,
        "actiepuntwijzigingen": 1,
        "reacties": 1,
        "uitnodigingen": 1,
        "voorstellen": 1,
        "bijlagen": 1,
        "besluitberichten": 1,
        "mails": 1,
        "mails_aan_anderen": 1,
        # The login noted by hand and the one of force_login.
        "beveiligingslog": 2,
        "inlogpogingen": 1,
        "sessies": 1,
        "beheerlog": 1,
        "revisies": 1,
        # The application's approach and the verslag.
        "vermeldingen": 2,
    }
    assert "Coalitielid in een aanmelding (1)" in response.content.decode()
    items = {v.soort.sleutel: items for v, items in response.context["vondsten"]}
    wijzig = reverse("admin:aanmeldingen_aanmelding_change", args=[aanmelding.pk])
    assert items["coalitieleden"] == [(f"{FENNA_NAAM} in {aanmelding}", wijzig)]
    # The security log is for beheer: the coördinator gets its rows without a link.
    assert [link for _, link in items["beveiligingslog"]] == [None, None]


def test_the_lookup_changes_nothing_and_says_when_nothing_is_held(client):
    client.force_login(medewerker("coördinator"))

    response = _zoek(client, "niemand@voorbeeld.nl")

    assert "Het portaal bewaart niets over dit e-mailadres." in response.content.decode()
    assert Privacyverzoek.objects.count() == 0


def test_the_lookup_refuses_a_bad_address_with_a_dutch_message(client):
    client.force_login(medewerker("coördinator"))

    response = _zoek(client, "geen adres")

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "email": ["Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl."]
    }


def _meer_van_fenna(sessie, fenna, coordinator, aantal: int) -> None:
    for _ in range(aantal):
        nog_een = BijeenkomstFactory(casuswijk=sessie.casuswijk, verslag=f"Met {FENNA_NAAM}.")
        UitnodigingFactory(bijeenkomst=nog_een, gebruiker=fenna, antwoord="nee")
        ReactieFactory(bijeenkomst=sessie, gebruiker=fenna, tekst="Nog een aanvulling")
        punt = ActiepuntFactory(bijeenkomst=sessie, eigenaar=fenna, omschrijving="Nog een punt")
        Actiepuntwijziging.objects.create(actiepunt=punt, door=coordinator,
                                          status=Actiestatus.LOOPT, notitie=FENNA_NAAM)  # fmt: skip
        mail.verstuur_email.enqueue(aan=[FENNA], onderwerp="Herinnering", tekst="x", reply_to=[])
        LogEntry.objects.create(user=coordinator, action_flag=CHANGE, change_message="[]",
                                content_type=ContentType.objects.get_for_model(Deelname),
                                object_id="0", object_repr=FENNA_NAAM)  # fmt: skip


def test_the_lookup_costs_the_same_number_of_queries_for_few_and_many_records(
    client, django_assert_num_queries
):
    _, sessie, personen, coordinator = twee_personen_in_een_coalitie()
    client.force_login(coordinator)
    _zoek(client, FENNA)  # the session and the content types are cached after this
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as een:
        _zoek(client, FENNA)
    _meer_van_fenna(sessie, personen[FENNA], coordinator, 5)

    with django_assert_num_queries(len(een.captured_queries)):
        response = _zoek(client, FENNA)

    aantallen = {v.soort.sleutel: v.aantal for v, _ in response.context["vondsten"]}
    assert (aantallen["reacties"], aantallen["uitnodigingen"], aantallen["beheerlog"]) == (6, 6, 6)
    # The application, the first verslag, five more verslagen and five notes.
    assert aantallen["vermeldingen"] == 12


def _export(client, email=FENNA) -> tuple[dict, str]:
    response = client.post(reverse(EXPORT), {"email": email})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archief = zipfile.ZipFile(io.BytesIO(response.content))
    assert sorted(archief.namelist()) == ["LEESMIJ.txt", "gegevens.json"]
    return json.loads(archief.read("gegevens.json")), archief.read("LEESMIJ.txt").decode()


def test_the_export_holds_every_record_about_the_person_and_nothing_about_anyone_else(client):
    _, _, _, coordinator = twee_personen_in_een_coalitie()
    client.force_login(coordinator)

    gegevens, leesmij = _export(client)

    assert gegevens["e-mailadres"] == FENNA
    per_soort = gegevens["gegevens"]
    assert per_soort["coalitieleden"] == [
        {
            "aanmelding": per_soort["coalitieleden"][0]["aanmelding"],
            "oproep": per_soort["coalitieleden"][0]["oproep"],
            "status_aanmelding": "Geselecteerd",
            "naam": FENNA_NAAM,
            "organisatie": per_soort["coalitieleden"][0]["organisatie"],
            "organisatietype": "Gemeente",
            "domein": "Fysiek domein",
            "functie": "Beleidsadviseur",
            "e-mailadres": FENNA.upper(),
            "contactpersoon": True,
        }
    ]
    assert [r["tekst"] for r in per_soort["reacties"]] == ["Aanvulling fenna"]
    assert [u["antwoord"] for u in per_soort["uitnodigingen"]] == ["Ik kom"]
    assert per_soort["revisies"][0]["wijzigingen"] == [
        {"veld": "Lid 1: naam", "oud": FENNA_NAAM, "nieuw": f"{FENNA_NAAM} (Zwolle)"}
    ]
    assert per_soort["vermeldingen"][1]["velden"] == {"verslag": [f"Opening door {FENNA_NAAM}."]}
    alles = json.dumps(gegevens, ensure_ascii=False).lower()
    for over_een_ander in [RUBEN, RUBEN_NAAM.lower(), "ruben", "kuipers", "derde lid"]:
        assert over_een_ander not in alles
    assert set(per_soort) <= {
        regel.split(":")[0] for regel in leesmij.splitlines() if regel and regel[0].isalpha()
    }
    assert "- omschrijving: wat er is afgesproken" in leesmij


def test_the_export_is_recorded_without_the_address(client):
    _, _, _, coordinator = twee_personen_in_een_coalitie()
    client.force_login(coordinator)

    _export(client)

    verzoek = Privacyverzoek.objects.get()
    assert (verzoek.soort, verzoek.behandeld_door) == ("inzage", coordinator)
    assert verzoek.aantallen["reacties"] == 1
    regel = Beveiligingsgebeurtenis.objects.filter(soort=Soort.EXPORT).get()
    assert regel.gebruiker == coordinator
    assert "fenna" not in json.dumps(regel.details).lower()


def test_the_confirmation_page_changes_nothing(client):
    _, _, _, coordinator = twee_personen_in_een_coalitie()
    client.force_login(coordinator)

    op_get = client.get(reverse(VERWIJDEREN), {"email": FENNA, "bevestigd": "True"})
    bevestiging = client.post(reverse(VERWIJDEREN), {"email": FENNA})

    assert op_get.status_code == 302
    assert bevestiging.status_code == 200
    tekst = bevestiging.content.decode()
    assert "Deelname aan een casuswijk: 1" in tekst
    assert "Ja, verwijder deze gegevens" in tekst
    assert Coalitielid.objects.filter(email__iexact=FENNA).count() == 1
    assert Deelname.objects.filter(gebruiker__email=FENNA).count() == 1
    assert Privacyverzoek.objects.count() == 0


def _teksten_in_de_database() -> list[tuple[str, str, str]]:
    """Every text, char and JSON value of every row of every installed model."""
    waarden = []
    for model in apps.get_models(include_auto_created=True):
        velden = [
            veld
            for veld in model._meta.concrete_fields
            if isinstance(veld, models.CharField | models.TextField | models.JSONField)
        ]
        if not velden:
            continue
        for rij in model._base_manager.values_list(*[veld.attname for veld in velden]):
            for veld, waarde in zip(velden, rij, strict=True):
                if waarde is None:
                    continue
                tekst = (
                    waarde if isinstance(waarde, str) else json.dumps(waarde, ensure_ascii=False)
                )
                waarden.append((model._meta.label, veld.name, tekst.lower()))
    return waarden


def _waar(zoekterm: str) -> list[tuple[str, str]]:
    return [(model, veld) for model, veld, tekst in _teksten_in_de_database() if zoekterm in tekst]


def test_after_erasure_the_address_and_name_are_nowhere_in_the_database(client):
    _, _, personen, coordinator = twee_personen_in_een_coalitie()
    gemodelleerd = {model._meta.label for model in apps.get_models(include_auto_created=True)}
    assert {"admin.LogEntry", "sessions.Session", "axes.AccessAttempt",
            "django_tasks_database.DBTaskResult"} <= gemodelleerd  # fmt: skip
    assert _waar(FENNA) != []
    assert _waar(FENNA_NAAM.lower()) != []
    fenna = [g.pk for g in persoon_met(FENNA).gebruikers]
    client.force_login(coordinator)

    response = client.post(
        reverse(VERWIJDEREN), {"email": FENNA, "bevestigd": "True", "namen": [FENNA_NAAM]}
    )

    assert response.status_code == 302
    assert _waar(FENNA) == []
    assert _waar(FENNA_NAAM.lower()) == []
    # Ruben's records are all still there, his name included.
    assert ("aanmeldingen.Coalitielid", "naam") in _waar(RUBEN_NAAM.lower())
    assert ("casuswijken.Bijeenkomst", "verslag") in _waar(RUBEN_NAAM.lower())
    assert Deelname.objects.filter(gebruiker__email=RUBEN).count() == 1
    assert Reactie.objects.filter(gebruiker__email=RUBEN).count() == 1
    # Fenna's session went (its data is encoded, so the walk above cannot see it); the
    # coordinator's own and Ruben's stay.
    ingelogd = [int(s.get_decoded()["_auth_user_id"]) for s in Session.objects.all()]
    assert sorted(ingelogd) == sorted([coordinator.pk, personen[RUBEN].pk])
    assert fenna[0] not in ingelogd


def test_erasure_keeps_placeholders_where_others_depend_on_the_record(client):
    aanmelding, sessie, personen, coordinator = twee_personen_in_een_coalitie()
    fenna = personen[FENNA]

    verwijder(persoon=persoon_met(FENNA), door=coordinator, namen=[FENNA_NAAM])

    leden = list(Coalitielid.objects.filter(aanmelding=aanmelding).values_list("naam", "email"))
    assert leden == [(PLAATSHOUDER, ""), (RUBEN_NAAM, RUBEN), ("Derde Lid", leden[2][1])]
    fenna.refresh_from_db()
    assert (fenna.get_full_name(), fenna.email, fenna.is_active) == (PLAATSHOUDER, "", False)
    assert not fenna.has_usable_password()
    assert Reactie.objects.filter(gebruiker=fenna).count() == 1
    assert Uitnodiging.objects.filter(gebruiker=fenna).count() == 0
    assert Deelname.objects.filter(gebruiker=fenna).count() == 0
    assert Besluitbericht.objects.get(aanmelding=aanmelding).tekst == f"Beste {PLAATSHOUDER},"
    sessie.refresh_from_db()
    assert sessie.verslag == f"Opening door {PLAATSHOUDER}.\n{RUBEN_NAAM} vatte samen."
    mails = {taak.args_kwargs["kwargs"]["onderwerp"]: taak for taak in DBTaskResult.objects.all()}
    assert mails["U bent genoemd"].args_kwargs["kwargs"]["tekst"] == f"{PLAATSHOUDER} noemde u."
    assert AccessAttempt.objects.filter(username=RUBEN).count() == 1
    assert AccessAttempt.objects.filter(username=FENNA).count() == 0
    verzoek = Privacyverzoek.objects.get()
    assert (verzoek.soort, verzoek.aantallen["deelnames"]) == ("verwijdering", 1)


def test_after_erasure_the_coalition_and_the_verslag_show_the_placeholder(client):
    aanmelding, sessie, personen, coordinator = twee_personen_in_een_coalitie()
    verwijder(persoon=persoon_met(FENNA), door=coordinator, namen=[FENNA_NAAM])
    client.force_login(coordinator)

    coalitie = client.get(reverse("admin:aanmeldingen_aanmelding_change", args=[aanmelding.pk]))
    client.force_login(personen[RUBEN])
    verslag = client.get(
        reverse("casuswijken:bijeenkomst", args=[sessie.casuswijk.slug, sessie.pk])
    )

    assert coalitie.status_code == 200
    assert PLAATSHOUDER in coalitie.content.decode()
    assert verslag.status_code == 200
    assert verslag.content.decode().count(PLAATSHOUDER) >= 2  # in the verslag and a reaction
    assert FENNA_NAAM not in verslag.content.decode()


def test_a_coordinator_cannot_erase_their_own_account(client):
    coordinator = medewerker("coördinator")
    client.force_login(coordinator)

    client.post(reverse(VERWIJDEREN), {"email": coordinator.email, "bevestigd": "True"})

    coordinator.refresh_from_db()
    assert coordinator.is_active
    assert Privacyverzoek.objects.count() == 0


@pytest.mark.parametrize("rol", ["beoordelaar", "begeleider"])
def test_other_roles_get_403_and_change_nothing(client, rol):
    twee_personen_in_een_coalitie()
    client.force_login(medewerker(rol))

    antwoorden = [
        client.post(reverse(PERSOON), {"email": FENNA}).status_code,
        client.post(reverse(EXPORT), {"email": FENNA}).status_code,
        client.post(reverse(VERWIJDEREN), {"email": FENNA, "bevestigd": "True"}).status_code,
    ]

    assert antwoorden == [403, 403, 403]
    assert Coalitielid.objects.filter(email__iexact=FENNA).count() == 1
    assert Privacyverzoek.objects.count() == 0


def test_beheer_may_look_up_and_the_requests_list_holds_no_personal_data(client):
    twee_personen_in_een_coalitie()
    client.force_login(StaffFactory(beheer=True))
    client.post(reverse(VERWIJDEREN), {"email": FENNA, "bevestigd": "True"})

    lijst = client.get(reverse("admin:netwerk_privacyverzoek_changelist"))

    assert lijst.status_code == 200
    assert "Verwijdering" in lijst.content.decode()
    assert "fenna" not in lijst.content.decode().lower()


def test_the_application_list_finds_an_application_by_a_members_address(client):
    aanmelding, *_ = twee_personen_in_een_coalitie()
    AanmeldingFactory()
    client.force_login(medewerker("coördinator"))

    response = client.get(
        reverse("admin:aanmeldingen_aanmelding_changelist"), {"q": "RUBEN.kuipers@"}
    )

    assert [a.pk for a in response.context["cl"].result_list] == [aanmelding.pk]


def test_erasing_a_reviewer_keeps_their_reviews_under_the_staff_placeholder():
    beoordelaar = StaffFactory(rol=Rol.BEOORDELAAR, email="Bea@platform31.nl",
                               first_name="Bea", last_name="Beoordeel")  # fmt: skip
    beoordeling = BeoordelingFactory(beoordelaar=beoordelaar)

    verwijder(persoon=persoon_met("bea@platform31.nl"), door=StaffFactory(beheer=True))

    beoordeling.refresh_from_db()
    assert beoordeling.beoordelaar == beoordelaar
    beoordelaar.refresh_from_db()
    assert (beoordelaar.get_full_name(), beoordelaar.is_staff) == (PLAATSHOUDER_MEDEWERKER, False)
    assert list(beoordelaar.groups.all()) == []
    assert Privacyverzoek.objects.get().aantallen == {"accounts": 1, "beoordelingen": 1}


def test_after_erasure_staff_can_still_save_the_application(client):
    aanmelding, _, _, coordinator = twee_personen_in_een_coalitie()
    verwijder(persoon=persoon_met(FENNA), door=coordinator, namen=[FENNA_NAAM])
    client.force_login(coordinator)
    pagina = reverse("admin:aanmeldingen_aanmelding_change", args=[aanmelding.pk])
    data = _formulierdata(client.get(pagina))
    data["wijknaam"] = "Nieuwe naam"

    response = client.post(pagina, data)

    assert response.status_code == 302
    aanmelding.refresh_from_db()
    assert aanmelding.wijknaam == "Nieuwe naam"
    assert aanmelding.leden.filter(naam=PLAATSHOUDER, email="").count() == 1


def test_no_new_link_goes_to_a_contact_person_whose_address_was_erased(client):
    aanmelding, _, _, coordinator = twee_personen_in_een_coalitie()
    verwijder(persoon=persoon_met(FENNA), door=coordinator, namen=[FENNA_NAAM])
    client.force_login(coordinator)
    wachtrij = DBTaskResult.objects.count()

    response = client.post(
        reverse("admin:aanmeldingen_aanmelding_changelist"),
        {"action": "stuur_link", "_selected_action": [aanmelding.pk], "bevestigd": "ja"},
        follow=True,
    )

    assert response.status_code == 200
    assert "de contactpersoon heeft geen e-mailadres meer" in response.text
    assert "krijgt een nieuwe link" not in response.text
    assert DBTaskResult.objects.count() == wachtrij
    aanmelding.refresh_from_db()
    assert not aanmelding.wachtende_toegang_selector


# --- A name typed by an applicant (the "de" attack) ----------------------------------------

AANVALLER = "aanvaller@voorbeeld.nl"


@pytest.mark.parametrize(
    ("naam", "volledig"),
    [
        ("Fenna Vermeulen", True),
        ("Jan de Vries", True),
        ("Li Wu", True),
        ("Dewi de Deelnemer", True),
        ("de", False),
        ("Jan", False),
        ("van der", False),
        ("de de", False),
        ("Jan V", False),
        ("verwijderde deelnemer", False),
        ("Verwijderde medewerker", False),
    ],
)
def test_only_a_plausible_full_name_is_searched(naam, volledig):
    assert is_volledige_naam(naam) is volledig


def _de_aanval():
    """An applicant puts "de" as a member's name next to their own address, in a concept;
    elsewhere the portal holds texts of others full of "de"."""
    eigen = AanmeldingFactory(status="concept", leden=None)
    CoalitielidFactory(aanmelding=eigen, naam="de", email=AANVALLER)
    andere = AanmeldingFactory(aanpak="We versterken de wijk met de buurt.")
    BeoordelingFactory(aanmelding=andere, motivatie="De aanpak is sterk, de coalitie breed.")
    Belangenconflict.objects.create(aanmelding=andere, beoordelaar=medewerker("beoordelaar"),
                                    toelichting="Ik ken de wethouder.")  # fmt: skip
    BijeenkomstFactory(verslag="Intern: de begroting is krap.", verslagstatus=Verslagstatus.CONCEPT)
    return andere


def test_a_name_like_de_puts_no_texts_of_others_in_the_export(client):
    _de_aanval()
    client.force_login(medewerker("coördinator"))

    gegevens, leesmij = _export(client, AANVALLER)
    opgezocht = _zoek(client, AANVALLER).content.decode()

    assert "Niet gezocht, want geen volledige naam: de." in opgezocht
    assert set(gegevens["gegevens"]) == {"coalitieleden"}
    assert gegevens["gezochte_namen"] == []
    alles = json.dumps(gegevens, ensure_ascii=False).lower()
    for tekst in ["de wijk", "de aanpak is sterk", "de wethouder", "de begroting"]:
        assert tekst not in alles
    assert "er is geen volledige naam gevonden" in leesmij


def test_a_name_like_de_changes_no_text_on_erasure(client):
    _de_aanval()
    voor = {(m, v, t) for m, v, t in _teksten_in_de_database() if " de " in f" {t} "}

    # Even ticked by hand, a name that is not searched is not replaced.
    verwijder(persoon=persoon_met(AANVALLER), door=medewerker("coördinator"), namen=["de"])

    assert Coalitielid.objects.filter(naam=PLAATSHOUDER).count() == 1
    na = {(m, v, t) for m, v, t in _teksten_in_de_database()}
    weg = {(m, v, t) for m, v, t in voor if (m, v, t) not in na}
    # Only the attacker's own member row and its log of creation changed.
    assert {m for m, _, _ in weg} <= {"aanmeldingen.Coalitielid"}
    assert PLAATSHOUDER not in {t for m, _, t in na if m != "aanmeldingen.Coalitielid"}


def test_the_confirmation_lists_each_name_with_its_hits_and_ticks_none(client):
    twee_personen_in_een_coalitie()
    client.force_login(medewerker("coördinator"))

    response = client.post(reverse(VERWIJDEREN), {"email": FENNA})

    # The approach, the verslag, a revision, two mails and a line of the admin's log.
    assert response.context["namen"] == [(FENNA_NAAM, 6)]
    tekst = response.content.decode()
    assert f"{FENNA_NAAM} (in 6 teksten)" in tekst
    assert 'name="namen"' in tekst
    assert "checked" not in tekst


def test_an_unticked_name_stays_and_a_ticked_one_goes(client):
    _, sessie, _, coordinator = twee_personen_in_een_coalitie()
    # Someone else's name on Fenna's address: typed by an applicant in another application.
    ander = AanmeldingFactory(leden=None)
    CoalitielidFactory(aanmelding=ander, naam="Anna de Boer", email=FENNA)
    BijeenkomstFactory(verslag="Anna de Boer gaf een toelichting.")
    client.force_login(coordinator)

    client.post(reverse(VERWIJDEREN), {"email": FENNA, "bevestigd": "True", "namen": [FENNA_NAAM]})

    sessie.refresh_from_db()
    assert sessie.verslag.startswith(f"Opening door {PLAATSHOUDER}.")
    assert ("casuswijken.Bijeenkomst", "verslag") in _waar("anna de boer gaf")
    assert _waar(FENNA_NAAM.lower()) == []


def test_the_export_gives_a_mention_as_kind_id_and_the_fragment_only(client):
    _, sessie, _, coordinator = twee_personen_in_een_coalitie()
    lang = "Het overleg ging over veel. " * 10
    sessie.verslag = f"{lang}Daarna sprak {FENNA_NAAM} over de buurt.\n{RUBEN_NAAM} sloot af."
    sessie.save()
    client.force_login(coordinator)

    gegevens, leesmij = _export(client)

    verslag = [
        v for v in gegevens["gegevens"]["vermeldingen"] if v["soort_record"] == "bijeenkomst"
    ]
    assert verslag == [
        {
            "soort_record": "bijeenkomst",
            "id": sessie.pk,
            "velden": {"verslag": [f"Daarna sprak {FENNA_NAAM} over de buurt."]},
        }
    ]
    assert gegevens["gezochte_namen"] == [FENNA_NAAM]
    assert f"en op deze namen: {FENNA_NAAM}" in leesmij


# --- Staff accounts -------------------------------------------------------------------------


def test_a_coordinator_cannot_erase_a_staff_account_and_is_warned(client):
    collega = medewerker("begeleider")
    beheerder = StaffFactory(beheer=True)
    client.force_login(medewerker("coördinator"))

    voorbeeld = client.post(reverse(VERWIJDEREN), {"email": collega.email})
    for account in (collega, beheerder):
        client.post(reverse(VERWIJDEREN), {"email": account.email, "bevestigd": "True"})

    tekst = voorbeeld.content.decode()
    assert "hoort bij een account van een medewerker" in tekst
    assert "Alleen beheer mag dat account verwijderen." in tekst
    assert "Ja, verwijder deze gegevens" not in tekst
    for account in (collega, beheerder):
        account.refresh_from_db()
        assert (account.is_active, account.is_staff) == (True, True)
    assert Privacyverzoek.objects.count() == 0


def _accountbeheerder():
    """A coördinator who was also given Django's right to manage accounts."""
    coordinator = medewerker("coördinator")
    coordinator.user_permissions.add(Permission.objects.get(codename="change_user"))
    return get_user_model().objects.get(pk=coordinator.pk)


def test_beheer_may_erase_a_staff_account(client):
    collega = medewerker("begeleider")
    client.force_login(StaffFactory(beheer=True))

    response = client.post(reverse(VERWIJDEREN), {"email": collega.email, "bevestigd": "True"})

    assert response.status_code == 302
    collega.refresh_from_db()
    assert (collega.is_active, collega.get_full_name()) == (False, PLAATSHOUDER_MEDEWERKER)


@pytest.mark.parametrize("laatste", ["beheer", "superuser"])
def test_the_last_active_beheer_account_is_refused(client, laatste):
    baas = StaffFactory(beheer=True) if laatste == "beheer" else StaffFactory(is_superuser=True)
    StaffFactory(beheer=True, is_active=False)
    client.force_login(_accountbeheerder())

    voorbeeld = client.post(reverse(VERWIJDEREN), {"email": baas.email})
    client.post(reverse(VERWIJDEREN), {"email": baas.email, "bevestigd": "True"})
    baas.refresh_from_db()
    assert baas.is_active
    StaffFactory(beheer=True)
    client.post(reverse(VERWIJDEREN), {"email": baas.email, "bevestigd": "True"})

    assert "Dit is het laatste actieve account van beheer." in voorbeeld.content.decode()
    assert "Ja, verwijder deze gegevens" not in voorbeeld.content.decode()
    baas.refresh_from_db()
    assert not baas.is_active  # with another beheer account, it may go


# --- A reviewer's assignments ---------------------------------------------------------------


def test_erasing_a_reviewer_removes_the_assignments_still_to_do():
    beoordelaar = medewerker("beoordelaar")
    open_, gedaan, conflict = AanmeldingFactory(), AanmeldingFactory(), AanmeldingFactory()
    for aanmelding in (open_, gedaan, conflict):
        Toewijzing.objects.create(aanmelding=aanmelding, beoordelaar=beoordelaar)
    BeoordelingFactory(aanmelding=gedaan, beoordelaar=beoordelaar)
    Belangenconflict.objects.create(aanmelding=conflict, beoordelaar=beoordelaar)
    assert Toewijzing.objects.open().count() == 1

    verwijder(persoon=persoon_met(beoordelaar.email), door=StaffFactory(beheer=True))

    assert Toewijzing.objects.open().count() == 0
    assert list(Toewijzing.objects.tellend().values_list("aanmelding", flat=True)) == [gedaan.pk]
    assert Beoordeling.objects.get(aanmelding=gedaan).beoordelaar == beoordelaar
    # The declared conflict still keeps the (erased) reviewer off that application.
    assert Belangenconflict.objects.filter(aanmelding=conflict, beoordelaar=beoordelaar).exists()
    assert not Toewijzing.objects.tellend().filter(aanmelding=conflict).exists()


# --- The contact person's link and consents -------------------------------------------------


def test_erasing_the_contact_person_revokes_the_applications_secret_link(client):
    aanmelding, _, _, coordinator = twee_personen_in_een_coalitie()
    link = geef_link(aanmelding)
    assert client.get(link).status_code == 200
    client.force_login(coordinator)

    voorbeeld = client.post(reverse(VERWIJDEREN), {"email": FENNA})
    client.post(reverse(VERWIJDEREN), {"email": FENNA, "bevestigd": "True"})

    assert "De geheime link van de aanmelding" in voorbeeld.content.decode()
    client.logout()
    assert client.get(link).status_code == 404
    aanmelding.refresh_from_db()
    assert (aanmelding.toegang_selector, aanmelding.wachtende_toegang_selector) == (None, "")


def test_the_export_holds_the_consents_of_the_contact_persons_applications(client):
    aanmelding, _, _, coordinator = twee_personen_in_een_coalitie()
    Toestemming.objects.create(aanmelding=aanmelding, versie="2026-01", moment="indienen")
    Toestemming.objects.create(aanmelding=AanmeldingFactory(), versie="2026-01", moment="concept")
    client.force_login(coordinator)

    fenna, leesmij = _export(client)
    ruben, _ = _export(client, RUBEN)
    verwijder(persoon=persoon_met(FENNA), door=coordinator)

    assert [(t["versie"], t["moment"]) for t in fenna["gegevens"]["toestemmingen"]] == [
        ("2026-01", "indienen")
    ]
    assert "toestemmingen" not in ruben["gegevens"]  # not the contact person
    assert "toestemmingen: Toestemmingen met de privacyverklaring" in leesmij
    assert Toestemming.objects.filter(aanmelding=aanmelding).count() == 1
