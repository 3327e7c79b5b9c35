"""La pista de auditoría: eventos encadenados por hash, escritos en la misma transacción del cambio."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone

from core.contexto import ip_actual
from core.models import CadenaAuditoria, Encargo, Evento

HASH_INICIAL = "0" * 64


def _a_json(valor: Any) -> Any:
    """Normaliza a tipos JSON puros, para que el hash sea el mismo al releer la fila."""

    def por_defecto(o):
        if isinstance(o, datetime):
            return o.isoformat()
        if isinstance(o, date):
            return o.isoformat()
        if isinstance(o, Decimal):
            return str(o)
        if isinstance(o, models.Model):
            return o.pk
        return str(o)

    if valor is None:
        return None
    return json.loads(json.dumps(valor, default=por_defecto, ensure_ascii=False))


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


@transaction.atomic
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
    sobre el mismo eslabón.
    """
    cabeza = CadenaAuditoria.objects.select_for_update().filter(pk=1).first()
    if cabeza is None:
        CadenaAuditoria.objects.get_or_create(pk=1)
        cabeza = CadenaAuditoria.objects.select_for_update().get(pk=1)
    actor = por if por is not None and getattr(por, "pk", None) else None
    encargo = encargo_vigente(actor) if actor else None
    evento = Evento(
        momento=timezone.now(),
        actor=actor,
        actor_nombre=(actor.get_full_name() or actor.username) if actor else "sistema",
        por_encargo_de=encargo.titular if encargo else None,
        accion=accion,
        objeto_tipo=ContentType.objects.get_for_model(objeto) if objeto is not None else None,
        objeto_id=str(objeto.pk) if objeto is not None else "",
        objeto_repr=str(objeto)[:300] if objeto is not None else "",
        antes=_a_json(antes),
        despues=_a_json(despues),
        ip=ip or ip_actual(),
        hash_anterior=cabeza.ultimo_hash,
    )
    evento.hash = calcular_hash(evento)
    evento.save(force_insert=True)
    cabeza.ultimo_hash = evento.hash
    cabeza.ultimo_id = evento.pk
    cabeza.save(update_fields=["ultimo_hash", "ultimo_id"])
    return evento


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
    """Recorre todos los eventos en orden y comprueba hashes y enlaces; nombra el primero roto."""
    anterior = HASH_INICIAL
    total = 0
    ultimo_id = 0
    for evento in Evento.objects.order_by("id").iterator(chunk_size=2000):
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
    if cabeza is not None and (cabeza.ultimo_hash != anterior or cabeza.ultimo_id != ultimo_id):
        return ResultadoVerificacion(
            False, total, cabeza.ultimo_id, "falta el último evento registrado (fue eliminado)"
        )
    return ResultadoVerificacion(True, total)
