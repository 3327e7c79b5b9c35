from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save


def _roles_tras_migrar(sender, **kwargs):
    # Preparación de la instalación (no lógica de negocio): los grupos existen tras cada migrate.
    from core.services.roles import sincronizar_roles

    sincronizar_roles()


def _municipio_guardado(sender, instance, **kwargs):
    # Memoria del proceso, no lógica de negocio: la zona horaria que usa cada solicitud sigue al municipio
    # guardado sin volver a consultarlo (la instalación sirve a un municipio).
    from core.services.municipio import olvidar_zona_horaria, recordar_zona_horaria

    if instance.activo:
        recordar_zona_horaria(instance.zona_horaria)
    else:
        olvidar_zona_horaria()


def _municipio_borrado(sender, **kwargs):
    from core.services.municipio import olvidar_zona_horaria

    olvidar_zona_horaria()


# Cada tarea en segundo plano corre en la zona horaria del municipio (su «hoy» es el del municipio).
# Con el backend inmediato la tarea corre dentro de una solicitud: al terminar se restaura la zona que
# había (una pila, por si una tarea encola y corre otra).
_zonas_de_tareas: list = []


def _tarea_empieza(sender, **kwargs):
    from core.services.municipio import en_zona_del_municipio

    bloque = en_zona_del_municipio()
    bloque.__enter__()
    _zonas_de_tareas.append(bloque)


def _tarea_termina(sender, **kwargs):
    if _zonas_de_tareas:
        _zonas_de_tareas.pop().__exit__(None, None, None)


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Núcleo"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django_tasks.signals import task_finished, task_started

        from core import navegacion, roles
        from core.models import Municipio
        from core.navegacion import Entrada

        post_migrate.connect(_roles_tras_migrar, sender=self)
        post_save.connect(_municipio_guardado, sender=Municipio, dispatch_uid="core_zona_guardada")
        post_delete.connect(_municipio_borrado, sender=Municipio, dispatch_uid="core_zona_borrada")
        task_started.connect(_tarea_empieza, dispatch_uid="core_tarea_empieza")
        task_finished.connect(_tarea_termina, dispatch_uid="core_tarea_termina")
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
