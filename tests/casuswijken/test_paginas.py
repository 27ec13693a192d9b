"""The participant pages: who gets what, and what they show."""

from datetime import timedelta

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from casuswijken.models import Actiepunt
from netwerk.taken import stuur_wachtwoordlink
from tests.conftest import voer_uit, wachtende_mails
from tests.factories import (
    ActiepuntFactory,
    BijeenkomstFactory,
    BijlageFactory,
    CasuswijkFactory,
    DeelnameFactory,
    InterventieFactory,
    StaffFactory,
    medewerker,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def opzet():
    wijk = CasuswijkFactory(naam="Lombok", slug="lombok")
    andere = CasuswijkFactory(naam="Zuilen", slug="zuilen")
    bijeenkomst = BijeenkomstFactory(casuswijk=wijk, titel="Eerste gesprek")
    bijlage = BijlageFactory(bijeenkomst=bijeenkomst)
    mensen = {
        "deelnemer": DeelnameFactory(casuswijk=wijk).gebruiker,
        "andere_wijk": DeelnameFactory(casuswijk=andere).gebruiker,
        "gestopt": DeelnameFactory(casuswijk=wijk, beeindigd=True).gebruiker,
        "begeleider": medewerker("begeleider"),
        "beoordelaar": medewerker("beoordelaar"),
    }
    return {"wijk": wijk, "bijeenkomst": bijeenkomst, "bijlage": bijlage, "mensen": mensen}


def urls(opzet) -> dict[str, str]:
    return {
        "casuswijken:overzicht": reverse("casuswijken:overzicht"),
        "casuswijken:casuswijk": reverse("casuswijken:casuswijk", args=["lombok"]),
        "casuswijken:bijeenkomst": reverse(
            "casuswijken:bijeenkomst", args=["lombok", opzet["bijeenkomst"].pk]
        ),
        "casuswijken:bijlage": reverse(
            "casuswijken:bijlage",
            args=["lombok", opzet["bijeenkomst"].pk, opzet["bijlage"].pk],
        ),
        "casuswijken:reactie": reverse(
            "casuswijken:reactie", args=["lombok", opzet["bijeenkomst"].pk]
        ),
        "casuswijken:rapport": reverse("casuswijken:rapport", args=["lombok"]),
        "casuswijken:rapport_pdf": reverse("casuswijken:rapport_pdf", args=["lombok"]),
        "casuswijken:actiepunt": reverse(
            "casuswijken:actiepunt", args=["lombok", _actiepunt(opzet).pk]
        ),
        "casuswijken:voorstel": reverse("casuswijken:voorstel", args=["lombok"]),
    }


def _actiepunt(opzet):
    """An action point agreed in the session, made when an address needs it (other tests
    count the casuswijk's points)."""
    if "actiepunt" not in opzet:
        opzet["actiepunt"] = ActiepuntFactory(bijeenkomst=opzet["bijeenkomst"])
    return opzet["actiepunt"]


# What each kind of user gets on each participant-facing page. The session is published
# for the casuswijk only: a beoordelaar reads no session content (docs/rechten.md).
MATRIX = {
    "casuswijken:overzicht": {"deelnemer": 200, "andere_wijk": 200, "gestopt": 200,
                              "begeleider": 200, "beoordelaar": 200},
    "casuswijken:casuswijk": {"deelnemer": 200, "andere_wijk": 404, "gestopt": 404,
                              "begeleider": 200, "beoordelaar": 200},
    "casuswijken:bijeenkomst": {"deelnemer": 200, "andere_wijk": 404, "gestopt": 404,
                                "begeleider": 200, "beoordelaar": 404},
    # A session's attachment follows the session (test_bijlagen.py).
    "casuswijken:bijlage": {"deelnemer": 200, "andere_wijk": 404, "gestopt": 404,
                            "begeleider": 200, "beoordelaar": 404},
    # The page to react on the verslag, as the session page (its POST: test_conceptverslag.py).
    "casuswijken:reactie": {"deelnemer": 200, "andere_wijk": 404, "gestopt": 404,
                            "begeleider": 200, "beoordelaar": 404},
    # Reports: staff who lead sessions and the casuswijk's participants (test_rapporten.py).
    "casuswijken:rapport": {"deelnemer": 200, "andere_wijk": 404, "gestopt": 404,
                            "begeleider": 200, "beoordelaar": 404},
    "casuswijken:rapport_pdf": {"deelnemer": 200, "andere_wijk": 404, "gestopt": 404,
                                "begeleider": 200, "beoordelaar": 404},
    # An action point's page, read by the casuswijk's participants (the form only for its
    # owner: test_actiepunten_eigenaar.py) and staff who read action points.
    "casuswijken:actiepunt": {"deelnemer": 200, "andere_wijk": 404, "gestopt": 404,
                              "begeleider": 200, "beoordelaar": 404},
    # Proposing an intervention: only who takes part in the casuswijk (test_voorstellen.py).
    "casuswijken:voorstel": {"deelnemer": 200, "andere_wijk": 404, "gestopt": 404,
                             "begeleider": 404, "beoordelaar": 404},
}  # fmt: skip


@pytest.mark.parametrize("naam", sorted(MATRIX))
def test_anonymous_visitors_are_sent_to_the_login(client, opzet, naam):
    response = client.get(urls(opzet)[naam])

    assert response.status_code == 302
    assert response.url.startswith(reverse("account:login"))


@pytest.mark.parametrize("naam", sorted(MATRIX))
@pytest.mark.parametrize(
    "wie", ["deelnemer", "andere_wijk", "gestopt", "begeleider", "beoordelaar"]
)
def test_each_user_gets_what_the_matrix_says(client, opzet, naam, wie):
    client.force_login(opzet["mensen"][wie])

    response = client.get(urls(opzet)[naam])

    assert response.status_code == MATRIX[naam][wie]


# Pages with their own rules, tested in test_agenda.py: the POST that makes a calendar
# address (participants of the casuswijk only) and the feed (its private address is the key);
# in test_antwoorden.py: the POST of an answer to a session's invitation (its lezers only).
EIGEN_REGELS = {"casuswijken:agenda_link", "casuswijken:agenda", "casuswijken:antwoord"}


def test_every_participant_facing_url_is_in_the_matrix():
    resolver = get_resolver()
    namen = set()

    def loop(patronen, voorvoegsel=""):
        for patroon in patronen:
            if isinstance(patroon, URLResolver):
                loop(patroon.url_patterns, f"{patroon.namespace}:" if patroon.namespace else "")
            elif isinstance(patroon, URLPattern) and patroon.name:
                namen.add(f"{voorvoegsel}{patroon.name}")

    loop(resolver.url_patterns)

    assert {naam for naam in namen if naam.startswith("casuswijken:")} == set(MATRIX) | EIGEN_REGELS


def test_an_unpublished_or_internal_session_answers_404_to_participants(client, opzet):
    wijk = opzet["wijk"]
    concept = BijeenkomstFactory(casuswijk=wijk, gepubliceerd=False)
    intern = BijeenkomstFactory(casuswijk=wijk, zichtbaarheid="intern")
    client.force_login(opzet["mensen"]["deelnemer"])

    for sessie in [concept, intern]:
        url = reverse("casuswijken:bijeenkomst", args=["lombok", sessie.pk])
        assert client.get(url).status_code == 404


@pytest.mark.parametrize(("rol", "verwacht"), [("beoordelaar", 404), ("begeleider", 200)])
def test_only_staff_who_lead_sessions_read_an_internal_unpublished_verslag(
    client, opzet, rol, verwacht
):
    intern = BijeenkomstFactory(
        casuswijk=opzet["wijk"], zichtbaarheid="intern", gepubliceerd=False, verslag="Geheim"
    )
    client.force_login(medewerker(rol))

    response = client.get(reverse("casuswijken:bijeenkomst", args=["lombok", intern.pk]))

    assert response.status_code == verwacht


def test_another_casuswijks_session_answers_404_even_through_your_own_slug(client, opzet):
    elders = BijeenkomstFactory(zichtbaarheid="wijk")
    client.force_login(opzet["mensen"]["deelnemer"])

    response = client.get(reverse("casuswijken:bijeenkomst", args=["lombok", elders.pk]))

    assert response.status_code == 404


def test_the_casuswijk_page_shows_people_sessions_actions_and_interventions(client, opzet):
    wijk, bijeenkomst = opzet["wijk"], opzet["bijeenkomst"]
    deelnemer = opzet["mensen"]["deelnemer"]
    ActiepuntFactory(omschrijving="Bel de school", eigenaar=deelnemer, bijeenkomst=bijeenkomst)
    InterventieFactory(casuswijk=wijk, naam="Huiskamer")
    client.force_login(deelnemer)

    response = client.get(reverse("casuswijken:casuswijk", args=["lombok"]))

    assert "Eerste gesprek" in response.text
    assert "Bel de school" in response.text
    assert '<span class="badge text-bg-warning">van u</span>' in response.text
    assert "Huiskamer" in response.text
    assert deelnemer.email not in response.text


def test_open_action_points_carry_over_to_the_next_session_until_closed_there(client, opzet):
    wijk, eerste = opzet["wijk"], opzet["bijeenkomst"]
    tweede = BijeenkomstFactory(casuswijk=wijk, titel="Tweede gesprek",
                                begint_op=eerste.begint_op + timedelta(days=30))  # fmt: skip
    derde = BijeenkomstFactory(casuswijk=wijk, titel="Derde gesprek",
                               begint_op=eerste.begint_op + timedelta(days=60))  # fmt: skip
    ActiepuntFactory(omschrijving="Open punt", bijeenkomst=eerste)
    ActiepuntFactory(omschrijving="Afgerond punt", bijeenkomst=eerste, afgerond=True,
                     afgerond_in=tweede)  # fmt: skip
    client.force_login(opzet["mensen"]["deelnemer"])

    pagina_tweede = client.get(reverse("casuswijken:bijeenkomst", args=["lombok", tweede.pk]))
    pagina_derde = client.get(reverse("casuswijken:bijeenkomst", args=["lombok", derde.pk]))

    assert [a.omschrijving for a in pagina_tweede.context["nog_open"]] == ["Open punt"]
    assert [a.omschrijving for a in pagina_tweede.context["afgerond"]] == ["Afgerond punt"]
    assert '<h2 class="mt-4">Afgerond in deze bijeenkomst</h2>' in pagina_tweede.text
    assert [a.omschrijving for a in pagina_derde.context["nog_open"]] == ["Open punt"]
    assert list(pagina_derde.context["afgerond"]) == []


def test_notes_are_sanitised(client, opzet):
    bijeenkomst = opzet["bijeenkomst"]
    bijeenkomst.verslag = (
        "<script>alert(1)</script>[klik](javascript:alert(1)) <img src=x onerror=alert(1)>"
    )
    bijeenkomst.save()
    client.force_login(opzet["mensen"]["deelnemer"])

    response = client.get(reverse("casuswijken:bijeenkomst", args=["lombok", bijeenkomst.pk]))

    assert "<script>alert(1)" not in response.text
    assert "javascript:" not in response.text
    assert "onerror" not in response.text


def _tel(client, url, django_assert_max_num_queries) -> int:
    with django_assert_max_num_queries(100) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_page_query_counts_do_not_grow_with_sessions_and_action_points(
    client, opzet, django_assert_max_num_queries
):
    wijk, eerste = opzet["wijk"], opzet["bijeenkomst"]
    client.force_login(opzet["mensen"]["deelnemer"])
    wijk_url = reverse("casuswijken:casuswijk", args=["lombok"])
    sessie_url = reverse("casuswijken:bijeenkomst", args=["lombok", eerste.pk])
    ActiepuntFactory(omschrijving="Eén", bijeenkomst=eerste, eigenaar=opzet["mensen"]["deelnemer"])
    voor = (_tel(client, wijk_url, django_assert_max_num_queries),
            _tel(client, sessie_url, django_assert_max_num_queries))  # fmt: skip

    sessies = [
        BijeenkomstFactory(casuswijk=wijk, begint_op=timezone.now() + timedelta(days=dag))
        for dag in range(-15, 14)
    ]
    for nummer in range(100):
        ActiepuntFactory(omschrijving=f"Punt {nummer}", bijeenkomst=sessies[nummer % len(sessies)],
                         eigenaar=StaffFactory(beheer=True))  # fmt: skip
    na = (_tel(client, wijk_url, django_assert_max_num_queries),
          _tel(client, sessie_url, django_assert_max_num_queries))  # fmt: skip

    assert na == voor


def test_forgotten_password_mail_goes_through_the_queue_and_reveals_nothing(client, opzet):
    deelnemer = opzet["mensen"]["deelnemer"]
    url = reverse("account:password_reset")

    bekend = client.post(url, {"email": deelnemer.email}, follow=True)
    onbekend = client.post(url, {"email": "niemand@voorbeeld.nl"}, follow=True)
    voer_uit(stuur_wachtwoordlink)

    assert bekend.content == onbekend.content
    (mail,) = wachtende_mails()
    assert mail["aan"] == [deelnemer.email]
    assert "/account/wachtwoord-instellen/" in mail["tekst"]


def test_the_inventory_starts_from_the_interventions_named_in_the_application():
    from casuswijken.services import maak_casuswijk
    from tests.factories import AanmeldingFactory

    aanmelding = AanmeldingFactory(
        geselecteerd=True, bestaande_interventies="- Huiskamer van de wijk\n\n• Maatjesproject\n"
    )

    casuswijk = maak_casuswijk(aanmelding=aanmelding)

    assert sorted(casuswijk.interventies.values_list("naam", "categorie__naam", "status")) == [
        ("Huiskamer van de wijk", "Nog in te delen", "loopt"),
        ("Maatjesproject", "Nog in te delen", "loopt"),
    ]


def test_national_sessions_of_two_calls_open_through_a_casuswijk_of_their_own_call(client):
    eerste = CasuswijkFactory(slug="eerste")
    tweede = CasuswijkFactory(slug="tweede")
    gebruiker = DeelnameFactory(casuswijk=eerste).gebruiker
    DeelnameFactory(casuswijk=tweede, gebruiker=gebruiker)
    landelijk = BijeenkomstFactory(casuswijk=None, oproep=tweede.aanmelding.oproep,
                                   zichtbaarheid="netwerk", titel="Landelijk")  # fmt: skip
    client.force_login(gebruiker)

    response = client.get(reverse("casuswijken:overzicht"))

    url = reverse("casuswijken:bijeenkomst", args=["tweede", landelijk.pk])
    assert f'href="{url}"' in response.text
    assert client.get(url).status_code == 200


def test_action_points_of_an_intern_or_unpublished_session_stay_with_staff(client, opzet):
    wijk = opzet["wijk"]
    intern = BijeenkomstFactory(casuswijk=wijk, zichtbaarheid="intern")
    concept = BijeenkomstFactory(casuswijk=wijk, gepubliceerd=False)
    ActiepuntFactory(omschrijving="Intern punt", bijeenkomst=intern)
    ActiepuntFactory(omschrijving="Concept punt", bijeenkomst=concept)
    ActiepuntFactory(omschrijving="Gewoon punt", bijeenkomst=opzet["bijeenkomst"])
    client.force_login(opzet["mensen"]["deelnemer"])

    response = client.get(reverse("casuswijken:casuswijk", args=["lombok"]))

    assert [a.omschrijving for a in response.context["actiepunten"]] == ["Gewoon punt"]


def test_a_casuswijk_session_shared_with_the_network_opens_for_the_other_casuswijken(client, opzet):
    wijk = opzet["wijk"]
    buur = CasuswijkFactory(aanmelding__oproep=wijk.aanmelding.oproep, slug="buur")
    buurman = DeelnameFactory(casuswijk=buur).gebruiker
    gedeeld = BijeenkomstFactory(casuswijk=wijk, zichtbaarheid="netwerk", titel="Gedeeld")
    client.force_login(buurman)

    overzicht = client.get(reverse("casuswijken:overzicht"))
    pagina = client.get(reverse("casuswijken:bijeenkomst", args=["buur", gedeeld.pk]))
    eigen = client.get(reverse("casuswijken:bijeenkomst", args=["buur", opzet["bijeenkomst"].pk]))

    assert "Gedeeld" in overzicht.text
    assert pagina.status_code == 200
    assert "casuswijk Lombok" in pagina.text
    assert eigen.status_code == 404


def test_an_action_point_cannot_be_closed_in_another_casuswijks_session(client, opzet):
    wijk, eerste = opzet["wijk"], opzet["bijeenkomst"]
    elders = BijeenkomstFactory(titel="Elders")
    client.force_login(StaffFactory(beheer=True))
    url = reverse("admin:casuswijken_bijeenkomst_change", args=[eerste.pk])
    pagina = client.get(url)
    formulier = pagina.context["adminform"].form
    data = {naam: formulier[naam].value() for naam in formulier.fields if formulier[naam].value()}
    data.update({
        "begint_op_0": eerste.begint_op.strftime("%d-%m-%Y"), "begint_op_1": "14:00:00",
        "eindigt_op_0": eerste.eindigt_op.strftime("%d-%m-%Y"), "eindigt_op_1": "23:00:00",
        "begeleiders": [],
        "actiepunten-TOTAL_FORMS": "1", "actiepunten-INITIAL_FORMS": "0",
        "actiepunten-0-omschrijving": "Punt", "actiepunten-0-status": "afgerond",
        "actiepunten-0-afgerond_in": str(elders.pk),
        "bijlagen-TOTAL_FORMS": "0", "bijlagen-INITIAL_FORMS": "0",
    })  # fmt: skip

    response = client.post(url, data)

    # Another casuswijk's session is not among the choices.
    assert response.status_code == 200
    assert "Selecteer een geldige keuze. Deze keuze is niet beschikbaar." in response.text
    assert Actiepunt.objects.filter(casuswijk=wijk).count() == 0


def test_a_beoordelaar_opens_a_casuswijk_without_seeing_its_people(client, opzet):
    deelnemer = opzet["mensen"]["deelnemer"]
    deelnemer.first_name, deelnemer.last_name = "Dewi", "Dekker"
    deelnemer.save()
    client.force_login(opzet["mensen"]["beoordelaar"])

    response = client.get(reverse("casuswijken:casuswijk", args=["lombok"]))

    assert response.status_code == 200
    assert list(response.context["deelnames"]) == []
    assert "Dewi Dekker" not in response.text
