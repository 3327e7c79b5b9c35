"""Lecturas de la pista de auditoría: filtros para la página de consulta e historia de un objeto."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q, QuerySet
from django.utils import timezone

from core.models import Evento
from core.models.auditoria import EventoQuerySet


def _eventos() -> EventoQuerySet:
    return Evento.objects.select_related("actor", "por_encargo_de", "objeto_tipo").order_by("-id")


def _inicio_del_dia(dia: date) -> datetime:
    return timezone.make_aware(datetime.combine(dia, time.min))


def eventos_filtrados(
    *,
    actor=None,
    accion: str | None = None,
    desde: date | None = None,
    hasta: date | None = None,
    objeto_tipo: ContentType | str | None = None,
    texto: str | None = None,
) -> QuerySet[Evento]:
    """Eventos del más reciente al más antiguo, filtrados por actor, acción (o su comienzo, p. ej.
    `core.numero`), días locales `desde`/`hasta` (ambos incluidos), tipo de objeto (ContentType o
    "app.modelo") y texto libre en el objeto, la acción o el nombre del actor.
    """
    eventos = _eventos()
    if actor is not None:
        eventos = eventos.filter(Q(actor=actor) | Q(por_encargo_de=actor))
    if accion:
        eventos = eventos.filter(accion__startswith=accion.strip())
    if desde:
        eventos = eventos.filter(momento__gte=_inicio_del_dia(desde))
    if hasta:
        eventos = eventos.filter(momento__lt=_inicio_del_dia(hasta + timedelta(days=1)))
    if objeto_tipo:
        if isinstance(objeto_tipo, str):
            app_label, _, modelo = objeto_tipo.partition(".")
            eventos = eventos.filter(objeto_tipo__app_label=app_label, objeto_tipo__model=modelo.lower())
        else:
            eventos = eventos.filter(objeto_tipo=objeto_tipo)
    if texto:
        texto = texto.strip()
        eventos = eventos.filter(
            Q(objeto_repr__icontains=texto) | Q(accion__icontains=texto) | Q(actor_nombre__icontains=texto)
        )
    return eventos


def historial_de(obj: models.Model) -> QuerySet[Evento]:
    """Los eventos de un objeto, del más reciente al más antiguo, para la sección «Historial» de su página."""
    return _eventos().de_objeto(obj)


def _legible(valor) -> str:
    if valor is None:
        return "—"
    if isinstance(valor, bool):
        return "sí" if valor else "no"
    if isinstance(valor, dict | list):
        return json.dumps(valor, ensure_ascii=False, indent=2, sort_keys=True)
    return str(valor)


def _como_dict(valor) -> dict:
    if isinstance(valor, dict):
        return valor
    return {"valor": valor} if valor is not None else {}


def diferencias(evento: Evento) -> list[dict]:
    """Filas campo / antes / después / cambió, con los campos de ambos lados, para la tabla del evento."""
    antes, despues = _como_dict(evento.antes), _como_dict(evento.despues)
    filas = []
    for campo in sorted(set(antes) | set(despues)):
        a, d = antes.get(campo), despues.get(campo)
        filas.append(
            {
                "campo": campo,
                "antes": _legible(a) if campo in antes else "",
                "despues": _legible(d) if campo in despues else "",
                "cambio": campo not in antes or campo not in despues or a != d,
            }
        )
    return filas
