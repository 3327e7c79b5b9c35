from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class EntradaBusqueda(models.Model):
    """Lo que un área registra para la búsqueda de texto completo (FTS5 o PostgreSQL)."""

    tipo = models.CharField(_("tipo"), max_length=60, db_index=True)
    objeto_tipo = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    objeto_id = models.CharField(max_length=64)
    titulo = models.CharField(_("título"), max_length=300)
    texto = models.TextField(_("texto"), blank=True)
    texto_normalizado = models.TextField(blank=True)
    url = models.CharField(max_length=500, blank=True)
    fecha = models.DateTimeField(null=True, blank=True)
    ambito = models.CharField(
        _("ámbito"), max_length=60, blank=True, help_text=_("Unidad o «publico»; lo usa el filtro de acceso.")
    )

    class Meta:
        verbose_name = _("entrada de búsqueda")
        verbose_name_plural = _("índice de búsqueda")
        constraints = [
            models.UniqueConstraint(fields=["objeto_tipo", "objeto_id"], name="busqueda_objeto_unico")
        ]

    def __str__(self) -> str:
        return self.titulo
