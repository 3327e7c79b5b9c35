"""Tareas en segundo plano del núcleo (API de Tasks de Django, backport django-tasks)."""

from django.conf import settings
from django.core.mail import send_mail
from django_tasks import task

from core.enlaces import url_absoluta
from core.models import Notificacion


@task()
def enviar_notificacion_por_correo(notificacion_id: int) -> bool:
    """Envía por correo una notificación ya guardada; se encola en on_commit."""
    n = Notificacion.objects.select_related("usuario").filter(pk=notificacion_id).first()
    if n is None or n.enviada_por_correo or not n.usuario.email:
        return False
    cuerpo = n.mensaje
    if n.url:
        cuerpo += f"\n\n{url_absoluta(n.url)}"
    send_mail(n.titulo, cuerpo, settings.DEFAULT_FROM_EMAIL, [n.usuario.email])
    Notificacion.objects.filter(pk=n.pk).update(enviada_por_correo=True)
    return True
