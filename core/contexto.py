"""Contexto de la solicitud (IP) disponible para los servicios sin pasarlo por cada firma."""

from contextlib import contextmanager
from contextvars import ContextVar

_ip: ContextVar[str | None] = ContextVar("secretaria_ip", default=None)


def ip_actual() -> str | None:
    return _ip.get()


@contextmanager
def contexto_solicitud(*, ip: str | None):
    token = _ip.set(ip)
    try:
        yield
    finally:
        _ip.reset(token)
