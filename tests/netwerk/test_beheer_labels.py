"""Every field of an inline in the admin has a label naming its column and row, and no
table header is empty (the tabular inline's own template, admin/edit_inline/tabular.html)."""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from tests.factories import BijeenkomstFactory, CasuswijkFactory, DeelnameFactory, medewerker

pytestmark = pytest.mark.django_db


class Velden(HTMLParser):
    def __init__(self):
        super().__init__()
        self.velden: list[str] = []
        self.labels: dict[str, str] = {}
        self.koppen: list[str] = []
        self._label: str | None = None
        self._kop: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        veld = tag in ("input", "select", "textarea") and attrs.get("type") != "hidden"
        if veld and re.match(r"id_\w+-\d+-", attrs.get("id", "")):
            self.velden.append(attrs["id"])
        if tag == "label" and attrs.get("for"):
            self._label = attrs["for"]
            self.labels[self._label] = ""
        if tag == "th":
            self._kop = []

    def handle_data(self, data):
        if self._label:
            self.labels[self._label] += data
        if self._kop is not None:
            self._kop.append(data)

    def handle_endtag(self, tag):
        if tag == "label":
            self._label = None
        if tag == "th" and self._kop is not None:
            self.koppen.append(" ".join("".join(self._kop).split()))
            self._kop = None


def test_every_inline_field_has_a_label_with_its_column_and_row(client):
    wijk = CasuswijkFactory()
    DeelnameFactory(casuswijk=wijk, gebruiker__first_name="Dewi", gebruiker__last_name="Deelnemer")
    BijeenkomstFactory(casuswijk=wijk)
    client.force_login(medewerker("beheer"))

    html = client.get(reverse("admin:casuswijken_casuswijk_change", args=[wijk.pk])).text
    pagina = Velden()
    pagina.feed(html)

    assert pagina.velden
    assert [veld for veld in pagina.velden if veld not in pagina.labels] == []
    assert [kop for kop in pagina.koppen if not kop] == []
    rol = next(veld for veld in pagina.velden if veld.startswith("id_deelnames-0-rol"))
    assert pagina.labels[rol].startswith("Rol (")
