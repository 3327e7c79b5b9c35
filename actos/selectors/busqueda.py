"""Los actos en la búsqueda global (`core.busqueda.proveedores`): cualquier estado, solo los que el
usuario ve (`actos.permissions.actos_visibles`), por el índice de texto completo de los actos
(actos/migrations/0009_busqueda.py: número, título, temas y texto de las partes)."""

from __future__ import annotations

from django.db.models import F
from django.db.models.functions import Coalesce
from django.urls import reverse

from actos.models import Acto, Parte
from actos.permissions import actos_visibles
from core.busqueda.indices import filtrar_y_ordenar
from core.busqueda.proveedores import Consulta, Hallazgo


def hallazgos(usuario, consulta: Consulta) -> list[Hallazgo]:
    """Los actos visibles que coinciden, del más al menos relevante (título y número pesan más), en una
    consulta con LIMIT. La unidad es la proponente; la fecha, la de firma (o la de creación del proyecto)."""
    qs = actos_visibles(usuario)
    if consulta.unidad is not None:
        qs = qs.filter(unidad_proponente=consulta.unidad)
    if consulta.desde is not None or consulta.hasta is not None:
        qs = qs.annotate(fecha_busqueda=Coalesce(F("firmado_en"), F("creado")))
        if consulta.desde is not None:
            qs = qs.filter(fecha_busqueda__gte=consulta.desde)
        if consulta.hasta is not None:
            qs = qs.filter(fecha_busqueda__lt=consulta.hasta)
    filas = filtrar_y_ordenar(qs, consulta.texto).values(
        "pk", "numero_texto", "titulo", "estado", "firmado_en", "creado", "unidad_proponente__sigla"
    )[: consulta.limite]
    estados = dict(Acto.Estado.choices)
    return [
        Hallazgo(
            tipo="acto",
            id=f["pk"],
            titulo=f"{f['numero_texto']} — {f['titulo']}" if f["numero_texto"] else f["titulo"],
            url=reverse("actos:acto", args=[f["pk"]]),
            fecha=f["firmado_en"] or f["creado"],
            unidad=f["unidad_proponente__sigla"] or "",
            detalle=str(estados.get(f["estado"], f["estado"])),
        )
        for f in filas
    ]


def textos(usuario, ids: list) -> dict:
    """Temas y texto de las partes de los actos `ids` que `usuario` ve, en orden: el fragmento sale de ahí."""
    visibles = actos_visibles(usuario).filter(pk__in=ids)
    resultado: dict = {pk: [temas] for pk, temas in visibles.values_list("pk", "temas")}
    partes = Parte.objects.filter(acto__in=list(resultado)).order_by("acto_id", "orden", "pk")
    for acto_id, epigrafe, texto in partes.values_list("acto_id", "epigrafe", "texto"):
        resultado[acto_id].extend([epigrafe, texto])
    return {pk: " ".join(p for p in trozos if p) for pk, trozos in resultado.items()}
