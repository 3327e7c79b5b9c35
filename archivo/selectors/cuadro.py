"""Lecturas del cuadro de clasificación: el árbol con la retención vigente de cada serie."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from archivo.models import NodoCuadro, Retencion


def retencion_vigente(nodo: NodoCuadro, fecha: date | None = None) -> Retencion | None:
    """La versión de retención que rige `nodo` en `fecha` (hoy si no se da): la propia de la subserie o, si
    no tiene, la de su serie."""
    fecha = fecha or timezone.localdate()
    for candidato in (nodo, nodo.padre if nodo.nivel == NodoCuadro.Nivel.SUBSERIE else None):
        if candidato is None:
            continue
        version = (
            Retencion.objects.filter(nodo=candidato, vigente_desde__lte=fecha)
            .order_by("-vigente_desde")
            .first()
        )
        if version is not None:
            return version
    return None


def vigentes_por_nodo(fecha: date | None = None) -> dict[int, Retencion]:
    """La versión vigente de cada nodo con retención, en una consulta."""
    fecha = fecha or timezone.localdate()
    vigentes: dict[int, Retencion] = {}
    for r in Retencion.objects.filter(vigente_desde__lte=fecha).order_by("nodo_id", "-vigente_desde"):
        vigentes.setdefault(r.nodo_id, r)
    return vigentes


def arbol(fecha: date | None = None) -> list[dict]:
    """El cuadro como lista plana en orden de árbol (cada fila: nodo, profundidad y retención vigente), para
    la página y la exportación; dos consultas."""
    nodos = list(NodoCuadro.objects.select_related("unidad", "padre").order_by("codigo"))
    vigentes = vigentes_por_nodo(fecha)
    hijos: dict[int | None, list[NodoCuadro]] = {}
    for n in nodos:
        hijos.setdefault(n.padre_id, []).append(n)
    filas: list[dict] = []

    def recorrer(padre_id: int | None, profundidad: int) -> None:
        for n in hijos.get(padre_id, []):
            filas.append({"nodo": n, "profundidad": profundidad, "retencion": vigentes.get(n.pk)})
            recorrer(n.pk, profundidad + 1)

    recorrer(None, 0)
    return filas
