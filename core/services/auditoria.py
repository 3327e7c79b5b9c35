"""La pista de auditoría: eventos encadenados por hash, escritos en la misma transacción del cambio."""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from core import rapido
from core.cadena import HASH_INICIAL, a_json, calcular_hash, encadenar_en_memoria
from core.contexto import ip_actual
from core.models import CadenaAuditoria, Encargo, Evento

# Lo que las demás áreas y las pruebas importan de aquí: la cadena se calcula en `core.cadena`.
__all__ = [
    "ENCARGO_SIN_CONSULTAR",
    "HASH_INICIAL",
    "ResultadoVerificacion",
    "actualizar_con_auditoria",
    "bloquear_cadena",
    "calcular_hash",
    "encadenar",
    "encargo_vigente",
    "instantanea",
    "preparar_evento",
    "registrar_evento",
    "titular_por_encargo",
    "verificar_cadena",
]


def _ip_normalizada(ip: str | None) -> str | None:
    """La IP tal como la guarda la base de datos (IPv6 comprimida en minúsculas), o None."""
    if not ip:
        return None
    try:
        ipaddress.ip_address(ip)
    except ValueError:
        return None  # una cabecera rara no debe impedir el cambio que se audita
    return Evento._meta.get_field("ip").get_prep_value(ip)


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
        antes=a_json(antes),
        despues=a_json(despues),
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
        if rapido.disponible() and rapido.encadenar(eventos):
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
    return a_json(datos)


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
