"""Full-text search on PostgreSQL: a stored search vector per searchable table, with a GIN
index on it (casuswijken/zoeken.py). SQLite searches without them and gets nothing here.

A stored generated column rather than an expression index: ranking (ts_rank) and phrase
matches need the vector itself, and with only an expression index PostgreSQL recomputes
to_tsvector for every matching row, about 0.7 ms for one session's notes; a common word
then took seconds (scripts/benchmark_zoeken.py). The column is not a model field, so that
no other query loads it; zoeken.Zoekkolom reads it.

The expressions below must stay equal to zoeken.zoekvector (a test on PostgreSQL compares
them). PostgreSQL refuses to change the type of a column a generated column reads (say a
longer titel): such a migration first drops the column here and adds it again after.
"""

from django.db import migrations

# table: (the title, weighed A; the other texts, weighed B), as in zoeken.SOORTEN.
VELDEN = {
    "casuswijken_bijeenkomst": (["titel"], ["agenda", "verslag"]),
    "casuswijken_interventie": (["naam"], ["omschrijving", "partners", "ervaringen"]),
    "casuswijken_bevinding": ([], ["tekst"]),
    "casuswijken_voorbeeld": (["titel"], ["organisatie", "plaats", "omschrijving"]),
}


def _vector(velden: list[str], gewicht: str) -> str:
    tekst = " || ' ' || ".join(f"COALESCE({veld}, '')" for veld in velden)
    return f"setweight(to_tsvector('dutch'::regconfig, {tekst}), '{gewicht}')"


def maak(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for tabel, (titel, tekst) in VELDEN.items():
        delen = ([_vector(titel, "A")] if titel else []) + [_vector(tekst, "B")]
        schema_editor.execute(
            f"ALTER TABLE {tabel} ADD COLUMN zoekvector tsvector "
            f"GENERATED ALWAYS AS ({' || '.join(delen)}) STORED"
        )
        schema_editor.execute(f"CREATE INDEX {tabel}_zoekvector ON {tabel} USING gin (zoekvector)")


def verwijder(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for tabel in VELDEN:
        schema_editor.execute(f"ALTER TABLE {tabel} DROP COLUMN zoekvector")


class Migration(migrations.Migration):

    dependencies = [
        ("casuswijken", "0010_zichtbaarheid_inventaris_voorbeelden"),
    ]

    operations = [migrations.RunPython(maak, verwijder, elidable=False)]
