"""The staff roles of DESIGN.md as groups, so that a fresh install has them.

Later migrations add the permissions of records that do not exist yet (casuswijken).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

LEZEN = [
    "view_oproep",
    "view_aanmelding",
    "view_coalitielid",
    "view_statuswijziging",
    "view_revisie",
]
BEOORDELEN = ["add_beoordeling", "change_beoordeling", "view_beoordeling"]
ROLLEN = {
    "beoordelaar": [*LEZEN, *BEOORDELEN],
    "begeleider": LEZEN,
    "coördinator": [
        *LEZEN,
        *BEOORDELEN,
        "view_alle_beoordelingen",
        "add_oproep",
        "change_oproep",
        "change_aanmelding",
        "add_coalitielid",
        "change_coalitielid",
        "delete_coalitielid",
    ],
}


def maak_rollen(apps, schema_editor):
    # Permissions are normally made after all migrations ran; these groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for naam, codenamen in ROLLEN.items():
        groep, _ = Group.objects.get_or_create(name=naam)
        rechten = Permission.objects.filter(
            content_type__app_label="aanmeldingen", codename__in=codenamen
        )
        assert rechten.count() == len(codenamen), (naam, codenamen)
        groep.permissions.add(*rechten)


class Migration(migrations.Migration):
    dependencies = [
        ("aanmeldingen", "0004_beoordeling"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(maak_rollen, migrations.RunPython.noop)]
