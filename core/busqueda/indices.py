"""Consultas sobre el índice de texto completo propio de una tabla de un área (no el índice común).

Una tabla buscable lleva, hecho por la migración de su área y mantenido por disparadores en la misma
transacción que cada cambio:
- PostgreSQL: una columna `busqueda` (tsvector, `spanish` + `secretaria_unaccent`) con índice GIN;
- SQLite: una tabla FTS5 `<tabla>_fts` (rowid = id de la fila, `remove_diacritics 2`).
Así lo hace el registro (registro/migrations/0002 y 0004), y así los actos y las actas. Aquí, las dos
condiciones que usa un proveedor de la búsqueda (`core.busqueda.proveedores`): coincide y cuánto.
"""

from __future__ import annotations

from typing import TypeVar, cast

from django.db import connection, models
from django.db.models import BooleanField, F, FloatField, Func, QuerySet
from django.db.models.expressions import RawSQL

from core.busqueda.normalizacion import terminos_de_consulta

M = TypeVar("M", bound=models.Model)

CONSULTA_PG = "plainto_tsquery('spanish', secretaria_unaccent(%s))"


def expresion_fts5(texto: str) -> str | None:
    """SQLite: cada raíz de la consulta como prefijo entre comillas (el usuario no puede escribir
    sintaxis FTS5); espacio = «y». None si la consulta no tiene palabras que buscar."""
    raices = terminos_de_consulta(texto)
    if not raices:
        return None
    return " ".join('"' + r.replace('"', "") + '"*' for r in raices)


class _Coincide(Func):
    """PostgreSQL: `<tabla>.busqueda @@ plainto_tsquery(...)`; `F("pk")` da el alias de la tabla."""

    output_field = BooleanField()

    def __init__(self, texto: str) -> None:
        super().__init__(F("pk"))
        self.texto = texto

    def as_sql(self, compiler, connection, **extra):  # type: ignore[override]  # firma de Django
        columna = self.get_source_expressions()[0]
        tabla = connection.ops.quote_name(columna.alias)
        return f"{tabla}.busqueda @@ {CONSULTA_PG}", [self.texto]


class _Rango(Func):
    """PostgreSQL: `ts_rank(<tabla>.busqueda, plainto_tsquery(...))` (los pesos A del título cuentan más)."""

    output_field = FloatField()

    def __init__(self, texto: str) -> None:
        super().__init__(F("pk"))
        self.texto = texto

    def as_sql(self, compiler, connection, **extra):  # type: ignore[override]  # firma de Django
        columna = self.get_source_expressions()[0]
        tabla = connection.ops.quote_name(columna.alias)
        return f"ts_rank({tabla}.busqueda, {CONSULTA_PG})", [self.texto]


def filtrar_y_ordenar(qs: QuerySet[M], texto: str) -> QuerySet[M]:
    """`qs` con solo las filas cuyo índice coincide con todas las palabras de `texto`, anotadas con
    `rango` (mayor = más relevante) y ordenadas por él. Sin palabras que buscar, ninguna fila.

    PostgreSQL: la condición y el rango sobre la columna de la fila (el GIN resuelve la condición).
    SQLite: `id IN (SELECT rowid FROM <tabla>_fts WHERE MATCH)` y bm25 de la misma tabla FTS5.
    """
    expresion = expresion_fts5(texto)
    if expresion is None:
        return qs.none()
    if connection.vendor == "postgresql":
        # annotate() no cambia el modelo de las filas; los stubs no lo saben.
        return cast(
            "QuerySet[M]", qs.filter(_Coincide(texto)).annotate(rango=_Rango(texto)).order_by("-rango", "-pk")
        )
    tabla = qs.model._meta.db_table
    fts = connection.ops.quote_name(f"{tabla}_fts")
    coincidentes = RawSQL(f"SELECT rowid FROM {fts} WHERE {fts} MATCH %s", [expresion])  # noqa: S611 - nombre de _meta
    # bm25: menor es mejor; se invierte para que, como en PostgreSQL, mayor sea más relevante.
    rango = RawSQL(
        f"SELECT -bm25({fts}) FROM {fts} WHERE {fts} MATCH %s AND rowid = {connection.ops.quote_name(tabla)}.id",  # noqa: S611 - nombres de _meta
        [expresion],
        output_field=FloatField(),
    )
    return cast("QuerySet[M]", qs.filter(pk__in=coincidentes).annotate(rango=rango).order_by("-rango", "-pk"))
