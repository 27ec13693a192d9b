"""The forms of the admin's intermediate pages: each validates the page's own POST."""

from django import forms
from django.core.validators import MaxLengthValidator
from django.http import HttpRequest

from ..services import beoordelaars as toe_te_wijzen


class Tussenformulier(forms.Form):
    """A confirmation. The list's POST that starts an action carries no `bevestigd`; the
    intermediate page's own POST does, and only that one is bound (see `uit`)."""

    bevestigd = forms.BooleanField(widget=forms.HiddenInput, initial=True)

    @classmethod
    def uit(cls, request: HttpRequest, **kwargs) -> "Tussenformulier":
        """Bound to the page's own POST; unbound when the action was just chosen in the list."""
        form = cls(request.POST, **kwargs)
        return form if form["bevestigd"].data else cls(**kwargs)

    def bevestigd_en_geldig(self) -> bool:
        return self.is_bound and self.is_valid()


class BesluitForm(Tussenformulier):
    """The reason for a decision, which goes into the history and the decision mail."""

    MAX = 2000

    # A validator rather than max_length: that would make the browser cut a pasted text
    # without a word; this says so at the field.
    toelichting = forms.CharField(
        label="Reden (komt in de besluitmail)",
        widget=forms.Textarea(attrs={"rows": 4, "cols": 80}),
        validators=[
            MaxLengthValidator(
                MAX,
                message="De reden mag maximaal %(limit_value)d tekens lang zijn; nu zijn het "
                "er %(show_value)d. Maak hem korter.",
            )
        ],
        error_messages={
            "required": "Schrijf kort op waarom; de reden komt in de geschiedenis en in de "
            "besluitmail."
        },
    )


class VersturenForm(Tussenformulier):
    """Sending the decisions the preview showed: `gezien` is the preview's vingerafdruk
    (empty for a preview without mails; verstuur_besluiten compares it)."""

    gezien = forms.CharField(widget=forms.HiddenInput, required=False)


class ToewijzenForm(Tussenformulier):
    """How many reviewers each chosen application gets, and from whom (services.wijs_toe)."""

    aantal = forms.IntegerField(
        label="Aantal beoordelaars per aanmelding",
        min_value=1,
        max_value=20,
        initial=2,
        help_text="Toewijzingen die een aanmelding al heeft, tellen mee.",
        error_messages={
            "required": "Vul in hoeveel beoordelaars elke aanmelding krijgt.",
            "invalid": "Vul een heel getal in, bijvoorbeeld 2.",
            "min_value": "Elke aanmelding krijgt minstens 1 beoordelaar.",
            "max_value": "Kies maximaal 20 beoordelaars per aanmelding.",
        },
    )
    beoordelaars = forms.ModelMultipleChoiceField(
        label="Uit deze beoordelaars",
        queryset=toe_te_wijzen(),
        widget=forms.CheckboxSelectMultiple,
        help_text="Het werk wordt gelijk over hen verdeeld; wie al meer aanmeldingen van deze "
        "oproep heeft, krijgt er minder bij. Wie een belangenconflict meldde, krijgt die "
        "aanmelding niet.",
        error_messages={
            "required": "Kies minstens één beoordelaar.",
            "invalid_choice": "Deze beoordelaar kan niet (meer) gekozen worden.",
            "invalid_pk_value": "Deze beoordelaar kan niet (meer) gekozen worden.",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The label as staff know them: the name, else the login name.
        self.fields["beoordelaars"].label_from_instance = lambda gebruiker: (
            gebruiker.get_full_name() or gebruiker.get_username()
        )

    def clean(self):
        gegevens = super().clean()
        aantal, gekozen = gegevens.get("aantal"), gegevens.get("beoordelaars")
        if aantal and gekozen is not None and aantal > len(gekozen):
            self.add_error(
                "aantal",
                f"U koos {len(gekozen)} "
                f"{'beoordelaar' if len(gekozen) == 1 else 'beoordelaars'}; een aanmelding kan er "
                f"dan niet {aantal} krijgen. Kies meer beoordelaars of een kleiner aantal.",
            )
        return gegevens
