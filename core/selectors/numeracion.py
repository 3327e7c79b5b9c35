"""Lecturas de la numeración: series con sus contadores y los números de una serie."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from core.models import Contador, NumeroRegistro, Serie


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
