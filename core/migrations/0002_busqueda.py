"""Índices de texto completo de la búsqueda: FTS5 en SQLite, GIN con `spanish` + unaccent en PostgreSQL.

La tabla core_entradabusqueda es la fuente; lo de aquí es derivado y se rehace desde ella.
"""

from django.db import migrations

SQLITE_CREAR = [
    # titulo y texto guardan las raíces (Snowball) calculadas en Python por core.busqueda.
    """CREATE VIRTUAL TABLE IF NOT EXISTS core_busqueda_fts
       USING fts5(titulo, texto, tokenize = 'unicode61 remove_diacritics 2')""",
    # texto_normalizado = raíces del título, salto de línea, raíces del texto.
    """CREATE TRIGGER IF NOT EXISTS core_busqueda_ai AFTER INSERT ON core_entradabusqueda BEGIN
         INSERT INTO core_busqueda_fts(rowid, titulo, texto) VALUES (
           new.id,
           substr(new.texto_normalizado, 1, instr(new.texto_normalizado, char(10)) - 1),
           substr(new.texto_normalizado, instr(new.texto_normalizado, char(10)) + 1));
       END""",
    """CREATE TRIGGER IF NOT EXISTS core_busqueda_ad AFTER DELETE ON core_entradabusqueda BEGIN
         DELETE FROM core_busqueda_fts WHERE rowid = old.id;
       END""",
    """CREATE TRIGGER IF NOT EXISTS core_busqueda_au AFTER UPDATE ON core_entradabusqueda BEGIN
         DELETE FROM core_busqueda_fts WHERE rowid = old.id;
         INSERT INTO core_busqueda_fts(rowid, titulo, texto) VALUES (
           new.id,
           substr(new.texto_normalizado, 1, instr(new.texto_normalizado, char(10)) - 1),
           substr(new.texto_normalizado, instr(new.texto_normalizado, char(10)) + 1));
       END""",
]
SQLITE_BORRAR = [
    "DROP TRIGGER IF EXISTS core_busqueda_au",
    "DROP TRIGGER IF EXISTS core_busqueda_ad",
    "DROP TRIGGER IF EXISTS core_busqueda_ai",
    "DROP TABLE IF EXISTS core_busqueda_fts",
]

POSTGRES_CREAR = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    # unaccent() es STABLE (depende de search_path); un índice exige IMMUTABLE: se fija el diccionario.
    """CREATE OR REPLACE FUNCTION secretaria_unaccent(text) RETURNS text
       LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
       AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$""",
    """CREATE INDEX IF NOT EXISTS core_busqueda_gin ON core_entradabusqueda
       USING gin (to_tsvector('spanish', secretaria_unaccent(titulo || ' ' || texto)))""",
]
POSTGRES_BORRAR = [
    "DROP INDEX IF EXISTS core_busqueda_gin",
    "DROP FUNCTION IF EXISTS secretaria_unaccent(text)",
]


def crear(apps, schema_editor):
    motor = schema_editor.connection.vendor
    sentencias = {"sqlite": SQLITE_CREAR, "postgresql": POSTGRES_CREAR}.get(motor, [])
    for sql in sentencias:
        schema_editor.execute(sql)


def borrar(apps, schema_editor):
    motor = schema_editor.connection.vendor
    sentencias = {"sqlite": SQLITE_BORRAR, "postgresql": POSTGRES_BORRAR}.get(motor, [])
    for sql in sentencias:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(crear, borrar)]
