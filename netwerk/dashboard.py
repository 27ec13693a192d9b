"""The staff start page (the admin index, netwerk.beheersite): the figures of the running
calls (aanmeldingen.dashboard) and casuswijken (casuswijken.dashboard) with their charts
(netwerk.grafieken), as far as the user's rights reach. The figures are counted in those
two modules only; this one draws them."""

from dataclasses import dataclass

from django.utils.safestring import SafeString

from aanmeldingen import dashboard as aanmeldingen
from casuswijken import dashboard as casuswijken

from . import grafieken


@dataclass
class Oproepblok:
    cijfers: aanmeldingen.Oproepcijfers
    status_grafiek: SafeString
    provincie_kaart: SafeString
    beoordelaars_grafiek: SafeString | None
    per_aanmelding_grafiek: SafeString | None
    scores_grafiek: SafeString | None


def _staven(tellingen, **kwargs) -> SafeString:
    return grafieken.staven([grafieken.Staaf(t.label, t.aantal) for t in tellingen], **kwargs)


def _oproepblok(cijfers: aanmeldingen.Oproepcijfers) -> Oproepblok:
    p = f"oproep-{cijfers.oproep.pk}"
    titel = cijfers.oproep.titel
    beoordelen = cijfers.beoordelaars is not None
    return Oproepblok(
        cijfers=cijfers,
        status_grafiek=_staven(
            cijfers.per_status, prefix=f"{p}-status", titel=f"Aanmeldingen per status: {titel}"
        ),
        provincie_kaart=grafieken.tegelkaart(
            [(t.sleutel, t.label, t.aantal) for t in cijfers.per_provincie],
            prefix=f"{p}-provincie",
            titel=f"Lopende aanmeldingen per provincie: {titel}",
        ),
        beoordelaars_grafiek=grafieken.staven(
            [grafieken.Staaf(b.naam, b.toegewezen, b.gedaan) for b in cijfers.beoordelaars],
            prefix=f"{p}-beoordelaars",
            titel=f"Toegewezen en gedane beoordelingen per beoordelaar: {titel}",
            waarvan="gedaan",
        )
        if beoordelen
        else None,
        per_aanmelding_grafiek=_staven(
            cijfers.beoordelingen_per_aanmelding,
            prefix=f"{p}-per-aanmelding",
            titel=f"Lopende aanmeldingen naar hun aantal beoordelingen: {titel}",
            eenheid=("aanmelding", "aanmeldingen"),
        )
        if beoordelen
        else None,
        scores_grafiek=grafieken.spreiding(
            [(s.kort, s.per_score) for s in cijfers.scores],
            prefix=f"{p}-scores",
            titel=f"Spreiding van de scores per criterium: {titel}",
        )
        if beoordelen
        else None,
    )


def voor(user) -> dict:
    """The start page's context for this user: empty lists where their rights give
    nothing."""
    return {
        "oproepen": [_oproepblok(cijfers) for cijfers in aanmeldingen.cijfers_voor(user)],
        "casuswijken": casuswijken.cijfers_voor(user),
        "casuswijken_zichtbaar": casuswijken.mag_zien(user),
    }
