"""Notificaciones en la aplicación y por correo; el correo sale de una tarea tras el commit."""

from __future__ import annotations

from django.db import transaction

from core.models import Notificacion
from core.tasks import enviar_notificacion_por_correo


@transaction.atomic
def notificar(
    *, usuario, titulo: str, mensaje: str = "", url: str = "", correo: bool = False
) -> Notificacion:
    """Crea el aviso en la aplicación; con `correo=True` encola el envío para después del commit."""
    notificacion = Notificacion.objects.create(usuario=usuario, titulo=titulo, mensaje=mensaje, url=url)
    if correo and usuario.email:
        transaction.on_commit(lambda: enviar_notificacion_por_correo.enqueue(notificacion.pk))
    return notificacion


def marcar_leidas(*, usuario) -> int:
    """Marca como leídas todas las notificaciones del usuario; devuelve cuántas eran."""
    return Notificacion.objects.filter(usuario=usuario, leida=False).update(leida=True)
