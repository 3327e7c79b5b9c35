"""Lecturas de la numeración: series con sus contadores y los números de una serie."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from core.models import Contador, Municipio, NumeroRegistro, Serie
from core.services.numeracion import formatear


def series_con_contadores() -> QuerySet[Serie]:
    """Todas las series con su unidad y sus contadores por año (del más reciente), en tres consultas."""
    return Serie.objects.select_related("unidad").prefetch_related(
        Prefetch("contadores", queryset=Contador.objects.order_by("-anio"))
    )


def numeros_de(serie: Serie, anio: int) -> QuerySet[NumeroRegistro]:
    """Los números de la serie en ese año, en orden, con quién los asignó."""
    return (
        NumeroRegistro.objects.filter(serie=serie, anio=anio)
        .select_related("asignado_por")
        .order_by("numero")
    )


def numero_previsto(serie: Serie, anio: int, *, municipio: Municipio | None = None) -> str:
    """El texto del número que tomaría hoy el próximo documento de la serie y año, sin tomarlo ni
    bloquear nada (para confirmar antes de numerar). Es una previsión: si otro numera antes, el número
    real será el siguiente. `serie` puede no estar guardada todavía (se crea al numerar el primero).
    """
    ultimo = 0
    if serie.pk is not None:
        contador = Contador.objects.filter(serie=serie, anio=anio).only("ultimo").first()
        ultimo = contador.ultimo if contador is not None else 0
    return formatear(serie, ultimo + 1, anio, municipio=municipio)
