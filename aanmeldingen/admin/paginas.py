"""What the admin's own pages share: numbers in Dutch, and intermediate pages."""

from django.contrib.admin import helpers
from django.template.response import TemplateResponse


def aantal(aantal: int, enkelvoud: str, meervoud: str) -> str:
    """ "1 besluitmail", "2 besluitmails", "0 besluitmails"."""
    return f"{aantal} {enkelvoud if aantal == 1 else meervoud}"


def getal(getal: float | None) -> str:
    return "" if getal is None else f"{getal:.1f}".replace(".", ",")


def beoordelingscel(aanmelding, waarde: str, *, ingetrokken: str = "–") -> str:
    """A review figure of an application as the list and the compare page show it: nothing
    for a withdrawn one or one without reviews, and hidden until you wrote your own."""
    if aanmelding.is_ingetrokken:
        return ingetrokken
    if not aanmelding.aantal_beoordelingen:
        return "–"
    if not aanmelding.beoordelingen_zichtbaar:
        return "na uw beoordeling"
    return waarde


def adviestelling(aanmelding) -> str:
    return (
        f"{aanmelding.advies_selecteren} / {aanmelding.advies_reserve} / "
        f"{aanmelding.advies_afwijzen}"
    )


def tussenpagina(request, model_admin, *, template: str, titel: str, **context) -> TemplateResponse:
    """An admin page between choosing an action and doing it (a confirmation, a preview, a
    reason to give), with the admin's own header, breadcrumbs and the selected rows."""
    return TemplateResponse(
        request,
        template,
        {
            **model_admin.admin_site.each_context(request),
            "title": titel,
            "opts": model_admin.model._meta,
            "actie_checkbox_naam": helpers.ACTION_CHECKBOX_NAME,
            **context,
        },
    )
