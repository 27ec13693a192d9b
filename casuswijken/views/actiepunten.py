"""An action point's own page: the point with its history, and for its owner (and staff
with the right) the form that sets its status with a short note. The same small form
stands beside each of the user's own points on the casuswijk page and posts here.

Who may read a point but not change it (another participant of the casuswijk) gets the
page without the form, and a POST answers 404, as for anything one may not change.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from netwerk.formulieren import Tekstvak, foutoverzicht

from ..enums import Actiestatus
from ..models import Actiepunt, Actiepuntwijziging, Bijeenkomst, Casuswijk, Deelname
from ..services import wijzig_actiepunt
from .toegang import casuswijk_of_404, mag_actiepunt_wijzigen

NOTITIE_MAX = Actiepuntwijziging._meta.get_field("notitie").max_length


class ActiepuntStatusForm(forms.Form):
    """The status and a short plain-text note. Field ids carry the point's number, so that
    several of these forms fit on one page."""

    status = forms.ChoiceField(
        label="Status",
        choices=Actiestatus.choices,
        error_messages={
            "required": "Kies een status: open, loopt of afgerond.",
            "invalid_choice": "Kies een status: open, loopt of afgerond.",
        },
    )
    notitie = Tekstvak(
        label="Notitie (niet verplicht)",
        required=False,
        max_length=NOTITIE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Bijvoorbeeld wat er is gedaan of wat nog nodig is. Wie het actiepunt ziet, "
        "leest de notitie.",
    )

    def __init__(self, *args, actiepunt: Actiepunt, **kwargs):
        kwargs.setdefault("auto_id", f"actiepunt-{actiepunt.pk}-%s")
        kwargs.setdefault("initial", {"status": actiepunt.status})
        super().__init__(*args, **kwargs)
        self.actiepunt = actiepunt

    def clean(self):
        gegevens = super().clean()
        status, notitie = gegevens.get("status"), gegevens.get("notitie", "")
        if status and status == self.actiepunt.status and not (notitie or "").strip():
            self.add_error(
                "status",
                f"Het actiepunt staat al op {self.actiepunt.get_status_display().lower()}: kies "
                "een andere status, of schrijf een notitie bij deze status.",
            )
        return gegevens


def open_actiepunten(user, casuswijk: Casuswijk, eigen_deelname: Deelname | None) -> list:
    """The casuswijk's open action points this user may see, each with its last change
    (`laatste_wijziging`, or None) and, where the user may set its status, its form
    (`formulier`). Two queries, however many points."""
    laatste = Prefetch(
        "wijzigingen",
        queryset=Actiepuntwijziging.objects.select_related("door").order_by("-op", "-pk")[:1],
        to_attr="laatste_wijzigingen",
    )
    punten = list(
        Actiepunt.objects.zichtbaar_voor(user)
        .open()
        .filter(casuswijk=casuswijk)
        .select_related("eigenaar", "bijeenkomst")
        .prefetch_related(laatste)
    )
    for punt in punten:
        punt.laatste_wijziging = next(iter(punt.laatste_wijzigingen), None)
        punt.formulier = (
            ActiepuntStatusForm(actiepunt=punt)
            if mag_actiepunt_wijzigen(user, punt, neemt_deel=eigen_deelname is not None)
            else None
        )
    return punten


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def actiepunt(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    wijk = casuswijk_of_404(request.user, slug)
    punt = (
        Actiepunt.objects.zichtbaar_voor(request.user)
        .filter(casuswijk=wijk, pk=pk)
        .select_related("eigenaar", "bijeenkomst")
        .first()
    )
    if punt is None:
        raise Http404("Onbekend actiepunt.")
    mag_wijzigen = mag_actiepunt_wijzigen(request.user, punt)
    form = None
    if request.method == "POST":
        if not mag_wijzigen:
            raise Http404("Alleen de eigenaar wijzigt dit actiepunt.")
        form = ActiepuntStatusForm(request.POST, actiepunt=punt)
        if form.is_valid():
            was_afgerond = punt.status == Actiestatus.AFGEROND
            try:
                wijzig_actiepunt(
                    actiepunt=punt,
                    door=request.user,
                    status=form.cleaned_data["status"],
                    notitie=form.cleaned_data["notitie"],
                )
            except ValueError as fout:
                # Someone else set this status in the meantime: nothing would change.
                form.add_error(None, str(fout))
            else:
                messages.success(request, _bevestiging(punt, was_afgerond=was_afgerond))
                # To the top of the page, where the message says what happened.
                return redirect("casuswijken:casuswijk", wijk.slug)
    elif mag_wijzigen:
        form = ActiepuntStatusForm(actiepunt=punt)
    afgerond_in = (
        Bijeenkomst.objects.zichtbaar_voor(request.user).filter(pk=punt.afgerond_in_id).first()
        if punt.afgerond_in_id
        else None
    )
    return render(
        request,
        "casuswijken/actiepunt.html",
        {
            "casuswijk": wijk,
            "actiepunt": punt,
            "afgerond_in": afgerond_in,
            "wijzigingen": punt.wijzigingen.select_related("door"),
            "form": form,
            "fouten": foutoverzicht(form) if form is not None else [],
        },
        status=422 if form is not None and form.is_bound else 200,
    )


def _bevestiging(punt: Actiepunt, *, was_afgerond: bool) -> str:
    kort = str(punt)
    if punt.status == Actiestatus.AFGEROND and not was_afgerond:
        return (
            f"Het actiepunt “{kort}” is afgerond en staat niet meer bij de open actiepunten. "
            "De geschiedenis blijft op de pagina van het actiepunt."
        )
    if punt.status != Actiestatus.AFGEROND and was_afgerond:
        return f"Het actiepunt “{kort}” staat weer open, met status {punt.get_status_display()}."
    return f"Het actiepunt “{kort}” is bijgewerkt: {punt.get_status_display()}."
