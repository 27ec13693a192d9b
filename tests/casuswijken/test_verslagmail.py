import pytest

from casuswijken.services import meld_verslag
from tests.conftest import wachtende_mails
from tests.factories import BijeenkomstFactory, CasuswijkFactory, DeelnameFactory, OproepFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def netwerk():
    oproep = OproepFactory()
    w1 = CasuswijkFactory(aanmelding__oproep=oproep, slug="w1")
    w2 = CasuswijkFactory(aanmelding__oproep=oproep, slug="w2")
    return {
        "oproep": oproep,
        "w1": w1,
        "w1_lid": DeelnameFactory(casuswijk=w1, gebruiker__email="w1@voorbeeld.nl"),
        "w1_gestopt": DeelnameFactory(
            casuswijk=w1, beeindigd=True, gebruiker__email="weg@voorbeeld.nl"
        ),  # fmt: skip
        "w2_lid": DeelnameFactory(casuswijk=w2, gebruiker__email="w2@voorbeeld.nl"),
        "elders": DeelnameFactory(gebruiker__email="elders@voorbeeld.nl"),
    }


def ontvangers() -> list[str]:
    return sorted(mail["aan"][0] for mail in wachtende_mails())


@pytest.mark.parametrize(
    ("zichtbaarheid", "gepubliceerd", "verwacht"),
    [
        ("wijk", True, ["w1@voorbeeld.nl"]),
        ("netwerk", True, ["w1@voorbeeld.nl", "w2@voorbeeld.nl"]),
        ("openbaar", True, ["w1@voorbeeld.nl", "w2@voorbeeld.nl"]),
        ("intern", True, []),
        ("netwerk", False, []),
    ],
)
def test_a_published_verslag_is_announced_to_who_may_read_it(
    netwerk, zichtbaarheid, gepubliceerd, verwacht
):
    if zichtbaarheid == "wijk":
        bijeenkomst = BijeenkomstFactory(
            casuswijk=netwerk["w1"],
            zichtbaarheid=zichtbaarheid,
            gepubliceerd=gepubliceerd,
            verslag="Goed gesprek.",
        )
    else:
        bijeenkomst = BijeenkomstFactory(casuswijk=None, oproep=netwerk["oproep"],
                                         zichtbaarheid=zichtbaarheid, gepubliceerd=gepubliceerd,
                                         verslag="Goed gesprek.")  # fmt: skip

    meld_verslag(bijeenkomst=bijeenkomst)

    assert ontvangers() == verwacht
    assert all("Goed gesprek." not in mail["tekst"] for mail in wachtende_mails())


def test_saving_again_announces_only_a_changed_verslag(netwerk):
    bijeenkomst = BijeenkomstFactory(casuswijk=netwerk["w1"], verslag="Eerste versie.")
    meld_verslag(bijeenkomst=bijeenkomst)
    meld_verslag(bijeenkomst=bijeenkomst)
    assert len(wachtende_mails()) == 1

    bijeenkomst.verslag = "Tweede versie."
    meld_verslag(bijeenkomst=bijeenkomst)

    onderwerpen = [mail["onderwerp"] for mail in wachtende_mails()]
    assert onderwerpen == [
        f"Verslag online: {bijeenkomst.titel}",
        f"Verslag bijgewerkt: {bijeenkomst.titel}",
    ]


def test_a_verslag_first_published_as_intern_is_announced_when_opened_up(netwerk):
    bijeenkomst = BijeenkomstFactory(casuswijk=netwerk["w1"], zichtbaarheid="intern",
                                     verslag="Goed gesprek.")  # fmt: skip
    meld_verslag(bijeenkomst=bijeenkomst)
    assert wachtende_mails() == []

    bijeenkomst.zichtbaarheid = "wijk"
    bijeenkomst.save()
    meld_verslag(bijeenkomst=bijeenkomst)

    assert ontvangers() == ["w1@voorbeeld.nl"]


def test_a_casuswijk_session_shared_with_the_network_is_announced_to_the_whole_call(netwerk):
    bijeenkomst = BijeenkomstFactory(casuswijk=netwerk["w1"], zichtbaarheid="netwerk",
                                     verslag="Goed gesprek.")  # fmt: skip

    meld_verslag(bijeenkomst=bijeenkomst)

    assert ontvangers() == ["w1@voorbeeld.nl", "w2@voorbeeld.nl"]
    assert all("/wijken/" in mail["tekst"] for mail in wachtende_mails())
