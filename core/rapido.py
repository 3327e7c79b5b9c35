"""El camino rápido del núcleo en PostgreSQL: la cadena de auditoría y la ráfaga de la numeración en viajes
de sentencias preparadas.

Los servicios (`core.services.auditoria.encadenar`, `core.services.numeracion.numerar_y_auditar`) son el
camino de siempre, por el ORM, y el único punto de entrada: cuando `disponible()`, le pasan el trabajo a este
módulo, que escribe **las mismas filas y la misma cadena** (lo comprueba `core/tests/test_rapido.py` contra
el ORM) en menos viajes a la base de datos:

- `encadenar(eventos)`: dos viajes (el cerrojo de la cabeza y los ids de los eventos; luego los INSERT de
  los eventos ya encadenados y la cabeza nueva) en vez de tres consultas del ORM.
- `numerar_y_auditar(...)`: el número, el objeto numerado y sus dos eventos en dos viajes en modo pipeline
  (cerrojos, contador e ids; luego número, objeto, eventos y cabeza), con el COMMIT en el segundo viaje si
  quien llama lo permite (`confirmar`): los cerrojos globales se sueltan sin esperar otra ida y vuelta.

Las sentencias salen de `core.sql` (nombres de `_meta`) y de `core.sql_compilado` (los INSERT que
compilaría el ORM) y van preparadas (`cursor_preparado`). `DB_CAMINO_RAPIDO=0` apaga este módulo (todo por
el ORM); `DB_SENTENCIAS_PREPARADAS=0` deja el camino rápido sin preparar sentencias (PgBouncer en modo
«transaction»).
"""

from __future__ import annotations

from collections.abc import Callable

import psycopg
from django.conf import settings
from django.db import connection, models

from core import sql
from core.cadena import encadenar_en_memoria
from core.models import Evento, NumeroRegistro, Serie
from core.sql_compilado import sql_insertar


def disponible() -> bool:
    """Si la conexión en uso puede ir por el camino rápido: PostgreSQL y `DB_CAMINO_RAPIDO` encendido."""
    return connection.vendor == "postgresql" and settings.DB_CAMINO_RAPIDO


def cursor_preparado(pg):
    """Un cursor de psycopg con parámetros del lado del servidor sobre la conexión cruda `pg`: con
    `prepare=True` en `execute`, PostgreSQL analiza y planifica cada texto una vez por conexión en vez de en
    cada petición, y psycopg no cita cada parámetro dentro del texto. Django deja la preparación apagada
    (`prepare_threshold=None`) y sus cursores citan del lado del cliente; aquí se enciende solo para lo que se
    pide explícitamente (un umbral inalcanzable: nada se prepara solo). Con `DB_SENTENCIAS_PREPARADAS=0` no
    se prepara nada."""
    if pg.prepare_threshold is None and settings.DB_SENTENCIAS_PREPARADAS:
        pg.prepare_threshold = 2**31 - 1
    return psycopg.Cursor(pg)


def conexion_cruda():
    """La conexión de psycopg detrás de la de Django (abierta si hacía falta)."""
    connection.ensure_connection()
    return connection.connection


def marcar_guardados(objetos) -> None:
    """Los objetos que un viaje insertó a mano quedan como los deja `save()`."""
    for objeto in objetos:
        objeto._state.adding, objeto._state.db = False, connection.alias


def _insertar(objetos: list[models.Model]) -> list[tuple[str, tuple]]:
    # El INSERT que haría el ORM (mismas conversiones de tipos), con el id ya asignado.
    return sql_insertar(objetos, using=connection.alias)


def _escribir_cadena(cursor, eventos: list[Evento], anterior: str) -> None:
    """En `cursor` (dentro de un pipeline): un INSERT de una fila por evento ya encadenado (el de varias filas
    del ORM va por UNNEST, una lista por columna, más caro) y la cabeza nueva."""
    for evento in eventos:
        for texto, params in _insertar([evento]):
            cursor.execute(texto, params, prepare=True)
    cursor.execute(sql.mover_cabeza(), [anterior, eventos[-1].id], prepare=True)


def encadenar(eventos: list[Evento]) -> bool:
    """Encadena y guarda `eventos` (preparados con `preparar_evento`) en dos viajes. Falso, sin hacer nada,
    si la cabeza de la cadena aún no existe (el camino de siempre la crea)."""
    pg = conexion_cruda()
    with pg.pipeline():
        c_cabeza, c_ids = cursor_preparado(pg), cursor_preparado(pg)
        c_cabeza.execute(sql.bloquear_cabeza(), prepare=True)
        c_ids.execute(*sql.ids_nuevos([Evento] * len(eventos)), prepare=True)
    cabeza, ids = c_cabeza.fetchone(), c_ids.fetchone()
    c_cabeza.close()
    c_ids.close()
    if cabeza is None:
        return False
    anterior = encadenar_en_memoria(eventos, anterior=cabeza[0], ids=sorted(ids))
    with cursor_preparado(pg) as cursor, pg.pipeline():
        _escribir_cadena(cursor, eventos, anterior)
    marcar_guardados(eventos)
    return True


def _transaccion_propia() -> bool:
    # Un solo bloque atómico, abierto en modo autocommit (lo cierra con commit al salir) y sano: la
    # transacción es la de quien numera, no la de alguien que lo llamó dentro de la suya.
    return len(connection.atomic_blocks) == 1 and connection.commit_on_exit and not connection.needs_rollback


def numerar_y_auditar(
    serie: Serie,
    anio: int,
    *,
    objeto: models.Model,
    nuevo_numero: Callable[[int, int, int], NumeroRegistro],
    evento_del_numero: Callable[[NumeroRegistro], Evento],
    anotar: Callable[[NumeroRegistro], tuple[str, list]],
    evento_del_objeto: Callable[[], Evento],
    confirmar: bool = False,
) -> NumeroRegistro | None:
    """La ráfaga de `core.services.numeracion.numerar_y_auditar`: dos viajes en modo pipeline.

    Viaje 1, en el orden de siempre (cadena, luego contador): el cerrojo de la cabeza, el número siguiente y
    los ids del número y de los dos eventos (y del objeto, si llega sin guardar), sacados con la cabeza
    bloqueada para que los ids de los eventos sigan el orden de la cadena. Entre los dos viajes, en Python:
    `nuevo_numero(id, número, id_del_objeto)` arma el número sin guardar, `evento_del_numero` y
    `evento_del_objeto` sus eventos, y los hashes. Viaje 2: el número, el objeto (INSERT ya numerado si era
    nuevo; si no, el UPDATE de `anotar`), los eventos, la cabeza y, con `confirmar` y si esta es la
    transacción de más afuera, el COMMIT (el de Django al salir del bloque queda sin nada que hacer y corre
    los `on_commit` como siempre).

    None, sin haber escrito nada, si la cabeza o el contador del año aún no existen o el año está cerrado:
    entonces sigue el camino de siempre (que crea lo que falte o da el error en español).
    """
    pg = conexion_cruda()
    nuevo = objeto.pk is None
    with pg.pipeline():
        c_cabeza, c_contador, c_ids = cursor_preparado(pg), cursor_preparado(pg), cursor_preparado(pg)
        c_cabeza.execute(sql.bloquear_cabeza(), prepare=True)
        c_contador.execute(sql.sumar_uno_al_contador(), [serie.pk, anio], prepare=True)
        c_ids.execute(
            *sql.ids_nuevos([NumeroRegistro, Evento, Evento, *([type(objeto)] if nuevo else [])]),
            prepare=True,
        )
    cabeza, fila, ids = c_cabeza.fetchone(), c_contador.fetchone(), c_ids.fetchone()
    for cursor in (c_cabeza, c_contador, c_ids):
        cursor.close()
    if cabeza is None or fila is None:
        return None
    if nuevo:
        objeto.pk = ids[3]
    numero = nuevo_numero(ids[0], fila[0], objeto.pk)
    inserciones = _insertar([numero])  # fija `asignado` (auto_now_add) antes de la instantánea
    evento_numero = evento_del_numero(numero)
    params_objeto: list | tuple
    sql_objeto, params_objeto = anotar(numero)
    if nuevo:
        # El objeto entra ya numerado (fija sus auto_now_add antes de su instantánea, como el número).
        ((sql_objeto, params_objeto),) = _insertar([objeto])
    eventos = [evento_numero, evento_del_objeto()]
    anterior = encadenar_en_memoria(eventos, anterior=cabeza[0], ids=sorted(ids[1:3]))
    with cursor_preparado(pg) as cursor, pg.pipeline():
        for texto, params in (*inserciones, (sql_objeto, params_objeto)):
            cursor.execute(texto, params, prepare=True)
        _escribir_cadena(cursor, eventos, anterior)
        if confirmar and _transaccion_propia():
            # psycopg no manda otro COMMIT si ya no hay transacción abierta.
            cursor.execute("COMMIT")
    marcar_guardados((numero, *eventos, *([objeto] if nuevo else [])))
    return numero
