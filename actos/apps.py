from django.apps import AppConfig


class ActosConfig(AppConfig):
    name = "actos"
    verbose_name = "Actos (ordenanzas, acuerdos, resoluciones, decretos)"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Permisos de los roles y, por partes, menú, acceso a archivos y demostración.
        from actos import integracion  # noqa: F401
