"""The first texts of the decision mails (staff edit them in the admin). The rights to decide
and send, once given here, now follow netwerk.rechten after every migrate."""

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


def vul_in(apps, schema_editor):
    Besluitsjabloon = apps.get_model("aanmeldingen", "Besluitsjabloon")
    for besluit, (onderwerp, tekst) in SJABLONEN.items():
        Besluitsjabloon.objects.get_or_create(
            besluit=besluit, defaults={"onderwerp": onderwerp, "tekst": tekst}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("aanmeldingen", "0008_besluitrechten"),
        ("casuswijken", "0001_initial"),
    ]

    operations = [migrations.RunPython(vul_in, migrations.RunPython.noop)]
