"""Índice de texto completo de los actos (todos los estados; quién ve cuál lo decide la consulta con
`actos.permissions.actos_visibles`), para la búsqueda global (issue 15).

Lo indexado: número y título (peso A) y temas, epígrafes y texto de las partes (peso B).
- PostgreSQL: columna `busqueda` (tsvector, `spanish` + `secretaria_unaccent`) con índice GIN; la
  mantienen disparadores en la misma transacción que el cambio: al insertar el acto o cambiar su número,
  título o temas, y al agregar, cambiar o quitar una parte.
- SQLite: tabla FTS5 `actos_acto_fts` (rowid = id del acto; `remove_diacritics 2`) con los mismos
  disparadores; la consulta usa las raíces de core.busqueda.normalizacion como prefijos.
La columna no está en el modelo, como la del registro (registro/migrations/0004_busqueda_columna.py).
Las consultas están en core/busqueda/indices.py.
"""

from django.db import migrations

_PARTES_PG = (
    "coalesce((SELECT string_agg(p.epigrafe || ' ' || p.texto, ' ' ORDER BY p.orden) "
    "FROM actos_parte p WHERE p.acto_id = a_id), '')"
)
POSTGRES_CREAR = [
    "ALTER TABLE actos_acto ADD COLUMN IF NOT EXISTS busqueda tsvector",
    f"""CREATE OR REPLACE FUNCTION actos_acto_vector(a_id bigint, a_numero text, a_titulo text, a_temas text)
        RETURNS tsvector LANGUAGE sql STABLE AS $$
          SELECT setweight(to_tsvector('spanish', secretaria_unaccent(
                     coalesce(a_numero, '') || ' ' || coalesce(a_titulo, ''))), 'A')
              || setweight(to_tsvector('spanish', secretaria_unaccent(
                     coalesce(a_temas, '') || ' ' || {_PARTES_PG})), 'B')
        $$""",
    """CREATE OR REPLACE FUNCTION actos_acto_busqueda() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          new.busqueda := actos_acto_vector(new.id, new.numero_texto, new.titulo, new.temas);
          RETURN new;
        END $$""",
    """CREATE TRIGGER actos_acto_busqueda_bi BEFORE INSERT ON actos_acto
        FOR EACH ROW EXECUTE FUNCTION actos_acto_busqueda()""",
    # Django guarda todas las columnas en cada save(): solo se recalcula si cambió algo de lo indexado.
    """CREATE TRIGGER actos_acto_busqueda_bu BEFORE UPDATE ON actos_acto
        FOR EACH ROW WHEN (old.numero_texto IS DISTINCT FROM new.numero_texto
                           OR old.titulo IS DISTINCT FROM new.titulo
                           OR old.temas IS DISTINCT FROM new.temas)
        EXECUTE FUNCTION actos_acto_busqueda()""",
    """CREATE OR REPLACE FUNCTION actos_parte_busqueda() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP IN ('UPDATE', 'DELETE') THEN
            UPDATE actos_acto a SET busqueda = actos_acto_vector(a.id, a.numero_texto, a.titulo, a.temas)
             WHERE a.id = old.acto_id;
          END IF;
          IF TG_OP IN ('INSERT', 'UPDATE') THEN
            UPDATE actos_acto a SET busqueda = actos_acto_vector(a.id, a.numero_texto, a.titulo, a.temas)
             WHERE a.id = new.acto_id;
          END IF;
          RETURN NULL;
        END $$""",
    """CREATE TRIGGER actos_parte_busqueda_aiud AFTER INSERT OR UPDATE OR DELETE ON actos_parte
        FOR EACH ROW EXECUTE FUNCTION actos_parte_busqueda()""",
    "UPDATE actos_acto SET busqueda = actos_acto_vector(id, numero_texto, titulo, temas)",
    "CREATE INDEX IF NOT EXISTS actos_acto_busqueda_gin ON actos_acto USING gin (busqueda)",
]
POSTGRES_BORRAR = [
    "DROP TRIGGER IF EXISTS actos_parte_busqueda_aiud ON actos_parte",
    "DROP FUNCTION IF EXISTS actos_parte_busqueda()",
    "DROP TRIGGER IF EXISTS actos_acto_busqueda_bu ON actos_acto",
    "DROP TRIGGER IF EXISTS actos_acto_busqueda_bi ON actos_acto",
    "DROP FUNCTION IF EXISTS actos_acto_busqueda()",
    "DROP FUNCTION IF EXISTS actos_acto_vector(bigint, text, text, text)",
    "DROP INDEX IF EXISTS actos_acto_busqueda_gin",
    "ALTER TABLE actos_acto DROP COLUMN IF EXISTS busqueda",
]


def _fila_sqlite(id_acto: str) -> str:
    """INSERT de la fila FTS5 del acto `id_acto` (una expresión SQL) leída de la tabla misma."""
    return f"""INSERT INTO actos_acto_fts(rowid, titulo, texto)
         SELECT a.id, a.numero_texto || ' ' || a.titulo,
                a.temas || ' ' || coalesce((SELECT group_concat(p.epigrafe || ' ' || p.texto, ' ')
                                            FROM actos_parte p WHERE p.acto_id = a.id), '')
         FROM actos_acto a WHERE a.id = {id_acto};"""


SQLITE_CREAR = [
    """CREATE VIRTUAL TABLE IF NOT EXISTS actos_acto_fts
       USING fts5(titulo, texto, tokenize = 'unicode61 remove_diacritics 2')""",
    f"""CREATE TRIGGER IF NOT EXISTS actos_acto_fts_ai AFTER INSERT ON actos_acto BEGIN
         {_fila_sqlite("new.id")}
       END""",
    f"""CREATE TRIGGER IF NOT EXISTS actos_acto_fts_au AFTER UPDATE OF numero_texto, titulo, temas ON actos_acto
       BEGIN
         DELETE FROM actos_acto_fts WHERE rowid = old.id;
         {_fila_sqlite("new.id")}
       END""",
    """CREATE TRIGGER IF NOT EXISTS actos_acto_fts_ad AFTER DELETE ON actos_acto BEGIN
         DELETE FROM actos_acto_fts WHERE rowid = old.id;
       END""",
    f"""CREATE TRIGGER IF NOT EXISTS actos_parte_fts_ai AFTER INSERT ON actos_parte BEGIN
         DELETE FROM actos_acto_fts WHERE rowid = new.acto_id;
         {_fila_sqlite("new.acto_id")}
       END""",
    f"""CREATE TRIGGER IF NOT EXISTS actos_parte_fts_au AFTER UPDATE ON actos_parte BEGIN
         DELETE FROM actos_acto_fts WHERE rowid IN (old.acto_id, new.acto_id);
         {_fila_sqlite("old.acto_id")}
         {_fila_sqlite("new.acto_id")[:-1]} AND new.acto_id <> old.acto_id;
       END""",
    f"""CREATE TRIGGER IF NOT EXISTS actos_parte_fts_ad AFTER DELETE ON actos_parte BEGIN
         DELETE FROM actos_acto_fts WHERE rowid = old.acto_id;
         {_fila_sqlite("old.acto_id")}
       END""",
    f"""INSERT INTO actos_acto_fts(rowid, titulo, texto)
       SELECT a.id, a.numero_texto || ' ' || a.titulo,
              a.temas || ' ' || coalesce((SELECT group_concat(p.epigrafe || ' ' || p.texto, ' ')
                                          FROM actos_parte p WHERE p.acto_id = a.id), '')
       FROM actos_acto a WHERE a.id NOT IN (SELECT rowid FROM actos_acto_fts)""",
]
SQLITE_BORRAR = [
    "DROP TRIGGER IF EXISTS actos_parte_fts_ad",
    "DROP TRIGGER IF EXISTS actos_parte_fts_au",
    "DROP TRIGGER IF EXISTS actos_parte_fts_ai",
    "DROP TRIGGER IF EXISTS actos_acto_fts_ad",
    "DROP TRIGGER IF EXISTS actos_acto_fts_au",
    "DROP TRIGGER IF EXISTS actos_acto_fts_ai",
    "DROP TABLE IF EXISTS actos_acto_fts",
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
    dependencies = [("actos", "0008_objecion_aceptada_y_aviso_de_vencimiento"), ("core", "0002_busqueda")]

    operations = [migrations.RunPython(crear, borrar)]
