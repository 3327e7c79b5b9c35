from django.db import models


class VersionDeDatos(models.Model):
    """Cuántas veces cambió un grupo de tablas. En PostgreSQL la suben disparadores de esas tablas (en la
    misma transacción que el cambio, con cualquier escritura: ORM, admin, carga masiva o SQL); quien guarda
    en el proceso algo leído de ellas lo da por vigente mientras la versión no cambie. Ver
    `core.versiones`."""

    grupo = models.CharField(primary_key=True, max_length=40)
    valor = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "versión de datos"
        verbose_name_plural = "versiones de datos"

    def __str__(self) -> str:
        return f"{self.grupo}: {self.valor}"
