from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _roles_tras_migrar(sender, **kwargs):
    # Preparación de la instalación (no lógica de negocio): los grupos existen tras cada migrate.
    from core.services.roles import sincronizar_roles

    sincronizar_roles()


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Núcleo"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from core import navegacion
        from core.navegacion import Entrada
        from core import roles

        post_migrate.connect(_roles_tras_migrar, sender=self)
        for e in [
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
        ]:
            navegacion.registrar(e)
