"""Las actas en la búsqueda global (`core.busqueda.proveedores`), por el índice de texto completo de
las actas (concejo/migrations/0009_busqueda_actas.py).

Quién ve qué, como en las páginas: quien tiene `concejo.ver_concejo` ve todas las actas, también los
borradores (página interna del acta); los demás, solo las publicadas de sesiones públicas ya realizadas
(la página pública del acta)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.urls import reverse

from concejo.models import Acta
from concejo.permissions import VER_CONCEJO, actas_publicas, sesiones_publicas
from concejo.services.actas import ESTADOS_CON_ACTA
from core.busqueda.fragmentos import texto_de_html
from core.busqueda.indices import filtrar_y_ordenar
from core.busqueda.proveedores import Consulta, Hallazgo


def _ve_por_dentro(usuario) -> bool:
    return bool(usuario is not None and usuario.is_authenticated and usuario.has_perm(VER_CONCEJO))


def actas_visibles(usuario) -> QuerySet[Acta]:
    """Las actas que `usuario` puede leer (sin ordenar)."""
    if _ve_por_dentro(usuario):
        return Acta.objects.all()
    realizadas = sesiones_publicas().filter(estado__in=ESTADOS_CON_ACTA)
    return actas_publicas().filter(sesion__in=realizadas)


def hallazgos(usuario, consulta: Consulta) -> list[Hallazgo]:
    """Las actas visibles que coinciden, de la más a la menos relevante, en una consulta con LIMIT. La
    fecha es la de la sesión; las actas no tienen unidad (con ese filtro no aparecen)."""
    qs = actas_visibles(usuario)
    if consulta.desde is not None:
        qs = qs.filter(sesion__fecha__gte=consulta.desde)
    if consulta.hasta is not None:
        qs = qs.filter(sesion__fecha__lt=consulta.hasta)
    actas = (
        filtrar_y_ordenar(qs, consulta.texto)
        .select_related("sesion__organo")
        .defer("texto")[: consulta.limite]
    )
    por_dentro = _ve_por_dentro(usuario)
    nombre_url = "concejo:acta" if por_dentro else "concejo:realizada-acta"
    return [
        Hallazgo(
            tipo="acta",
            id=acta.pk,
            titulo=f"Acta: {acta.sesion}",
            url=reverse(nombre_url, args=[acta.sesion_id]),
            fecha=acta.sesion.fecha,
            detalle=acta.get_estado_display(),
        )
        for acta in actas
    ]


def textos(usuario, ids: list) -> dict:
    """El texto (sin HTML) de las actas `ids` que `usuario` puede leer: el fragmento sale de ahí."""
    filas = actas_visibles(usuario).filter(pk__in=ids).values_list("pk", "texto")
    return {pk: texto_de_html(texto) for pk, texto in filas}
