"""Who sees which session, action point, intervention and finding: the rules of docs/ontwerp.md.

Each test lists by hand what every kind of user must see, so that a wrong rule in a
zichtbaar_voor method fails here rather than on a participant's screen.
"""

import pytest
from django.contrib.auth.models import AnonymousUser

from aanmeldingen.enums import Leervraag
from casuswijken.models import (
    Actiepunt,
    Bevinding,
    Bijeenkomst,
    Casuswijk,
    Deelname,
    Interventie,
    Voorbeeld,
)
from tests.factories import (
    ActiepuntFactory,
    BevindingFactory,
    BijeenkomstFactory,
    CasuswijkFactory,
    DeelnameFactory,
    InterventieFactory,
    OproepFactory,
    VoorbeeldFactory,
    medewerker,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def wereld():
    """Call A with casuswijken w1 and w2, call B with w3, and one person of each kind."""
    oproep_a, oproep_b = OproepFactory(), OproepFactory()
    w1 = CasuswijkFactory(aanmelding__oproep=oproep_a, naam="w1")
    w2 = CasuswijkFactory(aanmelding__oproep=oproep_a, naam="w2")
    w3 = CasuswijkFactory(aanmelding__oproep=oproep_b, naam="w3")
    mensen = {
        "anoniem": AnonymousUser(),
        "deelnemer_w1": DeelnameFactory(casuswijk=w1).gebruiker,
        "gestopt_w1": DeelnameFactory(casuswijk=w1, beeindigd=True).gebruiker,
        "deelnemer_w3": DeelnameFactory(casuswijk=w3).gebruiker,
        # Reads everything: the right to read sessions, and the rest (netwerk.rechten).
        "begeleider": medewerker("begeleider"),
        # Staff without those rights see what a visitor sees (docs/rechten.md).
        "beoordelaar": medewerker("beoordelaar"),
    }
    return {"a": oproep_a, "b": oproep_b, "w1": w1, "w2": w2, "w3": w3, "mensen": mensen}


def sessie(naam, casuswijk=None, oproep=None, zichtbaarheid="wijk", gepubliceerd=True):
    return BijeenkomstFactory(
        titel=naam,
        casuswijk=casuswijk,
        oproep=oproep or casuswijk.aanmelding.oproep,
        zichtbaarheid=zichtbaarheid,
        gepubliceerd=gepubliceerd,
    )


def test_sessions_follow_visibility_level_publication_and_participation(wereld):
    w1, w2, a, b = wereld["w1"], wereld["w2"], wereld["a"], wereld["b"]
    for niveau in ["intern", "wijk", "netwerk", "openbaar"]:
        sessie(f"w1-{niveau}", w1, zichtbaarheid=niveau)
        sessie(f"w1-{niveau}-concept", w1, zichtbaarheid=niveau, gepubliceerd=False)
    sessie("w2-wijk", w2)
    sessie("w2-netwerk", w2, zichtbaarheid="netwerk")
    for niveau in ["intern", "netwerk", "openbaar"]:
        sessie(f"a-{niveau}", oproep=a, zichtbaarheid=niveau)
    sessie("b-netwerk", oproep=b, zichtbaarheid="netwerk")
    openbaar = {"w1-openbaar", "a-openbaar"}
    verwacht = {
        "anoniem": openbaar,
        "deelnemer_w1": openbaar | {"w1-wijk", "w1-netwerk", "w2-netwerk", "a-netwerk"},
        "gestopt_w1": openbaar,
        "deelnemer_w3": openbaar | {"b-netwerk"},
        "begeleider": set(Bijeenkomst.objects.values_list("titel", flat=True)),
        "beoordelaar": openbaar,
    }

    gezien = {
        wie: set(Bijeenkomst.objects.zichtbaar_voor(mens).values_list("titel", flat=True))
        for wie, mens in wereld["mensen"].items()
    }

    assert gezien == verwacht
    assert len(verwacht["begeleider"]) == 14


def test_action_points_and_wijk_interventions_are_for_their_own_participants(wereld):
    w1, w3 = wereld["w1"], wereld["w3"]
    for wijk in [w1, w3]:
        ActiepuntFactory(omschrijving=wijk.naam, bijeenkomst=sessie(f"{wijk.naam}-sessie", wijk))
        InterventieFactory(casuswijk=wijk, naam=wijk.naam, zichtbaarheid="wijk")
    verwacht = {
        "anoniem": set(),
        "deelnemer_w1": {"w1"},
        "gestopt_w1": set(),
        "deelnemer_w3": {"w3"},
        "begeleider": {"w1", "w2", "w3"},
        "beoordelaar": set(),
    }

    for wie, mens in wereld["mensen"].items():
        wijken = set(Casuswijk.objects.zichtbaar_voor(mens).values_list("naam", flat=True))
        acties = set(Actiepunt.objects.zichtbaar_voor(mens).values_list("omschrijving", flat=True))
        interventies = set(Interventie.objects.zichtbaar_voor(mens).values_list("naam", flat=True))
        # A beoordelaar may open every casuswijk (to follow up on a selection), nothing in it.
        assert wijken == ({"w1", "w2", "w3"} if wie == "beoordelaar" else verwacht[wie]), wie
        assert acties == verwacht[wie] - {"w2"}, wie
        assert interventies == verwacht[wie] - {"w2"}, wie


def test_findings_are_the_casuswijks_and_good_examples_are_for_the_whole_call(wereld):
    w1, w2, w3 = wereld["w1"], wereld["w2"], wereld["w3"]
    BevindingFactory(casuswijk=w1, tekst="w1 gewoon")
    BevindingFactory(casuswijk=w2, tekst="w2 gewoon")
    for wijk in [w2, w3]:
        BevindingFactory(casuswijk=wijk, tekst=f"{wijk.naam} voorbeeld", goed_voorbeeld=True,
                         zichtbaarheid="netwerk", leervraag=Leervraag.INTERVENTIES)  # fmt: skip
    verwacht = {
        "anoniem": set(),
        "deelnemer_w1": {"w1 gewoon", "w2 voorbeeld"},
        "gestopt_w1": set(),
        "deelnemer_w3": {"w3 voorbeeld"},
        "begeleider": {"w1 gewoon", "w2 gewoon", "w2 voorbeeld", "w3 voorbeeld"},
        "beoordelaar": set(),
    }

    gezien = {
        wie: set(Bevinding.objects.zichtbaar_voor(mens).values_list("tekst", flat=True))
        for wie, mens in wereld["mensen"].items()
    }

    assert gezien == verwacht


@pytest.mark.parametrize("soort", ["interventie", "bevinding"])
def test_interventions_and_findings_follow_the_four_levels(wereld, soort):
    w1, w2, w3 = wereld["w1"], wereld["w2"], wereld["w3"]
    maak, veld, model = {
        "interventie": (InterventieFactory, "naam", Interventie),
        "bevinding": (BevindingFactory, "tekst", Bevinding),
    }[soort]
    for wijk in [w1, w2, w3]:
        for niveau in ["intern", "wijk", "netwerk", "openbaar"]:
            maak(casuswijk=wijk, zichtbaarheid=niveau, **{veld: f"{wijk.naam}-{niveau}"})
    openbaar = {"w1-openbaar", "w2-openbaar", "w3-openbaar"}
    verwacht = {
        "anoniem": openbaar,
        "deelnemer_w1": openbaar | {"w1-wijk", "w1-netwerk", "w2-netwerk"},
        "gestopt_w1": openbaar,
        "deelnemer_w3": openbaar | {"w3-wijk", "w3-netwerk"},
        "begeleider": set(model.objects.values_list(veld, flat=True)),
        "beoordelaar": openbaar,
    }

    gezien = {
        wie: set(model.objects.zichtbaar_voor(mens).values_list(veld, flat=True))
        for wie, mens in wereld["mensen"].items()
    }

    assert gezien == verwacht
    assert len(verwacht["begeleider"]) == 12


def test_openbaar_content_of_an_unpublished_call_is_for_its_network_only(wereld):
    oproep = wereld["a"]
    oproep.gepubliceerd = False
    oproep.save()
    sessie("openbaar", wereld["w1"], zichtbaarheid="openbaar")
    InterventieFactory(casuswijk=wereld["w2"], zichtbaarheid="openbaar", naam="openbaar")
    BevindingFactory(casuswijk=wereld["w2"], zichtbaarheid="openbaar", tekst="openbaar")
    VoorbeeldFactory(oproep=oproep, zichtbaarheid="openbaar", titel="openbaar")
    modellen = [
        (Bijeenkomst, "titel"),
        (Interventie, "naam"),
        (Bevinding, "tekst"),
        (Voorbeeld, "titel"),
    ]

    for wie, mens in wereld["mensen"].items():
        for model, veld in modellen:
            gezien = set(model.objects.zichtbaar_voor(mens).values_list(veld, flat=True))
            assert gezien == ({"openbaar"} if wie in {"deelnemer_w1", "begeleider"} else set()), (
                wie,
                model,
            )


def test_a_finding_stays_with_a_session_the_reader_may_not_see(wereld):
    w1 = wereld["w1"]
    BevindingFactory(
        casuswijk=w1,
        zichtbaarheid="openbaar",
        tekst="uit intern",
        bijeenkomst=sessie("i", w1, zichtbaarheid="intern"),
    )
    BevindingFactory(
        casuswijk=w1,
        zichtbaarheid="openbaar",
        tekst="uit concept",
        bijeenkomst=sessie("c", w1, zichtbaarheid="openbaar", gepubliceerd=False),
    )
    BevindingFactory(
        casuswijk=w1,
        zichtbaarheid="openbaar",
        tekst="uit openbaar",
        bijeenkomst=sessie("o", w1, zichtbaarheid="openbaar"),
    )

    for wie in ["anoniem", "deelnemer_w1", "beoordelaar"]:
        mens = wereld["mensen"][wie]
        gezien = set(Bevinding.objects.zichtbaar_voor(mens).values_list("tekst", flat=True))
        assert gezien == {"uit openbaar"}, wie


def test_examples_from_elsewhere_are_for_the_network_of_their_call_or_everyone(wereld):
    for oproep in [wereld["a"], wereld["b"]]:
        for niveau in ["intern", "netwerk", "openbaar"]:
            VoorbeeldFactory(oproep=oproep, zichtbaarheid=niveau, titel=f"{oproep.pk}-{niveau}")
    a, b = wereld["a"].pk, wereld["b"].pk
    openbaar = {f"{a}-openbaar", f"{b}-openbaar"}
    verwacht = {
        "anoniem": openbaar,
        "deelnemer_w1": openbaar | {f"{a}-netwerk"},
        "gestopt_w1": openbaar,
        "deelnemer_w3": openbaar | {f"{b}-netwerk"},
        "begeleider": set(Voorbeeld.objects.values_list("titel", flat=True)),
        "beoordelaar": openbaar,
    }

    gezien = {
        wie: set(Voorbeeld.objects.zichtbaar_voor(mens).values_list("titel", flat=True))
        for wie, mens in wereld["mensen"].items()
    }

    assert gezien == verwacht


@pytest.mark.parametrize(
    ("maak", "fout"),
    [
        (lambda: BevindingFactory(goed_voorbeeld=True, zichtbaarheid="wijk"), "goed_voorbeeld"),
        (lambda: VoorbeeldFactory(zichtbaarheid="wijk"), "zonder_wijk"),
    ],
)
def test_a_good_example_is_for_the_network_and_one_from_elsewhere_has_no_wijk(maak, fout):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError, match=fout), transaction.atomic():
        maak()


def test_a_national_session_cannot_be_for_one_wijk_only(wereld):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        sessie("landelijk", oproep=wereld["a"], zichtbaarheid="wijk")


def test_a_session_of_a_casuswijk_of_another_call_is_refused(wereld):
    from django.core.exceptions import ValidationError

    bijeenkomst = Bijeenkomst(
        oproep=wereld["b"],
        casuswijk=wereld["w1"],
        soort="open_gesprek",
        titel="Verkeerd",
        begint_op=wereld["a"].deadline,
        eindigt_op=wereld["a"].deadline,
    )

    with pytest.raises(ValidationError, match="hoort bij een andere oproep"):
        bijeenkomst.full_clean()


def test_who_takes_part_is_for_the_casuswijks_own_participants_and_staff_who_lead(wereld):
    verwacht = {
        "anoniem": set(),
        "deelnemer_w1": {"w1"},
        "gestopt_w1": set(),
        "deelnemer_w3": {"w3"},
        "begeleider": {"w1", "w3"},
        # May open every casuswijk, but sees no people in it.
        "beoordelaar": set(),
    }

    gezien = {
        wie: set(
            Deelname.objects.zichtbaar_voor(mens).actief().values_list("casuswijk__naam", flat=True)
        )
        for wie, mens in wereld["mensen"].items()
    }

    assert gezien == verwacht
