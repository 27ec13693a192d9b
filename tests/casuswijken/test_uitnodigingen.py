from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from casuswijken.enums import Rol
from casuswijken.models import Deelname
from casuswijken.services import nodig_coalitie_uit, nodig_uit
from netwerk.taken import stuur_wachtwoordlink
from tests.conftest import voer_uit, wachtende_mails
from tests.factories import CasuswijkFactory, DeelnameFactory, medewerker

pytestmark = pytest.mark.django_db


def instel_link(mail) -> str:
    regel = next(r for r in mail["tekst"].splitlines() if "/account/wachtwoord-instellen/" in r)
    return "/" + regel.split("/", 3)[3].strip()


def test_the_coalition_is_invited_with_a_set_password_link_each(client):
    casuswijk = CasuswijkFactory()

    nieuw = nodig_coalitie_uit(casuswijk=casuswijk)

    leden = list(casuswijk.aanmelding.leden.all())
    assert sorted(d.gebruiker.email for d in nieuw) == sorted(lid.email for lid in leden)
    assert {d.rol for d in nieuw} == {Rol.COALITIELID}
    mails = wachtende_mails()
    assert len(mails) == len(leden)
    assert all("/account/wachtwoord-instellen/" in mail["tekst"] for mail in mails)


def test_the_set_password_link_works_once(client):
    casuswijk = CasuswijkFactory()
    nodig_uit(casuswijk=casuswijk, email="partner@voorbeeld.nl", naam="Pia Partner",
              rol=Rol.LOKALE_PARTNER)  # fmt: skip
    link = instel_link(wachtende_mails()[0])

    eerste = client.get(link, follow=True)
    client.post(eerste.redirect_chain[-1][0], {"new_password1": "Lombok-Wijk-2027!",
                                              "new_password2": "Lombok-Wijk-2027!"})  # fmt: skip
    tweede = client.get(link, follow=True)

    assert eerste.context["validlink"] is True
    assert (
        get_user_model()
        .objects.get(email="partner@voorbeeld.nl")
        .check_password("Lombok-Wijk-2027!")
    )
    assert tweede.context["validlink"] is False
    assert client.login(
        request=HttpRequest(), username="partner@voorbeeld.nl", password="Lombok-Wijk-2027!"
    )
    assert client.get(reverse("casuswijken:casuswijk", args=[casuswijk.slug])).status_code == 200


def test_the_set_password_link_expires_after_three_days(client):
    nodig_uit(casuswijk=CasuswijkFactory(), email="laat@voorbeeld.nl", naam="Laat",
              rol=Rol.LOKALE_PARTNER)  # fmt: skip
    link = instel_link(wachtende_mails()[0])

    with time_machine.travel(timezone.now() + timedelta(days=3, hours=3)):
        response = client.get(link, follow=True)

    assert response.context["validlink"] is False
    assert "Deze link werkt niet meer" in response.text


def test_an_existing_account_is_reused_and_told_instead_of_duplicated():
    bestaande = DeelnameFactory().gebruiker
    bestaande.set_password("al-een-wachtwoord-123")
    bestaande.save()
    andere_wijk = CasuswijkFactory()

    deelname, nieuw = nodig_uit(casuswijk=andere_wijk, email=bestaande.email.upper(),
                                naam="Wie dan ook", rol=Rol.LOKALE_PARTNER)  # fmt: skip
    opnieuw, nog_eens = nodig_uit(casuswijk=andere_wijk, email=bestaande.email,
                                  naam="Wie dan ook", rol=Rol.LOKALE_PARTNER)  # fmt: skip

    assert (deelname.gebruiker, nieuw, opnieuw, nog_eens) == (bestaande, True, deelname, False)
    assert get_user_model().objects.filter(email__iexact=bestaande.email).count() == 1
    (mail,) = wachtende_mails()
    assert mail["onderwerp"] == f"U hebt nu toegang tot casuswijk {andere_wijk.naam}"
    assert "wachtwoord-instellen" not in mail["tekst"]


def test_an_ended_participation_can_be_renewed_by_a_new_invitation():
    deelname = DeelnameFactory(beeindigd=True)

    nieuwe, nieuw = nodig_uit(casuswijk=deelname.casuswijk, email=deelname.gebruiker.email,
                              naam="X", rol=Rol.COALITIELID)  # fmt: skip

    assert nieuw is True
    assert Deelname.objects.filter(gebruiker=deelname.gebruiker).count() == 2


def test_staff_invite_a_local_partner_from_the_admin(client):
    casuswijk = CasuswijkFactory()
    client.force_login(medewerker("begeleider"))
    url = reverse("admin:casuswijken_casuswijk_changelist")
    actie = {"action": "partner_uitnodigen", "_selected_action": [casuswijk.pk]}

    formulier = client.post(url, actie)
    response = client.post(url, {**actie, "naam": "Pia Partner", "email": "pia@voorbeeld.nl",
                                 "organisatie": "Buurtbibliotheek"}, follow=True)  # fmt: skip

    assert "Lokale partner uitnodigen" in formulier.text
    assert "verstuurd naar pia@voorbeeld.nl" in response.text
    deelname = Deelname.objects.get(gebruiker__email="pia@voorbeeld.nl")
    assert (deelname.rol, deelname.organisatie) == (Rol.LOKALE_PARTNER, "Buurtbibliotheek")


def test_an_invitee_who_never_set_a_password_can_ask_for_a_new_link(client):
    nodig_uit(casuswijk=CasuswijkFactory(), email="vergeten@voorbeeld.nl", naam="Vera Vergeten",
              rol=Rol.LOKALE_PARTNER)  # fmt: skip

    client.post(reverse("account:password_reset"), {"email": "vergeten@voorbeeld.nl"})
    voer_uit(stuur_wachtwoordlink)

    onderwerpen = [mail["onderwerp"] for mail in wachtende_mails()]
    assert onderwerpen[-1] == "Wachtwoord instellen voor het leernetwerk Gemengde Wijk"


def test_participants_log_in_with_their_address_in_any_case(client):
    nodig_uit(casuswijk=CasuswijkFactory(), email="Jan.Jansen@Voorbeeld.nl", naam="Jan Jansen",
              rol=Rol.LOKALE_PARTNER)  # fmt: skip
    gebruiker = get_user_model().objects.get(email__iexact="Jan.Jansen@Voorbeeld.nl")
    gebruiker.set_password("Transvaal-2027!")
    gebruiker.save()

    response = client.post(
        reverse("account:login"),
        {"username": "Jan.Jansen@Voorbeeld.nl", "password": "Transvaal-2027!"},
    )

    assert response.status_code == 302
    assert response.url == reverse("casuswijken:overzicht")


def test_an_address_whose_username_is_taken_still_gets_an_account():
    get_user_model().objects.create_user(username="bezet@voorbeeld.nl", email="iemand@anders.nl")

    deelname, nieuw = nodig_uit(casuswijk=CasuswijkFactory(), email="bezet@voorbeeld.nl",
                                naam="Bea Bezet", rol=Rol.LOKALE_PARTNER)  # fmt: skip

    assert nieuw is True
    assert deelname.gebruiker.username == "bezet@voorbeeld.nl-2"
    assert deelname.gebruiker.email == "bezet@voorbeeld.nl"


def test_staff_send_an_invitation_again_to_who_never_set_a_password(client):
    casuswijk = CasuswijkFactory()
    nooit, _ = nodig_uit(casuswijk=casuswijk, email="nooit@voorbeeld.nl", naam="N",
                         rol=Rol.LOKALE_PARTNER)  # fmt: skip
    wel = DeelnameFactory(casuswijk=casuswijk)
    wel.gebruiker.set_password("heeft-er-al-een-1")
    wel.gebruiker.save()
    client.force_login(medewerker("begeleider"))

    client.post(
        reverse("admin:casuswijken_deelname_changelist"),
        {"action": "uitnodiging_opnieuw", "_selected_action": [nooit.pk, wel.pk]},
    )

    assert [mail["aan"] for mail in wachtende_mails()] == [
        ["nooit@voorbeeld.nl"],
        ["nooit@voorbeeld.nl"],
    ]


def test_an_account_with_another_username_logs_in_with_its_address_too(client):
    gebruiker = get_user_model().objects.create_user(
        username="dewi", email="Dewi@Voorbeeld.nl", password="Transvaal-2027!"
    )

    response = client.post(
        reverse("account:login"), {"username": "DEWI@voorbeeld.nl", "password": "Transvaal-2027!"}
    )

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(gebruiker.pk)


def test_a_wrong_password_gets_a_message_that_fits(client):
    response = client.post(reverse("account:login"), {"username": "x@y.nl", "password": "fout"})

    assert "horen niet bij elkaar" in response.text


def test_the_set_password_address_is_dutch_after_the_token_is_checked(client):
    nodig_uit(casuswijk=CasuswijkFactory(), email="pia@voorbeeld.nl", naam="Pia",
              rol=Rol.LOKALE_PARTNER)  # fmt: skip
    link = instel_link(wachtende_mails()[0])

    response = client.get(link)

    assert response.status_code == 302
    assert response.url == link.rsplit("/", 2)[0] + "/instellen/"
    assert "set-password" not in response.url
    assert client.get(response.url).context["validlink"] is True
