"""Búsqueda de texto completo en los documentos del registro (asunto, número y nombre del remitente).

Usa los índices de registro/migrations/0002_busqueda.py: en PostgreSQL los GIN de expresión (las
expresiones de aquí son las mismas del índice, o el índice no se usa); en SQLite la tabla FTS5 que
mantienen los disparadores. Ignora tildes y mayúsculas y usa raíces españolas en ambos motores (las
de core.busqueda.normalizacion en SQLite; el diccionario `spanish` en PostgreSQL).
"""

from __future__ import annotations

from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from core.busqueda.normalizacion import terminos_de_consulta
from registro.models import Documento
from registro.permissions import documentos_visibles

MAXIMO_CONSULTA = 200

_CONSULTA_PG = "plainto_tsquery('spanish', secretaria_unaccent(%s))"
_SQL_PG = f"""
    SELECT d.id FROM registro_documento d
     WHERE to_tsvector('spanish', secretaria_unaccent(d.asunto || ' ' || d.numero_texto)) @@ {_CONSULTA_PG}
    UNION
    SELECT d.id FROM registro_documento d
     WHERE d.remitente_id IN (
        SELECT p.id FROM core_persona p
         WHERE to_tsvector('spanish', secretaria_unaccent(p.nombres || ' ' || p.apellidos || ' ' || p.razon_social))
               @@ {_CONSULTA_PG})
"""
_SQL_SQLITE = "SELECT rowid FROM registro_documento_fts WHERE registro_documento_fts MATCH %s"


def _condicion(texto: str) -> RawSQL | None:
    raices = terminos_de_consulta(texto)
    if not raices:
        return None
    if connection.vendor == "postgresql":
        return RawSQL(_SQL_PG, [texto, texto])
    # Cada raíz como prefijo entre comillas (sin sintaxis FTS5 del usuario); espacio = y.
    expresion = " ".join('"' + r.replace('"', "") + '"*' for r in raices)
    return RawSQL(_SQL_SQLITE, [expresion])


def buscar_documentos(texto: str, *, usuario, qs: QuerySet[Documento] | None = None) -> QuerySet[Documento]:
    """Los documentos visibles para `usuario` (o los de `qs`, que ya debe venir de `documentos_visibles`)
    cuyo asunto, número o remitente coinciden con todas las palabras de `texto`, sin ordenar.

    Un texto vacío (o solo de palabras vacías como «de», «la») no filtra: devuelve `qs` tal cual.
    """
    qs = documentos_visibles(usuario) if qs is None else qs
    condicion = _condicion((texto or "").strip()[:MAXIMO_CONSULTA])
    if condicion is None:
        return qs
    return qs.filter(pk__in=condicion)


def ids_coincidentes(texto: str) -> RawSQL | None:
    """La subconsulta de ids de documentos que coinciden con `texto` (sin filtro de acceso), para
    componer con otra consulta que ya filtra por acceso (p. ej. la bandeja de una unidad)."""
    return _condicion((texto or "").strip()[:MAXIMO_CONSULTA])
