import pytest
from django.urls import reverse

from tests.factories import OproepFactory


@pytest.fixture
def oproep():
    """An open, published call."""
    return OproepFactory(slug="gemengde-wijk")


@pytest.fixture
def url(oproep):
    """The call's application form."""
    return reverse("aanmeldingen:aanmelden", kwargs={"slug": oproep.slug})
