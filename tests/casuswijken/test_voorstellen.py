"""Proposing an intervention: a participant proposes one for their casuswijk's inventory;
staff accept it into the inventory or decline it with a reason the proposer sees."""

import pytest
from django.conf import settings
from django.urls import reverse

from casuswijken.enums import Voorstelstatus, Zichtbaarheid
from casuswijken.models import Interventie, Interventiecategorie, Interventievoorstel
from casuswijken.services import AlBesloten, aanvaard_voorstel, wijs_voorstel_af
from tests.conftest import wachtende_mails
from tests.factories import (
    CasuswijkFactory,
    DeelnameFactory,
    InterventievoorstelFactory,
    StaffFactory,
    medewerker,
)

pytestmark = pytest.mark.django_db

VOORSTEL_URL = "/wijken/lombok/interventies/voorstellen/"
WIJK_URL = "/wijken/lombok/"

BEWAARD = "Maak hem korter: wat u schreef, staat er nog."


@pytest.fixture
def opzet():
    wijk = CasuswijkFactory(naam="Lombok", slug="lombok")
    anna = DeelnameFactory(casuswijk=wijk, gebruiker__first_name="Anna",
                           gebruiker__last_name="de Vries",
                           gebruiker__email="anna@voorbeeld.nl").gebruiker  # fmt: skip
    ontmoeting = Interventiecategorie.objects.create(naam="Ontmoeting")
    wonen = Interventiecategorie.objects.create(naam="Wonen")
    return {"wijk": wijk, "anna": anna, "ontmoeting": ontmoeting, "wonen": wonen}


def gegevens(opzet, **velden) -> dict:
    data = {
        "naam": "Buurtkamer in de flat",
        "categorie": str(opzet["ontmoeting"].pk),
        "domein": "sociaal",
        "status": "gepland",
        "omschrijving": "Een huiskamer op de begane grond.",
        "partners": "Woonstichting, opbouwwerk",
        "ervaringen": "Bewoners komen als er koffie is.",
    }
    data.update(velden)
    return data


VELDEN = ["naam", "categorie_id", "domein", "status", "omschrijving", "partners", "ervaringen"]


def velden_van(record) -> tuple:
    return tuple(getattr(record, veld) for veld in VELDEN)


def test_a_participant_proposes_an_intervention(client, opzet):
    client.force_login(opzet["anna"])

    response = client.post(VOORSTEL_URL, gegevens(opzet))

    assert response.status_code == 302
    assert response.url == WIJK_URL + "#voorstellen"
    voorstel = Interventievoorstel.objects.get()
    assert velden_van(voorstel) == (
        "Buurtkamer in de flat", opzet["ontmoeting"].pk, "sociaal", "gepland",
        "Een huiskamer op de begane grond.", "Woonstichting, opbouwwerk",
        "Bewoners komen als er koffie is.",
    )  # fmt: skip
    assert (voorstel.casuswijk, voorstel.voorgesteld_door, voorstel.besluit) == (
        opzet["wijk"], opzet["anna"], Voorstelstatus.VOORGESTELD
    )  # fmt: skip
    assert Interventie.objects.count() == 0


def test_the_proposer_finds_it_under_their_proposals_and_others_do_not(client, opzet):
    bert = DeelnameFactory(casuswijk=opzet["wijk"]).gebruiker
    client.force_login(opzet["anna"])
    pagina = client.post(VOORSTEL_URL, gegevens(opzet), follow=True)
    client.force_login(bert)

    van_bert = client.get(WIJK_URL)

    assert [v.naam for v in pagina.context["voorstellen"]] == ["Buurtkamer in de flat"]
    assert "Uw voorstel “Buurtkamer in de flat” staat bij Uw voorstellen." in pagina.text
    assert '<h3 class="h5 mt-3" id="voorstellen">Uw voorstellen</h3>' in pagina.text
    assert "Voorgesteld</span> <span class=\"text-body-secondary\">De begeleiders besluiten nog." \
        in pagina.text  # fmt: skip
    assert van_bert.context["voorstellen"] == []
    assert "Buurtkamer in de flat" not in van_bert.text


def test_the_casuswijk_page_links_to_the_form_for_its_participants_only(client, opzet):
    link = f'<a href="{VOORSTEL_URL}">Stel een interventie voor</a>'
    client.force_login(opzet["anna"])
    deelnemer = client.get(WIJK_URL)
    client.force_login(medewerker("begeleider"))
    begeleider = client.get(WIJK_URL)

    assert link in deelnemer.text
    assert link not in begeleider.text


@pytest.mark.parametrize("wie", ["andere_wijk", "gestopt", "begeleider", "beheer"])
def test_only_active_participants_of_the_casuswijk_may_propose(client, opzet, wie):
    gebruiker = {
        "andere_wijk": lambda: DeelnameFactory(casuswijk=CasuswijkFactory(slug="zuilen")).gebruiker,
        "gestopt": lambda: DeelnameFactory(casuswijk=opzet["wijk"], beeindigd=True).gebruiker,
        "begeleider": lambda: medewerker("begeleider"),
        "beheer": lambda: StaffFactory(beheer=True),
    }[wie]()
    client.force_login(gebruiker)

    assert client.get(VOORSTEL_URL).status_code == 404
    assert client.post(VOORSTEL_URL, gegevens(opzet)).status_code == 404
    assert Interventievoorstel.objects.count() == 0


def test_a_participant_cannot_propose_for_another_casuswijk(client, opzet):
    CasuswijkFactory(slug="zuilen")
    client.force_login(opzet["anna"])

    response = client.post("/wijken/zuilen/interventies/voorstellen/", gegevens(opzet))

    assert response.status_code == 404
    assert Interventievoorstel.objects.count() == 0


def test_anonymous_visitors_are_sent_to_the_login(client, opzet):
    for response in [client.get(VOORSTEL_URL), client.post(VOORSTEL_URL, gegevens(opzet))]:
        assert response.status_code == 302
        assert response.url.startswith(reverse("account:login"))
    assert Interventievoorstel.objects.count() == 0


@pytest.mark.parametrize(
    ("velden", "fouten"),
    [
        ({"naam": "", "categorie": "", "domein": "", "status": ""},
         {"naam": ["Vul de naam van de interventie in."], "categorie": ["Kies een categorie."],
          "domein": ["Kies een domein."], "status": ["Kies een status."]}),
        ({"categorie": "999999", "domein": "ruimtelijk", "status": "klaar"},
         {"categorie": ["Kies een categorie uit de lijst."],
          "domein": ["Kies een domein uit de lijst."],
          "status": ["Kies een status uit de lijst."]}),
        ({"categorie": "x\x00", "naam": "Buurt\x00kamer"},
         {"categorie": ["Null-tekens zijn niet toegestaan."],
          "naam": ["Null-tekens zijn niet toegestaan."]}),
        ({"naam": "n" * 201, "omschrijving": "o" * 3001},
         {"naam": [f"Deze tekst is 201 tekens lang; er passen er maximaal 200 in. {BEWAARD}"],
          "omschrijving": [f"Deze tekst is 3001 tekens lang; er passen er maximaal 3000 in. "
                           f"{BEWAARD}"]}),
    ],
)  # fmt: skip
def test_bad_input_gets_dutch_messages_at_the_fields_and_saves_nothing(
    client, opzet, velden, fouten
):
    client.force_login(opzet["anna"])

    response = client.post(VOORSTEL_URL, gegevens(opzet, **velden))

    assert response.status_code == 422
    assert response.context["form"].errors == fouten
    assert f"Er zijn {len(fouten)} punten om te verbeteren" in response.text
    assert Interventievoorstel.objects.count() == 0


def test_the_form_offers_the_shared_categories(client, opzet):
    client.force_login(opzet["anna"])

    response = client.get(VOORSTEL_URL)

    veld = response.context["form"].fields["categorie"]
    assert [label for _, label in veld.choices] == ["Kies een categorie"] + list(
        Interventiecategorie.objects.order_by("naam").values_list("naam", flat=True)
    )
    assert {"Ontmoeting", "Wonen"} < {label for _, label in veld.choices}
    assert 'data-limiet="3000"' in response.text
    assert "maxlength" not in response.text


# Staff decide.


@pytest.fixture
def voorstel(opzet):
    return InterventievoorstelFactory(
        casuswijk=opzet["wijk"], voorgesteld_door=opzet["anna"], categorie=opzet["wonen"],
        naam="Buurtkamer", domein="sociaal", status="loopt", omschrijving="Koffie en krant.",
        partners="Opbouwwerk", ervaringen="Werkt op dinsdag.",
    )  # fmt: skip


def test_accepting_makes_an_intervention_with_the_same_fields(opzet, voorstel):
    begeleider = medewerker("begeleider")

    interventie = aanvaard_voorstel(voorstel=voorstel, door=begeleider,
                                    zichtbaarheid=Zichtbaarheid.NETWERK)  # fmt: skip

    assert velden_van(interventie) == velden_van(voorstel)
    assert (interventie.casuswijk, interventie.zichtbaarheid) == (opzet["wijk"], "netwerk")
    voorstel.refresh_from_db()
    assert (voorstel.besluit, voorstel.interventie, voorstel.besloten_door) == (
        Voorstelstatus.AANVAARD, interventie, begeleider
    )  # fmt: skip
    assert voorstel.besloten_op is not None


def test_an_accepted_proposal_appears_in_the_inventory_for_the_network(client, opzet, voorstel):
    buur = CasuswijkFactory(aanmelding__oproep=opzet["wijk"].aanmelding.oproep, slug="buur")
    buurman = DeelnameFactory(casuswijk=buur).gebruiker
    aanvaard_voorstel(voorstel=voorstel, door=medewerker("begeleider"), zichtbaarheid="netwerk")
    client.force_login(opzet["anna"])

    eigen = client.get(WIJK_URL)

    assert [i.naam for i in eigen.context["interventies"]] == ["Buurtkamer"]
    assert "Opgenomen in de inventarisatie" in eigen.text
    assert list(Interventie.objects.zichtbaar_voor(buurman).values_list("naam", flat=True)) == [
        "Buurtkamer"
    ]
    client.force_login(buurman)
    netwerk = client.get(reverse("leren:netwerk", args=[opzet["wijk"].aanmelding.oproep.slug]))
    assert netwerk.status_code == 200
    assert "Wonen" in netwerk.text


def test_accepting_mails_the_proposer(opzet, voorstel):
    aanvaard_voorstel(voorstel=voorstel, door=medewerker("begeleider"), zichtbaarheid="netwerk")

    (mail,) = wachtende_mails()
    assert mail["aan"] == ["anna@voorbeeld.nl"]
    assert mail["onderwerp"] == "Uw voorstel staat in de inventarisatie: Buurtkamer"
    assert "Beste Anna de Vries," in mail["tekst"]
    assert f"{settings.PORTAAL_URL}/wijken/lombok/#voorstellen" in mail["tekst"]


def test_declining_needs_a_reason(opzet, voorstel):
    with pytest.raises(ValueError, match="reden"):
        wijs_voorstel_af(voorstel=voorstel, door=medewerker("begeleider"), reden="  ")

    voorstel.refresh_from_db()
    assert voorstel.besluit == Voorstelstatus.VOORGESTELD
    assert wachtende_mails() == []


def test_the_proposer_reads_why_it_was_declined_on_the_page_and_in_the_mail(
    client, opzet, voorstel
):
    wijs_voorstel_af(voorstel=voorstel, door=medewerker("begeleider"),
                     reden="Staat al in de inventarisatie als <Huiskamer>.")  # fmt: skip
    client.force_login(opzet["anna"])

    response = client.get(WIJK_URL)

    assert "Niet opgenomen</span>" in response.text
    assert "Reden: Staat al in de inventarisatie als &lt;Huiskamer&gt;." in response.text
    assert Interventie.objects.count() == 0
    (mail,) = wachtende_mails()
    assert mail["aan"] == ["anna@voorbeeld.nl"]
    assert mail["onderwerp"] == "Uw voorstel is niet opgenomen: Buurtkamer"
    assert "Staat al in de inventarisatie als <Huiskamer>." in mail["tekst"]


def test_a_decided_proposal_cannot_be_decided_again(opzet, voorstel):
    begeleider = medewerker("begeleider")
    aanvaard_voorstel(voorstel=voorstel, door=begeleider, zichtbaarheid="netwerk")

    with pytest.raises(AlBesloten, match="al besloten"):
        wijs_voorstel_af(voorstel=voorstel, door=begeleider, reden="Toch niet")
    with pytest.raises(AlBesloten):
        aanvaard_voorstel(voorstel=voorstel, door=begeleider, zichtbaarheid="netwerk")

    assert Interventie.objects.count() == 1
    assert len(wachtende_mails()) == 1


def test_no_mail_to_a_proposer_who_no_longer_takes_part(opzet, voorstel):
    from django.utils import timezone

    opzet["anna"].deelnames.update(beeindigd_op=timezone.now())

    wijs_voorstel_af(voorstel=voorstel, door=medewerker("begeleider"), reden="Dubbel")

    assert wachtende_mails() == []


# The admin: a change page with the proposal's fields and the decision.


def admin_url(voorstel) -> str:
    return reverse("admin:casuswijken_interventievoorstel_change", args=[voorstel.pk])


def admin_data(opzet, **velden) -> dict:
    data = {
        "naam": "Buurtkamer", "categorie": str(opzet["wonen"].pk), "domein": "sociaal",
        "status": "loopt", "omschrijving": "Koffie en krant.", "partners": "Opbouwwerk",
        "ervaringen": "Werkt op dinsdag.", "beslissing": "", "zichtbaarheid": "netwerk",
        "reden": "",
    }  # fmt: skip
    data.update(velden)
    return data


def test_staff_correct_the_category_and_accept_with_a_visibility_of_their_choice(
    client, opzet, voorstel
):
    client.force_login(medewerker("coördinator"))

    response = client.post(admin_url(voorstel), admin_data(
        opzet, categorie=str(opzet["ontmoeting"].pk), beslissing="aanvaard", zichtbaarheid="wijk"
    ))  # fmt: skip

    assert response.status_code == 302
    interventie = Interventie.objects.get()
    assert (interventie.categorie, interventie.zichtbaarheid, interventie.naam) == (
        opzet["ontmoeting"], "wijk", "Buurtkamer"
    )  # fmt: skip
    voorstel.refresh_from_db()
    assert (voorstel.besluit, voorstel.categorie, voorstel.interventie) == (
        "aanvaard", opzet["ontmoeting"], interventie
    )  # fmt: skip
    assert len(wachtende_mails()) == 1


def test_the_visibility_of_an_accepted_proposal_is_netwerk_unless_staff_choose(opzet):
    from casuswijken.admin.inventaris import InterventievoorstelForm

    assert InterventievoorstelForm().fields["zichtbaarheid"].initial == "netwerk"


def test_saving_without_a_decision_only_corrects_the_proposal(client, opzet, voorstel):
    client.force_login(medewerker("begeleider"))

    response = client.post(admin_url(voorstel), admin_data(opzet, naam="Buurtkamer Oost"))

    assert response.status_code == 302
    voorstel.refresh_from_db()
    assert (voorstel.naam, voorstel.besluit) == ("Buurtkamer Oost", "voorgesteld")
    assert wachtende_mails() == []


def test_declining_in_the_admin_without_a_reason_is_refused(client, opzet, voorstel):
    client.force_login(medewerker("begeleider"))

    response = client.post(admin_url(voorstel), admin_data(opzet, beslissing="afgewezen"))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "reden": ["Geef de reden waarom het voorstel niet wordt opgenomen; de indiener leest die."]
    }
    voorstel.refresh_from_db()
    assert voorstel.besluit == "voorgesteld"
    assert wachtende_mails() == []


def test_declining_in_the_admin_with_a_reason(client, opzet, voorstel):
    client.force_login(medewerker("begeleider"))

    client.post(admin_url(voorstel), admin_data(opzet, beslissing="afgewezen", reden="Dubbel"))

    voorstel.refresh_from_db()
    assert (voorstel.besluit, voorstel.reden) == ("afgewezen", "Dubbel")
    assert len(wachtende_mails()) == 1


def test_a_page_opened_before_someone_else_decided_says_so_and_changes_nothing(
    client, opzet, voorstel
):
    client.force_login(medewerker("begeleider"))
    client.get(admin_url(voorstel))
    wijs_voorstel_af(voorstel=voorstel, door=medewerker("coördinator"), reden="Dubbel")

    response = client.post(admin_url(voorstel), admin_data(opzet, beslissing="aanvaard"))

    assert response.status_code == 200
    assert "Over dit voorstel is intussen al besloten; het kan niet opnieuw." in response.text
    assert Interventie.objects.count() == 0
    voorstel.refresh_from_db()
    assert (voorstel.besluit, voorstel.reden) == ("afgewezen", "Dubbel")


def test_a_decided_proposal_reads_only_in_the_admin(client, opzet, voorstel):
    aanvaard_voorstel(voorstel=voorstel, door=medewerker("begeleider"), zichtbaarheid="netwerk")
    client.force_login(medewerker("begeleider"))

    response = client.get(admin_url(voorstel))
    client.post(admin_url(voorstel), admin_data(opzet, naam="Anders", beslissing="afgewezen",
                                                reden="Toch niet"))  # fmt: skip

    assert list(response.context["adminform"].form.fields) == []
    assert 'type="submit" value="Opslaan"' not in response.text
    assert "Opgenomen in de inventarisatie" in response.text
    voorstel.refresh_from_db()
    assert (voorstel.naam, voorstel.besluit) == ("Buurtkamer", "aanvaard")
    assert Interventie.objects.count() == 1


@pytest.mark.parametrize(("rol", "verwacht"), [("beoordelaar", 403), ("begeleider", 200),
                                               ("coördinator", 200)])  # fmt: skip
def test_who_may_open_and_decide_on_proposals_in_the_admin(client, opzet, voorstel, rol, verwacht):
    client.force_login(medewerker(rol))

    lijst = client.get(reverse("admin:casuswijken_interventievoorstel_changelist"))
    pagina = client.get(admin_url(voorstel))

    assert (lijst.status_code, pagina.status_code) == (verwacht, verwacht)


def test_the_admin_list_filters_on_decision_and_casuswijk_and_staff_add_none(
    client, opzet, voorstel
):
    InterventievoorstelFactory(naam="Elders")
    client.force_login(StaffFactory(beheer=True))
    lijst = reverse("admin:casuswijken_interventievoorstel_changelist")

    gefilterd = client.get(lijst, {"besluit__exact": "voorgesteld",
                                   "casuswijk__id__exact": opzet["wijk"].pk})  # fmt: skip

    assert [v.naam for v in gefilterd.context["cl"].result_list] == ["Buurtkamer"]
    assert client.get(reverse("admin:casuswijken_interventievoorstel_add")).status_code == 403


def test_the_interventions_list_says_how_many_proposals_wait(client, opzet, voorstel):
    InterventievoorstelFactory()
    client.force_login(medewerker("begeleider"))

    response = client.get(reverse("admin:casuswijken_interventie_changelist"))

    assert "Voorstellen van deelnemers (2 wachten op een besluit)" in response.text


# The casuswijk page costs the same number of queries at 1 and N proposals.


def _tel(client, django_assert_max_num_queries) -> int:
    with django_assert_max_num_queries(100) as context:
        assert client.get(WIJK_URL).status_code == 200
    return len(context.captured_queries)


def test_the_casuswijk_page_costs_the_same_queries_at_1_and_n_proposals(
    client, opzet, voorstel, django_assert_max_num_queries
):
    client.force_login(opzet["anna"])
    bij_een = _tel(client, django_assert_max_num_queries)

    for nummer in range(15):
        categorie = Interventiecategorie.objects.create(naam=f"Categorie {nummer}")
        extra = InterventievoorstelFactory(casuswijk=opzet["wijk"], voorgesteld_door=opzet["anna"],
                                           categorie=categorie)  # fmt: skip
        if nummer % 3 == 1:
            wijs_voorstel_af(voorstel=extra, door=None, reden=f"Reden {nummer}")
    bij_veel = _tel(client, django_assert_max_num_queries)

    assert bij_veel == bij_een
    assert len(client.get(WIJK_URL).context["voorstellen"]) == 16


def test_head_answers_as_get_and_saves_nothing(client, opzet):
    client.force_login(opzet["anna"])

    response = client.head(VOORSTEL_URL)

    assert response.status_code == 200
    assert response.content == b""
    assert Interventievoorstel.objects.count() == 0


def test_a_name_that_shows_nothing_is_no_name(client, opzet):
    client.force_login(opzet["anna"])

    response = client.post(
        reverse("casuswijken:voorstel", args=[opzet["wijk"].slug]),
        gegevens(opzet, naam="\u200b\u00a0", partners="\u2060"),
    )

    assert response.status_code == 422
    assert response.context["form"].errors == {"naam": ["Vul de naam van de interventie in."]}
    assert not Interventievoorstel.objects.exists()
