"""Índice de texto completo de los expedientes (código y título), para la búsqueda global: quién ve cuál lo
decide la consulta con `archivo.permissions.expedientes_visibles`.
- PostgreSQL: columna `busqueda` (tsvector, `spanish` + `secretaria_unaccent`) con GIN, puesta por
  disparadores al insertar o al cambiar el código o el título.
- SQLite: tabla FTS5 `archivo_expediente_fts` (rowid = id del expediente) con disparadores.
Las consultas están en core/busqueda/indices.py (como las actas: concejo/migrations/0009_busqueda_actas.py).
"""

from django.db import migrations

_PG_VECTOR = (
    "setweight(to_tsvector('spanish', secretaria_unaccent({p}codigo)), 'A') || "
    "setweight(to_tsvector('spanish', secretaria_unaccent({p}titulo)), 'A')"
)

POSTGRES_CREAR = [
    "ALTER TABLE archivo_expediente ADD COLUMN IF NOT EXISTS busqueda tsvector",
    f"""CREATE OR REPLACE FUNCTION archivo_expediente_busqueda() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          new.busqueda := {_PG_VECTOR.format(p="new.")};
          RETURN new;
        END $$""",
    """CREATE TRIGGER archivo_expediente_busqueda_bi BEFORE INSERT ON archivo_expediente
        FOR EACH ROW EXECUTE FUNCTION archivo_expediente_busqueda()""",
    """CREATE TRIGGER archivo_expediente_busqueda_bu BEFORE UPDATE ON archivo_expediente
        FOR EACH ROW WHEN (old.codigo IS DISTINCT FROM new.codigo OR old.titulo IS DISTINCT FROM new.titulo)
        EXECUTE FUNCTION archivo_expediente_busqueda()""",
    f"UPDATE archivo_expediente SET busqueda = {_PG_VECTOR.format(p='')}",
    "CREATE INDEX IF NOT EXISTS archivo_expediente_busqueda_gin ON archivo_expediente USING gin (busqueda)",
]
POSTGRES_BORRAR = [
    "DROP TRIGGER IF EXISTS archivo_expediente_busqueda_bu ON archivo_expediente",
    "DROP TRIGGER IF EXISTS archivo_expediente_busqueda_bi ON archivo_expediente",
    "DROP FUNCTION IF EXISTS archivo_expediente_busqueda()",
    "DROP INDEX IF EXISTS archivo_expediente_busqueda_gin",
    "ALTER TABLE archivo_expediente DROP COLUMN IF EXISTS busqueda",
]

SQLITE_CREAR = [
    """CREATE VIRTUAL TABLE IF NOT EXISTS archivo_expediente_fts
       USING fts5(texto, tokenize = 'unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER IF NOT EXISTS archivo_expediente_fts_ai AFTER INSERT ON archivo_expediente BEGIN
         INSERT INTO archivo_expediente_fts(rowid, texto) VALUES (new.id, new.codigo || ' ' || new.titulo);
       END""",
    """CREATE TRIGGER IF NOT EXISTS archivo_expediente_fts_au
       AFTER UPDATE OF codigo, titulo ON archivo_expediente BEGIN
         DELETE FROM archivo_expediente_fts WHERE rowid = old.id;
         INSERT INTO archivo_expediente_fts(rowid, texto) VALUES (new.id, new.codigo || ' ' || new.titulo);
       END""",
    """CREATE TRIGGER IF NOT EXISTS archivo_expediente_fts_ad AFTER DELETE ON archivo_expediente BEGIN
         DELETE FROM archivo_expediente_fts WHERE rowid = old.id;
       END""",
    """INSERT INTO archivo_expediente_fts(rowid, texto)
       SELECT id, codigo || ' ' || titulo FROM archivo_expediente
       WHERE id NOT IN (SELECT rowid FROM archivo_expediente_fts)""",
]
SQLITE_BORRAR = [
    "DROP TRIGGER IF EXISTS archivo_expediente_fts_ad",
    "DROP TRIGGER IF EXISTS archivo_expediente_fts_au",
    "DROP TRIGGER IF EXISTS archivo_expediente_fts_ai",
    "DROP TABLE IF EXISTS archivo_expediente_fts",
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
    dependencies = [("archivo", "0003_eliminacion_y_retencion_legal"), ("core", "0002_busqueda")]

    operations = [migrations.RunPython(crear, borrar)]
