"""SQL del ORM compilado una vez por proceso y conexión, con solo los parámetros calculados en cada llamada.

Armar el SQL de un queryset o de un INSERT (`compiler.as_sql()`) es trabajo de Python puro que en los
caminos calientes (el registro por la API) se repite idéntico en cada petición: el texto es siempre el
mismo y solo cambian los valores. Aquí se compila una vez y se reutiliza el texto, sin escribir SQL a
mano: lo sigue generando el ORM, y donde algo no es seguro se compila como siempre.

- `ConsultaCompilada`: un queryset con argumentos (una función que lo construye). Se compila con valores
  *centinela* de los tipos declarados, dos veces con centinelas distintos: si el SQL no cambia y cada
  parámetro es o bien una constante (igual en las dos) o bien uno de los centinelas (en la misma posición
  en las dos), el texto se guarda junto con dónde va cada argumento; si algo es ambiguo (un argumento que
  el ORM transforma, que entra en el texto, que cambia la forma de la consulta), no se guarda nada y cada
  llamada compila de nuevo. Se guarda también el compilador de la primera vez, para leer filas con sus
  conversores (`compiler.results_iter`).
- `sql_insertar`: el INSERT que haría el ORM (`InsertQuery`), con el texto guardado por (modelo, campos,
  cantidad de objetos) y los parámetros calculados como `SQLInsertCompiler`: `field.pre_save(obj, add=True)`
  (que fija los auto_now_add en el objeto) y `field.get_db_prep_save(valor, conexión)`. La primera vez va
  por el ORM y se comprueba que el cálculo propio da exactamente sus parámetros; si no, o si un campo tiene
  marcador propio (`get_placeholder`) o un valor es una expresión, siempre por el ORM.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from itertools import chain
from typing import Literal, cast

from django.core.exceptions import EmptyResultSet
from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.models.sql import InsertQuery
from django.utils import timezone

# Centinelas por tipo: dos juegos (A y B), distintos entre sí y de cualquier valor razonable. Los enteros
# caben en un smallint positivo (un valor fuera de rango haría que el ORM cambie la consulta); las cadenas
# llevan espacios, mayúsculas y tildes para que una transformación del valor (strip, lower) se note.
_CENTINELAS: dict[type, Callable[[int, int], object]] = {
    int: lambda juego, k: 30011 + 997 * juego + k,
    str: lambda juego, k: f" Centinela-{'AB'[juego]}-{k}-ñ ",
    date: lambda juego, k: date(1901 + juego, 2, 3) + timedelta(days=k),
    datetime: lambda juego, k: datetime(1901 + juego, 2, 3, 4, 5, 6, 7, tzinfo=UTC) + timedelta(days=k),
}


def parametros_iguales(a, b) -> bool:
    """Igualdad estricta de parámetros de SQL: mismo tipo (1, 1.0 y True no son iguales) y mismo valor,
    también dentro de listas y tuplas. Los objetos sin igualdad propia (p. ej. `Jsonb` de psycopg, que el
    ORM usa para los JSONField) son iguales si su estado lo es."""
    if type(a) is not type(b):
        return False
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(map(parametros_iguales, a, b))
    if type(a).__eq__ is object.__eq__:
        return a is b or parametros_iguales(_estado(a), _estado(b))
    return a == b


def _estado(objeto) -> list:
    nombres = sorted(
        {*getattr(objeto, "__dict__", {})}
        | {n for clase in type(objeto).__mro__ for n in getattr(clase, "__slots__", ()) if hasattr(objeto, n)}
    )
    return [(n, getattr(objeto, n)) for n in nombres]


class _Plantilla:
    __slots__ = ("compilador", "sql", "params", "huecos", "lista")

    def __init__(self, compilador, sql, params, huecos):
        self.compilador, self.sql, self.huecos = compilador, sql, huecos
        self.lista = isinstance(params, list)
        self.params = list(params)


class ConsultaCompilada:
    """Un queryset con argumentos, compilado una vez por proceso, conexión (alias y motor) y zona horaria activa.

    `construir(*valores)` devuelve el queryset; `tipos` son los tipos de sus argumentos (int, str, date,
    datetime), que deben usarse solo como valores de filtros: no para decidir la forma de la consulta
    (un `if`, un corte `[:n]`, que entra en el texto). `compilar(*valores)` devuelve lo mismo que
    `qs.query.get_compiler(alias)` y su `as_sql()`: el compilador (para `results_iter`; es el de los
    centinelas, no sirve para ejecutar), el SQL y los parámetros. Un valor de otro tipo exacto (None, un
    datetime donde se declaró date, un bool donde int) se compila como siempre.
    """

    def __init__(self, construir: Callable[..., models.QuerySet], *tipos: type):
        for tipo in tipos:
            if tipo not in _CENTINELAS:
                admitidos = ", ".join(t.__name__ for t in _CENTINELAS)
                raise TypeError(f"Tipo sin centinela: {tipo!r}; se admiten {admitidos}.")
        self.construir, self.tipos = construir, tipos
        self._plantillas: dict[tuple[str, str, str], _Plantilla | None] = {}

    def compilar(self, *valores, using: str = DEFAULT_DB_ALIAS):
        conexion = connections[using]
        if len(valores) != len(self.tipos):
            raise TypeError(f"Se esperaban {len(self.tipos)} valores, llegaron {len(valores)}.")
        # La zona horaria activa puede entrar en el SQL (p. ej. `fecha__date` la pasa como parámetro): otra
        # zona, otra plantilla.
        clave = (using, conexion.vendor, timezone.get_current_timezone_name())
        try:
            plantilla = self._plantillas[clave]
        except KeyError:
            plantilla = self._plantillas[clave] = self._preparar(using)
        if plantilla is None or any(type(v) is not t for v, t in zip(valores, self.tipos, strict=True)):
            return self._compilar_siempre(valores, using)
        params = plantilla.params.copy()
        for i, k in plantilla.huecos:
            params[i] = valores[k]
        compilador = plantilla.compilador
        if compilador.connection is not conexion:  # otro hilo: su propia conexión para los conversores
            compilador = copy.copy(compilador)
            compilador.connection = conexion
        return compilador, plantilla.sql, params if plantilla.lista else tuple(params)

    def _compilar_siempre(self, valores, using):
        compilador = self.construir(*valores).query.get_compiler(using)
        return compilador, *compilador.as_sql()

    def _preparar(self, using) -> _Plantilla | None:
        juegos = [[_CENTINELAS[t](juego, k) for k, t in enumerate(self.tipos)] for juego in (0, 1)]
        try:
            comp_a, sql_a, params_a = self._compilar_siempre(juegos[0], using)
            _, sql_b, params_b = self._compilar_siempre(juegos[1], using)
        except EmptyResultSet:
            return None
        if sql_a != sql_b or len(params_a) != len(params_b) or type(params_a) is not type(params_b):
            return None
        huecos = []
        for i, (pa, pb) in enumerate(zip(params_a, params_b, strict=True)):
            ka = [k for k, c in enumerate(juegos[0]) if parametros_iguales(pa, c)]
            kb = [k for k, c in enumerate(juegos[1]) if parametros_iguales(pb, c)]
            if ka or kb:
                if ka != kb or len(ka) != 1:
                    return None  # un centinela transformado o confundible con una constante
                huecos.append((i, ka[0]))
            elif not parametros_iguales(pa, pb):
                return None  # cambia con los argumentos pero no es ninguno: el ORM lo transformó
        return _Plantilla(comp_a, sql_a, params_a, tuple(huecos))


# (modelo, campos o None si son los concretos, cantidad de objetos, alias, motor) → (sql, "filas" o
# "columnas", tipos tal cual por campo), o None: siempre por el ORM.
_inserciones: dict[tuple, tuple[str, str, tuple] | None] = {}

_MUESTRAS = {str: "muestra", int: 2**40 + 7, bool: True}


def _tal_cual(campo: models.Field, conexion) -> tuple[type, bool] | None:
    """(tipo, None vale) si el ORM guarda un valor de exactamente ese tipo sin tocarlo: `pre_save` lo lee del
    objeto y `get_db_prep_save` lo devuelve tal cual (se prueba con una muestra, en este motor: en
    PostgreSQL, p. ej., los enteros que no son ids van envueltos en `Int4`). Solo texto, enteros,
    booleanos y claves foráneas a ellos, de estas clases y no de subclases. None: cada valor por el ORM."""
    clase = type(campo)
    tipo: type | None
    if clase in (models.ForeignKey, models.OneToOneField):
        destino = _tal_cual(cast(models.ForeignKey, campo).target_field, conexion)
        tipo = destino and destino[0]
    elif clase in (models.CharField, models.TextField):
        tipo = str
    elif issubclass(clase, models.IntegerField) and clase.__module__ == models.IntegerField.__module__:
        tipo = int
    elif clase is models.BooleanField:
        tipo = bool
    else:
        return None
    if tipo is None or type(campo).pre_save is not models.Field.pre_save:
        return None
    muestra = _MUESTRAS[tipo]
    if campo.get_db_prep_save(muestra, conexion) is not muestra:
        return None
    # None en un booleano no nulo es un error del ORM: que lo dé él.
    con_none = tipo is not bool or campo.null
    return tipo, con_none and campo.get_db_prep_save(None, conexion) is None


def _insertar_orm(modelo, campos, objetos, conexion) -> list[tuple[str, tuple]]:
    consulta = InsertQuery(modelo)
    consulta.insert_values(campos, objetos)
    return consulta.get_compiler(connection=conexion).as_sql()


def _parametros(filas: list[list], modo: str) -> tuple:
    if modo == "filas":  # INSERT ... VALUES (%s, ...), (%s, ...): fila tras fila
        return tuple(chain.from_iterable(filas))
    # PostgreSQL con varias filas: INSERT ... SELECT * FROM UNNEST((%s)::tipo[], ...): una lista por columna
    return tuple(list(columna) for columna in zip(*filas, strict=True))


def _modo(params, filas) -> str | None:
    for modo in ("filas", "columnas"):
        if parametros_iguales(tuple(params), _parametros(filas, modo)):
            return modo
    return None


def sql_insertar(
    objetos: Sequence[models.Model],
    campos: Sequence[models.Field] | None = None,
    *,
    using: str = DEFAULT_DB_ALIAS,
) -> list[tuple[str, tuple]]:
    """El INSERT de `objetos` (todos del mismo modelo) que haría el ORM, como `(sql, params)` en una lista:
    el resultado de `InsertQuery.insert_values(campos, objetos)` compilado, byte por byte y con parámetros
    iguales. `campos`, por omisión los concretos del modelo (con el id, que quien llama ya asignó). Como el
    ORM, fija en cada objeto sus auto_now/auto_now_add (`pre_save`); no lo ejecuta ni marca el objeto como
    guardado."""
    modelo = type(objetos[0])
    conexion = connections[using]
    # Sin `campos`, la clave no los lleva: el hash de treinta campos cuesta más que todo lo demás de la clave.
    clave = (modelo, None if campos is None else tuple(campos), len(objetos), using, conexion.vendor)
    campos = tuple(modelo._meta.concrete_fields if campos is None else campos)
    cacheado: tuple[str, str, tuple] | Literal[False] | None = _inserciones.get(clave, False)
    if cacheado is None or not campos:
        return _insertar_orm(modelo, campos, objetos, conexion)
    if cacheado is False:
        resultado = _insertar_orm(modelo, campos, objetos, conexion)
        # Lo que el ORM dejó en los objetos (pre_save ya corrió), preparado como él: si da sus mismos
        # parámetros, el texto sirve para los siguientes.
        filas = [[f.get_db_prep_save(getattr(o, f.attname), conexion) for f in campos] for o in objetos]
        apto = (
            len(resultado) == 1
            and not any(hasattr(f, "get_placeholder") for f in campos)
            and not any(
                hasattr(v, "resolve_expression") or hasattr(v, "as_sql") for fila in filas for v in fila
            )
        )
        modo = _modo(resultado[0][1], filas) if apto else None
        _inserciones[clave] = (
            (resultado[0][0], modo, tuple(_tal_cual(f, conexion) for f in campos)) if modo else None
        )
        return resultado
    sql, modo, tal_cual = cacheado
    filas = []
    for objeto in objetos:
        fila = []
        for campo, directo in zip(campos, tal_cual, strict=True):
            if directo is not None:
                valor = getattr(objeto, campo.attname)
                if type(valor) is directo[0] or (valor is None and directo[1]):
                    fila.append(valor)  # lo mismo que daría el ORM, sin sus tres llamadas por campo
                    continue
            valor = campo.pre_save(objeto, True)
            if hasattr(valor, "resolve_expression"):
                return _insertar_orm(modelo, campos, objetos, conexion)  # una expresión: la compila el ORM
            valor = campo.get_db_prep_save(valor, conexion)
            if hasattr(valor, "as_sql"):
                return _insertar_orm(modelo, campos, objetos, conexion)
            fila.append(valor)
        filas.append(fila)
    return [(sql, _parametros(filas, modo))]
