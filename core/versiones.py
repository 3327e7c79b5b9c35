"""Versiones de datos: la única forma en que un proceso sabe si lo que guardó en memoria sigue vigente.

Un grupo es un conjunto de tablas (`GRUPOS`). Un disparador en cada una (en PostgreSQL y en SQLite, creado por
una migración con su SQL congelado) le da al grupo una **versión nueva** en la misma transacción que cualquier
cambio: por el ORM, el admin, una carga masiva o SQL a mano, desde cualquier proceso o máquina. La versión es
una etiqueta que no se repite: en PostgreSQL, el siguiente valor de una secuencia (un rollback no lo devuelve);
en SQLite, 64 bits al azar. Por eso lo guardado con la versión de una transacción que luego se deshizo no se
confunde nunca con un estado confirmado, y se puede guardar dentro de una transacción.

Quien guarda algo en el proceso:
- lee la versión **antes** que las tablas, o en la misma consulta (si un cambio se cuela entre las dos
  lecturas, lo guardado es más nuevo que su versión: a lo sumo se vuelve a leer);
- lo guarda con esa versión (`Memoria`); sin fila de versión (una base recién vaciada), no guarda nada.

Lo que escribe con los disparadores apagados (`session_replication_role = replica`: el generador del bench)
no cambia las versiones, y una base restaurada de una copia vuelve a versiones de antes: después de las dos
cosas, reinicie los procesos de la web y del trabajador (docs/operacion/postgresql.md).

Grupos y quién los usa:
- «configuracion» (municipio, reglas locales, calendario, series): la zona horaria y los datos del municipio
  en cada solicitud (`core.services.municipio`) y lo que el registro por la API lee antes de numerar
  (`registro.rapido`).
- «cuerpo» (miembros del concejo, sus estados y las personas): la situación del pleno en el voto en vivo
  (`concejo.selectors.cuerpo`).
"""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import connection, models
from django.db.models import Subquery

from core import sql
from core.models import DiaCalendario, Municipio, ReglaLocal, Serie, VersionDeDatos
from core.sql import Tabla


@dataclass(frozen=True)
class Vigilada:
    """Una tabla de un grupo (la de `modelo`) y los cambios que le dan versión nueva."""

    modelo: type[models.Model]
    eventos: tuple[str, ...] = ("INSERT", "UPDATE", "DELETE")

    @property
    def tabla(self) -> str:
        return self.modelo._meta.db_table


# Grupo → tablas vigiladas. Un grupo nuevo se declara aquí (o desde el `apps.py` de su área con
# `registrar_grupo`) y se instala con una migración que congela el SQL de `sql_disparadores` de ese momento.
GRUPOS: dict[str, tuple[Vigilada, ...]] = {
    "configuracion": (Vigilada(Municipio), Vigilada(ReglaLocal), Vigilada(DiaCalendario), Vigilada(Serie)),
}


def registrar_grupo(grupo: str, *vigiladas: Vigilada) -> None:
    GRUPOS[grupo] = tuple(vigiladas)


# --- El SQL de los disparadores (para escribir migraciones; las migraciones lo guardan congelado) ---


def _funcion_postgresql() -> list[str]:
    v = Tabla(VersionDeDatos)
    return [
        'CREATE SEQUENCE IF NOT EXISTS "secretaria_versiones"',
        f"""CREATE OR REPLACE FUNCTION secretaria_nueva_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO {v} ({v.grupo}, {v.valor}) VALUES (TG_ARGV[0], nextval('secretaria_versiones'))
  ON CONFLICT ({v.grupo}) DO UPDATE SET {v.valor} = EXCLUDED.{v.valor};
  RETURN NULL;
END $$""",
    ]


def sql_funcion_postgresql() -> list[str]:
    """La secuencia y la función de PostgreSQL que usan los disparadores de todos los grupos."""
    return _funcion_postgresql()


def sql_disparadores(grupo: str, motor: str) -> list[str]:
    """El SQL que instala los disparadores de `grupo` en `motor` ("postgresql" o "sqlite"): en PostgreSQL uno
    por tabla y sentencia (con la función de `sql_funcion_postgresql`); en SQLite uno por tabla y evento, por
    fila. Los nombres salen de `_meta`. Una migración copia lo que esto genera al escribirla (congelado); la
    prueba del grupo compara lo congelado con lo que se genera hoy."""
    v = Tabla(VersionDeDatos)
    sentencias = []
    for vigilada in GRUPOS[grupo]:
        nombre = f"{vigilada.tabla}_version"
        if motor == "postgresql":
            eventos = " OR ".join(
                [*vigilada.eventos, *(["TRUNCATE"] if "DELETE" in vigilada.eventos else [])]
            )
            sentencias.append(f'DROP TRIGGER IF EXISTS "{nombre}" ON "{vigilada.tabla}"')
            sentencias.append(
                f'CREATE TRIGGER "{nombre}" AFTER {eventos} ON "{vigilada.tabla}" '
                f"FOR EACH STATEMENT EXECUTE FUNCTION secretaria_nueva_version('{grupo}')"
            )
        else:
            for evento in vigilada.eventos:
                disparador = f"{nombre}_{evento.lower()}"
                sentencias.append(f'DROP TRIGGER IF EXISTS "{disparador}"')
                sentencias.append(
                    f'CREATE TRIGGER "{disparador}" AFTER {evento} ON "{vigilada.tabla}" BEGIN '
                    f"INSERT INTO {v} ({v.grupo}, {v.valor}) VALUES ('{grupo}', random()) "
                    f"ON CONFLICT ({v.grupo}) DO UPDATE SET {v.valor} = excluded.{v.valor}; END"
                )
    return sentencias


def asegurar_filas() -> None:
    """Cada grupo con su fila de versión. Las crean las migraciones; tras vaciar la base (`flush`, que corre
    `post_migrate`) se crean de nuevo con una versión que no se repite, y lo guardado en el proceso se
    olvida: los datos ya no son los de antes."""
    faltan = set(GRUPOS) - set(
        VersionDeDatos.objects.filter(grupo__in=GRUPOS).values_list("grupo", flat=True)
    )
    for grupo in faltan:
        VersionDeDatos.objects.get_or_create(grupo=grupo, defaults={"valor": secrets.randbits(62) + 1})
    if faltan:
        vaciar_memorias()


# --- Leer versiones ---


def leer(grupo: str) -> int | None:
    """La versión de `grupo` (una consulta), o None si el grupo no tiene fila."""
    with connection.cursor() as cursor:
        cursor.execute(sql.version_de_grupo(), [grupo])
        fila = cursor.fetchone()
    return fila[0] if fila else None


def subconsulta(grupo: str) -> Subquery:
    """La versión de `grupo` como expresión, para leerla en la misma consulta que otra cosa (`annotate`)."""
    return Subquery(
        VersionDeDatos.objects.filter(grupo=grupo).values("valor")[:1], output_field=models.BigIntegerField()
    )


# --- Guardar en el proceso ---


class Memoria:
    """Lo que un proceso guarda de un grupo, por versión: `obtener(version, clave, calcular)` da lo guardado
    con esa versión y esa clave o lo calcula y lo guarda. Se comparte entre hilos y solicitudes: lo guardado
    no se modifica. Guarda a lo sumo `maximo` entradas (salen las más viejas)."""

    def __init__(self, grupo: str, *, maximo: int = 32):
        self.grupo, self.maximo = grupo, maximo
        self._entradas: OrderedDict[tuple, Any] = OrderedDict()
        self._cerrojo = threading.Lock()
        _memorias.append(self)

    def obtener(self, version: int | None, clave, calcular: Callable[[], Any]) -> Any:
        if version is None:
            return calcular()
        llave = (connection.alias, version, clave)
        with self._cerrojo:
            if llave in self._entradas:
                self._entradas.move_to_end(llave)
                return self._entradas[llave]
        valor = calcular()
        with self._cerrojo:
            self._entradas[llave] = valor
            while len(self._entradas) > self.maximo:
                self._entradas.popitem(last=False)
        return valor

    def buscar(self, version: int | None, clave):
        """Lo guardado con esa versión y clave, o None."""
        if version is None:
            return None
        with self._cerrojo:
            return self._entradas.get((connection.alias, version, clave))

    def guardar(self, version: int | None, clave, valor) -> None:
        """Guarda `valor` con esa versión y clave (sin versión no guarda nada)."""
        if version is None:
            return
        with self._cerrojo:
            self._entradas[(connection.alias, version, clave)] = valor
            while len(self._entradas) > self.maximo:
                self._entradas.popitem(last=False)

    def vaciar(self) -> None:
        with self._cerrojo:
            self._entradas.clear()


_memorias: list[Memoria] = []


def vaciar_memorias() -> None:
    """Vacía lo guardado en todas las memorias del proceso (p. ej. tras restaurar una base sin disparadores)."""
    for memoria in _memorias:
        memoria.vaciar()
