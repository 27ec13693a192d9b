"""Once made the staff groups; they now follow netwerk.rechten after every migrate."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("aanmeldingen", "0004_beoordeling"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = []
