"""The shared list of intervention categories (staff extend it) and the rights of the
begeleider and coördinator on what happens in the casuswijken."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CATEGORIEEN = [
    ("Woningtoewijzing en doorstroming", "Voorrangsregels, labels, doorstroomprogramma's."),
    ("Woningvoorraad en vastgoed", "Sloop, nieuwbouw, renovatie, verkoop, functiemenging."),
    ("Ontmoeting en buurtvoorzieningen", "Huiskamers, buurthuizen, gedeelde plekken."),
    ("Welkom en begeleiding bij verhuizen", "Welkomstgesprekken, maatjes, verhuisbegeleiding."),
    ("Participatie en bewonersinitiatief", "Bewonersbudgetten, buurtteams, zeggenschap."),
    ("Zorg en ondersteuning", "Wijkteams, vroegsignalering, schuldhulp."),
    ("Werk, onderwijs en talent", "Leerwerktrajecten, school in de wijk."),
    ("Samenwerking en sturing", "Gebiedsteams, convenanten, gedeelde agenda's."),
]
MODELLEN = ["bijeenkomst", "actiepunt", "interventie", "interventiecategorie", "bevinding",
            "deelname"]  # fmt: skip
RECHTEN = {
    "begeleider": [f"{actie}_{model}" for model in MODELLEN for actie in ("add", "change", "view")]
    + ["delete_actiepunt", "delete_interventie", "delete_bevinding"],
    "coördinator": [
        f"{actie}_{model}" for model in MODELLEN for actie in ("add", "change", "view", "delete")
    ],
    "beoordelaar": [],
}


def vul_in(apps, schema_editor):
    Interventiecategorie = apps.get_model("casuswijken", "Interventiecategorie")
    for naam, omschrijving in CATEGORIEEN:
        Interventiecategorie.objects.get_or_create(naam=naam, defaults={"omschrijving": omschrijving})
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for rol, codenamen in RECHTEN.items():
        groep, _ = Group.objects.get_or_create(name=rol)
        groep.permissions.add(
            *Permission.objects.filter(content_type__app_label="casuswijken", codename__in=codenamen)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("casuswijken", "0002_deelnames_bijeenkomsten"),
        ("aanmeldingen", "0009_besluitsjablonen_en_rechten"),
    ]

    operations = [migrations.RunPython(vul_in, migrations.RunPython.noop)]
