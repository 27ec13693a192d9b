"""The roles in the database are the table in netwerk.rechten, and every right exists."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from netwerk.rechten import ALLES, ROLLEN, Recht, Rol, mag, synchroniseer_rollen
from tests.factories import DeelnameFactory, StaffFactory, medewerker

pytestmark = pytest.mark.django_db


def rechten_van(groep: Group) -> set[str]:
    return {
        f"{app_label}.{codename}"
        for app_label, codename in groep.permissions.values_list(
            "content_type__app_label", "codename"
        )
    }


def test_the_groups_are_exactly_the_table_after_migrate():
    groepen = {groep.name: rechten_van(groep) for groep in Group.objects.all()}

    assert set(groepen) == set(Rol.values)
    for rol, rechten in ROLLEN.items():
        if rechten == ALLES:
            assert len(groepen[rol]) == Permission.objects.count()
        else:
            assert groepen[rol] == rechten, rol


def test_a_group_changed_by_hand_is_put_back_by_the_next_migrate():
    beoordelaar = Group.objects.get(name=Rol.BEOORDELAAR)
    beoordelaar.permissions.add(Permission.objects.get(codename="neem_besluit"))
    Group.objects.filter(name=Rol.BEGELEIDER).delete()

    call_command("migrate", verbosity=0)

    assert rechten_van(Group.objects.get(name=Rol.BEOORDELAAR)) == ROLLEN[Rol.BEOORDELAAR]
    assert rechten_van(Group.objects.get(name=Rol.BEGELEIDER)) == ROLLEN[Rol.BEGELEIDER]


def test_every_named_right_is_a_permission_that_exists():
    for recht in Recht:
        app_label, codename = recht.split(".")
        assert Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).exists(), recht


def test_a_role_with_a_right_that_does_not_exist_stops_the_sync(monkeypatch):
    monkeypatch.setitem(ROLLEN, Rol.BEOORDELAAR, {"aanmeldingen.bestaat_niet"})

    with pytest.raises(LookupError, match="aanmeldingen.bestaat_niet"):
        synchroniseer_rollen()


def test_permissions_have_dutch_names():
    namen = set(Permission.objects.values_list("name", flat=True))

    assert {"Kan aanmelding toevoegen", "Kan actiepunt wijzigen", "Kan gebruiker bekijken"} <= (
        namen
    )
    assert not [naam for naam in namen if naam.startswith("Can ")]


# Who reads intern and unpublished session content (docs/rechten.md).
SESSIE_INHOUD = {
    Rol.BEOORDELAAR: False,
    Rol.BEGELEIDER: True,
    Rol.COORDINATOR: True,
    Rol.BEHEER: True,
}


@pytest.mark.parametrize("rol", list(Rol))
def test_who_reads_intern_and_unpublished_session_content(rol):
    assert mag(medewerker(rol), Recht.LEES_BIJEENKOMSTEN) is SESSIE_INHOUD[rol]


def test_rights_need_an_active_staff_account():
    gestopt = medewerker(Rol.COORDINATOR)
    gestopt.is_active = False
    deelnemer = DeelnameFactory().gebruiker
    deelnemer.groups.add(Group.objects.get(name=Rol.COORDINATOR))

    assert mag(gestopt, Recht.NEEM_BESLUIT) is False
    assert mag(deelnemer, Recht.NEEM_BESLUIT) is False
    assert mag(StaffFactory(), Recht.LEES_AANMELDINGEN) is False
