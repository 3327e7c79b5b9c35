from django.apps import AppConfig


class CertificacionesConfig(AppConfig):
    name = "certificaciones"
    verbose_name = "Certificaciones (fe pública, copias certificadas)"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Menú, permisos de los roles, acceso a archivos y demostración del área.
        from certificaciones import integracion  # noqa: F401
