"""Writes to casuswijken."""

from django.utils.text import slugify

from aanmeldingen.models import Aanmelding

from .models import Casuswijk


def maak_casuswijk(*, aanmelding: Aanmelding) -> Casuswijk:
    """The casuswijk of a selected application; made once, found again after that."""
    bestaande = Casuswijk.objects.filter(aanmelding=aanmelding).first()
    if bestaande is not None:
        return bestaande
    basis = slugify(f"{aanmelding.wijknaam} {aanmelding.gemeente}")[:100] or "casuswijk"
    slug, volgnummer = basis, 2
    while Casuswijk.objects.filter(slug=slug).exists():
        slug, volgnummer = f"{basis}-{volgnummer}", volgnummer + 1
    return Casuswijk.objects.create(aanmelding=aanmelding, naam=aanmelding.wijknaam, slug=slug)
