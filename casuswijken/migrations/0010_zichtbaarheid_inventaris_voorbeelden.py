"""Interventions and findings get a visibility, and good examples from elsewhere a model.

Existing rows keep who could read them: an intervention was its casuswijk's own (wijk), a
finding too unless it was a good example, which the whole call read (netwerk). New
interventions default to netwerk, so that the casuswijken can compare them.
"""

import django.db.models.deletion
from django.db import migrations, models


def goede_voorbeelden_voor_het_netwerk(apps, schema_editor):
    Bevinding = apps.get_model("casuswijken", "Bevinding")
    Bevinding.objects.filter(goed_voorbeeld=True).update(zichtbaarheid="netwerk")


class Migration(migrations.Migration):

    dependencies = [
        ('aanmeldingen', '0013_besluitbericht_alleen_besluiten'),
        ('casuswijken', '0009_actiepunt_afgerond_op'),
    ]

    operations = [
        migrations.CreateModel(
            name='Voorbeeld',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('titel', models.CharField(max_length=200)),
                ('organisatie', models.CharField(max_length=150)),
                ('plaats', models.CharField(max_length=100)),
                ('omschrijving', models.TextField(help_text='Markdown.', max_length=3000)),
                ('link', models.URLField(blank=True, max_length=500, verbose_name='webadres')),
                ('leervraag', models.CharField(choices=[('verwachtingen', 'Verwachtingen'), ('opbrengsten', 'Opbrengsten'), ('randvoorwaarden', 'Randvoorwaarden'), ('interventies', 'Interventies')], max_length=20)),
                ('zichtbaarheid', models.CharField(choices=[('intern', 'Intern: alleen medewerkers'), ('wijk', 'Wijk: deelnemers van deze casuswijk'), ('netwerk', 'Netwerk: deelnemers van alle casuswijken van de oproep'), ('openbaar', 'Openbaar: iedereen')], default='netwerk', help_text='Intern (nog niet klaar), netwerk of openbaar; een voorbeeld hoort bij geen casuswijk.', max_length=10)),
                ('aangemaakt', models.DateTimeField(auto_now_add=True)),
            ],
            options={
                'verbose_name': 'goed voorbeeld van elders',
                'verbose_name_plural': 'goede voorbeelden van elders',
                'ordering': ['leervraag', 'titel', 'pk'],
            },
        ),
        migrations.AddField(
            model_name='bevinding',
            name='zichtbaarheid',
            field=models.CharField(choices=[('intern', 'Intern: alleen medewerkers'), ('wijk', 'Wijk: deelnemers van deze casuswijk'), ('netwerk', 'Netwerk: deelnemers van alle casuswijken van de oproep'), ('openbaar', 'Openbaar: iedereen')], default='wijk', max_length=10),
        ),
        migrations.AddField(
            model_name='interventie',
            name='zichtbaarheid',
            field=models.CharField(default='wijk', max_length=10),
        ),
        migrations.AlterField(
            model_name='interventie',
            name='zichtbaarheid',
            field=models.CharField(choices=[('intern', 'Intern: alleen medewerkers'), ('wijk', 'Wijk: deelnemers van deze casuswijk'), ('netwerk', 'Netwerk: deelnemers van alle casuswijken van de oproep'), ('openbaar', 'Openbaar: iedereen')], default='netwerk', help_text='Netwerk: de casuswijken van de oproep vergelijken elkaars interventies.', max_length=10),
        ),
        migrations.RunPython(goede_voorbeelden_voor_het_netwerk, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='bevinding',
            name='goed_voorbeeld',
            field=models.BooleanField(default=False, help_text='Uitgelicht voor het hele netwerk (zichtbaarheid netwerk of openbaar).'),
        ),
        migrations.AddConstraint(
            model_name='bevinding',
            constraint=models.CheckConstraint(condition=models.Q(('zichtbaarheid__in', ['intern', 'wijk', 'netwerk', 'openbaar'])), name='bevinding_zichtbaarheid_geldig'),
        ),
        migrations.AddConstraint(
            model_name='bevinding',
            constraint=models.CheckConstraint(condition=models.Q(('goed_voorbeeld', False), ('zichtbaarheid__in', ['netwerk', 'openbaar']), _connector='OR'), name='bevinding_goed_voorbeeld_voor_netwerk', violation_error_message='Een goed voorbeeld is voor het hele netwerk: kies netwerk of openbaar als zichtbaarheid.'),
        ),
        migrations.AddConstraint(
            model_name='interventie',
            constraint=models.CheckConstraint(condition=models.Q(('zichtbaarheid__in', ['intern', 'wijk', 'netwerk', 'openbaar'])), name='interventie_zichtbaarheid_geldig'),
        ),
        migrations.AddField(
            model_name='voorbeeld',
            name='categorie',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='voorbeelden', to='casuswijken.interventiecategorie'),
        ),
        migrations.AddField(
            model_name='voorbeeld',
            name='oproep',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='voorbeelden', to='aanmeldingen.oproep'),
        ),
        migrations.AddConstraint(
            model_name='voorbeeld',
            constraint=models.CheckConstraint(condition=models.Q(('zichtbaarheid__in', ['intern', 'netwerk', 'openbaar'])), name='voorbeeld_zichtbaarheid_zonder_wijk', violation_error_message='Een voorbeeld van elders hoort bij geen casuswijk: kies intern, netwerk of openbaar.'),
        ),
    ]
