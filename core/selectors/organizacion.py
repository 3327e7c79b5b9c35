"""Lecturas del organigrama."""

from __future__ import annotations

from core.models import UnidadOrganica


def depende_de(unidad_id: int | None, raiz_id: int | None) -> bool:
    """Si la unidad `unidad_id` es `raiz_id` o cuelga de ella en el organigrama. Lee el árbol entero en una
    sola consulta (es pequeño) y lo recorre en memoria; se detiene ante un ciclo."""
    if unidad_id is None or raiz_id is None:
        return False
    padres = dict(UnidadOrganica.objects.values_list("pk", "padre_id"))
    vistas: set[int] = set()
    actual: int | None = unidad_id
    while actual is not None and actual not in vistas:
        if actual == raiz_id:
            return True
        vistas.add(actual)
        actual = padres.get(actual)
    return False
