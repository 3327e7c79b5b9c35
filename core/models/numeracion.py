from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class Serie(models.Model):
    """Un registro numerado (registro de entrada, ordenanzas, memorandos de una unidad...)."""

    codigo = models.SlugField(_("código"), max_length=60, unique=True)
    nombre = models.CharField(_("nombre"), max_length=200)
    formato = models.CharField(
        _("formato"),
        max_length=200,
        help_text=_("Plantilla del número, p. ej. «ORDENANZA MUNICIPAL Nº {numero:03d}-{anio}-{sigla}»."),
    )
    unidad = models.ForeignKey(
        "core.UnidadOrganica", null=True, blank=True, on_delete=models.PROTECT, related_name="series"
    )
    activa = models.BooleanField(_("activa"), default=True)

    class Meta:
        verbose_name = _("serie de registro")
        verbose_name_plural = _("series de registro")
        ordering = ["codigo"]

    def __str__(self) -> str:
        return self.nombre


class Contador(models.Model):
    """Último número dado en una serie y año; la fila que se bloquea al numerar."""

    serie = models.ForeignKey(Serie, on_delete=models.PROTECT, related_name="contadores")
    anio = models.PositiveIntegerField(_("año"))
    ultimo = models.PositiveIntegerField(_("último número"), default=0)
    cerrado = models.BooleanField(_("cerrado"), default=False)
    cerrado_en = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("contador")
        verbose_name_plural = _("contadores")
        constraints = [models.UniqueConstraint(fields=["serie", "anio"], name="contador_serie_anio_unico")]

    def __str__(self) -> str:
        return f"{self.serie.codigo} {self.anio}: {self.ultimo}"


class NumeroRegistro(models.Model):
    """Cada número dado, para siempre: nunca se reutiliza; si se anula, queda con su motivo."""

    serie = models.ForeignKey(Serie, on_delete=models.PROTECT, related_name="numeros")
    anio = models.PositiveIntegerField(_("año"))
    numero = models.PositiveIntegerField(_("número"))
    texto = models.CharField(_("número formateado"), max_length=250)
    asignado = models.DateTimeField(_("asignado"), auto_now_add=True)
    asignado_por = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT
    )
    objeto_tipo = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.PROTECT)
    objeto_id = models.CharField(max_length=64, blank=True)
    anulado = models.BooleanField(_("anulado"), default=False)
    motivo_anulacion = models.TextField(_("motivo de anulación"), blank=True)
    anulado_en = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("número de registro")
        verbose_name_plural = _("números de registro")
        ordering = ["serie", "anio", "numero"]
        constraints = [
            models.UniqueConstraint(fields=["serie", "anio", "numero"], name="numero_registro_unico"),
        ]

    def __str__(self) -> str:
        return self.texto
