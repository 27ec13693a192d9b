"""Pages of our own in the Django admin (an action's intermediate page, a read page), and
the counts in staff's messages."""

from django.contrib.admin import helpers
from django.template.response import TemplateResponse


def telling(aantal: int, enkelvoud: str, meervoud: str) -> str:
    """A number with its noun, for staff's messages: "1 besluitmail", "2 besluitmails"."""
    return f"{aantal} {enkelvoud if aantal == 1 else meervoud}"


def beheerpagina(request, model_admin, *, template: str, titel: str, **context) -> TemplateResponse:
    """A page of our own with the admin's header, breadcrumbs and sidebar: between choosing
    an action and doing it (a confirmation, a preview, a reason to give; the selected rows
    travel along through `actie_checkbox_naam`), or a page that reads a record."""
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
