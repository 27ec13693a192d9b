"""The first texts of the decision mails (staff edit them in the admin), and the rights to
decide and send for the coördinator."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

SJABLONEN = {
    "geselecteerd": (
        "Uw wijk {{ wijknaam }} is gekozen als casuswijk",
        """Beste {{ naam }},

Goed nieuws: de coalitie voor {{ wijknaam }} ({{ gemeente }}) is gekozen als een van de casuswijken van het leernetwerk "{{ oproep }}".

{{ toelichting }}

Binnen twee weken nemen wij contact met u op om het eerste open gesprek in uw wijk te plannen. U en de andere leden van de coalitie krijgen daarna een uitnodiging voor de pagina's van de casuswijk op het portaal.

Uw aanmelding blijft te lezen via uw persoonlijke link:
{{ link }}

Met vriendelijke groet,
Platform31 en Movisie""",
    ),
    "reserve": (
        "Uw aanmelding voor {{ wijknaam }}: op de reservelijst",
        """Beste {{ naam }},

Dank voor de aanmelding van de coalitie voor {{ wijknaam }} ({{ gemeente }}) bij het leernetwerk "{{ oproep }}". Wij hebben uw wijk op de reservelijst geplaatst.

{{ toelichting }}

Valt een gekozen wijk af, dan benaderen wij u. U hoeft niets te doen. Uw aanmelding blijft te lezen via uw persoonlijke link:
{{ link }}

Met vriendelijke groet,
Platform31 en Movisie""",
    ),
    "afgewezen": (
        "Uw aanmelding voor {{ wijknaam }}: niet gekozen",
        """Beste {{ naam }},

Dank voor de aanmelding van de coalitie voor {{ wijknaam }} ({{ gemeente }}) bij het leernetwerk "{{ oproep }}". Er waren meer goede aanmeldingen dan plaatsen, en wij hebben uw wijk niet gekozen.

{{ toelichting }}

De openbare opbrengsten van het leernetwerk delen wij ook met u. Vragen over dit besluit? Antwoord op deze e-mail. Uw aanmelding blijft te lezen via uw persoonlijke link:
{{ link }}

Met vriendelijke groet,
Platform31 en Movisie""",
    ),
}

RECHTEN = {
    "coördinator": [
        ("aanmeldingen", "neem_besluit"),
        ("aanmeldingen", "verstuur_besluiten"),
        ("aanmeldingen", "view_besluitsjabloon"),
        ("aanmeldingen", "change_besluitsjabloon"),
        ("aanmeldingen", "view_besluitbericht"),
        ("casuswijken", "view_casuswijk"),
        ("casuswijken", "change_casuswijk"),
    ],
    "begeleider": [("casuswijken", "view_casuswijk"), ("casuswijken", "change_casuswijk")],
    "beoordelaar": [("casuswijken", "view_casuswijk")],
}


def vul_in(apps, schema_editor):
    Besluitsjabloon = apps.get_model("aanmeldingen", "Besluitsjabloon")
    for besluit, (onderwerp, tekst) in SJABLONEN.items():
        Besluitsjabloon.objects.get_or_create(
            besluit=besluit, defaults={"onderwerp": onderwerp, "tekst": tekst}
        )
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for rol, rechten in RECHTEN.items():
        groep = Group.objects.get(name=rol)
        for app_label, codename in rechten:
            groep.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("aanmeldingen", "0008_besluitrechten"),
        ("casuswijken", "0001_initial"),
    ]

    operations = [migrations.RunPython(vul_in, migrations.RunPython.noop)]
