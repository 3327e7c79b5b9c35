"""Versiones de datos (`core.versiones`): la tabla, la fila de la configuración y, en PostgreSQL, los
disparadores que la suben con cada cambio del municipio, sus reglas locales, su calendario o las series.

El SQL va congelado aquí (una migración no importa código vivo: si el código cambia, lo que corrió esta
migración no). La 0004 reemplaza estos disparadores por los de versiones que no se repiten, en los dos motores.
"""

from django.db import migrations, models

_TABLAS = ("core_municipio", "core_reglalocal", "core_diacalendario", "core_serie")

_FUNCION = """CREATE OR REPLACE FUNCTION secretaria_subir_version() RETURNS trigger LANGUAGE plpgsql AS $$
           BEGIN
             INSERT INTO core_versiondedatos (grupo, valor) VALUES (TG_ARGV[0], 1)
             ON CONFLICT (grupo) DO UPDATE SET valor = core_versiondedatos.valor + 1;
             RETURN NULL;
           END $$"""

_DISPARADORES = [
    f'CREATE TRIGGER "{tabla}_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "{tabla}" '
    "FOR EACH STATEMENT EXECUTE FUNCTION secretaria_subir_version('configuracion')"
    for tabla in _TABLAS
]

_QUITAR = [f'DROP TRIGGER IF EXISTS "{tabla}_version" ON "{tabla}"' for tabla in _TABLAS]


def crear(apps, schema_editor):
    VersionDeDatos = apps.get_model("core", "VersionDeDatos")
    VersionDeDatos.objects.using(schema_editor.connection.alias).get_or_create(grupo="configuracion")
    if schema_editor.connection.vendor == "postgresql":
        for sql in [_FUNCION, *_DISPARADORES]:
            schema_editor.execute(sql)


def quitar(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in _QUITAR:
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
