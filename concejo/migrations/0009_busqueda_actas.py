"""Índice de texto completo de las actas (todos los estados; quién ve cuál lo decide la consulta con
`concejo.permissions`), para la búsqueda global (issue 15).

El texto del acta es HTML de una lista blanca (concejo.services.actas.ETIQUETAS, ATRIBUTOS).
- PostgreSQL: columna `busqueda` (tsvector, `spanish` + `secretaria_unaccent`) con índice GIN, puesta
  por disparadores al insertar o cambiar el texto. El analizador de PostgreSQL reconoce las etiquetas y
  las entidades HTML y no las indexa.
- SQLite: tabla FTS5 `concejo_acta_fts` (rowid = id del acta) con disparadores; FTS5 no sabe de HTML,
  así que el disparador quita las etiquetas de la lista blanca y las entidades con replace() (la lista
  va congelada aquí: una migración no importa el código de hoy). Sin eso, buscar «tabla» encontraría
  toda acta con una <table>.
Las consultas están en core/busqueda/indices.py.
"""

from django.db import migrations

# Las etiquetas de la lista blanca (concejo.services.actas.ETIQUETAS y ATRIBUTOS, congeladas aquí) cuyo
# nombre podría pasar por una palabra buscada: «tabl», la raíz de «tabla», encontraría <table>. Las de una
# o dos letras (p, b, i, u, h1, br, li, td…) no se quitan: una raíz de la consulta tiene al menos dos
# letras y FTS5 la compara como prefijo, así que a lo sumo coincidiría con una consulta de dos letras
# que no es una palabra. Una lista más larga anidaría demasiados replace() para el analizador de SQLite.
_QUITAR = [
    *[pedazo for e in ("table", "thead", "tbody", "strong", "blockquote") for pedazo in (f"</{e}>", f"<{e}")],
    'colspan="',
    'rowspan="',
    "&nbsp;",
    "&amp;",
    "&lt;",
    "&gt;",
    "&quot;",
    "&#39;",
]


def texto_sin_html(columna: str) -> str:
    """SQL de SQLite: `columna` con cada pedazo de `_QUITAR` cambiado por un espacio (lo que queda de
    una etiqueta, «>» o comillas, ya separa palabras para FTS5)."""
    expresion = columna
    for pedazo in _QUITAR:
        expresion = f"replace({expresion}, '{pedazo}', ' ')"
    return expresion


POSTGRES_CREAR = [
    "ALTER TABLE concejo_acta ADD COLUMN IF NOT EXISTS busqueda tsvector",
    """CREATE OR REPLACE FUNCTION concejo_acta_busqueda() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          new.busqueda := to_tsvector('spanish', secretaria_unaccent(new.texto));
          RETURN new;
        END $$""",
    """CREATE TRIGGER concejo_acta_busqueda_bi BEFORE INSERT ON concejo_acta
        FOR EACH ROW EXECUTE FUNCTION concejo_acta_busqueda()""",
    """CREATE TRIGGER concejo_acta_busqueda_bu BEFORE UPDATE ON concejo_acta
        FOR EACH ROW WHEN (old.texto IS DISTINCT FROM new.texto)
        EXECUTE FUNCTION concejo_acta_busqueda()""",
    "UPDATE concejo_acta SET busqueda = to_tsvector('spanish', secretaria_unaccent(texto))",
    "CREATE INDEX IF NOT EXISTS concejo_acta_busqueda_gin ON concejo_acta USING gin (busqueda)",
]
POSTGRES_BORRAR = [
    "DROP TRIGGER IF EXISTS concejo_acta_busqueda_bu ON concejo_acta",
    "DROP TRIGGER IF EXISTS concejo_acta_busqueda_bi ON concejo_acta",
    "DROP FUNCTION IF EXISTS concejo_acta_busqueda()",
    "DROP INDEX IF EXISTS concejo_acta_busqueda_gin",
    "ALTER TABLE concejo_acta DROP COLUMN IF EXISTS busqueda",
]

SQLITE_CREAR = [
    """CREATE VIRTUAL TABLE IF NOT EXISTS concejo_acta_fts
       USING fts5(texto, tokenize = 'unicode61 remove_diacritics 2')""",
    f"""CREATE TRIGGER IF NOT EXISTS concejo_acta_fts_ai AFTER INSERT ON concejo_acta BEGIN
         INSERT INTO concejo_acta_fts(rowid, texto) VALUES (new.id, {texto_sin_html("new.texto")});
       END""",
    f"""CREATE TRIGGER IF NOT EXISTS concejo_acta_fts_au AFTER UPDATE OF texto ON concejo_acta BEGIN
         DELETE FROM concejo_acta_fts WHERE rowid = old.id;
         INSERT INTO concejo_acta_fts(rowid, texto) VALUES (new.id, {texto_sin_html("new.texto")});
       END""",
    """CREATE TRIGGER IF NOT EXISTS concejo_acta_fts_ad AFTER DELETE ON concejo_acta BEGIN
         DELETE FROM concejo_acta_fts WHERE rowid = old.id;
       END""",
    f"""INSERT INTO concejo_acta_fts(rowid, texto)
       SELECT id, {texto_sin_html("texto")} FROM concejo_acta
       WHERE id NOT IN (SELECT rowid FROM concejo_acta_fts)""",
]
SQLITE_BORRAR = [
    "DROP TRIGGER IF EXISTS concejo_acta_fts_ad",
    "DROP TRIGGER IF EXISTS concejo_acta_fts_au",
    "DROP TRIGGER IF EXISTS concejo_acta_fts_ai",
    "DROP TABLE IF EXISTS concejo_acta_fts",
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
    dependencies = [("concejo", "0008_reconsideracion_pedida_y_dispensa"), ("core", "0002_busqueda")]

    operations = [migrations.RunPython(crear, borrar)]
