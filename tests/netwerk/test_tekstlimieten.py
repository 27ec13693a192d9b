"""Every text field of the portal with a limit states it ("Maximaal 3000 tekens.") and
carries it as data-limiet for the counter, never as maxlength, which cuts a pasted text
silently; the server refuses a text that is too long with a Dutch message."""

import pytest
from django import forms

from aanmeldingen.forms import AanmeldingForm, CoalitielidForm
from casuswijken.models import Actiepunt
from casuswijken.views.actiepunten import ActiepuntStatusForm
from casuswijken.views.reacties import ReactieForm
from casuswijken.views.voorstellen import VoorstelForm
from netwerk.formulieren import Tekstregel

PORTAALFORMULIEREN = [
    AanmeldingForm,
    CoalitielidForm,
    ReactieForm,
    VoorstelForm,
    lambda: ActiepuntStatusForm(actiepunt=Actiepunt(pk=1, status="open")),
]


def tekstvelden_met_limiet():
    for maak in PORTAALFORMULIEREN:
        formulier = maak()
        for veld in formulier:
            if getattr(veld.field, "max_length", None) and not isinstance(
                veld.field, forms.EmailField
            ):
                yield pytest.param(veld, id=f"{type(formulier).__name__}.{veld.name}")


@pytest.mark.django_db
@pytest.mark.parametrize("veld", list(tekstvelden_met_limiet()))
def test_a_text_field_with_a_limit_states_it_and_does_not_cut(veld):
    limiet = veld.field.max_length
    html = str(veld)

    assert isinstance(veld.field, Tekstregel)
    assert "maxlength" not in html
    if veld.field.teller:
        assert f'data-limiet="{limiet}"' in html
        assert veld.help_text.endswith(f"Maximaal {limiet} tekens.")
    else:  # a code (the CBS code): no counter
        assert "data-limiet" not in html


def test_the_forms_have_such_fields():
    namen = {veld.id for veld in tekstvelden_met_limiet()}
    assert {"AanmeldingForm.wijkbeschrijving", "CoalitielidForm.naam",
            "ReactieForm.tekst", "ActiepuntStatusForm.notitie"} <= namen  # fmt: skip


def test_a_text_too_long_gets_a_dutch_message_saying_nothing_is_lost():
    class Formulier(forms.Form):
        tekst = Tekstregel(label="Tekst", max_length=10)

    formulier = Formulier({"tekst": "x" * 12})

    assert not formulier.is_valid()
    assert formulier.errors["tekst"] == [
        "Deze tekst is 12 tekens lang; er passen er maximaal 10 in. Maak hem korter: wat u "
        "schreef, staat er nog."
    ]
    assert formulier["tekst"].value() == "x" * 12


def test_a_code_field_keeps_its_limit_without_a_counter():
    class Formulier(forms.Form):
        code = Tekstregel(label="Code", max_length=64, teller=False)

    html = str(Formulier()["code"])

    assert "maxlength" not in html
    assert "data-limiet" not in html
    assert not Formulier({"code": "1" * 65}).is_valid()
