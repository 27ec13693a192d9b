"""Every export of personal data by staff is noted in the security log: what, how many rows."""

import pytest
from django.urls import reverse

from netwerk.models import Beveiligingsgebeurtenis
from tests.casuswijken.test_rapporten import wereld, wijkrapport  # noqa: F401 (fixture)
from tests.factories import AanmeldingFactory, InterventieFactory, medewerker

pytestmark = pytest.mark.django_db


def log() -> list[tuple]:
    return [
        (rij.soort, rij.gebruikersnaam, rij.details)
        for rij in Beveiligingsgebeurtenis.objects.filter(soort="export").order_by("pk")
    ]


def test_the_applications_csv_is_noted_with_its_rows(client):
    coordinator = medewerker("coördinator")
    aanmeldingen = AanmeldingFactory.create_batch(2)
    client.force_login(coordinator)

    response = client.post(
        reverse("admin:aanmeldingen_aanmelding_changelist"),
        {"action": "exporteer_csv", "_selected_action": [a.pk for a in aanmeldingen]},
    )

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert log() == [
        ("export", coordinator.username, {"wat": "aanmeldingen", "formaat": "csv", "rijen": 2})
    ]


def test_a_list_of_interventions_as_csv_is_noted_with_its_rows(client):
    begeleider = medewerker("begeleider")
    interventies = InterventieFactory.create_batch(3)
    client.force_login(begeleider)

    client.post(
        reverse("admin:casuswijken_interventie_changelist"),
        {"action": "exporteer_csv", "_selected_action": [i.pk for i in interventies]},
    )

    assert log() == [
        ("export", begeleider.username, {"wat": "interventies", "formaat": "csv", "rijen": 3})
    ]


def test_a_staff_members_report_pdf_is_noted_and_a_participants_is_not(client, wereld):  # noqa: F811
    begeleider = wereld["mensen"]["begeleider"]
    client.force_login(wereld["mensen"]["deelnemer_w1"])
    assert client.get(wijkrapport(pdf=True)).status_code == 200
    client.force_login(begeleider)

    response = client.get(wijkrapport(pdf=True), {"intern": "1"})

    assert response["Content-Type"] == "application/pdf"
    assert log() == [
        (
            "export",
            begeleider.username,
            {"wat": "wijkrapport", "van": "rapportwijk", "formaat": "pdf", "intern": True},
        )
    ]
