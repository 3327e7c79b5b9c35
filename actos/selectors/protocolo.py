"""Lo que entra al protocolo anual de un tipo de acto y un año: los actos numerados y los números anulados."""

from __future__ import annotations

from django.db.models import QuerySet

from actos.models import Acto
from core.models import NumeroRegistro

ESTADOS_EN_PROTOCOLO = (Acto.Estado.FIRMADO, Acto.Estado.PUBLICADO)


def actos_del_anio(tipo: str, anio: int) -> QuerySet[Acto]:
    """Los actos firmados o publicados de `tipo` y `anio` que llevan número."""
    return Acto.objects.filter(tipo=tipo, anio=anio, numero__isnull=False, estado__in=ESTADOS_EN_PROTOCOLO)


def numeros_anulados(serie, anio: int) -> QuerySet[NumeroRegistro]:
    """Los números anulados del registro `serie` en `anio` (entran al índice del protocolo como anulados)."""
    return NumeroRegistro.objects.filter(serie=serie, anio=anio, anulado=True)
