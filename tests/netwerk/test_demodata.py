import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from aanmeldingen.enums import Status
from aanmeldingen.models import Aanmelding, Oproep

pytestmark = pytest.mark.django_db


def test_demo_data_loads_an_open_call_applications_and_a_login_and_is_idempotent(settings):
    settings.DEBUG = True

    call_command("laad_demodata")
    call_command("laad_demodata")

    oproep = Oproep.objects.get(slug="gemengde-wijk-2027")
    assert oproep.is_open
    assert oproep.gepubliceerd
    aanmeldingen = Aanmelding.objects.filter(oproep=oproep)
    assert (
        sorted(aanmeldingen.values_list("status", flat=True))
        == [Status.CONCEPT] + [Status.INGEDIEND] * 8
    )
    assert len(set(aanmeldingen.values_list("provincie", flat=True))) == 8
    gebruikers = get_user_model().objects
    for naam, rol in [("beheer", "beheer"), ("beoordelaar", "beoordelaar"),
                      ("begeleider", "begeleider"), ("coordinator", "coördinator")]:  # fmt: skip
        gebruiker = gebruikers.get(username=naam)
        assert gebruiker.check_password("demo-leernetwerk")
        assert (gebruiker.is_staff, gebruiker.is_superuser) == (True, False)
        assert list(gebruiker.groups.values_list("name", flat=True)) == [rol]


def test_demo_data_has_a_casuswijk_a_participant_can_use(settings, client):
    settings.DEBUG = True
    call_command("laad_demodata")
    call_command("laad_demodata")

    client.login(username="deelnemer", password="demo-leernetwerk")
    overzicht = client.get("/wijken/")
    wijk = client.get("/wijken/transvaal-den-haag/")

    assert [c.naam for c in overzicht.context["casuswijken"]] == ["Transvaal"]
    assert [b.titel for b in wijk.context["komend"]] == ["Tweede open gesprek",
                                                          "Landelijke leerbijeenkomst"]  # fmt: skip
    assert [b.titel for b in wijk.context["geweest"]] == ["Verkenning van de interventies",
                                                           "Eerste open gesprek"]  # fmt: skip
    assert [a.omschrijving for a in wijk.context["actiepunten"]] == [
        "Welkomstpakket voor nieuwe kopers uitwerken",
        "Cijfers over doorstroming aanleveren",
    ]


def test_demo_data_prints_working_applicant_links(settings, client):
    settings.DEBUG = True
    uitvoer = io.StringIO()

    call_command("laad_demodata", stdout=uitvoer)

    links = re.findall(r"(/aanmelding/[A-Za-z0-9_-]+/)", uitvoer.getvalue())
    wijken = [client.get(link).context["aanmelding"].wijknaam for link in links]
    assert wijken == ["Kanaleneiland-Zuid", "Presikhaaf-West"]
    assert "'deelnemer' of 'partner'" in uitvoer.getvalue()


def test_demo_data_refuses_to_run_without_debug(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="alleen met DEBUG=1"):
        call_command("laad_demodata")

    assert Oproep.objects.count() == 0
