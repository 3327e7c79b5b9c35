"""Búsqueda de texto completo propia del registro (1.000.000 de documentos): asunto, número y remitente.

- PostgreSQL: índices GIN de expresión (`spanish` + `secretaria_unaccent`, la función de
  core/migrations/0002_busqueda.py) sobre el documento y sobre el nombre de la persona remitente. No
  hay nada que mantener al escribir: el índice es de la propia tabla.
- SQLite: una tabla FTS5 (rowid = id del documento) que mantienen disparadores; las tildes se quitan
  al indexar (`remove_diacritics 2`) y la consulta usa las raíces de core.busqueda.normalizacion como
  prefijos, así «licencias» encuentra «licencia».
La expresión de cada índice se repite, tal cual, en registro/selectors/busqueda.py.
"""

from django.db import migrations

VECTOR_DOCUMENTO = "to_tsvector('spanish', secretaria_unaccent(asunto || ' ' || numero_texto))"
VECTOR_PERSONA = (
    "to_tsvector('spanish', secretaria_unaccent(nombres || ' ' || apellidos || ' ' || razon_social))"
)

POSTGRES_CREAR = [
    f"CREATE INDEX IF NOT EXISTS registro_documento_fts_gin ON registro_documento USING gin ({VECTOR_DOCUMENTO})",
    f"CREATE INDEX IF NOT EXISTS registro_persona_fts_gin ON core_persona USING gin ({VECTOR_PERSONA})",
]
POSTGRES_BORRAR = [
    "DROP INDEX IF EXISTS registro_documento_fts_gin",
    "DROP INDEX IF EXISTS registro_persona_fts_gin",
]

_REMITENTE = (
    "coalesce((SELECT trim(p.nombres || ' ' || p.apellidos || ' ' || p.razon_social) "
    "FROM core_persona p WHERE p.id = new.remitente_id), '')"
)
SQLITE_CREAR = [
    """CREATE VIRTUAL TABLE IF NOT EXISTS registro_documento_fts
       USING fts5(texto, remitente, tokenize = 'unicode61 remove_diacritics 2')""",
    f"""CREATE TRIGGER IF NOT EXISTS registro_documento_fts_ai AFTER INSERT ON registro_documento BEGIN
         INSERT INTO registro_documento_fts(rowid, texto, remitente)
         VALUES (new.id, new.asunto || ' ' || new.numero_texto, {_REMITENTE});
       END""",
    f"""CREATE TRIGGER IF NOT EXISTS registro_documento_fts_au
       AFTER UPDATE OF asunto, numero_texto, remitente_id ON registro_documento BEGIN
         DELETE FROM registro_documento_fts WHERE rowid = old.id;
         INSERT INTO registro_documento_fts(rowid, texto, remitente)
         VALUES (new.id, new.asunto || ' ' || new.numero_texto, {_REMITENTE});
       END""",
    """CREATE TRIGGER IF NOT EXISTS registro_documento_fts_ad AFTER DELETE ON registro_documento BEGIN
         DELETE FROM registro_documento_fts WHERE rowid = old.id;
       END""",
    # Si cambia el nombre de la persona, sus documentos se encuentran por el nombre nuevo.
    """CREATE TRIGGER IF NOT EXISTS registro_persona_fts_au
       AFTER UPDATE OF nombres, apellidos, razon_social ON core_persona BEGIN
         UPDATE registro_documento_fts
            SET remitente = trim(new.nombres || ' ' || new.apellidos || ' ' || new.razon_social)
          WHERE rowid IN (SELECT id FROM registro_documento WHERE remitente_id = new.id);
       END""",
    """INSERT INTO registro_documento_fts(rowid, texto, remitente)
       SELECT d.id, d.asunto || ' ' || d.numero_texto,
              coalesce(trim(p.nombres || ' ' || p.apellidos || ' ' || p.razon_social), '')
       FROM registro_documento d LEFT JOIN core_persona p ON p.id = d.remitente_id
       WHERE d.id NOT IN (SELECT rowid FROM registro_documento_fts)""",
]
SQLITE_BORRAR = [
    "DROP TRIGGER IF EXISTS registro_persona_fts_au",
    "DROP TRIGGER IF EXISTS registro_documento_fts_ad",
    "DROP TRIGGER IF EXISTS registro_documento_fts_au",
    "DROP TRIGGER IF EXISTS registro_documento_fts_ai",
    "DROP TABLE IF EXISTS registro_documento_fts",
]


def crear(apps, schema_editor):
    motor = schema_editor.connection.vendor
    for sql in {"sqlite": SQLITE_CREAR, "postgresql": POSTGRES_CREAR}.get(motor, []):
        schema_editor.execute(sql)


def borrar(apps, schema_editor):
    motor = schema_editor.connection.vendor
    for sql in {"sqlite": SQLITE_BORRAR, "postgresql": POSTGRES_BORRAR}.get(motor, []):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("registro", "0001_initial"), ("core", "0002_busqueda")]

    operations = [migrations.RunPython(crear, borrar)]
