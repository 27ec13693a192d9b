"""Who may do what in the staff tool: every admin action and staff page, per role.

The last test walks the admin's registered actions and fails when one is missing here,
so that a new action cannot arrive without a decision about who may use it.
"""

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.factories import AanmeldingFactory, medewerker

pytestmark = pytest.mark.django_db

ROLLEN = ["beoordelaar", "begeleider", "coördinator"]

# (model admin, action): the roles that may use it.
ACTIES = {
    ("aanmelding", "vergelijk"): {"beoordelaar", "begeleider", "coördinator"},
    ("aanmelding", "exporteer_csv"): {"coördinator"},
    ("aanmelding", "wijs_beoordelaars_toe"): {"coördinator"},
    ("aanmelding", "besluit_geselecteerd"): {"coördinator"},
    ("aanmelding", "besluit_reserve"): {"coördinator"},
    ("aanmelding", "besluit_afgewezen"): {"coördinator"},
    ("aanmelding", "stuur_link"): {"coördinator"},
    ("oproep", "besluiten_versturen"): {"coördinator"},
    ("besluitbericht", "opnieuw_versturen"): {"coördinator"},
    ("casuswijk", "coalitie_uitnodigen"): {"begeleider", "coördinator"},
    ("casuswijk", "partner_uitnodigen"): {"begeleider", "coördinator"},
    ("deelname", "uitnodiging_opnieuw"): {"begeleider", "coördinator"},
    ("interventie", "exporteer_csv"): {"begeleider", "coördinator"},
    ("bevinding", "exporteer_csv"): {"begeleider", "coördinator"},
    ("actiepunt", "exporteer_csv"): {"begeleider", "coördinator"},
}

# Staff pages: the roles that get them (the others get 403).
PAGINAS = {
    "admin:aanmeldingen_aanmelding_changelist": {"beoordelaar", "begeleider", "coördinator"},
    "admin:aanmeldingen_aanmelding_lezen": {"beoordelaar", "begeleider", "coördinator"},
    "admin:aanmeldingen_beoordeling_add": {"beoordelaar", "coördinator"},
    "admin:aanmeldingen_beoordeling_changelist": {"beoordelaar", "coördinator"},
    "admin:aanmeldingen_mijn_beoordelingen": {"beoordelaar", "coördinator"},
    "admin:aanmeldingen_belangenconflict_melden": {"beoordelaar", "coördinator"},
    "admin:aanmeldingen_belangenconflict_changelist": {"coördinator"},
    "admin:aanmeldingen_oproep_changelist": {"beoordelaar", "begeleider", "coördinator"},
    "admin:aanmeldingen_besluitsjabloon_changelist": {"coördinator"},
    "admin:aanmeldingen_besluitbericht_changelist": {"coördinator"},
    "admin:casuswijken_casuswijk_changelist": {"beoordelaar", "begeleider", "coördinator"},
    "admin:netwerk_privacyverzoek_changelist": {"coördinator"},
    "admin:netwerk_privacyverzoek_persoon": {"coördinator"},
}

# The pages about one application.
MET_AANMELDING = ("_lezen", "_belangenconflict_melden")


def beschikbare_acties(client, model: str) -> set[str]:
    response = client.get(reverse(f"admin:{_app(model)}_{model}_changelist"))
    if response.status_code != 200 or response.context.get("action_form") is None:
        return set()
    return {naam for naam, _ in response.context["action_form"].fields["action"].choices if naam}


def _app(model: str) -> str:
    casuswijken = {"casuswijk", "deelname", "interventie", "bevinding", "actiepunt"}
    return "casuswijken" if model in casuswijken else "aanmeldingen"


@pytest.mark.parametrize("rol", ROLLEN)
def test_each_role_gets_exactly_its_actions(client, rol):
    client.force_login(medewerker(rol))
    modellen = {model for model, _ in ACTIES}

    gekregen = {(model, actie) for model in modellen for actie in beschikbare_acties(client, model)}

    verwacht = {sleutel for sleutel, rollen in ACTIES.items() if rol in rollen}
    assert gekregen - {(m, "delete_selected") for m in modellen} == verwacht


@pytest.mark.parametrize("rol", ROLLEN)
@pytest.mark.parametrize("naam", sorted(PAGINAS))
def test_each_role_gets_exactly_its_pages(client, rol, naam):
    aanmelding = AanmeldingFactory()
    client.force_login(medewerker(rol))
    args = [aanmelding.pk] if naam.endswith(MET_AANMELDING) else []

    response = client.get(reverse(naam, args=args))

    assert response.status_code == (200 if rol in PAGINAS[naam] else 403)


@pytest.mark.parametrize("naam", sorted(PAGINAS))
def test_anonymous_visitors_are_sent_to_the_login(client, naam):
    aanmelding = AanmeldingFactory()
    args = [aanmelding.pk] if naam.endswith(MET_AANMELDING) else []

    response = client.get(reverse(naam, args=args))

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


@pytest.mark.parametrize("rol", ROLLEN)
def test_a_refused_action_changes_nothing(client, rol):
    aanmelding = AanmeldingFactory(oproep__gesloten=True)
    client.force_login(medewerker(rol))

    client.post(
        reverse("admin:aanmeldingen_aanmelding_changelist"),
        {
            "action": "besluit_afgewezen",
            "_selected_action": [aanmelding.pk],
            "bevestigd": "ja",
            "toelichting": "Poging",
        },
    )

    aanmelding.refresh_from_db()
    assert aanmelding.status == ("afgewezen" if rol == "coördinator" else "ingediend")


def test_every_admin_action_has_a_rule_in_this_file():
    geregistreerd = {
        (model._meta.model_name, naam)
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label in {"aanmeldingen", "casuswijken"}
        for naam in (model_admin.actions or [])
    }

    assert geregistreerd == set(ACTIES)
