"""La situación del pleno guardada en el proceso se invalida con `core.versiones` (grupo «cuerpo»), como todo
lo que un proceso guarda: los disparadores de miembros, estados y personas reemplazan a las señales que subían
`Periodo.version_cuerpo`, que se quita. Las señales no veían un `update()`, una carga masiva ni el SQL a mano;
los disparadores sí, en los dos motores. El SQL va congelado (lo generó `core.versiones.sql_disparadores`;
`concejo/tests/test_durante_consultas.py` comprueba que sigue igual).
"""

import secrets

from django.db import migrations

DISPARADORES_POSTGRESQL = [
    'DROP TRIGGER IF EXISTS "concejo_miembro_version" ON "concejo_miembro"',
    'CREATE TRIGGER "concejo_miembro_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "concejo_miembro" FOR EACH STATEMENT EXECUTE FUNCTION secretaria_nueva_version(\'cuerpo\')',
    'DROP TRIGGER IF EXISTS "concejo_estadomiembro_version" ON "concejo_estadomiembro"',
    'CREATE TRIGGER "concejo_estadomiembro_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "concejo_estadomiembro" FOR EACH STATEMENT EXECUTE FUNCTION secretaria_nueva_version(\'cuerpo\')',
    'DROP TRIGGER IF EXISTS "core_persona_version" ON "core_persona"',
    'CREATE TRIGGER "core_persona_version" AFTER UPDATE OR DELETE OR TRUNCATE ON "core_persona" FOR EACH STATEMENT EXECUTE FUNCTION secretaria_nueva_version(\'cuerpo\')',
]

DISPARADORES_SQLITE = [
    'DROP TRIGGER IF EXISTS "concejo_miembro_version_insert"',
    'CREATE TRIGGER "concejo_miembro_version_insert" AFTER INSERT ON "concejo_miembro" BEGIN INSERT INTO "core_versiondedatos" ("grupo", "valor") VALUES (\'cuerpo\', random()) ON CONFLICT ("grupo") DO UPDATE SET "valor" = excluded."valor"; END',
    'DROP TRIGGER IF EXISTS "concejo_miembro_version_update"',
    'CREATE TRIGGER "concejo_miembro_version_update" AFTER UPDATE ON "concejo_miembro" BEGIN INSERT INTO "core_versiondedatos" ("grupo", "valor") VALUES (\'cuerpo\', random()) ON CONFLICT ("grupo") DO UPDATE SET "valor" = excluded."valor"; END',
    'DROP TRIGGER IF EXISTS "concejo_miembro_version_delete"',
    'CREATE TRIGGER "concejo_miembro_version_delete" AFTER DELETE ON "concejo_miembro" BEGIN INSERT INTO "core_versiondedatos" ("grupo", "valor") VALUES (\'cuerpo\', random()) ON CONFLICT ("grupo") DO UPDATE SET "valor" = excluded."valor"; END',
    'DROP TRIGGER IF EXISTS "concejo_estadomiembro_version_insert"',
    'CREATE TRIGGER "concejo_estadomiembro_version_insert" AFTER INSERT ON "concejo_estadomiembro" BEGIN INSERT INTO "core_versiondedatos" ("grupo", "valor") VALUES (\'cuerpo\', random()) ON CONFLICT ("grupo") DO UPDATE SET "valor" = excluded."valor"; END',
    'DROP TRIGGER IF EXISTS "concejo_estadomiembro_version_update"',
    'CREATE TRIGGER "concejo_estadomiembro_version_update" AFTER UPDATE ON "concejo_estadomiembro" BEGIN INSERT INTO "core_versiondedatos" ("grupo", "valor") VALUES (\'cuerpo\', random()) ON CONFLICT ("grupo") DO UPDATE SET "valor" = excluded."valor"; END',
    'DROP TRIGGER IF EXISTS "concejo_estadomiembro_version_delete"',
    'CREATE TRIGGER "concejo_estadomiembro_version_delete" AFTER DELETE ON "concejo_estadomiembro" BEGIN INSERT INTO "core_versiondedatos" ("grupo", "valor") VALUES (\'cuerpo\', random()) ON CONFLICT ("grupo") DO UPDATE SET "valor" = excluded."valor"; END',
    'DROP TRIGGER IF EXISTS "core_persona_version_update"',
    'CREATE TRIGGER "core_persona_version_update" AFTER UPDATE ON "core_persona" BEGIN INSERT INTO "core_versiondedatos" ("grupo", "valor") VALUES (\'cuerpo\', random()) ON CONFLICT ("grupo") DO UPDATE SET "valor" = excluded."valor"; END',
    'DROP TRIGGER IF EXISTS "core_persona_version_delete"',
    'CREATE TRIGGER "core_persona_version_delete" AFTER DELETE ON "core_persona" BEGIN INSERT INTO "core_versiondedatos" ("grupo", "valor") VALUES (\'cuerpo\', random()) ON CONFLICT ("grupo") DO UPDATE SET "valor" = excluded."valor"; END',
]


def instalar(apps, schema_editor):
    VersionDeDatos = apps.get_model("core", "VersionDeDatos")
    VersionDeDatos.objects.using(schema_editor.connection.alias).get_or_create(
        grupo="cuerpo", defaults={"valor": secrets.randbits(62) + 1}
    )
    postgresql = schema_editor.connection.vendor == "postgresql"
    for sql in DISPARADORES_POSTGRESQL if postgresql else DISPARADORES_SQLITE:
        schema_editor.execute(sql)


def quitar(apps, schema_editor):
    postgresql = schema_editor.connection.vendor == "postgresql"
    for sql in DISPARADORES_POSTGRESQL if postgresql else DISPARADORES_SQLITE:
        if sql.startswith("DROP"):
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("concejo", "0006_periodo_version_cuerpo"),
        ("core", "0004_versiones_sin_repetir"),
    ]

    operations = [
        migrations.RemoveField(model_name="periodo", name="version_cuerpo"),
        migrations.RunPython(instalar, quitar),
    ]
