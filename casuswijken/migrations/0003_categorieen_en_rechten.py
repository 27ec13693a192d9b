"""The shared list of intervention categories (staff extend it). The rights on what happens
in the casuswijken, once given here, now follow netwerk.rechten after every migrate."""

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


def vul_in(apps, schema_editor):
    Interventiecategorie = apps.get_model("casuswijken", "Interventiecategorie")
    for naam, omschrijving in CATEGORIEEN:
        Interventiecategorie.objects.get_or_create(naam=naam, defaults={"omschrijving": omschrijving})


class Migration(migrations.Migration):
    dependencies = [
        ("casuswijken", "0002_deelnames_bijeenkomsten"),
        ("aanmeldingen", "0009_besluitsjablonen_en_rechten"),
    ]

    operations = [migrations.RunPython(vul_in, migrations.RunPython.noop)]
