"""El SQL escrito a mano del núcleo, en un solo lugar y con cada nombre de tabla y columna sacado de `_meta`.

El ORM escribe casi todo el SQL del proyecto. Lo que no sabe escribir (un `UPDATE ... RETURNING`, sacar ids
de una secuencia antes de insertar) o lo que los caminos rápidos mandan en sentencias preparadas va aquí,
armado con `Tabla`: si un modelo cambia el nombre de un campo o de su tabla, este SQL cambia con él. Lo usan
el camino de siempre (`core.services`) y el rápido (`core.rapido`, `registro.rapido`): las mismas
sentencias, no dos copias.
"""

from __future__ import annotations

from functools import cache

from django.db import connection, models

from core.models import CadenaAuditoria, Contador, VersionDeDatos


class Tabla:
    """Los nombres de un modelo tal como van en el SQL, citados para el motor de la conexión:
    `str(Tabla(Contador))` es la tabla y `Tabla(Contador).ultimo` la columna del campo `ultimo` (para una
    clave foránea, la de su id: `Tabla(Contador).serie` es `"serie_id"`)."""

    def __init__(self, modelo: type[models.Model]):
        self._modelo = modelo

    def __str__(self) -> str:
        return connection.ops.quote_name(self._modelo._meta.db_table)

    def __getattr__(self, campo: str) -> str:
        if campo.startswith("_"):
            raise AttributeError(campo)
        # Una relación inversa no tiene `column` y un campo sin columna la tiene en None: ninguno va en el SQL.
        columna = getattr(self._modelo._meta.get_field(campo), "column", None)
        if columna is None:
            raise AttributeError(campo)
        return connection.ops.quote_name(columna)


def _columna_pk(modelo: type[models.Model]) -> str:
    columna = modelo._meta.pk.column
    if columna is None:  # la clave primaria de un modelo siempre es una columna
        raise ValueError(f"{modelo.__name__}: clave primaria sin columna")
    return columna


@cache
def sumar_uno_al_contador() -> str:
    """Suma uno al contador abierto de una serie y año y devuelve el número (parámetros: serie, año). Deja la
    fila bloqueada hasta el fin de la transacción: ese es el cerrojo de la numeración. Sin fila (el contador
    del año aún no existe) o con el año cerrado, no devuelve nada."""
    c = Tabla(Contador)
    return (
        f"UPDATE {c} SET {c.ultimo} = {c.ultimo} + 1 WHERE {c.serie} = %s AND {c.anio} = %s AND NOT {c.cerrado} "
        f"RETURNING {c.ultimo}"
    )


@cache
def bloquear_cabeza() -> str:
    """El cerrojo de la cabeza de la cadena de auditoría (devuelve su último hash): el primer paso de todo
    viaje que audita."""
    c = Tabla(CadenaAuditoria)
    return f"SELECT {c.ultimo_hash} FROM {c} WHERE {c.id} = 1 FOR UPDATE"


@cache
def mover_cabeza() -> str:
    """La cabeza nueva de la cadena (parámetros: último hash, id del último evento)."""
    c = Tabla(CadenaAuditoria)
    return f"UPDATE {c} SET {c.ultimo_hash} = %s, {c.ultimo_id} = %s WHERE {c.id} = 1"


def ids_nuevos(modelos: list[type[models.Model]]) -> tuple[str, list[str]]:
    """(sql, parámetros) del SELECT que saca un id nuevo de la secuencia de cada modelo (PostgreSQL), en
    una fila y en el orden de `modelos`."""
    sql = "SELECT " + ", ".join(["nextval(pg_get_serial_sequence(%s, %s))"] * len(modelos))
    parametros: list[str] = []
    for modelo in modelos:
        parametros += [modelo._meta.db_table, _columna_pk(modelo)]  # como texto, sin citar
    return sql, parametros


@cache
def version_de_grupo() -> str:
    """La versión de un grupo de tablas (`core.versiones`; parámetro: el grupo)."""
    v = Tabla(VersionDeDatos)
    return f"SELECT {v.valor} FROM {v} WHERE {v.grupo} = %s"


def anotar(modelo: type[models.Model], pk, **valores) -> tuple[str, list]:
    """(sql, parámetros) del UPDATE de `valores` (campo → valor ya listo para la base) en la fila `pk`."""
    return _texto_de_anotar(modelo, tuple(valores)), [*valores.values(), pk]


@cache
def _texto_de_anotar(modelo: type[models.Model], campos: tuple[str, ...]) -> str:
    t = Tabla(modelo)
    asignaciones = ", ".join(f"{getattr(t, campo)} = %s" for campo in campos)
    return f"UPDATE {t} SET {asignaciones} WHERE {connection.ops.quote_name(_columna_pk(modelo))} = %s"
