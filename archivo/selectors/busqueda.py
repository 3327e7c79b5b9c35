"""Los expedientes del archivo en la búsqueda global (`core.busqueda.proveedores`), por el índice de texto
completo de su código y título (archivo/migrations/0004_busqueda.py).

Quién ve qué, como en las páginas: `archivo.permissions.expedientes_visibles` (los públicos a quien ve el
archivo; los reservados y confidenciales solo a su unidad, al archivo, a la Secretaría y a quien los tiene
prestados). Lo que no ve no se devuelve ni se cuenta."""

from __future__ import annotations

from datetime import datetime, time

from django.urls import reverse
from django.utils import timezone

from archivo.permissions import expedientes_visibles
from core.busqueda.indices import filtrar_y_ordenar
from core.busqueda.proveedores import Consulta, Hallazgo


def hallazgos(usuario, consulta: Consulta) -> list[Hallazgo]:
    """Los expedientes visibles que coinciden, del más al menos relevante, en una consulta con LIMIT. La
    fecha es la de apertura; la unidad, la que produce el expediente."""
    qs = expedientes_visibles(usuario)
    if consulta.unidad is not None:
        qs = qs.filter(unidad_id=consulta.unidad)
    if consulta.desde is not None:
        qs = qs.filter(abierto_en__gte=timezone.localdate(consulta.desde))
    if consulta.hasta is not None:
        qs = qs.filter(abierto_en__lt=timezone.localdate(consulta.hasta))
    expedientes = filtrar_y_ordenar(qs, consulta.texto).select_related("unidad", "nodo")[: consulta.limite]
    return [
        Hallazgo(
            tipo="expediente",
            id=e.pk,
            titulo=f"{e.codigo} — {e.titulo}",
            url=reverse("archivo:expediente", args=[e.pk]),
            fecha=timezone.make_aware(datetime.combine(e.abierto_en, time())),
            unidad=e.unidad.sigla,
            detalle=f"{e.nodo.nombre} · {e.get_estado_display()} · {e.get_acceso_display()}",
        )
        for e in expedientes
    ]


def textos(usuario, ids: list) -> dict:
    """Código y título de los expedientes `ids` que `usuario` ve: el fragmento sale de ahí."""
    filas = expedientes_visibles(usuario).filter(pk__in=ids).values_list("pk", "codigo", "titulo")
    return {pk: f"{codigo} — {titulo}" for pk, codigo, titulo in filas}
