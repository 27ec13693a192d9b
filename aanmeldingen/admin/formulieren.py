"""The forms of the admin's intermediate pages: each validates the page's own POST."""

from django import forms
from django.core.validators import MaxLengthValidator
from django.http import HttpRequest


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
                message="De reden mag hoogstens %(limit_value)d tekens lang zijn; nu zijn het "
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
