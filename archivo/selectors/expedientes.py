"""Lecturas de expedientes para las páginas y la API (siempre a través de lo que el usuario puede ver)."""

from __future__ import annotations

from django.db.models import Count, Max, QuerySet

from archivo.models import Expediente
from archivo.permissions import expedientes_visibles


def lista_de_expedientes(usuario) -> QuerySet[Expediente]:
    """Los expedientes que `usuario` ve, con su serie, su unidad, cuántos documentos y folios tienen."""
    return (
        expedientes_visibles(usuario)
        .select_related("nodo", "unidad")
        .annotate(n_piezas=Count("piezas"), folios=Max("piezas__folio_final"))
        .order_by("-anio", "nodo__codigo", "-correlativo")
    )
