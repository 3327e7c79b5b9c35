"""Búsqueda de texto completo en los documentos del registro (asunto, número y nombre del remitente).

En PostgreSQL, la columna `busqueda` (tsvector de asunto, número y remitente juntos, con su índice GIN;
registro/migrations/0004_busqueda_columna.py, la mantienen disparadores); en SQLite la tabla FTS5 de
0002_busqueda.py. En ambos, todas las palabras deben estar, cada una en el asunto, el número o el
remitente. Ignora tildes y mayúsculas y usa raíces españolas en ambos motores (las de
core.busqueda.normalizacion en SQLite; el diccionario `spanish` en PostgreSQL).

Escala (1.000.000 de documentos): la condición es una columna de la propia fila, sin uniones ni
subconsultas, así «los 20 más recientes» (el orden por defecto, -recibido_en) lo resuelve el
planificador: con palabras comunes recorre hacia atrás el índice de recibido_en y se detiene a las 20
coincidencias; con palabras raras usa el GIN y ordena las pocas que hay.
"""

from __future__ import annotations

from django.db import connection
from django.db.models import BooleanField, QuerySet
from django.db.models.expressions import RawSQL

from core.busqueda.normalizacion import terminos_de_consulta
from registro.models import Documento
from registro.permissions import documentos_visibles

MAXIMO_CONSULTA = 200

_CONSULTA_PG = "plainto_tsquery('spanish', secretaria_unaccent(%s))"
_COINCIDE_PG = f'"registro_documento"."busqueda" @@ {_CONSULTA_PG}'
_SQL_PG = f"SELECT id FROM registro_documento WHERE busqueda @@ {_CONSULTA_PG}"
_SQL_SQLITE = "SELECT rowid FROM registro_documento_fts WHERE registro_documento_fts MATCH %s"


def _condicion(texto: str) -> RawSQL | None:
    """La subconsulta de ids que coinciden con `texto`, o None si no hay palabras que buscar."""
    raices = terminos_de_consulta(texto)
    if not raices:
        return None
    if connection.vendor == "postgresql":
        return RawSQL(_SQL_PG, [texto])
    # Cada raíz como prefijo entre comillas (sin sintaxis FTS5 del usuario); espacio = y.
    expresion = " ".join('"' + r.replace('"', "") + '"*' for r in raices)
    return RawSQL(_SQL_SQLITE, [expresion])


def buscar_documentos(texto: str, *, usuario, qs: QuerySet[Documento] | None = None) -> QuerySet[Documento]:
    """Los documentos visibles para `usuario` (o los de `qs`, que ya debe venir de `documentos_visibles`)
    cuyo asunto, número o remitente coinciden con todas las palabras de `texto`, sin ordenar.

    Un texto vacío (o solo de palabras vacías como «de», «la») no filtra: devuelve `qs` tal cual.
    """
    qs = documentos_visibles(usuario) if qs is None else qs
    texto = (texto or "").strip()[:MAXIMO_CONSULTA]
    condicion = _condicion(texto)
    if condicion is None:
        return qs
    if connection.vendor == "postgresql":
        # La condición sobre la fila misma (no «id IN (subconsulta)»): así el planificador puede
        # cortar un recorrido ordenado por fecha a las primeras coincidencias.
        return qs.filter(RawSQL(_COINCIDE_PG, [texto], output_field=BooleanField()))
    return qs.filter(pk__in=condicion)


def ids_coincidentes(texto: str) -> RawSQL | None:
    """La subconsulta de ids de documentos que coinciden con `texto` (sin filtro de acceso), para
    componer con otra consulta que ya filtra por acceso (p. ej. la bandeja de una unidad)."""
    return _condicion((texto or "").strip()[:MAXIMO_CONSULTA])
