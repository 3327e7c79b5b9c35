from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class CadenaAuditoria(models.Model):
    """Fila única con la cabeza de la cadena: se bloquea para encadenar eventos en orden."""

    ultimo_hash = models.CharField(max_length=64, default="0" * 64)
    ultimo_id = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("cabeza de la cadena de auditoría")

    def __str__(self) -> str:
        return f"Cabeza de la cadena: evento {self.ultimo_id}"


class EventoQuerySet(models.QuerySet["Evento"]):
    def de_objeto(self, obj: models.Model) -> "EventoQuerySet":
        return self.filter(objeto_tipo=ContentType.objects.get_for_model(obj), objeto_id=str(obj.pk))


class Evento(models.Model):
    """Evento de auditoría, solo se añade. Cada uno lleva el hash del anterior (cadena verificable)."""

    momento = models.DateTimeField(_("momento"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_nombre = models.CharField(_("actor"), max_length=200, blank=True)
    por_encargo_de = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    accion = models.CharField(_("acción"), max_length=100, db_index=True)
    objeto_tipo = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.PROTECT)
    objeto_id = models.CharField(max_length=64, blank=True)
    objeto_repr = models.CharField(_("objeto"), max_length=300, blank=True)
    antes = models.JSONField(_("antes"), null=True, blank=True)
    despues = models.JSONField(_("después"), null=True, blank=True)
    ip = models.GenericIPAddressField(_("IP"), null=True, blank=True)
    hash_anterior = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    objects = EventoQuerySet.as_manager()

    class Meta:
        verbose_name = _("evento de auditoría")
        verbose_name_plural = _("eventos de auditoría")
        ordering = ["-id"]
        indexes = [models.Index(fields=["objeto_tipo", "objeto_id"], name="evento_objeto_idx")]

    def __str__(self) -> str:
        return f"{self.momento:%Y-%m-%d %H:%M} {self.accion} {self.objeto_repr}"
