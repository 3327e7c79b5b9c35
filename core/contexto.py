"""El contexto de lo que está corriendo (una solicitud, una tarea, una orden de consola), disponible para los
servicios sin pasarlo por cada firma: la IP de la solicitud (para la auditoría) y lo que se lee una sola vez
por unidad de trabajo (`DeLaUnidad`, p. ej. el municipio de la instalación con su zona horaria)."""

from collections.abc import Callable
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

_ip: ContextVar[str | None] = ContextVar("secretaria_ip", default=None)
_unidad: ContextVar[dict | None] = ContextVar("secretaria_unidad_de_trabajo", default=None)


def ip_actual() -> str | None:
    return _ip.get()


@contextmanager
def contexto_solicitud(*, ip: str | None):
    token = _ip.set(ip)
    try:
        yield
    finally:
        _ip.reset(token)


@contextmanager
def unidad_de_trabajo():
    """Dentro del bloque, cada `DeLaUnidad` se lee a lo sumo una vez. Lo abren el middleware (una por
    solicitud), las tareas en segundo plano y la consola; nada de lo leído pasa a la unidad siguiente."""
    token = _unidad.set({})
    try:
        yield
    finally:
        _unidad.reset(token)


class DeLaUnidad:
    """Un valor que se lee a lo sumo una vez por unidad de trabajo (fuera de una unidad, cada vez)."""

    def __init__(self, nombre: str):
        self.nombre = nombre

    def obtener(self, leer: Callable[[], Any]) -> Any:
        unidad = _unidad.get()
        if unidad is None:
            return leer()
        if self.nombre not in unidad:
            unidad[self.nombre] = leer()
        return unidad[self.nombre]

    def fijar(self, valor: Any) -> None:
        """El valor de esta unidad, leído por otro camino (p. ej. junto con otras lecturas)."""
        unidad = _unidad.get()
        if unidad is not None:
            unidad[self.nombre] = valor

    def olvidar(self) -> None:
        """Lo leído ya no vale (esta misma unidad lo cambió): la próxima lectura consulta."""
        unidad = _unidad.get()
        if unidad is not None:
            unidad.pop(self.nombre, None)
