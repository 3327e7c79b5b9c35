"""Acceso a las sesiones del concejo.

- Quien tiene `concejo.ver_concejo` (Secretaría, miembros del concejo) ve todas las sesiones.
- El público (y cualquier otro usuario) ve solo las sesiones publicadas que ya fueron convocadas.
- Lo que no se ve responde 404: los ids no revelan nada.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from concejo.integracion import VER_CONCEJO
from concejo.models import Acta, Sesion

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
