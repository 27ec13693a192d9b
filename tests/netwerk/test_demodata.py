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

    oproep = Oproep.objects.get()
    assert oproep.is_open
    assert oproep.gepubliceerd
    assert (
        sorted(Aanmelding.objects.values_list("status", flat=True))
        == [Status.CONCEPT] + [Status.INGEDIEND] * 8
    )
    assert len(set(Aanmelding.objects.values_list("provincie", flat=True))) == 8
    gebruikers = get_user_model().objects
    assert gebruikers.get(username="beheer").check_password("demo-leernetwerk")
    for naam, rol in [("beoordelaar", "beoordelaar"), ("begeleider", "begeleider"),
                      ("coordinator", "coördinator")]:  # fmt: skip
        gebruiker = gebruikers.get(username=naam)
        assert gebruiker.check_password("demo-leernetwerk")
        assert (gebruiker.is_staff, gebruiker.is_superuser) == (True, False)
        assert list(gebruiker.groups.values_list("name", flat=True)) == [rol]


def test_demo_data_prints_working_applicant_links(settings, client):
    settings.DEBUG = True
    uitvoer = io.StringIO()

    call_command("laad_demodata", stdout=uitvoer)

    links = re.findall(r"(/aanmelding/[A-Za-z0-9_-]+/)", uitvoer.getvalue())
    wijken = [client.get(link).context["aanmelding"].wijknaam for link in links]
    assert wijken == ["Kanaleneiland-Zuid", "Presikhaaf-West"]


def test_demo_data_refuses_to_run_without_debug(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="alleen met DEBUG=1"):
        call_command("laad_demodata")

    assert Oproep.objects.count() == 0
