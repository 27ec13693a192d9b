"""The account pages' own fields: an empty one says what to fill in."""

import pytest
from django.urls import reverse

from casuswijken.enums import Rol
from casuswijken.services import nodig_uit
from tests.casuswijken.test_uitnodigingen import instel_link
from tests.conftest import wachtende_mails
from tests.factories import CasuswijkFactory

pytestmark = pytest.mark.django_db


def veldfouten(response) -> dict[str, list[str]]:
    return {naam: list(fouten) for naam, fouten in response.context["form"].errors.items()}


def test_empty_login_says_what_to_fill_in(client):
    response = client.post(reverse("account:login"), {"username": "", "password": ""})

    assert response.status_code == 200
    assert veldfouten(response) == {
        "username": ["Vul uw e-mailadres of gebruikersnaam in."],
        "password": ["Vul uw wachtwoord in."],
    }


def test_empty_forgotten_password_request_says_what_to_fill_in(client):
    response = client.post(reverse("account:password_reset"), {"email": ""})

    assert response.status_code == 200
    assert veldfouten(response) == {"email": ["Vul uw e-mailadres in."]}
    assert wachtende_mails() == []


def test_empty_new_password_says_what_to_fill_in(client):
    nodig_uit(casuswijk=CasuswijkFactory(), email="nieuw@voorbeeld.nl", naam="Nina Nieuw",
              rol=Rol.LOKALE_PARTNER)  # fmt: skip
    formulier = client.get(instel_link(wachtende_mails()[0]), follow=True)

    response = client.post(
        formulier.redirect_chain[-1][0], {"new_password1": "", "new_password2": ""}
    )

    assert response.status_code == 200
    assert veldfouten(response) == {
        "new_password1": ["Vul een nieuw wachtwoord in."],
        "new_password2": ["Vul het nieuwe wachtwoord nog eens in."],
    }


def test_a_new_password_has_at_least_twelve_characters(client):
    nodig_uit(casuswijk=CasuswijkFactory(), email="kort@voorbeeld.nl", naam="Kees Kort",
              rol=Rol.LOKALE_PARTNER)  # fmt: skip
    formulier = client.get(instel_link(wachtende_mails()[0]), follow=True)

    response = client.post(
        formulier.redirect_chain[-1][0],
        {"new_password1": "Wijk-2027!x", "new_password2": "Wijk-2027!x"},
    )

    assert response.status_code == 200
    assert veldfouten(response) == {
        "new_password2": ["Dit wachtwoord is te kort. Het moet minstens 12 tekens bevatten."]
    }
