"""Every role walks every staff page over the demo data: nothing answers 500.

For each demo login (beheer, beoordelaar, begeleider, coördinator, a participant) the walk
opens the admin's start page, every app page, and for every registered model its list,
its add page and the change page of two of its rows, plus the application's read page,
the participant pages and reports, every call's network page, report and public results,
and a search. A page a role may not open answers 403 or 404 or sends to the login; none may
fail. A new model or page is walked without changing this file.
"""

import io

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from aanmeldingen.models import Aanmelding, Oproep
from casuswijken.models import Bijeenkomst, Casuswijk

pytestmark = pytest.mark.django_db

ROLLEN = ["beheer", "beoordelaar", "begeleider", "coordinator", "deelnemer"]
TOEGESTAAN = {200, 302, 403, 404}


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("laad_demodata", stdout=io.StringIO())


def adressen() -> list[str]:
    gevonden = [reverse("admin:index")]
    app_labels = set()
    for model in admin.site._registry:
        opts = model._meta
        app_labels.add(opts.app_label)
        gevonden.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
        gevonden.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
        for pk in model._default_manager.order_by("pk").values_list("pk", flat=True)[:2]:
            gevonden.append(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[pk]))
    gevonden += [reverse("admin:app_list", args=[label]) for label in sorted(app_labels)]
    for pk in Aanmelding.objects.order_by("pk").values_list("pk", flat=True)[:3]:
        gevonden.append(reverse("admin:aanmeldingen_aanmelding_lezen", args=[pk]))
        gevonden.append(reverse("admin:aanmeldingen_belangenconflict_melden", args=[pk]))
    gevonden += [
        reverse("admin:aanmeldingen_mijn_beoordelingen"),
        reverse("admin:aanmeldingen_volgende_beoordeling"),
    ]
    gevonden.append(reverse("casuswijken:overzicht"))
    for casuswijk in Casuswijk.objects.all():
        gevonden.append(reverse("casuswijken:casuswijk", args=[casuswijk.slug]))
        gevonden.append(reverse("casuswijken:rapport", args=[casuswijk.slug]))
        for bijeenkomst in Bijeenkomst.objects.filter(casuswijk=casuswijk):
            gevonden.append(
                reverse("casuswijken:bijeenkomst", args=[casuswijk.slug, bijeenkomst.pk])
            )
    # Every call's network page and public results, and every session through the latter.
    for oproep in Oproep.objects.all():
        gevonden.append(reverse("leren:netwerk", args=[oproep.slug]))
        gevonden.append(reverse("leren:netwerkrapport", args=[oproep.slug]))
        gevonden.append(reverse("leren:opbrengsten", args=[oproep.slug]))
    gevonden += [f"{reverse('leren:zoeken')}?q={woord}" for woord in ["bewoners", "wijk"]]
    for bijeenkomst in Bijeenkomst.objects.select_related("oproep"):
        gevonden.append(
            reverse("leren:openbare_bijeenkomst", args=[bijeenkomst.oproep.slug, bijeenkomst.pk])
        )
    return gevonden


@pytest.mark.parametrize("gebruikersnaam", ROLLEN)
def test_no_page_fails_for_any_role(client, demo, gebruikersnaam):
    client.force_login(get_user_model().objects.get(username=gebruikersnaam))

    antwoorden = {adres: client.get(adres).status_code for adres in adressen()}

    assert {adres: status for adres, status in antwoorden.items() if status not in TOEGESTAAN} == {}
    assert antwoorden[reverse("admin:index")] == (302 if gebruikersnaam == "deelnemer" else 200)
