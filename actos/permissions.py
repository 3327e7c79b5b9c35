"""Los permisos del área actos y el acceso: quién ve qué. Lo ajeno o inexistente da 404 (los ids no
revelan nada).

- Lo publicado es público: lo ve cualquiera, con o sin sesión (`actos_publicos`).
- Quien revisa (`actos.revisar_acto`: Secretaría General) ve todos los actos, en cualquier estado.
- Quien redacta ve los proyectos que creó y los de su unidad proponente.
- Una unidad ve además los actos firmados que le encargan tareas de seguimiento, y sus tareas.
- El protocolo anual es de la Secretaría: quien revisa actos o genera protocolos (o lo subroga).
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from actos.models import Acto, Protocolo, Tarea
from core.services.auditoria import encargo_vigente

# Permisos del área («app_label.codename»); los roles que los tienen se inscriben en `apps.py`.
REDACTAR_ACTO = "actos.redactar_acto"
REVISAR_ACTO = "actos.revisar_acto"
GESTIONAR_SEGUIMIENTO = "actos.gestionar_seguimiento"
GENERAR_PROTOCOLO = "actos.generar_protocolo"


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


def pdf_de_acto_visible(usuario, archivo) -> bool:
    """Regla de acceso a archivos (`core.permissions`): quien ve el acto ve su PDF firmado."""
    return actos_visibles(usuario).filter(archivo=archivo).exists()


# --- Seguimiento -----------------------------------------------------------------------------------


def gestiona(usuario) -> bool:
    """La Secretaría: crea y cancela tareas y ve las de todas las unidades."""
    return bool(usuario and usuario.is_authenticated and usuario.has_perm(GESTIONAR_SEGUIMIENTO))


def ve_tablero(usuario) -> bool:
    """Entrada del menú «Seguimiento de actos»: las unidades (sus tareas) y la Secretaría."""
    return bool(usuario.unidad_id) or usuario.has_perm(GESTIONAR_SEGUIMIENTO)


def tareas_visibles(usuario) -> QuerySet[Tarea]:
    """Las tareas que `usuario` ve: todas para la Secretaría; las de su unidad para el personal de una
    unidad; ninguna para los demás (ciudadanos, regidores sin unidad)."""
    base = Tarea.objects.select_related("acto", "unidad", "parte")
    if gestiona(usuario):
        return base
    if usuario and usuario.is_authenticated and usuario.unidad_id:
        return base.filter(unidad_id=usuario.unidad_id)
    return base.none()


def obtener_tarea(usuario, pk) -> Tarea:
    """La tarea `pk` si `usuario` la ve (y por tanto puede informar su avance); Http404 si no existe o es
    de otra unidad, para que el id no revele nada."""
    tarea = tareas_visibles(usuario).filter(pk=pk).first()
    if tarea is None:
        raise Http404
    return tarea


def obtener_acto_con_tareas(usuario, pk) -> Acto:
    """El acto `pk` para asignarle tareas: Http404 si no existe o no es firmado ni publicado (la vista
    exige antes `actos.gestionar_seguimiento`)."""
    acto = Acto.objects.filter(pk=pk, estado__in=[Acto.Estado.FIRMADO, Acto.Estado.PUBLICADO]).first()
    if acto is None or not gestiona(usuario):
        raise Http404
    return acto


def evidencia_visible(usuario, archivo) -> bool:
    """Regla de acceso a archivos: quien ve la tarea ve la evidencia de sus avances."""
    return tareas_visibles(usuario).filter(avances__evidencia=archivo).exists()


# --- Protocolo anual -------------------------------------------------------------------------------


def puede_generar(usuario) -> bool:
    """Quien tiene `actos.generar_protocolo`, o quien actúa hoy por encargo de alguien que lo tiene
    (el pro-secretario que subroga al Secretario General firma el cierre «por encargo»).
    """
    if usuario is None or not usuario.is_authenticated:
        return False
    if usuario.has_perm(GENERAR_PROTOCOLO):
        return True
    encargo = encargo_vigente(usuario)
    return bool(encargo and encargo.titular.is_active and encargo.titular.has_perm(GENERAR_PROTOCOLO))


def ve_protocolos(usuario) -> bool:
    """Quien revisa actos o genera protocolos (también por encargo) ve los protocolos anuales."""
    return usuario.has_perm(REVISAR_ACTO) or usuario.has_perm(GENERAR_PROTOCOLO) or puede_generar(usuario)


def ve_protocolos_en_menu(usuario) -> bool:
    """Entrada del menú «Protocolo anual»."""
    # Solo permisos (ya en caché en cada página): el menú no consulta encargos. Quien subroga al Secretario
    # es el pro-secretario, que revisa actos; la página misma aplica `puede_generar` con el encargo.
    return usuario.has_perm(REVISAR_ACTO) or usuario.has_perm(GENERAR_PROTOCOLO)


def obtener_protocolo(usuario, pk) -> Protocolo:
    """El protocolo `pk` para la Secretaría (quien revisa actos o genera protocolos); Http404 para el resto."""
    if not ve_protocolos(usuario):
        raise Http404
    return get_object_or_404(Protocolo.objects.select_related("pedido_por", "archivo"), pk=pk)


def pdf_de_protocolo_visible(usuario, archivo) -> bool:
    """Regla de acceso a archivos: la Secretaría (quien revisa actos) ve el PDF de los protocolos."""
    return usuario.has_perm(REVISAR_ACTO) and Protocolo.objects.filter(archivo=archivo).exists()
