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
    assert list(Aanmelding.objects.values_list("status", flat=True)) == [Status.INGEDIEND] * 2
    assert get_user_model().objects.get(username="beheer").check_password("demo-leernetwerk")


def test_demo_data_refuses_to_run_without_debug(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="alleen met DEBUG=1"):
        call_command("laad_demodata")

    assert Oproep.objects.count() == 0
