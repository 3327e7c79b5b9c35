"""Lo que el núcleo conecta al arrancar (`CoreConfig.ready()`): los roles y las filas de versión tras cada
`migrate` (o `flush`); en cada tarea en segundo plano, la zona horaria del municipio y una unidad de
trabajo (`core.contexto`); y el evento de auditoría de cada bloqueo de ingreso (django-axes).

No es lógica de negocio: es preparación de la instalación y del contexto en que corre cada tarea.
"""

from __future__ import annotations

from contextlib import ExitStack

from axes.signals import user_locked_out
from django.conf import settings
from django.db.models.signals import post_migrate
from django_tasks.signals import task_finished, task_started

from core import versiones
from core.contexto import unidad_de_trabajo
from core.selectors.municipio import en_zona_del_municipio
from core.services.acceso import registrar_bloqueo
from core.services.roles import sincronizar_roles

# Con el backend inmediato la tarea corre dentro de una solicitud: al terminar se restaura la zona que había
# (una pila, por si una tarea encola y corre otra).
_tareas_en_curso: list[ExitStack] = []


def _tras_migrar(sender, **kwargs):
    sincronizar_roles()
    versiones.asegurar_filas()


def _tarea_empieza(sender, **kwargs):
    bloque = ExitStack()
    bloque.enter_context(unidad_de_trabajo())
    bloque.enter_context(en_zona_del_municipio())
    _tareas_en_curso.append(bloque)


def _tarea_termina(sender, **kwargs):
    if _tareas_en_curso:
        _tareas_en_curso.pop().close()


def _ingreso_bloqueado(sender, request=None, username=None, ip_address=None, **kwargs):
    # django-axes bloqueó un ingreso: a la auditoría (el servicio evita repetirlo mientras dura).
    registrar_bloqueo(
        usuario=username or "", ip=ip_address, duracion_segundos=settings.LOGIN_BLOQUEO_MINUTOS * 60
    )


def conectar(app_config) -> None:
    post_migrate.connect(_tras_migrar, sender=app_config)
    task_started.connect(_tarea_empieza, dispatch_uid="core_tarea_empieza")
    task_finished.connect(_tarea_termina, dispatch_uid="core_tarea_termina")
    user_locked_out.connect(_ingreso_bloqueado, dispatch_uid="core_ingreso_bloqueado")
