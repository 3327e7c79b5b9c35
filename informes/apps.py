from django.apps import AppConfig

from core import roles
from core.navegacion import Entrada, registrar


class InformesConfig(AppConfig):
    name = "informes"
    verbose_name = "Informes y estadísticas"

    def ready(self):
        # El área se inscribe en el menú del núcleo (docs/desarrollo.md, «Forma de un área»).
        registrar(
            Entrada(
                "Informes", "Recibidos y despachados", "informes:registro", roles.VER_INFORMES_REGISTRO, 60
            )
        )
