from django.apps import AppConfig
from django.urls import register_converter

from core import navegacion, roles
from core.navegacion import Entrada
from core.parametros import IdDeRuta

MENU = [
    Entrada("Configuración", "Municipio", "core:municipio", roles.CONFIGURAR, 10),
    Entrada("Configuración", "Organigrama", "core:unidades", roles.CONFIGURAR, 11),
    Entrada("Configuración", "Cargos", "core:cargos", roles.CONFIGURAR, 12),
    Entrada("Configuración", "Usuarios y roles", "core:usuarios", roles.GESTIONAR_USUARIOS, 13),
    Entrada("Configuración", "Encargos (subrogación)", "core:encargos", roles.GESTIONAR_USUARIOS, 14),
    Entrada("Configuración", "Perfil de jurisdicción", "core:perfil", roles.CONFIGURAR, 15),
    Entrada("Configuración", "Calendario", "core:calendario", roles.GESTIONAR_CALENDARIO, 16),
    Entrada("Configuración", "Series de registro", "core:series", roles.GESTIONAR_NUMERACION, 17),
    Entrada("Personas", "Personas y organizaciones", "core:personas", roles.GESTIONAR_PERSONAS, 20),
    Entrada("Control", "Auditoría", "core:auditoria", roles.VER_AUDITORIA, 90),
    Entrada("Control", "Buscar", "core:buscar", None, 91),
]


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Núcleo"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from core import arranque  # noqa: PLC0415 - los modelos no están listos al importar apps.py
        from core.services import perfiles, plazos  # noqa: PLC0415 - los modelos no están listos al importar apps.py

        arranque.conectar(self)
        register_converter(IdDeRuta, "id")
        perfiles.registrar_claves(plazos.claves_de_plazos)
        for entrada in MENU:
            navegacion.registrar(entrada)
