from django.apps import AppConfig


class RegistroConfig(AppConfig):
    name = "registro"
    verbose_name = "Registro (mesa de partes y trámite documentario)"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Cada módulo registra aquí su menú, su índice de búsqueda, su acceso a archivos y su demo.
        from registro import integracion  # noqa: F401
