"""La cadena de hashes de la auditoría: el contenido canónico de un evento y su encadenamiento, en memoria.

Cálculo puro (sin base de datos): lo usan el servicio de auditoría (`core.services.auditoria`), que guarda
los eventos por el ORM, y el camino rápido (`core.rapido`), que los guarda en sentencias preparadas. Los dos
encadenan igual porque los dos pasan por aquí.
"""

from __future__ import annotations

import hashlib
import json
import math
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils import timezone

from core.models import Evento

HASH_INICIAL = "0" * 64


def a_json(valor: Any) -> Any:
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
        return {_clave_json(k): a_json(v) for k, v in valor.items()}
    if isinstance(valor, list | tuple):
        return [a_json(v) for v in valor]
    if isinstance(valor, datetime | date | time):
        return valor.isoformat()
    if isinstance(valor, Decimal):
        return str(valor)
    if isinstance(valor, models.Model):
        return a_json(valor.pk)
    if isinstance(valor, set | frozenset):
        return sorted((a_json(v) for v in valor), key=str)
    return a_json(str(valor))


def _clave_json(clave: Any) -> str:
    if isinstance(clave, str):
        return clave.replace("\x00", "\ufffd")
    if isinstance(clave, datetime | date | time):
        return clave.isoformat()
    if isinstance(clave, bool) or clave is None:
        return json.dumps(clave)  # como lo haría json.dumps: "true", "null"
    return str(a_json(clave))


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
