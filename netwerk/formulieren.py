"""What the portal's public forms share: messages that say what to do, and the error summary
shown at the top of a form that failed (NL Design System guidance)."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django import forms
from django.forms.formsets import BaseFormSet

# Characters that show nothing: zero-width spaces and joiners, the word joiner and the byte
# order mark. Around a text, or as all of it, they are no text.
ONZICHTBAAR = "\u200b\u200c\u200d\u2060\ufeff"


def zonder_lege_randen(tekst: str) -> str:
    """The text without white space or invisible characters around it: "" when that is
    all it held (so that a required field asks for text, and a note is no note)."""
    vorige = None
    while vorige != tekst:
        vorige, tekst = tekst, tekst.strip().strip(ONZICHTBAAR)
    return tekst


class Tekstregel(forms.CharField):
    """A line of text; what shows nothing around it (or as all of it) is dropped.

    Every text field of the portal with a limit is one of these (or a Tekstvak), and shows
    its limit the same way: the hint ends in "Maximaal 3000 tekens.", and the field carries
    data-limiet instead of the browser's maxlength, which would cut a pasted text silently.
    static/js/formulier.js counts along below the field ("Nog 120 tekens", "23 tekens te
    veel"); without JavaScript the server's message says the text is too long, and the
    form comes back with all of it.
    """

    default_error_messages = {
        "max_length": "Deze tekst is %(show_value)d tekens lang; er passen er maximaal "
        "%(limit_value)d in. Maak hem korter: wat u schreef, staat er nog.",
    }

    def __init__(self, *args, teller: bool = True, **kwargs):
        # teller=False: a code, not a text; the limit only guards the server.
        self.teller = teller
        eigen = kwargs.get("error_messages") or {}
        super().__init__(*args, **kwargs)
        if not teller and "max_length" not in eigen:
            del self.error_messages["max_length"]  # Django's own: a code is no text to keep
        if self.max_length is not None and teller:
            self.help_text = f"{self.help_text} {maximaal(self.max_length)}".strip()

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if self.max_length is not None and not widget.is_hidden:
            del attrs["maxlength"]
            if self.teller:
                attrs["data-limiet"] = str(self.max_length)
        return attrs

    def to_python(self, value):
        return zonder_lege_randen(super().to_python(value))


def maximaal(limiet: int) -> str:
    """The hint that states a text field's limit."""
    return f"Maximaal {limiet} tekens."


class Tekstvak(Tekstregel):
    """Multi-line text whose length is counted as the browser counts it.

    Browsers send a line break in a textarea as CR LF but count it as one character (as
    the counter in static/js/formulier.js does); normalising to LF first keeps our limit
    the same as what the page counts.
    """

    def to_python(self, value):
        return super().to_python(value).replace("\r\n", "\n")


def zeg_wat_te_doen(formulier: forms.BaseForm, benamingen: Mapping[str, str]) -> None:
    """Give required fields a message that says what to do, not "Dit veld is verplicht.".

    `benamingen` names what each field asks for, with its article ("de naam van de wijk").
    A list or radio buttons asks to choose it ("Kies een provincie."), any other field to
    fill it in ("Vul de naam van de wijk in."). Such a message names its field already, so
    the error summary shows it without the field's label in front.
    """
    formulier.zelfsprekend = set()
    for naam, wat in benamingen.items():
        veld = formulier.fields[naam]
        kiezen = isinstance(veld.widget, forms.widgets.ChoiceWidget)
        veld.error_messages["required"] = f"Kies {wat}." if kiezen else f"Vul {wat} in."
        formulier.zelfsprekend.add(veld.error_messages["required"])


@dataclass(frozen=True)
class Fout:
    veld: str
    tekst: str
    anker: str


@dataclass(frozen=True)
class Velden:
    """Some fields of a form, for a page that shows the form in parts with other forms between.

    `algemeen` puts the form's own errors (those of no single field) in this part.
    """

    formulier: forms.BaseForm
    namen: Sequence[str]
    algemeen: bool = False


def foutoverzicht(
    *formulieren: forms.BaseForm | BaseFormSet | Velden, rij_label: str = "Lid"
) -> list[Fout]:
    """Every error of the given forms and formsets, in page order, each linking to its field.

    Pass the parts in the order of the page; within a form, its fields come in the form's
    field order, so that order must be the page's too. A form split over the page is given
    as several Velden. Errors that belong to no single field link to the form's own error
    block, which the template gives the id "<prefix>-fouten" (or "formulier-fouten" without
    a prefix).
    """
    fouten: list[Fout] = []
    for formulier in formulieren:
        if isinstance(formulier, BaseFormSet):
            if not formulier.is_bound:
                continue
            for tekst in formulier.non_form_errors():
                fouten.append(Fout("", tekst, f"#{formulier.prefix}-fouten"))
            for nummer, rij in enumerate(formulier.forms, start=1):
                fouten.extend(_velden(rij, voorvoegsel=f"{rij_label} {nummer}: "))
        elif isinstance(formulier, Velden):
            fouten.extend(
                _velden(formulier.formulier, namen=formulier.namen, algemeen=formulier.algemeen)
            )
        else:
            fouten.extend(_velden(formulier))
    return fouten


def _velden(
    formulier: forms.BaseForm,
    *,
    voorvoegsel: str = "",
    namen: Sequence[str] | None = None,
    algemeen: bool = True,
) -> list[Fout]:
    if not formulier.is_bound:
        return []
    fouten = []
    if algemeen:
        for tekst in formulier.non_field_errors():
            anker = f"#{formulier.prefix}-fouten" if formulier.prefix else "#formulier-fouten"
            fouten.append(Fout("", tekst, anker))
    for naam in formulier.fields if namen is None else namen:
        veld = formulier[naam]
        label = getattr(formulier, "korte_labels", {}).get(naam, veld.label)
        for tekst in veld.errors:
            if tekst in getattr(formulier, "zelfsprekend", ()):
                fouten.append(Fout("", tekst, f"#{_eerste_invoer(veld)}"))
            else:
                fouten.append(Fout(f"{voorvoegsel}{label}", tekst, f"#{_eerste_invoer(veld)}"))
    return fouten


def _eerste_invoer(veld: forms.BoundField) -> str:
    """The id of the element to focus: for radio buttons and checkbox lists, the first."""
    if isinstance(veld.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return f"{veld.auto_id}_0"
    return veld.id_for_label or veld.auto_id
