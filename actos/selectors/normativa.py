"""Búsqueda de la normativa publicada, para las páginas públicas y la API abierta.

Filtros por tipo, número, año y tema sobre los actos publicados, y texto completo con el índice de
búsqueda del proyecto (`core.busqueda`: FTS5 en SQLite, `spanish` + GIN en PostgreSQL; ignora tildes,
usa raíces españolas y ordena por relevancia). Solo los actos publicados están en el índice (se indexan
al publicar, tipo «acto»), así la búsqueda pública no puede asomar un proyecto.
"""

from __future__ import annotations

from django.db.models import Case, IntegerField, QuerySet, Value, When

from actos.models import Acto
from actos.permissions import actos_publicos
from core.busqueda.motores import motor_actual
from core.models import EntradaBusqueda

MAXIMO_CONSULTA = 200


def ids_por_texto(consulta: str) -> list[int]:
    """Ids de los actos publicados cuyo texto coincide con `consulta`, del más al menos relevante."""
    consulta = (consulta or "").strip()[:MAXIMO_CONSULTA]
    if not consulta:
        return []
    visibles = EntradaBusqueda.objects.filter(tipo="acto").values("id")
    filtro_sql, filtro_params = visibles.query.sql_with_params()
    candidatos = motor_actual().candidatos(consulta, filtro_sql, filtro_params)
    entradas = dict(
        EntradaBusqueda.objects.filter(pk__in=[pk for pk, _p in candidatos]).values_list("pk", "objeto_id")
    )
    return [int(entradas[pk]) for pk, _p in candidatos if pk in entradas]


def buscar_publicos(
    *, texto: str = "", tipo: str = "", numero=None, anio=None, tema: str = ""
) -> QuerySet[Acto]:
    """Los actos publicados que cumplen los filtros; con texto, por relevancia; si no, los más recientes."""
    actos = actos_publicos()
    if tipo:
        actos = actos.filter(tipo=tipo)
    if numero:
        actos = actos.filter(numero=numero)
    if anio:
        actos = actos.filter(anio=anio)
    if tema:
        actos = actos.filter(temas__icontains=tema.strip()[:100])
    if (texto or "").strip():
        ids = ids_por_texto(texto)
        if not ids:
            return actos.none()
        orden = Case(*[When(pk=pk, then=Value(i)) for i, pk in enumerate(ids)], output_field=IntegerField())
        return actos.filter(pk__in=ids).annotate(relevancia=orden).order_by("relevancia")
    return actos.order_by("-publicado_en", "-anio", "-numero", "-pk")
