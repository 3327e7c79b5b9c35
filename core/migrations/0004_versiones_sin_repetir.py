"""Versiones que no se repiten, en PostgreSQL y en SQLite (`core.versiones`), para el grupo «configuracion».

Antes la versión era un contador que solo subía en PostgreSQL: tras deshacer una transacción volvía a un valor
ya visto, por eso solo se podía guardar fuera de transacciones, y en SQLite no había versión. Ahora cada
cambio le da al grupo el siguiente valor de una secuencia (PostgreSQL; un rollback no lo devuelve) o 64 bits
al azar (SQLite). El SQL va congelado (lo generó `core.versiones.sql_disparadores` al escribir esta
migración; `core/tests/test_versiones.py` comprueba que sigue igual).
"""

from django.db import migrations

FUNCION_POSTGRESQL = [
    'CREATE SEQUENCE IF NOT EXISTS "secretaria_versiones"',
    'CREATE OR REPLACE FUNCTION secretaria_nueva_version() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  INSERT INTO "core_versiondedatos" ("grupo", "valor") VALUES (TG_ARGV[0], nextval(\'secretaria_versiones\'))\n  ON CONFLICT ("grupo") DO UPDATE SET "valor" = EXCLUDED."valor";\n  RETURN NULL;\nEND $$',
]

DISPARADORES_POSTGRESQL = [
    'DROP TRIGGER IF EXISTS "core_municipio_version" ON "core_municipio"',
    'CREATE TRIGGER "core_municipio_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "core_municipio" FOR EACH STATEMENT EXECUTE FUNCTION secretaria_nueva_version(\'configuracion\')',
    'DROP TRIGGER IF EXISTS "core_reglalocal_version" ON "core_reglalocal"',
    'CREATE TRIGGER "core_reglalocal_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "core_reglalocal" FOR EACH STATEMENT EXECUTE FUNCTION secretaria_nueva_version(\'configuracion\')',
    'DROP TRIGGER IF EXISTS "core_diacalendario_version" ON "core_diacalendario"',
    'CREATE TRIGGER "core_diacalendario_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "core_diacalendario" FOR EACH STATEMENT EXECUTE FUNCTION secretaria_nueva_version(\'configuracion\')',
    'DROP TRIGGER IF EXISTS "core_serie_version" ON "core_serie"',
    'CREATE TRIGGER "core_serie_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "core_serie" FOR EACH STATEMENT EXECUTE FUNCTION secretaria_nueva_version(\'configuracion\')',
]

DISPARADORES_SQLITE = [
    'DROP TRIGGER IF EXISTS "core_municipio_version_insert"',
    'CREATE TRIGGER "core_municipio_version_insert" AFTER INSERT ON "core_municipio" BEGIN INSERT INTO "core_versiondedatos" ("grupo", "valor") VALUES (\'configuracion\', random()) ON CONFLICT ("grupo") DO UPDATE SET "valor" = excluded."valor"; END',
    'DROP TRIGGER IF EXISTS "core_municipio_version_update"',
    'CREATE TRIGGER "core_municipio_version_update" AFTER UPDATE ON "core_municipio" BEGIN INSERT INTO "core_versiondedatos" ("grupo", "valor") VALUES (\'configuracion\', random()) ON CONFLICT ("grupo") DO UPDATE SET "valor" = excluded."valor"; END',
    'DROP TRIGGER IF EXISTS "core_municipio_version_delete"',
    'CREATE TRIGGER "core_municipio_version_delete" AFTER DELETE ON "core_municipio" BEGIN INSERT INTO "core_versiondedatos" ("grupo", "valor") VALUES (\'configuracion\', random()) ON CONFLICT ("grupo") DO UPDATE SET "valor" = excluded."valor"; END',
    'DROP TRIGGER IF EXISTS "core_reglalocal_version_insert"',
    'CREATE TRIGGER "core_reglalocal_version_insert" AFTER INSERT ON "core_reglalocal" BEGIN INSERT INTO "core_versiondedatos" ("grupo", "valor") VALUES (\'configuracion\', random()) ON CONFLICT ("grupo") DO UPDATE SET "valor" = excluded."valor"; END',
    'DROP TRIGGER IF EXISTS "core_reglalocal_version_update"',
    'CREATE TRIGGER "core_reglalocal_version_update" AFTER UPDATE ON "core_reglalocal" BEGIN INSERT INTO "core_versiondedatos" ("grupo", "valor") VALUES (\'configuracion\', random()) ON CONFLICT ("grupo") DO UPDATE SET "valor" = excluded."valor"; END',
    'DROP TRIGGER IF EXISTS "core_reglalocal_version_delete"',
    'CREATE TRIGGER "core_reglalocal_version_delete" AFTER DELETE ON "core_reglalocal" BEGIN INSERT INTO "core_versiondedatos" ("grupo", "valor") VALUES (\'configuracion\', random()) ON CONFLICT ("grupo") DO UPDATE SET "valor" = excluded."valor"; END',
    'DROP TRIGGER IF EXISTS "core_diacalendario_version_insert"',
    'CREATE TRIGGER "core_diacalendario_version_insert" AFTER INSERT ON "core_diacalendario" BEGIN INSERT INTO "core_versiondedatos" ("grupo", "valor") VALUES (\'configuracion\', random()) ON CONFLICT ("grupo") DO UPDATE SET "valor" = excluded."valor"; END',
    'DROP TRIGGER IF EXISTS "core_diacalendario_version_update"',
    'CREATE TRIGGER "core_diacalendario_version_update" AFTER UPDATE ON "core_diacalendario" BEGIN INSERT INTO "core_versiondedatos" ("grupo", "valor") VALUES (\'configuracion\', random()) ON CONFLICT ("grupo") DO UPDATE SET "valor" = excluded."valor"; END',
    'DROP TRIGGER IF EXISTS "core_diacalendario_version_delete"',
    'CREATE TRIGGER "core_diacalendario_version_delete" AFTER DELETE ON "core_diacalendario" BEGIN INSERT INTO "core_versiondedatos" ("grupo", "valor") VALUES (\'configuracion\', random()) ON CONFLICT ("grupo") DO UPDATE SET "valor" = excluded."valor"; END',
    'DROP TRIGGER IF EXISTS "core_serie_version_insert"',
    'CREATE TRIGGER "core_serie_version_insert" AFTER INSERT ON "core_serie" BEGIN INSERT INTO "core_versiondedatos" ("grupo", "valor") VALUES (\'configuracion\', random()) ON CONFLICT ("grupo") DO UPDATE SET "valor" = excluded."valor"; END',
    'DROP TRIGGER IF EXISTS "core_serie_version_update"',
    'CREATE TRIGGER "core_serie_version_update" AFTER UPDATE ON "core_serie" BEGIN INSERT INTO "core_versiondedatos" ("grupo", "valor") VALUES (\'configuracion\', random()) ON CONFLICT ("grupo") DO UPDATE SET "valor" = excluded."valor"; END',
    'DROP TRIGGER IF EXISTS "core_serie_version_delete"',
    'CREATE TRIGGER "core_serie_version_delete" AFTER DELETE ON "core_serie" BEGIN INSERT INTO "core_versiondedatos" ("grupo", "valor") VALUES (\'configuracion\', random()) ON CONFLICT ("grupo") DO UPDATE SET "valor" = excluded."valor"; END',
]

_VIEJOS = ["DROP FUNCTION IF EXISTS secretaria_subir_version()"]


def instalar(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        sentencias = [*FUNCION_POSTGRESQL, *DISPARADORES_POSTGRESQL, *_VIEJOS]
    else:
        sentencias = DISPARADORES_SQLITE
    for sql in sentencias:
        schema_editor.execute(sql)


def quitar(apps, schema_editor):
    # Vuelve a la 0003: en PostgreSQL sus disparadores se reinstalan al deshacer la 0003 y rehacerla; aquí
    # basta con quitar los nuevos.
    if schema_editor.connection.vendor == "postgresql":
        for sql in DISPARADORES_POSTGRESQL:
            if sql.startswith("DROP"):
                schema_editor.execute(sql)
        schema_editor.execute("DROP FUNCTION IF EXISTS secretaria_nueva_version()")
    else:
        for sql in DISPARADORES_SQLITE:
            if sql.startswith("DROP"):
                schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_versiones"),
    ]

    operations = [migrations.RunPython(instalar, quitar)]
