from django.db import models
from django.utils.translation import gettext_lazy as _


class DiaCalendario(models.Model):
    """Día del calendario propio del municipio que cambia lo que dicen los feriados nacionales."""

    class Tipo(models.TextChoices):
        FERIADO_LOCAL = "feriado_local", _("Feriado local")
        NO_LABORABLE = "no_laborable", _("Día no laborable decretado")
        LABORABLE = "laborable", _("Día laborable (sábado trabajado o feriado recuperado)")

    municipio = models.ForeignKey("core.Municipio", on_delete=models.CASCADE, related_name="calendario")
    fecha = models.DateField(_("fecha"))
    tipo = models.CharField(_("tipo"), max_length=20, choices=Tipo.choices)
    descripcion = models.CharField(_("descripción"), max_length=200)
    norma = models.CharField(_("norma que lo dispone"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("día del calendario local")
        verbose_name_plural = _("calendario local")
        ordering = ["fecha"]
        constraints = [models.UniqueConstraint(fields=["municipio", "fecha"], name="calendario_dia_unico")]

    def __str__(self) -> str:
        return f"{self.fecha:%Y-%m-%d} {self.get_tipo_display()}: {self.descripcion}"
