"""Búsqueda en PostgreSQL por una sola columna `busqueda` (tsvector) del documento: asunto, número y
nombre del remitente juntos, con un solo índice GIN.

Antes había dos índices de expresión (documento y persona) y la consulta unía dos ramas: con palabras
comunes («licencia de construcción») la unión de cientos de miles de ids ordenada por fecha pasaba del
segundo con 1.000.000 de documentos, y una consulta con palabras del asunto y del remitente a la vez no
encontraba nada. Con la columna guardada, «los 20 más recientes» sale de un recorrido hacia atrás del
índice de recibido_en que comprueba la columna fila a fila (palabras comunes) o del índice GIN (raras).

La columna no está en el modelo: la mantienen disparadores en la misma transacción que el cambio, como
la tabla FTS5 de SQLite (0002): al insertar o cambiar asunto, número o remitente, y al cambiar el nombre
de una persona (sus documentos se encuentran por el nombre nuevo). SQLite sigue con su FTS5.
bench/generar.py carga por COPY con los disparadores apagados: activa este con ENABLE ALWAYS durante la
carga (DISPARADOR_DOCUMENTO).
"""

from django.db import migrations

NOMBRE_PERSONA = "trim(p.nombres || ' ' || p.apellidos || ' ' || p.razon_social)"
DISPARADOR_DOCUMENTO = "registro_documento_busqueda_bi"

POSTGRES_CREAR = [
    "ALTER TABLE registro_documento ADD COLUMN IF NOT EXISTS busqueda tsvector",
    f"""CREATE OR REPLACE FUNCTION registro_documento_busqueda() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          new.busqueda := to_tsvector('spanish', secretaria_unaccent(
              new.asunto || ' ' || new.numero_texto || ' ' ||
              coalesce((SELECT {NOMBRE_PERSONA} FROM core_persona p WHERE p.id = new.remitente_id), '')));
          RETURN new;
        END $$""",
    f"""CREATE TRIGGER {DISPARADOR_DOCUMENTO} BEFORE INSERT ON registro_documento
        FOR EACH ROW EXECUTE FUNCTION registro_documento_busqueda()""",
    # Django guarda todas las columnas en cada save(): solo se recalcula si cambió algo de lo indexado.
    """CREATE TRIGGER registro_documento_busqueda_bu BEFORE UPDATE ON registro_documento
        FOR EACH ROW WHEN (old.asunto IS DISTINCT FROM new.asunto
                           OR old.numero_texto IS DISTINCT FROM new.numero_texto
                           OR old.remitente_id IS DISTINCT FROM new.remitente_id)
        EXECUTE FUNCTION registro_documento_busqueda()""",
    f"""CREATE OR REPLACE FUNCTION registro_persona_busqueda() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          UPDATE registro_documento d
             SET busqueda = to_tsvector('spanish', secretaria_unaccent(
                 d.asunto || ' ' || d.numero_texto || ' ' ||
                 trim(new.nombres || ' ' || new.apellidos || ' ' || new.razon_social)))
           WHERE d.remitente_id = new.id;
          RETURN NULL;
        END $$""",
    """CREATE TRIGGER registro_persona_busqueda_au AFTER UPDATE ON core_persona
        FOR EACH ROW WHEN (old.nombres IS DISTINCT FROM new.nombres
                           OR old.apellidos IS DISTINCT FROM new.apellidos
                           OR old.razon_social IS DISTINCT FROM new.razon_social)
        EXECUTE FUNCTION registro_persona_busqueda()""",
    f"""UPDATE registro_documento d
           SET busqueda = to_tsvector('spanish', secretaria_unaccent(
               d.asunto || ' ' || d.numero_texto || ' ' ||
               coalesce((SELECT {NOMBRE_PERSONA} FROM core_persona p WHERE p.id = d.remitente_id), '')))""",
    "CREATE INDEX IF NOT EXISTS registro_documento_busqueda_gin ON registro_documento USING gin (busqueda)",
    # Los índices de expresión de 0002 ya no los usa nadie (solo costaban al escribir).
    "DROP INDEX IF EXISTS registro_documento_fts_gin",
    "DROP INDEX IF EXISTS registro_persona_fts_gin",
]
POSTGRES_BORRAR = [
    "DROP TRIGGER IF EXISTS registro_persona_busqueda_au ON core_persona",
    "DROP FUNCTION IF EXISTS registro_persona_busqueda()",
    "DROP TRIGGER IF EXISTS registro_documento_busqueda_bu ON registro_documento",
    f"DROP TRIGGER IF EXISTS {DISPARADOR_DOCUMENTO} ON registro_documento",
    "DROP FUNCTION IF EXISTS registro_documento_busqueda()",
    "DROP INDEX IF EXISTS registro_documento_busqueda_gin",
    "ALTER TABLE registro_documento DROP COLUMN IF EXISTS busqueda",
    """CREATE INDEX IF NOT EXISTS registro_documento_fts_gin ON registro_documento
       USING gin (to_tsvector('spanish', secretaria_unaccent(asunto || ' ' || numero_texto)))""",
    """CREATE INDEX IF NOT EXISTS registro_persona_fts_gin ON core_persona
       USING gin (to_tsvector('spanish', secretaria_unaccent(nombres || ' ' || apellidos || ' ' || razon_social)))""",
]


def crear(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in POSTGRES_CREAR:
            schema_editor.execute(sql)


def borrar(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in POSTGRES_BORRAR:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("registro", "0003_indices_informe_bandeja")]

    operations = [migrations.RunPython(crear, borrar)]
