"""Acceso a los actos: quién ve qué. Lo ajeno o inexistente da 404 (los ids no revelan nada).

- Lo publicado es público: lo ve cualquiera, con o sin sesión (`actos_publicos`).
- Quien revisa (`actos.revisar_acto`: Secretaría General) ve todos los actos, en cualquier estado.
- Quien redacta ve los proyectos que creó y los de su unidad proponente.
- Una unidad ve además los actos firmados que le encargan tareas de seguimiento.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from actos.integracion import REDACTAR_ACTO, REVISAR_ACTO
from actos.models import Acto, Tarea


def actos_publicos() -> QuerySet[Acto]:
    """Los actos publicados: lo único que ven las páginas públicas, la API abierta y el feed."""
    return Acto.objects.filter(estado=Acto.Estado.PUBLICADO)


def actos_visibles(usuario) -> QuerySet[Acto]:
    """Los actos que `usuario` puede ver (sin ordenar ni cargar relaciones)."""
    if usuario is None or not usuario.is_authenticated:
        return actos_publicos()
    if usuario.has_perm(REVISAR_ACTO):
        return Acto.objects.all()
    condicion = Q(estado=Acto.Estado.PUBLICADO) | Q(creado_por=usuario)
    if usuario.unidad_id:
        condicion |= Q(unidad_proponente=usuario.unidad_id)
        tareas = Tarea.objects.filter(acto=OuterRef("pk"), unidad=usuario.unidad_id)
        condicion |= Exists(tareas)
    return Acto.objects.filter(condicion)


def puede_redactar(usuario, acto: Acto | None = None) -> bool:
    """Redacta quien tiene `actos.redactar_acto`; un acto ya creado, además, si es suyo o de su unidad,
    o si revisa (la Secretaría General corrige el texto antes de la firma)."""
    if usuario is None or not usuario.is_authenticated:
        return False
    if acto is None:
        return usuario.has_perm(REDACTAR_ACTO)
    if usuario.has_perm(REVISAR_ACTO):
        return True
    if not usuario.has_perm(REDACTAR_ACTO):
        return False
    return acto.creado_por_id == usuario.pk or (
        bool(usuario.unidad_id) and acto.unidad_proponente_id == usuario.unidad_id
    )


def puede_revisar(usuario) -> bool:
    return bool(usuario is not None and usuario.is_authenticated and usuario.has_perm(REVISAR_ACTO))


def obtener_acto(usuario, pk) -> Acto:
    """El acto `pk` si `usuario` puede verlo; Http404 si no existe o es ajeno."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    acto = (
        actos_visibles(usuario)
        .select_related("unidad_proponente", "decision", "refrendado_por", "por_encargo_de", "archivo")
        .filter(pk=pk)
        .first()
    )
    if acto is None:
        raise Http404
    return acto


def obtener_acto_publico(pk) -> Acto:
    """El acto publicado `pk`; Http404 si no existe o no está publicado."""
    return obtener_acto(None, pk)
