"""Versiones de datos (`core.versiones`): la tabla, la fila de la configuración y, en PostgreSQL, los
disparadores que la suben con cada cambio del municipio, sus reglas locales, su calendario o las series."""

from django.db import migrations, models


def crear(apps, schema_editor):
    from core.versiones import GRUPOS, sql_disparadores

    VersionDeDatos = apps.get_model("core", "VersionDeDatos")
    for grupo in GRUPOS:
        VersionDeDatos.objects.using(schema_editor.connection.alias).get_or_create(grupo=grupo)
        if schema_editor.connection.vendor == "postgresql":
            for sql in sql_disparadores(grupo):
                schema_editor.execute(sql)


def quitar(apps, schema_editor):
    from core.versiones import GRUPOS, sql_quitar_disparadores

    if schema_editor.connection.vendor == "postgresql":
        for grupo in GRUPOS:
            for sql in sql_quitar_disparadores(grupo):
                schema_editor.execute(sql)
        schema_editor.execute("DROP FUNCTION IF EXISTS secretaria_subir_version()")


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0002_busqueda"),
    ]

    operations = [
        migrations.CreateModel(
            name="VersionDeDatos",
            fields=[
                ("grupo", models.CharField(max_length=40, primary_key=True, serialize=False)),
                ("valor", models.BigIntegerField(default=0)),
            ],
            options={"verbose_name": "versión de datos", "verbose_name_plural": "versiones de datos"},
        ),
        migrations.RunPython(crear, quitar),
    ]
