from django.apps import AppConfig


class InformesConfig(AppConfig):
    name = "informes"
    verbose_name = "Informes y estadísticas"

    def ready(self):
        from core import roles
        from core.navegacion import Entrada, registrar

        registrar(
            Entrada(
                "Informes", "Recibidos y despachados", "informes:registro", roles.VER_INFORMES_REGISTRO, 60
            )
        )
