from django.apps import AppConfig


class ConcejoConfig(AppConfig):
    name = "concejo"
    verbose_name = "Concejo (sesiones, votaciones y actas)"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Menú, permisos de los roles, acceso a archivos y demostración del área.
        from concejo import (
            integracion,  # noqa: F401
            senales,
        )

        senales.conectar()
