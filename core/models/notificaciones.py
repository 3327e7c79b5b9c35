from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notificacion(models.Model):
    """Aviso en la aplicación para un usuario (y, si corresponde, por correo)."""

    usuario = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notificaciones"
    )
    titulo = models.CharField(_("título"), max_length=200)
    mensaje = models.TextField(_("mensaje"), blank=True)
    url = models.CharField(_("enlace"), max_length=500, blank=True)
    leida = models.BooleanField(_("leída"), default=False)
    creada = models.DateTimeField(_("creada"), auto_now_add=True)
    enviada_por_correo = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("notificación")
        verbose_name_plural = _("notificaciones")
        ordering = ["-creada"]
        indexes = [models.Index(fields=["usuario", "leida"], name="notificacion_usuario_idx")]

    def __str__(self) -> str:
        return self.titulo
