"""Junk in every form answers 400, 404, 405, 409, 410, 422 or 429, never 500, on both
databases.

The walk takes every page of the project with real arguments (a call, an applicant's
secret link, a casuswijk with a session, an action point, an attachment), reads the forms
on it, and posts junk into every field of every form it found, and into every page that
has none (a form elsewhere may post there), as a visitor, a participant and beheer.
Then, as beheer, every model of the admin: its list with every action and tampered row
choices (a NUL, a number too large for the database, non-digits), the page an action
opens between (a decision's reason) with junk, and the add and change forms with junk.
A new page, form, action or model is walked without changing this file.
"""

import re
from html.parser import HTMLParser

import pytest
from django.contrib import admin
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from aanmeldingen.models import Oproep
from aanmeldingen.services import vervang_link
from tests.factories import (
    AanmeldingFactory,
    ActiepuntFactory,
    BeoordelingFactory,
    BesluitberichtFactory,
    BevindingFactory,
    BijeenkomstFactory,
    BijlageFactory,
    DeelnameFactory,
    InterventieFactory,
    InterventievoorstelFactory,
    ReactieFactory,
    StaffFactory,
    UitnodigingFactory,
    VoorbeeldFactory,
)
from tests.netwerk.test_rare_invoer import ARGUMENT, patronen

pytestmark = pytest.mark.django_db

# One of each kind: empty, too large for any integer column, negative, not a number, too
# long for any text column, outside the basic plane, a NUL byte, and markup.
ROTZOOI = ["", "9" * 30, "-1", "abc", "a" * 3000, "😀", "x\x00y", "<script>"]
# Fewer in the admin, whose pages are slow: a number too large, too long, a NUL.
ROTZOOI_BEHEER = ["9" * 30, "a" * 3000, "x\x00y"]
# Tampered row choices of an admin action. A NUL on its own: the middleware answers it
# before the admin sees the rest.
KEUZES = [["\x00"], ["9" * 30, "abc", "-1", "1.5", "٣", " ", ""]]


class Formulieren(HTMLParser):
    """The POST forms of a page: their action and, per field, the values the page offers
    (a button's or an option's value; for a text field the value shown)."""

    def __init__(self):
        super().__init__()
        self.formulieren: list[tuple[str, dict[str, list[str]]]] = []
        self.huidig: dict[str, list[str]] | None = None
        self.select: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self.huidig = {}
            self.formulieren.append((attrs.get("action") or "", self.huidig))
        elif self.huidig is None:
            return
        elif tag in ("input", "button", "textarea", "select") and attrs.get("name"):
            waarden = self.huidig.setdefault(attrs["name"], [])
            if attrs.get("value") is not None:
                waarden.append(attrs["value"])
            self.select = attrs["name"] if tag == "select" else None
        elif tag == "option" and self.select and attrs.get("value") is not None:
            self.huidig[self.select].append(attrs["value"])

    def handle_endtag(self, tag):
        if tag == "form":
            self.huidig = None
        elif tag == "select":
            self.select = None


def formulieren(response) -> list[tuple[str, dict[str, list[str]]]]:
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return []
    lezer = Formulieren()
    lezer.feed(response.content.decode())
    return lezer.formulieren


def met_rotzooi(velden: dict[str, list[str]], rotzooi: str, beheer: bool = False) -> list[dict]:
    """Every field junk; then once per button or choice offered, that value with the rest
    junk (so each branch of a view that looks at the button is taken).

    In the admin a huge number of rows in an inline's management form keeps the page's own
    count: Django then builds its limit of 1000 extra rows per inline, which takes seconds
    (slow, not a fault; see the report of issue 12)."""
    alles = {naam: rotzooi for naam in velden if naam != "csrfmiddlewaretoken"}
    if beheer and rotzooi.isdigit():
        alles.update(
            (naam, (velden[naam] or ["0"])[0]) for naam in alles if naam.endswith("_FORMS")
        )
    ingevuld = [alles]
    for naam, waarden in velden.items():
        if naam in ("actie", "action", "_save", "post") or naam.startswith("_"):
            ingevuld += [{**alles, naam: waarde} for waarde in dict.fromkeys(waarden)]
    return ingevuld


@pytest.fixture
def wereld():
    """One of every record, so that every page and every admin list has a row."""
    # The first application (the admin's row) in a closed call, so that its decision
    # pages open; the applicant's own in an open one, so that the link can still edit.
    deelname = DeelnameFactory(casuswijk__aanmelding__oproep__gesloten=True)
    wijk = deelname.casuswijk
    # The factory writes the selected status without the service that counts it.
    Oproep.objects.filter(pk=wijk.aanmelding.oproep_id).update(aantal_geselecteerd=1)
    sessie = BijeenkomstFactory(casuswijk=wijk, verslag="Verslag.", verslagstatus="concept")
    aanvraag = AanmeldingFactory()
    link = vervang_link(aanmelding=aanvraag)
    beheer = StaffFactory(beheer=True)
    UitnodigingFactory(bijeenkomst=sessie, gebruiker=deelname.gebruiker)
    ReactieFactory(bijeenkomst=sessie, gebruiker=deelname.gebruiker)
    InterventievoorstelFactory(casuswijk=wijk, voorgesteld_door=deelname.gebruiker)
    InterventieFactory(casuswijk=wijk)
    BevindingFactory(casuswijk=wijk)
    VoorbeeldFactory(oproep=wijk.aanmelding.oproep)
    BeoordelingFactory(aanmelding=aanvraag, beoordelaar=beheer)
    BesluitberichtFactory()
    gebruiker = deelname.gebruiker
    return {
        "mensen": {"bezoeker": None, "deelnemer": gebruiker, "beheer": beheer},
        # (the literal part before an argument, the argument's name) -> a real value
        "argumenten": {
            ("oproepen", "slug"): aanvraag.oproep.slug,
            ("netwerk", "slug"): wijk.aanmelding.oproep.slug,
            ("wijken", "slug"): wijk.slug,
            ("bijeenkomsten", "pk"): str(sessie.pk),
            ("actiepunten", "pk"): str(ActiepuntFactory(bijeenkomst=sessie).pk),
            ("bijlagen", "bijlage_pk"): str(BijlageFactory(bijeenkomst=sessie).pk),
            ("agenda", "token"): deelname.agenda_token or "x",
            ("aanmelding", "token"): re.search(r"/aanmelding/([^/]+)/", link)[1],
            ("wachtwoord-instellen", "uidb64"): urlsafe_base64_encode(force_bytes(gebruiker.pk)),
            ("wachtwoord-instellen", "token"): default_token_generator.make_token(gebruiker),
        },
    }


def invullen(route: str, argumenten: dict) -> str:
    """The route with a real value for each argument (the nearest literal before it names
    it), "1" where the walk knows none."""
    delen = route.split("/")
    for i, deel in enumerate(delen):
        if gevonden := ARGUMENT.fullmatch(deel.removesuffix(".ics")):
            naam = gevonden[0].strip("<>").split(":")[-1]
            literaal = next((d for d in reversed(delen[:i]) if not ARGUMENT.search(d)), "")
            waarde = argumenten.get((literaal, naam), "1")
            delen[i] = deel.replace(gevonden[0], waarde)
    return "/" + "/".join(delen)


def modelpaginas() -> tuple[str, ...]:
    """The start of the admin's pages of each model (the admin test walks those)."""
    return tuple(
        f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        for model in admin.site._registry
    )


def routes() -> list[str]:
    """Every route outside the admin's model pages."""
    return [
        route
        for route in patronen(met_zonder_argumenten=True)
        if not ("/" + route).startswith(modelpaginas())
    ]


class Teller:
    def __init__(self, client):
        self.client = client
        self.aantal = 0
        self.fouten: dict[str, int] = {}

    def post(self, adres: str, data: dict):
        self.aantal += 1
        response = self.client.post(adres, data)
        if response.status_code >= 500:
            sleutels = {k: (v if len(v) < 40 else v[:20] + "…") for k, v in data.items()}
            self.fouten[f"{adres} {sleutels}"] = response.status_code
        return response

    def get(self, adres: str, **kwargs):
        self.aantal += 1
        response = self.client.get(adres, **kwargs)
        if response.status_code >= 500:
            self.fouten[f"GET {adres}"] = response.status_code
        return response


@pytest.mark.parametrize("wie", ["bezoeker", "deelnemer", "beheer"])
def test_junk_in_every_form_of_the_site_never_answers_500(client, wereld, wie):
    client.raise_request_exception = False
    if wereld["mensen"][wie]:
        client.force_login(wereld["mensen"][wie])
    teller = Teller(client)

    doelen: dict[str, dict[str, list[str]]] = {}
    for route in routes():
        adres = invullen(route, wereld["argumenten"])
        doelen.setdefault(adres, {})
        pagina = teller.get(adres, follow=True)
        for actie, velden in formulieren(pagina):
            doel = doelen.setdefault(actie or pagina.request["PATH_INFO"], {})
            for naam, waarden in velden.items():
                doel.setdefault(naam, []).extend(waarden)
    for adres, velden in doelen.items():
        if not adres.startswith("/") or adres.startswith(modelpaginas()):
            continue  # another site, or the admin's model pages (the test below)
        for rotzooi in ROTZOOI:
            for data in met_rotzooi(velden or {"x": []}, rotzooi):
                with transaction.atomic():
                    teller.post(adres, data)
                    transaction.set_rollback(True)

    print(f"\n{wie}: {teller.aantal} verzoeken, {len(teller.fouten)} met 5xx")
    assert len(doelen) > 30
    assert teller.fouten == {}


def test_junk_in_every_admin_list_action_and_form_never_answers_500(client, wereld):
    client.raise_request_exception = False
    client.force_login(wereld["mensen"]["beheer"])
    teller = Teller(client)
    acties_gedaan = 0

    for model in admin.site._registry:
        naam = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        rij = model._default_manager.order_by("pk").first()
        lijst = reverse(f"{naam}_changelist")
        formulieren_van = {lijst: formulieren(teller.get(lijst))}
        for soort, args in [("add", []), ("change", [rij.pk] if rij else None)]:
            if args is not None:
                adres = reverse(f"{naam}_{soort}", args=args)
                formulieren_van[adres] = formulieren(teller.get(adres))
        acties = [
            actie
            for _, velden in formulieren_van[lijst]
            for actie in velden.get("action", [])
            if actie
        ]
        with transaction.atomic():
            for actie in acties:
                acties_gedaan += 1
                for keuze in KEUZES + ([[str(rij.pk), "9" * 30]] if rij else []):
                    data = {"action": actie, "index": "0", "_selected_action": keuze}
                    teller.post(lijst, data)
                if rij:
                    # The page an action opens between (a confirmation, a reason), with junk.
                    tussen = teller.post(
                        lijst, {"action": actie, "index": "0", "_selected_action": [str(rij.pk)]}
                    )
                    for _, velden in formulieren(tussen):
                        for rotzooi in ROTZOOI_BEHEER:
                            for data in met_rotzooi(velden, rotzooi, beheer=True)[:2]:
                                data.update(action=actie, _selected_action=[str(rij.pk)])
                                with transaction.atomic():
                                    teller.post(lijst, data)
                                    transaction.set_rollback(True)
            for adres, gevonden in formulieren_van.items():
                for _, velden in gevonden:
                    if adres == lijst:
                        continue  # the list's own form is the actions above
                    for rotzooi in ROTZOOI_BEHEER:
                        for data in met_rotzooi(velden, rotzooi, beheer=True)[:1]:
                            with transaction.atomic():
                                teller.post(adres, data)
                                transaction.set_rollback(True)
            transaction.set_rollback(True)

    print(f"\nbeheer: {teller.aantal} verzoeken, {acties_gedaan} acties, {len(teller.fouten)} 5xx")
    assert acties_gedaan > 20
    assert teller.fouten == {}
