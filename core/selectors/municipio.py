"""El municipio de la instalación tal como lo lee cada solicitud, tarea u orden de consola, y su zona horaria.

El municipio se lee una vez por unidad de trabajo (`core.contexto`): la zona horaria y los datos del municipio
de cada solicitud son los de la base en ese momento, sin nada guardado de una solicitud a otra (antes, la zona
se recordaba cinco minutos en cada proceso). Lo que se leyó por último queda como zona provisional del proceso
(`zona_provisional`), para la vista que lee el municipio en su propio viaje a la base.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from zoneinfo import available_timezones

from django.conf import settings
from django.db import DatabaseError
from django.utils import timezone

from core.contexto import DeLaUnidad
from core.models import Municipio


@dataclass(frozen=True)
class _Vigente:
    municipio: Municipio | None
    zona: str | None  # None: la del servidor (`settings.TIME_ZONE`)


_en_la_unidad = DeLaUnidad("municipio")
_ultima_zona: str | None = None


def _vigente_de(municipio: Municipio | None) -> _Vigente:
    global _ultima_zona
    zona = municipio.zona_horaria if municipio is not None else None
    vigente = _Vigente(municipio, zona if zona in _zonas_conocidas() else None)
    _ultima_zona = vigente.zona
    return vigente


def _vigente() -> _Vigente:
    return _en_la_unidad.obtener(lambda: _vigente_de(Municipio.objects.actual()))


def municipio_vigente() -> Municipio | None:
    """El municipio de la instalación, leído una vez en esta solicitud (para las plantillas y lo que solo lo
    lee). Para cambiarlo, `actualizar_municipio` con el de `Municipio.objects.actual()`."""
    return _vigente().municipio


def zona_horaria_actual() -> str:
    """La zona horaria (IANA) del municipio de la instalación, o `settings.TIME_ZONE` si aún no hay uno. Sin
    la tabla (antes del primer `migrate`) vale la del servidor."""
    try:
        return _vigente().zona or settings.TIME_ZONE
    except DatabaseError:  # base sin migrar: la orden que corre es probablemente `migrate`
        return settings.TIME_ZONE


def zona_provisional() -> str:
    """La zona del último municipio que leyó este proceso, sin consultar: solo para una solicitud que lee el
    municipio ella misma antes de usar la hora (el registro por la API, en su viaje) y lo entrega con
    `fijar_municipio_vigente`."""
    return _ultima_zona or settings.TIME_ZONE


def fijar_municipio_vigente(municipio: Municipio | None) -> None:
    """El municipio de esta solicitud, leído por otro camino (junto con otras lecturas, en un solo viaje): vale
    para el resto de la unidad de trabajo y, si su zona no es la activa, la activa."""
    vigente = _vigente_de(municipio)
    _en_la_unidad.fijar(vigente)
    zona = vigente.zona or settings.TIME_ZONE
    if timezone.get_current_timezone_name() != zona:
        timezone.activate(zona)


def olvidar_municipio_vigente() -> None:
    """Lo leído del municipio en esta unidad ya no vale (esta misma unidad lo cambió)."""
    _en_la_unidad.olvidar()


@lru_cache(maxsize=1)
def _zonas_conocidas() -> frozenset[str]:
    return frozenset(available_timezones())


@contextmanager
def en_zona_del_municipio():
    """Activa la zona horaria del municipio dentro del bloque: plantillas, `timezone.localdate()` y
    `localtime()` dan la hora y el «hoy» del municipio, no los del servidor. La usan la consola `secretaria`
    (cada orden) y las tareas en segundo plano; en las solicitudes, el middleware.
    """
    with timezone.override(zona_horaria_actual()):
        yield
