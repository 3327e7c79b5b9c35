from django.apps import AppConfig, apps
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


def _claves_del_concejo(leer):
    """Claves que el concejo lee aunque el perfil no las fije (concejo/services/cuerpo.py, reglas_del_concejo):
    el aviso de cada tipo de sesión y los valores con omisión propia. Viven aquí mientras el concejo no las
    registre él mismo con `perfiles.registrar_claves` en su integración."""
    from core.services.perfiles import ClaveConocida

    for tipo in leer("concejo.tipos_sesion") or []:
        yield ClaveConocida(
            f"concejo.aviso_{tipo}",
            {"cantidad": 5, "unidad": "dias_habiles"},
            f"Anticipación de la citación a sesión {tipo}",
            validar=_validar_aviso,
        )
    yield ClaveConocida("concejo.reconsideracion_dias", 15, "Días para pedir la reconsideración de un acuerdo")
    yield ClaveConocida("concejo.debates_ordenanza", 1, "Debates que necesita una ordenanza")
    yield ClaveConocida("concejo.votaciones", ["ordinaria", "nominal"], "Formas de votación")
    yield ClaveConocida("concejo.abstencion", "en_la_base", "Efecto de la abstención en la base")
    yield ClaveConocida("concejo.inhibicion", "fuera_de_la_base", "Efecto de la inhibición en la base")
    yield ClaveConocida("concejo.alcalde_vota", True, "Si el alcalde vota")


def _validar_aviso(valor: dict) -> None:
    # La forma que lee concejo/services/citacion.py (comprobar_aviso): cantidad entera y su unidad.
    from django.core.exceptions import ValidationError

    cantidad, unidad = valor.get("cantidad"), valor.get("unidad")
    if set(valor) != {"cantidad", "unidad"} or type(cantidad) is not int or cantidad < 0 or unidad not in {
        "dias_habiles", "dias_calendario", "horas"
    }:
        raise ValidationError(
            'El aviso se escribe como {"cantidad": 5, "unidad": "dias_habiles"}; la unidad es dias_habiles, '
            "dias_calendario u horas y la cantidad un entero no negativo."
        )


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Núcleo"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from core import navegacion
        from core.navegacion import Entrada
        from core import roles

        from django_tasks.signals import task_finished, task_started

        from core.models import Municipio

        post_migrate.connect(_roles_tras_migrar, sender=self)
        if apps.is_installed("concejo"):
            from core.services.perfiles import registrar_claves

            registrar_claves(_claves_del_concejo)
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
