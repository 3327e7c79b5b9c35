"""Acceso a solicitudes y certificados: quien no tiene que verlos recibe 404 (los ids no revelan nada).

Ven las solicitudes y el registro quienes tienen `certificaciones.ver_certificaciones` (Secretaría
General, Pro-secretario, mesa de partes) y los fedatarios con designación vigente, estos solo las de
los tipos que su designación alcanza.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from certificaciones.models import Certificado, Fedatario, Solicitud

VER = "certificaciones.ver_certificaciones"
GESTIONAR = "certificaciones.gestionar_solicitudes"
CONFIGURAR = "certificaciones.configurar_certificaciones"
CERTIFICAR_TITULAR = "certificaciones.certificar_titular"
CERTIFICAR_POR_ENCARGO = "certificaciones.certificar_por_encargo"
ES_FEDATARIO = "certificaciones.es_fedatario"


def designaciones_vigentes(usuario, fecha=None) -> QuerySet[Fedatario]:
    """Las designaciones de fedatario de `usuario` en vigor en `fecha` (hoy si no se da)."""
    fecha = fecha or timezone.localdate()
    return Fedatario.objects.filter(usuario=usuario, cesado=False, desde__lte=fecha, hasta__gte=fecha)


def tipos_de_fedatario(usuario) -> set[str]:
    tipos: set[str] = set()
    for alcance in designaciones_vigentes(usuario).values_list("alcance", flat=True):
        tipos.update(alcance)
    return tipos


def solicitudes_visibles(usuario) -> QuerySet[Solicitud]:
    """Las solicitudes que `usuario` puede ver (sin ordenar ni cargar relaciones)."""
    if not usuario.is_authenticated:
        return Solicitud.objects.none()
    if usuario.has_perm(VER):
        return Solicitud.objects.all()
    tipos = tipos_de_fedatario(usuario)
    return Solicitud.objects.filter(tipo__in=tipos) if tipos else Solicitud.objects.none()


def en_menu(usuario) -> bool:
    """Si el menú muestra solicitudes y registro: sin consultas (los permisos ya están en caché). El
    permiso `es_fedatario` lo da la designación; su vigencia la miran las funciones de acceso."""
    return usuario.has_perm(VER) or usuario.has_perm(ES_FEDATARIO)


def puede_ver_registro(usuario) -> bool:
    return usuario.is_authenticated and (usuario.has_perm(VER) or designaciones_vigentes(usuario).exists())


def _pk(pk) -> int:
    try:
        return int(pk)
    except (TypeError, ValueError):
        raise Http404 from None


def obtener_solicitud(usuario, pk) -> Solicitud:
    """La solicitud `pk` si `usuario` puede verla; Http404 si no existe o no es para él."""
    solicitud = (
        solicitudes_visibles(usuario)
        .select_related("solicitante", "documento", "tarifa", "creado_por")
        .filter(pk=_pk(pk))
        .first()
    )
    if solicitud is None:
        raise Http404
    return solicitud


def certificados_visibles(usuario) -> QuerySet[Certificado]:
    """Los certificados que `usuario` ve en el registro: los de las solicitudes que puede ver."""
    if not usuario.is_authenticated:
        return Certificado.objects.none()
    if usuario.has_perm(VER):
        return Certificado.objects.all()
    return Certificado.objects.filter(solicitud__in=solicitudes_visibles(usuario))


def obtener_certificado(usuario, pk=None, *, codigo: str | None = None) -> Certificado:
    """El certificado `pk` (o de `codigo`) si `usuario` puede verlo; Http404 si no existe o es ajeno."""
    filtro = {"codigo": codigo} if codigo is not None else {"pk": _pk(pk)}
    certificado = (
        certificados_visibles(usuario)
        .select_related("solicitud__solicitante", "pdf", "funcionario", "revocado_por")
        .filter(**filtro)
        .first()
    )
    if certificado is None:
        raise Http404
    return certificado


def archivo_de_certificacion_visible(usuario, archivo) -> bool:
    """Regla de acceso a archivos del núcleo (`core.permissions.registrar_acceso_archivo`): quien ve un
    certificado ve su PDF, y quien ve una solicitud ve el original que se subió para ella."""
    if certificados_visibles(usuario).filter(pdf=archivo.pk).exists():
        return True
    return solicitudes_visibles(usuario).filter(fuente_clave="archivo", fuente_id=str(archivo.pk)).exists()


def obtener_fedatario(usuario, pk) -> Fedatario:
    """La designación `pk` para quien configura certificaciones (la vista exige el permiso)."""
    fedatario = Fedatario.objects.select_related("usuario").filter(pk=_pk(pk)).first()
    if fedatario is None:
        raise Http404
    return fedatario
