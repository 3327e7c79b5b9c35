"""Permisos y acceso del concejo.

- Quien tiene `concejo.ver_concejo` (Secretaría, miembros del concejo) ve todas las sesiones.
- El público (y cualquier otro usuario) ve solo las sesiones publicadas que ya fueron convocadas.
- Lo que no se ve responde 404: los ids no revelan nada. Quien ve pero no puede hacer, 403.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404

from concejo.models import Acta, Citacion, Miembro, PuntoAgenda, Sesion, Votacion
from core import versiones

GESTIONAR_CONCEJO = "concejo.gestionar_concejo"
PREPARAR_SESION = "concejo.preparar_sesion"
CONDUCIR_SESION = "concejo.conducir_sesion"
GESTIONAR_ACTAS = "concejo.gestionar_actas"
VER_CONCEJO = "concejo.ver_concejo"

ESTADOS_PUBLICOS = [
    Sesion.Estado.CONVOCADA,
    Sesion.Estado.INSTALADA,
    Sesion.Estado.SUSPENDIDA,
    Sesion.Estado.LEVANTADA,
    Sesion.Estado.SIN_QUORUM,
    Sesion.Estado.CANCELADA,
]


def sesiones_publicas() -> QuerySet[Sesion]:
    """Las sesiones que cualquiera puede ver en el portal."""
    return Sesion.objects.filter(publica=True, estado__in=ESTADOS_PUBLICOS)


def sesiones_visibles(usuario) -> QuerySet[Sesion]:
    """Las sesiones que `usuario` (o un visitante anónimo) puede ver."""
    if usuario is not None and usuario.is_authenticated and usuario.has_perm(VER_CONCEJO):
        return Sesion.objects.all()
    return sesiones_publicas()


def obtener_sesion(usuario, pk) -> Sesion:
    """La sesión `pk` si `usuario` puede verla; Http404 si no existe o no le corresponde."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    sesion = sesiones_visibles(usuario).select_related("organo", "organo__periodo").filter(pk=pk).first()
    if sesion is None:
        raise Http404
    return sesion


def actas_publicas() -> QuerySet[Acta]:
    """Actas que el público puede leer: las publicadas de sesiones públicas."""
    return Acta.objects.filter(estado=Acta.Estado.PUBLICADA, sesion__publica=True)


def archivo_visible(usuario, archivo) -> bool:
    """Regla de acceso a archivos del núcleo (`core.permissions.registrar_acceso_archivo`): los documentos
    del expediente de un punto y los PDF de las citaciones los ve quien ve las sesiones."""
    if not usuario.has_perm(VER_CONCEJO):
        return False
    return (
        PuntoAgenda.objects.filter(anexos=archivo).exists()
        or Citacion.objects.filter(archivo=archivo).exists()
    )


# --- La sesión en vivo ------------------------------------------------------------------------------


def obtener_sesion_en_vivo(usuario, pk) -> Sesion:
    """La sesión `pk` para conducirla: 404 si no la ve, 403 si la ve pero no conduce sesiones."""
    sesion = obtener_sesion(usuario, pk)
    if not usuario.has_perm(CONDUCIR_SESION):
        raise PermissionDenied("Solo la Secretaría conduce la sesión en vivo.")
    return sesion


def obtener_punto(usuario, pk) -> PuntoAgenda:
    """El punto `pk` de una sesión que `usuario` conduce (404 si no la ve, 403 si no conduce)."""
    punto = (
        PuntoAgenda.objects.filter(pk=pk, sesion__in=sesiones_visibles(usuario))
        .select_related("sesion")
        .first()
    )
    if punto is None:
        raise Http404
    obtener_sesion_en_vivo(usuario, punto.sesion_id)
    return punto


def obtener_votacion(usuario, pk) -> Votacion:
    """La votación `pk` de una sesión que `usuario` conduce (404 si no la ve, 403 si no conduce)."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    # Una consulta: la votación con su sesión, órgano y periodo (los que el voto y el resultado releen) y la
    # versión del cuerpo (`core.versiones`, grupo «cuerpo»), con la que el voto toma la situación guardada.
    votacion = (
        Votacion.objects.filter(pk=pk, sesion__in=sesiones_visibles(usuario))
        .select_related("sesion__organo__periodo", "punto")
        .annotate(version_del_cuerpo=versiones.subconsulta("cuerpo"))
        .first()
    )
    if votacion is None:
        raise Http404
    if not usuario.has_perm(CONDUCIR_SESION):
        raise PermissionDenied("Solo la Secretaría conduce la sesión en vivo.")
    return votacion


def miembro_de(sesion: Sesion, valor) -> Miembro:
    """El miembro `valor` (id, tal como llega en la solicitud) del periodo de la sesión; ValidationError si
    no es un id o es de otro periodo (para la pantalla y la API, un error del campo «miembro»)."""
    try:
        miembro = (
            Miembro.objects.select_related("persona")
            .filter(periodo=sesion.organo.periodo_id, pk=int(valor))
            .first()
        )
    except (TypeError, ValueError):
        miembro = None
    if miembro is None:
        raise ValidationError({"miembro": ["Elija un miembro del concejo."]})
    return miembro


# --- El acta ----------------------------------------------------------------------------------------


def obtener_sesion_del_acta(usuario, pk) -> Sesion:
    """La sesión para las páginas internas del acta y su API: quien no ve el concejo recibe 404 (un
    borrador no se asoma al público); quien lo ve pero no gestiona actas, solo lee."""
    if not usuario.has_perm(VER_CONCEJO):
        raise Http404
    return obtener_sesion(usuario, pk)


SIN_PERMISO_AGENDA = "No tiene permiso para preparar la agenda de las sesiones."


def obtener_sesion_de_agenda(usuario, pk, *, preparar: bool = False) -> Sesion:
    """La sesión para leer o cambiar su agenda por dentro (páginas y API): 404 si no la ve o no tiene
    `ver_concejo`, 403 si `preparar` y solo puede ver."""
    if not usuario.has_perm(VER_CONCEJO):
        raise Http404
    sesion = obtener_sesion(usuario, pk)
    if preparar and not usuario.has_perm(PREPARAR_SESION):
        raise PermissionDenied(SIN_PERMISO_AGENDA)
    return sesion


def obtener_punto_de_agenda(usuario, pk, *, preparar: bool = False) -> PuntoAgenda:
    """El punto `pk` de una sesión que `usuario` ve por dentro (404 si no), 403 si `preparar` y solo ve."""
    if not usuario.has_perm(VER_CONCEJO):
        raise Http404
    punto = (
        PuntoAgenda.objects.filter(pk=pk, sesion__in=sesiones_visibles(usuario))
        .select_related("sesion__organo__periodo", "documento")
        .first()
    )
    if punto is None:
        raise Http404
    if preparar and not usuario.has_perm(PREPARAR_SESION):
        raise PermissionDenied(SIN_PERMISO_AGENDA)
    return punto


def exigir_gestion_de_actas(usuario) -> None:
    """403 si `usuario` no redacta, firma ni publica actas."""
    if not usuario.has_perm(GESTIONAR_ACTAS):
        raise PermissionDenied("Solo la Secretaría General redacta, firma y publica las actas.")


def obtener_acta(sesion: Sesion) -> Acta:
    """El acta de `sesion` (ya obtenida con su acceso), o 404 si aún no se generó."""
    acta = Acta.objects.filter(sesion=sesion).first()
    if acta is None:
        raise Http404
    return acta
