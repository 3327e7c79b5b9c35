"""Lecturas de expedientes para las páginas y la API (siempre a través de lo que el usuario puede ver)."""

from __future__ import annotations

from django.db.models import Count, Max, Q, QuerySet
from django.http import Http404

from actos.models import Acto
from actos.permissions import actos_visibles, obtener_acto
from archivo.models import Expediente
from archivo.permissions import expedientes_visibles
from registro.models import Documento
from registro.permissions import documentos_visibles, obtener_documento


def lista_de_expedientes(usuario) -> QuerySet[Expediente]:
    """Los expedientes que `usuario` ve, con su serie, su unidad, cuántos documentos y folios tienen."""
    return (
        expedientes_visibles(usuario)
        .select_related("nodo", "unidad")
        .annotate(n_piezas=Count("piezas"), folios=Max("piezas__folio_final"))
        .order_by("-anio", "nodo__codigo", "-correlativo")
    )


def _referencia(texto: str) -> Q:
    """Un documento o acto por su número completo o su id (lo que se teclea al archivar)."""
    texto = (texto or "").strip()
    condicion = Q(numero_texto__iexact=texto)
    if texto.isdigit():
        condicion |= Q(pk=int(texto))
    return condicion


def documento_por_referencia(usuario, texto: str) -> Documento:
    """El documento del registro que `usuario` puede ver con ese número de registro, código de seguimiento o
    id; Http404 si no hay ninguno o es ajeno (los números no revelan nada)."""
    condicion = _referencia(texto) | Q(codigo_seguimiento__iexact=(texto or "").strip())
    encontrado = (
        documentos_visibles(usuario).filter(condicion).order_by("pk").values_list("pk", flat=True).first()
    )
    if encontrado is None:
        raise Http404
    return obtener_documento(usuario, encontrado)


def acto_por_referencia(usuario, texto: str) -> Acto:
    """El acto que `usuario` puede ver con ese número completo o id; Http404 si no."""
    encontrado = (
        actos_visibles(usuario).filter(_referencia(texto)).order_by("pk").values_list("pk", flat=True).first()
    )
    if encontrado is None:
        raise Http404
    return obtener_acto(usuario, encontrado)
