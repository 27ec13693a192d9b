"""Throw arbitrary input at the application form: never a 500, never a partial row."""

import pytest
from django.db.models import Count, Q
from django.urls import reverse
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from aanmeldingen.enums import Domein, Status
from aanmeldingen.models import Aanmelding, Coalitielid, Statuswijziging
from tests.factories import AanmeldingFactory, OproepFactory, aanmeld_data, geef_link, lid_data

# Text a browser could send: anything but lone surrogates, which cannot be encoded.
tekst = st.text(st.characters(exclude_categories=["Cs"]), max_size=3500)
waarde = st.one_of(
    tekst,
    st.integers().map(str),
    st.sampled_from(["", " ", "0", "-1", "6", "1000", "on", "WK123456", "a@b.nl", "\x00"]),
)
# Mostly a valid number of members, so that many examples reach the database.
aantal_leden = st.sampled_from([3, 3, 4, 5, 0, 1, 2, 6, 7])


@st.composite
def formulierdata(draw) -> dict:
    leden = [lid_data(nummer) for nummer in range(1, draw(aantal_leden) + 1)]
    # Half the examples save a concept, which has its own, looser rules.
    data = aanmeld_data(leden=leden, actie=draw(st.sampled_from(["indienen", "concept"])))
    sleutels = sorted(data)
    for sleutel in draw(st.lists(st.sampled_from(sleutels), unique=True, max_size=4)):
        if draw(st.booleans()):
            del data[sleutel]
        else:
            data[sleutel] = draw(waarde)
    extra = draw(
        st.dictionaries(
            st.one_of(
                st.sampled_from(
                    [
                        "leden-TOTAL_FORMS",
                        "leden-9-naam",
                        "lid_verwijderen",
                        "lid_toevoegen",
                        "actie",
                        "versie",
                    ]
                ),
                st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=20),
            ),
            waarde,
            max_size=2,
        )
    )
    data.update(extra)
    return data


def assert_alleen_complete_aanmeldingen():
    """Every stored application is whole: its coalition obeys the rules of its status."""
    aanmeldingen = Aanmelding.objects.annotate(
        leden_aantal=Count("leden", distinct=True),
        contacten=Count("leden", filter=Q(leden__is_contactpersoon=True), distinct=True),
        fysiek=Count("leden", filter=Q(leden__domein=Domein.FYSIEK), distinct=True),
        sociaal=Count("leden", filter=Q(leden__domein=Domein.SOCIAAL), distinct=True),
        wijzigingen=Count("statuswijzigingen", distinct=True),
    )
    for aanmelding in aanmeldingen:
        assert aanmelding.contacten == 1
        if aanmelding.status == Status.CONCEPT:
            assert aanmelding.leden_aantal <= 5
            assert aanmelding.leden.get(is_contactpersoon=True).email
            assert aanmelding.wijzigingen == 0
            continue
        assert 3 <= aanmelding.leden_aantal <= 5
        assert aanmelding.fysiek >= 1
        assert aanmelding.sociaal >= 1
        assert aanmelding.status == Status.INGEDIEND
        assert aanmelding.wijzigingen == 1
    assert Coalitielid.objects.filter(aanmelding__isnull=True).count() == 0
    assert Statuswijziging.objects.count() == Aanmelding.objects.aanmeldingen().count()


@pytest.mark.django_db
@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=formulierdata())
def test_arbitrary_form_input_never_errors_and_never_writes_half(client, settings, data):
    settings.RATELIMIT_ENABLE = False
    oproep = OproepFactory()

    response = client.post(reverse("aanmeldingen:aanmelden", kwargs={"slug": oproep.slug}), data)

    event(f"status {response.status_code}")
    assert response.status_code in {200, 302, 400, 422}
    assert_alleen_complete_aanmeldingen()


@pytest.mark.django_db
@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=formulierdata())
def test_arbitrary_edits_through_the_link_never_error_and_never_break_the_application(client, data):
    aanmelding = AanmeldingFactory()
    Statuswijziging.objects.create(aanmelding=aanmelding, van=Status.CONCEPT, naar=Status.INGEDIEND)
    link = geef_link(aanmelding)
    data.setdefault("versie", "1")

    response = client.post(link + "wijzigen/", data)

    event(f"status {response.status_code}")
    assert response.status_code in {200, 302, 400, 409, 422}
    assert_alleen_complete_aanmeldingen()
