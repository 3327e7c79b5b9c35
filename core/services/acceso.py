"""Bloqueo de ingresos tras intentos fallidos (django-axes): la auditoría del bloqueo y el desbloqueo.

django-axes cuenta los intentos fallidos por usuario y por dirección (settings `AXES_*`, leídos de
`LOGIN_INTENTOS_MAXIMOS` y `LOGIN_BLOQUEO_MINUTOS`) y rechaza el ingreso mientras dura el bloqueo. Aquí
queda lo que es nuestro: cada bloqueo es un evento de la cadena de auditoría, y desbloquear (desde la
consola, `secretaria desbloquear`) también.
"""

from __future__ import annotations

from axes.utils import reset
from django.core.cache import cache
from django.db import transaction

from core.models import Usuario
from core.services.auditoria import registrar_evento

ACCION_BLOQUEO = "core.acceso.bloquear"
ACCION_DESBLOQUEO = "core.acceso.desbloquear"


@transaction.atomic
def registrar_bloqueo(*, usuario: str, ip: str | None, duracion_segundos: int) -> bool:
    """Deja en la auditoría que el ingreso de `usuario` (el nombre escrito, exista o no) desde `ip` quedó
    bloqueado. django-axes avisa en cada intento mientras dura el bloqueo; se audita solo el primero de
    cada usuario y dirección en ese lapso (una marca en la caché), para que quien insiste no llene la
    cadena. Devuelve si escribió el evento.
    """
    marca = f"acceso-bloqueo:{usuario}:{ip}"
    if not cache.add(marca, 1, timeout=max(60, duracion_segundos)):
        return False
    registrar_evento(
        por=None,
        accion=ACCION_BLOQUEO,
        objeto=Usuario.objects.filter(username=usuario).first() if usuario else None,
        despues={"usuario": usuario, "ip": ip, "minutos": duracion_segundos // 60},
        ip=ip,
    )
    return True


@transaction.atomic
def desbloquear(*, usuario: str | None = None, ip: str | None = None, por: Usuario | None) -> int:
    """Borra los intentos fallidos (y con ellos el bloqueo) de `usuario` y/o de la dirección `ip`; deja el
    evento en la auditoría aunque no hubiera nada que borrar (se pidió desbloquear). Devuelve cuántos
    registros de intentos borró. Sin usuario ni dirección, ValueError: desbloquear a todos no es esto.
    """
    if not usuario and not ip:
        raise ValueError("Indique el usuario o la dirección que desbloquea.")
    borrados = reset(username=usuario, ip=ip)
    cache.delete(f"acceso-bloqueo:{usuario}:{ip}")
    registrar_evento(
        por=por,
        accion=ACCION_DESBLOQUEO,
        objeto=Usuario.objects.filter(username=usuario).first() if usuario else None,
        despues={"usuario": usuario, "ip": ip, "intentos_borrados": borrados},
    )
    return borrados
