"""La pista de auditoría: eventos encadenados por hash, escritos en la misma transacción del cambio."""

from __future__ import annotations

import hashlib
import ipaddress
import json
import math
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any, TypeVar

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from django.utils import timezone

from core.contexto import ip_actual
from core.models import CadenaAuditoria, Encargo, Evento
from core.sql_compilado import cursor_preparado, sql_insertar

HASH_INICIAL = "0" * 64


def _a_json(valor: Any) -> Any:
    """Normaliza a tipos JSON puros, para que el hash sea el mismo al releer la fila.

    La fila vuelve de la base de datos (jsonb de PostgreSQL o texto en SQLite) y se vuelve a
    calcular su hash: cualquier valor que la base de datos reescriba rompería la cadena sin que
    nadie la haya alterado. Por eso: los float enteros pasan a int (jsonb devuelve 1e20 como
    100000000000000000000), NaN/infinito y objetos no JSON pasan a texto, las claves a texto y
    el carácter NUL (que jsonb rechaza) se sustituye.
    """
    if valor is None or isinstance(valor, bool | int):
        return valor
    if isinstance(valor, str):
        return valor.replace("\x00", "\ufffd")
    if isinstance(valor, float):
        if math.isnan(valor) or math.isinf(valor):
            return str(valor)
        return int(valor) if valor.is_integer() else valor
    if isinstance(valor, dict):
        return {_clave_json(k): _a_json(v) for k, v in valor.items()}
    if isinstance(valor, list | tuple):
        return [_a_json(v) for v in valor]
    if isinstance(valor, datetime | date | time):
        return valor.isoformat()
    if isinstance(valor, Decimal):
        return str(valor)
    if isinstance(valor, models.Model):
        return _a_json(valor.pk)
    if isinstance(valor, set | frozenset):
        return sorted((_a_json(v) for v in valor), key=str)
    return _a_json(str(valor))


def _clave_json(clave: Any) -> str:
    if isinstance(clave, str):
        return clave.replace("\x00", "\ufffd")
    if isinstance(clave, datetime | date | time):
        return clave.isoformat()
    if isinstance(clave, bool) or clave is None:
        return json.dumps(clave)  # como lo haría json.dumps: "true", "null"
    return str(_a_json(clave))


def _ip_normalizada(ip: str | None) -> str | None:
    """La IP tal como la guarda la base de datos (IPv6 comprimida en minúsculas), o None."""
    if not ip:
        return None
    try:
        ipaddress.ip_address(ip)
    except ValueError:
        return None  # una cabecera rara no debe impedir el cambio que se audita
    return Evento._meta.get_field("ip").get_prep_value(ip)


def calcular_hash(evento: Evento) -> str:
    """SHA-256 del contenido canónico del evento más el hash del anterior."""
    contenido = {
        "momento": evento.momento.astimezone(UTC).isoformat(timespec="microseconds"),
        "actor": evento.actor_id,
        "actor_nombre": evento.actor_nombre,
        "por_encargo_de": evento.por_encargo_de_id,
        "accion": evento.accion,
        "objeto_tipo": evento.objeto_tipo_id,
        "objeto_id": evento.objeto_id,
        "objeto_repr": evento.objeto_repr,
        "antes": evento.antes,
        "despues": evento.despues,
        "ip": evento.ip,
        "hash_anterior": evento.hash_anterior,
    }
    canonico = json.dumps(contenido, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonico.encode("utf-8")).hexdigest()


def encargo_vigente(usuario, fecha: date | None = None) -> Encargo | None:
    """El encargo por el que `usuario` actúa hoy en nombre de otro, si lo hay."""
    if usuario is None or not getattr(usuario, "pk", None):
        return None
    fecha = fecha or timezone.localdate()
    return (
        Encargo.objects.vigentes(fecha).filter(encargado=usuario).select_related("titular", "cargo").first()
    )


def titular_por_encargo(usuario, fecha: date | None = None) -> int | None:
    """El id del titular en cuyo nombre actúa hoy `usuario` por un encargo vigente (lo que el evento
    anota), sin traer el encargo entero: una consulta sin uniones."""
    if usuario is None or not getattr(usuario, "pk", None):
        return None
    fecha = fecha or timezone.localdate()
    return (
        Encargo.objects.vigentes(fecha).filter(encargado=usuario).values_list("titular_id", flat=True).first()
    )


def bloquear_cadena() -> CadenaAuditoria:
    """Bloquea la cabeza de la cadena hasta el fin de la transacción en curso y la devuelve.

    Es el primer cerrojo de toda transacción que audita: quien además bloquea otra fila compartida
    (p. ej. el contador de una serie) toma antes este, para que dos transacciones nunca esperen una
    por la otra en orden cruzado (interbloqueo).
    """
    cabeza = CadenaAuditoria.objects.select_for_update().filter(pk=1).first()
    if cabeza is None:
        CadenaAuditoria.objects.get_or_create(pk=1)
        cabeza = CadenaAuditoria.objects.select_for_update().get(pk=1)
    return cabeza


ENCARGO_SIN_CONSULTAR = object()


def preparar_evento(
    *,
    por,
    accion: str,
    objeto: models.Model | None = None,
    antes: dict | None = None,
    despues: dict | None = None,
    ip: str | None = None,
    encargo=ENCARGO_SIN_CONSULTAR,
) -> Evento:
    """El evento sin encadenar (sin momento ni hashes): todo lo que cuesta consultas o cálculo, hecho
    antes de tomar la cabeza de la cadena, para que el cerrojo global dure lo mínimo.

    `encargo` (el `Encargo` vigente, o el id de su titular, o None) evita repetir la consulta cuando
    quien llama ya la hizo (varios eventos del mismo actor en una solicitud). El evento solo vale una
    vez encadenado con `encadenar`, en la misma transacción del cambio.
    """
    actor = por if por is not None and getattr(por, "pk", None) else None
    if encargo is ENCARGO_SIN_CONSULTAR:
        encargo = titular_por_encargo(actor)
    return Evento(
        actor=actor,
        actor_nombre=((actor.get_full_name() or actor.username) if actor else "sistema")[:200],
        por_encargo_de_id=encargo if isinstance(encargo, int) or encargo is None else encargo.titular_id,
        accion=accion,
        objeto_tipo=ContentType.objects.get_for_model(objeto) if objeto is not None else None,
        objeto_id=str(objeto.pk) if objeto is not None else "",
        objeto_repr=str(objeto)[:300] if objeto is not None else "",
        antes=_a_json(antes),
        despues=_a_json(despues),
        ip=_ip_normalizada(ip or ip_actual()),
    )


def encadenar(eventos: list[Evento]) -> list[Evento]:
    """Encadena y guarda eventos preparados, en este orden, con la cabeza bloqueada: un cerrojo, una
    inserción y una actualización de la cabeza, sea uno o sean varios. Llamarlo dentro de la
    transacción del cambio y lo más tarde posible (el cerrojo dura hasta el fin de la transacción).

    Solo hace trabajo de base de datos dentro del bloque atómico (sin punto de guardado: si falla, falla
    la transacción del cambio, que es lo que debe pasar con un cambio sin auditar).
    """
    if not eventos:
        return eventos
    with transaction.atomic(savepoint=False):
        if connection.vendor == "postgresql" and _encadenar_postgresql(eventos):
            return eventos
        cabeza = bloquear_cadena()
        anterior = encadenar_en_memoria(eventos, anterior=cabeza.ultimo_hash)
        if len(eventos) == 1:
            eventos[0].save(force_insert=True)
        else:
            # Un INSERT de varias filas: los ids salen en el orden de la lista (el de la cadena).
            Evento.objects.bulk_create(eventos)
        CadenaAuditoria.objects.filter(pk=cabeza.pk).update(ultimo_hash=anterior, ultimo_id=eventos[-1].pk)
    return eventos


# --- La cadena en viajes de sentencias preparadas (PostgreSQL): `encadenar` y la ráfaga de la numeración ---


def sql_bloquear_cabeza() -> str:
    """El cerrojo de la cabeza de la cadena (devuelve su último hash), primer paso de todo viaje que audita."""
    cabeza_t = connection.ops.quote_name(CadenaAuditoria._meta.db_table)
    return f"SELECT ultimo_hash FROM {cabeza_t} WHERE id = 1 FOR UPDATE"


def sql_ids(tablas: list[str]) -> tuple[str, list[str]]:
    """El SELECT que saca un id nuevo de la secuencia de cada tabla, en una fila (en el orden de `tablas`)."""
    return "SELECT " + ", ".join(["nextval(pg_get_serial_sequence(%s, 'id'))"] * len(tablas)), list(tablas)


def encadenar_en_memoria(eventos: list[Evento], *, anterior: str, ids=None) -> str:
    """Con la cabeza ya bloqueada: el momento, el hash anterior y el hash de cada evento, en orden (y su id,
    de `ids`, sacados con la cabeza tomada para que sigan el orden de la cadena: `verificar_cadena` recorre
    por id). Devuelve el hash del último, el de la cabeza nueva."""
    momento = timezone.now()  # dentro del cerrojo: el momento sigue el orden de la cadena
    for i, evento in enumerate(eventos):
        if ids is not None:
            evento.id = ids[i]
        evento.momento = momento
        evento.hash_anterior = anterior
        evento.hash = anterior = calcular_hash(evento)
    return anterior


def escribir_cadena(cursor, eventos: list[Evento], anterior: str) -> None:
    """En `cursor` (de `cursor_preparado`, dentro de un pipeline): un INSERT de una fila por evento ya
    encadenado (el de varias filas del ORM va por UNNEST, una lista por columna, más caro) y la cabeza nueva."""
    for evento in eventos:
        for sql, params in sql_insertar([evento], using=connection.alias):
            cursor.execute(sql, params, prepare=True)
    cursor.execute(
        f"UPDATE {connection.ops.quote_name(CadenaAuditoria._meta.db_table)} "
        "SET ultimo_hash = %s, ultimo_id = %s WHERE id = 1",
        [anterior, eventos[-1].id],
        prepare=True,
    )


def marcar_guardados(objetos) -> None:
    """Los objetos que un viaje insertó a mano quedan como los deja `save()`."""
    for objeto in objetos:
        objeto._state.adding, objeto._state.db = False, connection.alias


def _encadenar_postgresql(eventos: list[Evento]) -> bool:
    """`encadenar` en PostgreSQL en dos viajes de sentencias preparadas (como la ráfaga de la numeración):
    (1) el cerrojo de la cabeza y los ids de los eventos; (2) los INSERT de los eventos ya encadenados y la
    cabeza nueva. Falso, sin hacer nada, si la cabeza aún no existe (el camino de siempre la crea)."""
    connection.ensure_connection()
    pg = connection.connection
    with pg.pipeline():
        c_cabeza, c_ids = cursor_preparado(pg), cursor_preparado(pg)
        c_cabeza.execute(sql_bloquear_cabeza(), prepare=True)
        c_ids.execute(*sql_ids([Evento._meta.db_table] * len(eventos)), prepare=True)
    cabeza, ids = c_cabeza.fetchone(), c_ids.fetchone()
    c_cabeza.close()
    c_ids.close()
    if cabeza is None:
        return False
    anterior = encadenar_en_memoria(eventos, anterior=cabeza[0], ids=sorted(ids))
    with cursor_preparado(pg) as cursor, pg.pipeline():
        escribir_cadena(cursor, eventos, anterior)
    marcar_guardados(eventos)
    return True


def registrar_evento(
    *,
    por,
    accion: str,
    objeto: models.Model | None = None,
    antes: dict | None = None,
    despues: dict | None = None,
    ip: str | None = None,
) -> Evento:
    """Añade un evento a la cadena. Llamarlo dentro de la transacción del cambio que registra.

    `por` es el usuario que actúa (None para procesos del sistema). Si actúa por encargo, el
    evento lo dice. La cabeza de la cadena se bloquea para que dos transacciones no encadenen
    sobre el mismo eslabón; se bloquea después de preparar el evento (`preparar_evento`), para
    sostener el cerrojo global lo menos posible.
    """
    evento = preparar_evento(por=por, accion=accion, objeto=objeto, antes=antes, despues=despues, ip=ip)
    return encadenar([evento])[0]


M = TypeVar("M", bound=models.Model)


def actualizar_con_auditoria(
    objeto: M,
    *,
    por,
    accion: str,
    cambios: Mapping[str, Any],
    editables: Collection[str],
    validar: Callable[[M], None] | None = None,
    consulta: models.QuerySet | None = None,
) -> M:
    """La forma de toda edición auditada: bloquea la fila, toma la instantánea, aplica `cambios`, valida,
    guarda y, solo si algo cambió, registra `accion` con el antes y el después. Va dentro del
    `transaction.atomic` del servicio que la usa; devuelve el objeto releído y guardado.

    `editables`: los campos que el servicio deja cambiar (otro es un error de programación: ValueError).
    `validar(objeto)`: la validación del servicio, que lanza `ValidationError` en español (por omisión,
    `full_clean()`); si falla, nada se guarda. `consulta`: de dónde se relee la fila con su cerrojo (p. ej.
    con `select_related`); por omisión, el gestor del modelo.
    """
    desconocidos = set(cambios) - set(editables)
    if desconocidos:
        raise ValueError(f"Campos no editables: {sorted(desconocidos)}")
    consulta = consulta if consulta is not None else type(objeto)._default_manager.all()
    objeto = consulta.select_for_update().get(pk=objeto.pk)
    antes = instantanea(objeto)
    for campo, valor in cambios.items():
        setattr(objeto, campo, valor)
    if validar is None:
        objeto.full_clean()
    else:
        validar(objeto)
    objeto.save()
    despues = instantanea(objeto)
    if despues != antes:
        registrar_evento(por=por, accion=accion, objeto=objeto, antes=antes, despues=despues)
    return objeto


def instantanea(obj: models.Model, campos: list[str] | None = None) -> dict:
    """Los valores de los campos de `obj` como dict JSON, para `antes`/`despues`."""
    datos = {}
    for campo in obj._meta.concrete_fields:
        if campos is not None and campo.name not in campos:
            continue
        valor = getattr(obj, campo.attname)
        if hasattr(valor, "name") and not isinstance(valor, str):  # FieldFile
            valor = valor.name or ""
        datos[campo.name] = valor
    return _a_json(datos)


@dataclass(frozen=True)
class ResultadoVerificacion:
    intacta: bool
    total: int
    primer_roto: int | None = None
    motivo: str = ""


def verificar_cadena() -> ResultadoVerificacion:
    """Recorre todos los eventos en orden y comprueba hashes y enlaces; nombra el primero roto.

    Los ids siguen el orden de la cadena (cada evento se inserta con la cabeza bloqueada). Al
    final, la cabeza debe apuntar al último evento leído: si apunta más allá y no hay más filas,
    se eliminó el último; si apunta más acá, hay filas añadidas por fuera del servicio. Como la
    cabeza se lee después de los eventos, un evento escrito mientras se verifica no da un falso
    aviso: se sigue leyendo desde donde se quedó.
    """
    anterior = HASH_INICIAL
    total = 0
    ultimo_id = 0
    for _intento in range(100):
        for evento in Evento.objects.filter(id__gt=ultimo_id).order_by("id").iterator(chunk_size=2000):
            total += 1
            if evento.hash_anterior != anterior:
                return ResultadoVerificacion(
                    False, total, evento.pk, "no enlaza con el evento anterior (falta o se alteró uno)"
                )
            if calcular_hash(evento) != evento.hash:
                return ResultadoVerificacion(False, total, evento.pk, "su contenido fue alterado")
            anterior = evento.hash
            ultimo_id = evento.pk
        cabeza = CadenaAuditoria.objects.filter(pk=1).first()
        cabeza_id = cabeza.ultimo_id if cabeza is not None else 0
        cabeza_hash = cabeza.ultimo_hash if cabeza is not None else HASH_INICIAL
        if cabeza_id == ultimo_id and cabeza_hash == anterior:
            return ResultadoVerificacion(True, total)
        if cabeza_id < ultimo_id or not Evento.objects.filter(id__gt=ultimo_id).exists():
            break
    if cabeza_id > ultimo_id:
        return ResultadoVerificacion(
            False, total, cabeza_id, "falta el último evento registrado (fue eliminado)"
        )
    return ResultadoVerificacion(
        False,
        total,
        ultimo_id,
        "la cabeza de la cadena no coincide con el último evento (fila añadida o cabeza alterada)",
    )
