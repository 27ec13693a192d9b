import re

import pytest
from django.conf import settings
from django.urls import reverse

from aanmeldingen.enums import Domein, Status
from aanmeldingen.models import AANVRAGERVELDEN, Aanmelding, Coalitielid, Statuswijziging
from tests.conftest import wachtende_mails
from tests.factories import OproepFactory, aanmeld_data, lid_data

pytestmark = pytest.mark.django_db


def assert_niets_opgeslagen():
    assert Aanmelding.objects.count() == 0
    assert Coalitielid.objects.count() == 0
    assert Statuswijziging.objects.count() == 0
    assert wachtende_mails() == []


def fouten(response) -> list[str]:
    """The texts in the error summary at the top of the page."""
    return [fout.tekst for fout in response.context["fouten"]]


def test_form_shows_three_members_with_first_as_contact(client, url):
    response = client.get(url)

    formset = response.context["formset"]
    assert response.status_code == 200
    assert len(formset.forms) == 3
    assert [bool(form["is_contactpersoon"].value()) for form in formset.forms] == [
        True,
        False,
        False,
    ]
    privacy_invoer = response.text.split('name="privacy_akkoord"')[1].split(">")[0]
    assert "checked" not in privacy_invoer


def test_valid_submission_writes_application_members_history_and_mails(client, url, oproep):
    response = client.post(url, aanmeld_data())

    assert response.status_code == 302
    assert response.url == reverse("aanmeldingen:ontvangen", kwargs={"slug": oproep.slug})
    aanmelding = Aanmelding.objects.get()
    assert aanmelding.status == Status.INGEDIEND
    assert aanmelding.ingediend_op is not None
    assert aanmelding.privacy_akkoord_op is not None
    assert aanmelding.privacyverklaring_versie == settings.PRIVACYVERKLARING_VERSIE == "2026-12-01c"
    assert aanmelding.cbs_wijkcode == "WK034405"
    assert [(lid.naam, lid.is_contactpersoon) for lid in aanmelding.leden.all()] == [
        ("Lid 1", True),
        ("Lid 2", False),
        ("Lid 3", False),
    ]
    assert list(aanmelding.statuswijzigingen.values_list("van", "naar")) == [
        (Status.CONCEPT, Status.INGEDIEND)
    ]
    mails = wachtende_mails()
    assert [mail["aan"] for mail in mails] == [
        ["lid1@voorbeeld.nl"],
        ["lid2@voorbeeld.nl"],
        ["lid3@voorbeeld.nl"],
    ]
    assert mails[0]["onderwerp"] == "Aanmelding ontvangen: Kanaleneiland (Utrecht)"
    assert "KOPIE VAN UW AANMELDING" in mails[0]["tekst"]
    assert "Welke volgorde werkt?" in mails[0]["tekst"]
    assert mails[1]["onderwerp"] == "U staat in een aanmelding voor het leernetwerk Gemengde Wijk"


def test_confirmation_page_shows_what_was_sent(client, url, oproep):
    response = client.post(url, aanmeld_data(), follow=True)

    assert response.status_code == 200
    assert response.templates[0].name == "aanmeldingen/aanmelding_ontvangen.html"
    assert "Bedankt, we hebben uw aanmelding ontvangen" in response.text
    assert "Kanaleneiland" in response.text
    assert "lid1@voorbeeld.nl" in response.text


def test_confirmation_page_without_submission_goes_to_the_call(client, oproep):
    response = client.get(reverse("aanmeldingen:ontvangen", kwargs={"slug": oproep.slug}))

    assert response.status_code == 302
    assert response.url == oproep.get_absolute_url()


def test_same_post_twice_gives_one_application_and_one_set_of_mails(client, url):
    data = aanmeld_data()

    eerste = client.post(url, data)
    tweede = client.post(url, data)

    assert eerste.status_code == tweede.status_code == 302
    assert Aanmelding.objects.count() == 1
    assert Coalitielid.objects.count() == 3
    assert len(wachtende_mails()) == 3


def test_five_members_with_mixed_case_email_are_stored(client, url):
    leden = [lid_data(n) for n in range(1, 6)]
    leden[4]["email"] = "Lid5@Voorbeeld.NL"

    response = client.post(url, aanmeld_data(leden=leden))

    assert response.status_code == 302
    assert Coalitielid.objects.count() == 5


def test_blank_optional_fourth_member_is_ignored(client, url):
    leden = [lid_data(1), lid_data(2), lid_data(3), {}]

    response = client.post(url, aanmeld_data(leden=leden))

    assert response.status_code == 302
    assert Coalitielid.objects.count() == 3


def test_blank_third_member_gives_one_coalition_message_not_required_fields(client, url):
    leden = [lid_data(1), lid_data(2), {}]

    response = client.post(url, aanmeld_data(leden=leden))

    assert response.status_code == 422
    assert [(fout.tekst, fout.anker) for fout in response.context["fouten"]] == [
        (
            "Een coalitie heeft 3 tot 5 leden; u hebt er nu 2 ingevuld. Vul er nog 1 in.",
            "#leden-fouten",
        )
    ]
    assert [form.errors for form in response.context["formset"].forms] == [{}, {}, {}]
    assert_niets_opgeslagen()


def test_partly_filled_member_keeps_its_own_field_messages(client, url):
    leden = [lid_data(1), lid_data(2), {"naam": "Lid 3", "domein": Domein.FYSIEK}]

    response = client.post(url, aanmeld_data(leden=leden))

    assert response.status_code == 422
    assert sorted(response.context["formset"].forms[2].errors) == [
        "email",
        "functie",
        "organisatie",
        "organisatietype",
    ]
    assert response.context["formset"].non_form_errors() == []
    assert_niets_opgeslagen()


GEEN_SOCIAAL_DOMEIN = (
    "De coalitie moet zowel het fysieke als het sociale domein vertegenwoordigen: "
    "voeg iemand toe uit het sociale domein."
)


@pytest.mark.parametrize(
    ("derde", "meldingen"),
    [
        (
            {},
            [
                "Een coalitie heeft 3 tot 5 leden; u hebt er nu 2 ingevuld. Vul er nog 1 in.",
                GEEN_SOCIAAL_DOMEIN,
            ],
        ),
        (
            lid_data(5, email="geen-adres"),
            [GEEN_SOCIAAL_DOMEIN, "Voer een geldig e-mailadres in."],
        ),
    ],
    ids=["derde-leeg", "derde-met-fout"],
)
def test_missing_domain_shows_whatever_else_is_wrong_with_the_members(
    client, url, derde, meldingen
):
    leden = [lid_data(1), lid_data(3), derde]

    response = client.post(url, aanmeld_data(leden=leden))

    assert response.status_code == 422
    assert fouten(response) == meldingen
    assert GEEN_SOCIAAL_DOMEIN in response.text.split('id="leden-fouten"')[1]
    assert_niets_opgeslagen()


@pytest.mark.parametrize(
    ("leden", "melding"),
    [
        (
            [lid_data(1), lid_data(2)],
            "Een coalitie heeft 3 tot 5 leden; u hebt er nu 2 ingevuld. Vul er nog 1 in.",
        ),
        (
            [lid_data(1, domein=Domein.SOCIAAL), lid_data(2), lid_data(3, domein=Domein.SOCIAAL)],
            "De coalitie moet zowel het fysieke als het sociale domein vertegenwoordigen: "
            "voeg iemand toe uit het fysieke domein.",
        ),
        (
            [lid_data(1, is_contactpersoon=None), lid_data(2), lid_data(3)],
            "U hebt nog geen contactpersoon gekozen. Zet bij één lid het vinkje "
            "‘Dit lid is de contactpersoon’.",
        ),
        (
            [lid_data(1), lid_data(2, is_contactpersoon="on"), lid_data(3)],
            "Kies precies één contactpersoon; nu zijn het er 2.",
        ),
    ],
    ids=["te-weinig-leden", "een-domein", "geen-contact", "twee-contacten"],
)
def test_coalition_rule_broken_is_refused_with_its_message(client, url, leden, melding):
    response = client.post(url, aanmeld_data(leden=leden))

    assert response.status_code == 422
    assert fouten(response) == [melding]
    assert melding in response.text.split('id="leden-fouten"')[1]
    assert_niets_opgeslagen()


def test_duplicate_address_is_refused_above_the_members_and_at_both_fields(client, url):
    leden = [lid_data(1), lid_data(2), lid_data(3, email="LID1@voorbeeld.nl")]

    response = client.post(url, aanmeld_data(leden=leden))

    assert response.status_code == 422
    assert fouten(response) == [
        "Ieder lid heeft een eigen e-mailadres; dit adres staat er meer dan eens: "
        "lid1@voorbeeld.nl.",
        "Dit e-mailadres staat ook bij een ander lid.",
        "Dit e-mailadres staat ook bij een ander lid.",
    ]
    formset = response.context["formset"]
    assert [form["email"].errors for form in formset.forms] == [
        ["Dit e-mailadres staat ook bij een ander lid."],
        [],
        ["Dit e-mailadres staat ook bij een ander lid."],
    ]
    assert 'aria-describedby="id_leden-2-email_error"' in response.text
    assert_niets_opgeslagen()


def test_six_members_are_refused(client, url):
    leden = [lid_data(n) for n in range(1, 7)]

    response = client.post(url, aanmeld_data(leden=leden))

    assert response.status_code == 422
    assert fouten(response) == ["Een coalitie heeft maximaal 5 leden."]
    assert_niets_opgeslagen()


@pytest.mark.parametrize(
    ("veld", "waarde", "melding"),
    [
        (
            "cbs_wijkcode",
            "WK12345",
            "Een CBS-wijkcode bestaat uit WK en zes cijfers, bijvoorbeeld WK036301.",
        ),
        (
            "cbs_wijkcode",
            "BU0344050",
            "Een CBS-wijkcode bestaat uit WK en zes cijfers, bijvoorbeeld WK036301.",
        ),
        (
            "wijknaam",
            "x" * 101,
            "Deze tekst is 101 tekens lang; er passen er maximaal 100 in. "
            "Maak hem korter: wat u schreef, staat er nog.",
        ),
        (
            "wijkbeschrijving",
            "x" * 3001,
            "Deze tekst is 3001 tekens lang; er passen er maximaal 3000 in. "
            "Maak hem korter: wat u schreef, staat er nog.",
        ),
        (
            "leervraag_opbrengsten",
            "x" * 2001,
            "Deze tekst is 2001 tekens lang; er passen er maximaal 2000 in. "
            "Maak hem korter: wat u schreef, staat er nog.",
        ),
        ("wijknaam", "", "Vul de naam van de wijk in."),
        (
            "provincie",
            "atlantis",
            "Selecteer een geldige keuze. atlantis is geen beschikbare keuze.",
        ),
        ("privacy_akkoord", None, "Geef toestemming om de aanmelding te kunnen verwerken."),
    ],
)
def test_bad_field_is_refused_with_message_at_the_field(client, url, veld, waarde, melding):
    response = client.post(url, aanmeld_data(**{veld: waarde}))

    assert response.status_code == 422
    assert fouten(response) == [melding]
    assert response.context["form"][veld].errors == [melding]
    assert f'id="id_{veld}_error"' in response.text
    assert_niets_opgeslagen()


def test_line_breaks_count_as_one_character_as_in_the_browser(client, url):
    # 750 lines of three characters: 2999 characters in the textarea, 3748 once the
    # browser has sent each line break as CR LF.
    tekst = "\r\n".join(["abc"] * 750)

    response = client.post(url, aanmeld_data(wijkbeschrijving=tekst))

    assert response.status_code == 302
    assert Aanmelding.objects.get().wijkbeschrijving == tekst.replace("\r\n", "\n")


def test_lowercase_cbs_code_is_accepted_as_uppercase(client, url):
    client.post(url, aanmeld_data(cbs_wijkcode="wk034405"))

    assert Aanmelding.objects.get().cbs_wijkcode == "WK034405"


@pytest.mark.parametrize(
    ("veld", "waarde", "melding"),
    [
        ("email", "geen-adres", "Voer een geldig e-mailadres in."),
        ("naam", "", "Vul de naam van lid 2 in."),
        (
            "organisatie",
            "o" * 151,
            "Deze tekst is 151 tekens lang; er passen er maximaal 150 in. "
            "Maak hem korter: wat u schreef, staat er nog.",
        ),
        ("domein", "", "Kies het domein van lid 2."),
    ],
)
def test_bad_member_field_is_refused_with_message_at_the_field(client, url, veld, waarde, melding):
    leden = [lid_data(1), lid_data(2, **{veld: waarde}), lid_data(3)]

    response = client.post(url, aanmeld_data(leden=leden))

    assert response.status_code == 422
    assert [(fout.anker[:12], fout.tekst) for fout in response.context["fouten"]] == [
        ("#id_leden-1-", melding)
    ]
    assert f'id="id_leden-1-{veld}_error"' in response.text
    assert_niets_opgeslagen()


def test_error_summary_links_to_the_fields(client, url):
    leden = [lid_data(1), lid_data(2, email="fout"), lid_data(3)]

    response = client.post(url, aanmeld_data(leden=leden, wijknaam=""))

    assert [(fout.veld, fout.anker) for fout in response.context["fouten"]] == [
        ("", "#id_wijknaam"),
        ("Lid 2: E-mailadres", "#id_leden-1-email"),
    ]
    assert '<a href="#id_wijknaam">Vul de naam van de wijk in.</a>' in response.text
    assert re.search(r'aria-describedby="[^"]*\bid_wijknaam_error\b', response.text)


def test_error_summary_lists_the_errors_in_the_order_of_the_page(client, url):
    leden = [
        lid_data(1),
        lid_data(2, naam="", functie="", email="fout", domein=None),
        lid_data(3, is_contactpersoon="on"),
    ]
    data = aanmeld_data(
        leden=leden,
        wijknaam="",
        provincie="",
        aanpak="",
        leervraag_opbrengsten="",
        bestaande_interventies="x" * 3001,
        privacy_akkoord=None,
    )

    response = client.post(url, data)

    assert [(fout.veld, fout.anker) for fout in response.context["fouten"]] == [
        # A message that says what to fill in names its field itself: no label before it.
        ("", "#id_wijknaam"),
        ("", "#id_provincie"),
        ("", "#id_aanpak"),
        ("", "#id_leervraag_opbrengsten"),
        ("Bestaande interventies in de wijk", "#id_bestaande_interventies"),
        ("", "#leden-fouten"),
        ("", "#id_leden-1-naam"),
        ("", "#id_leden-1-functie"),
        ("Lid 2: E-mailadres", "#id_leden-1-email"),
        ("", "#id_leden-1-domein_0"),
        ("Privacyverklaring", "#id_privacy_akkoord"),
    ]
    assert_niets_opgeslagen()


def test_required_fields_say_what_to_fill_in_or_choose(client, url):
    leeg = dict.fromkeys(AANVRAGERVELDEN, "")
    leden = [
        lid_data(1),
        {"email": "lid2@voorbeeld.nl"},
        lid_data(3, domein=Domein.SOCIAAL, email=None),
    ]

    response = client.post(url, aanmeld_data(leden=leden, **leeg))

    assert response.status_code == 422
    assert fouten(response) == [
        "Vul de naam van de wijk in.",
        "Vul de gemeente in.",
        "Kies een provincie.",
        "Vul een beschrijving van de wijk in.",
        "Vul een korte beschrijving van de aanpak in.",
        "Vul uw antwoord op de leervraag over verwachtingen in.",
        "Vul uw antwoord op de leervraag over opbrengsten in.",
        "Vul uw antwoord op de leervraag over randvoorwaarden in.",
        "Vul uw antwoord op de leervraag over interventies in.",
        "Vul de naam van lid 2 in.",
        "Vul de functie van lid 2 in.",
        "Vul de organisatie van lid 2 in.",
        "Kies de soort organisatie van lid 2.",
        "Kies het domein van lid 2.",
        "Vul het e-mailadres van lid 3 in.",
    ]
    assert response.context["form"]["provincie"].errors == ["Kies een provincie."]
    assert_niets_opgeslagen()


def test_missing_management_form_is_refused_calmly(client, url):
    data = aanmeld_data()
    del data["leden-TOTAL_FORMS"]

    response = client.post(url, data)

    assert response.status_code == 422
    assert fouten(response) == [
        "Het formulier kwam onvolledig aan. Laad de pagina opnieuw en probeer het nog eens."
    ]
    assert_niets_opgeslagen()


def test_add_member_without_javascript_keeps_typed_values_and_shows_no_errors(client, url):
    data = aanmeld_data(wijknaam="Halfvol", leden=[lid_data(1), lid_data(2, naam="")])
    data["lid_toevoegen"] = "1"

    response = client.post(url, data)

    formset = response.context["formset"]
    assert response.status_code == 200
    assert len(formset.forms) == 3
    assert response.context["fouten"] == []
    assert response.context["form"]["wijknaam"].value() == "Halfvol"
    assert formset.forms[0]["naam"].value() == "Lid 1"
    assert formset.forms[0]["is_contactpersoon"].value() is True
    assert 'name="leden-TOTAL_FORMS" value="3"' in response.text
    assert_niets_opgeslagen()


def test_add_member_stops_at_five(client, url):
    data = aanmeld_data(leden=[lid_data(n) for n in range(1, 6)])
    data["lid_toevoegen"] = "1"

    response = client.post(url, data)

    namen = [form["naam"].value() for form in response.context["formset"].forms]
    assert namen == ["Lid 1", "Lid 2", "Lid 3", "Lid 4", "Lid 5"]
    assert response.context["formset"].kan_toevoegen is False
    assert "data-toevoeg-blok hidden" in response.text


def test_remove_member_without_javascript_removes_that_member(client, url):
    data = aanmeld_data(leden=[lid_data(n) for n in range(1, 5)])
    data["lid_verwijderen"] = "1"

    response = client.post(url, data)

    namen = [form["naam"].value() for form in response.context["formset"].forms]
    assert namen == ["Lid 1", "Lid 3", "Lid 4"]
    assert_niets_opgeslagen()


def test_remove_member_keeps_at_least_three(client, url):
    data = aanmeld_data()
    data["lid_verwijderen"] = "0"

    response = client.post(url, data)

    namen = [form["naam"].value() for form in response.context["formset"].forms]
    assert namen == ["Lid 1", "Lid 2", "Lid 3"]
    assert response.context["formset"].kan_verwijderen is False


def test_honeypot_filled_in_is_refused_calmly_and_keeps_what_was_typed(client, url):
    response = client.post(url, aanmeld_data(wijknaam="Lombok", website="http://spam.example"))

    assert response.status_code == 400
    assert "We hebben uw aanmelding nog niet opgeslagen" in response.text
    assert response.context["form"]["wijknaam"].value() == "Lombok"
    assert response.context["formset"].forms[2]["naam"].value() == "Lid 3"
    assert 'value="http://spam.example"' not in response.text
    assert_niets_opgeslagen()


def test_form_after_deadline_shows_closed_page(client):
    oproep = OproepFactory(gesloten=True)

    response = client.get(reverse("aanmeldingen:aanmelden", kwargs={"slug": oproep.slug}))

    assert response.status_code == 200
    assert "De aanmelding is gesloten" in response.text
    assert "form" not in response.context


def test_post_after_deadline_is_refused(client):
    oproep = OproepFactory(gesloten=True)

    response = client.post(
        reverse("aanmeldingen:aanmelden", kwargs={"slug": oproep.slug}), aanmeld_data()
    )

    assert response.status_code == 410
    assert "hebben uw formulier niet opgeslagen" in response.text
    assert_niets_opgeslagen()


def test_form_of_unpublished_call_answers_404(client):
    oproep = OproepFactory(ongepubliceerd=True)

    response = client.get(reverse("aanmeldingen:aanmelden", kwargs={"slug": oproep.slug}))

    assert response.status_code == 404


def test_submissions_are_rate_limited_per_address(client, url, settings):
    settings.AANMELDINGEN_PER_UUR = 2
    client.post(url, aanmeld_data(wijknaam="Een"))
    client.post(url, aanmeld_data(wijknaam="Twee"))

    response = client.post(url, aanmeld_data(wijknaam="Drie"))

    assert response.status_code == 429
    assert fouten(response) == [
        "Vanaf uw internetadres zijn het afgelopen uur al 2 aanmeldingen ingediend. Om "
        "misbruik te voorkomen kan dat pas over een uur weer. Uw antwoorden staan nog in het "
        "formulier; kopieer ze, of mail ons als het niet kan wachten."
    ]
    assert response.context["form"]["wijknaam"].value() == "Drie"
    assert sorted(Aanmelding.objects.values_list("wijknaam", flat=True)) == ["Een", "Twee"]


def test_rate_limit_counts_other_addresses_separately(client, url, settings):
    settings.AANMELDINGEN_PER_UUR = 1
    client.post(url, aanmeld_data(wijknaam="Een"), REMOTE_ADDR="10.0.0.1")

    response = client.post(url, aanmeld_data(wijknaam="Twee"), REMOTE_ADDR="10.0.0.2")

    assert response.status_code == 302
    assert Aanmelding.objects.count() == 2


def test_repeating_a_stored_submission_is_answered_as_before_even_at_the_limit(
    client, url, settings
):
    settings.AANMELDINGEN_PER_UUR = 1
    data = aanmeld_data()
    client.post(url, data)

    response = client.post(url, data)

    assert response.status_code == 302
    assert response.url == reverse("aanmeldingen:ontvangen", kwargs={"slug": "gemengde-wijk"})
    assert Aanmelding.objects.count() == 1


def test_failed_attempts_do_not_use_up_the_rate_limit(client, url, settings):
    settings.AANMELDINGEN_PER_UUR = 1
    for _ in range(3):
        client.post(url, aanmeld_data(wijknaam=""))

    response = client.post(url, aanmeld_data())

    assert response.status_code == 302


def test_the_summary_does_not_name_a_field_twice(client, url):
    leden = [lid_data(1), lid_data(2, functie=""), lid_data(3, email="geen-adres")]

    response = client.post(url, aanmeld_data(leden=leden))

    assert [(fout.veld, fout.tekst) for fout in response.context["fouten"]] == [
        ("", "Vul de functie van lid 2 in."),
        ("Lid 3: E-mailadres", "Voer een geldig e-mailadres in."),
    ]


def test_an_empty_coalition_asks_for_the_members_without_counting_the_contact_tick(client, url):
    leeg = {"naam": "", "organisatie": "", "organisatietype": "", "domein": None,
            "functie": "", "email": ""}  # fmt: skip
    leden = [lid_data(1, **leeg), lid_data(2, **leeg), lid_data(3, **leeg)]

    response = client.post(url, aanmeld_data(leden=leden))

    assert response.status_code == 422
    assert [fout.tekst for fout in response.context["fouten"] if fout.anker == "#leden-fouten"] == [
        "Vul de gegevens van de coalitie in: 3 tot 5 leden, uit het fysieke en het sociale domein."
    ]
    assert [fout for fout in response.context["fouten"] if fout.anker.startswith("#id_leden")] == []
