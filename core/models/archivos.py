from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Archivo(models.Model):
    """Archivo guardado en el almacenamiento, con su SHA-256 y el tipo leído de su contenido."""

    archivo = models.FileField(_("archivo"), upload_to="archivos/%Y/%m/")
    nombre_original = models.CharField(_("nombre original"), max_length=255)
    tipo_mime = models.CharField(_("tipo"), max_length=120)
    tamano = models.PositiveBigIntegerField(_("tamaño (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    subido_por = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)
    creado = models.DateTimeField(_("subido"), auto_now_add=True)

    class Meta:
        verbose_name = _("archivo")
        verbose_name_plural = _("archivos")
        ordering = ["-creado"]

    def __str__(self) -> str:
        return self.nombre_original

    @property
    def previsualizable(self) -> bool:
        return self.tipo_mime == "application/pdf" or self.tipo_mime.startswith("image/")
