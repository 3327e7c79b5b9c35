"""Lectura tipada de variables de entorno (al estilo de healthchecks' envbool).

Un valor mal escrito detiene el arranque con un mensaje claro, en vez de tomar en
silencio un valor por defecto.
"""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured

_VERDADEROS = {"1", "true", "yes", "si", "sí", "on"}
_FALSOS = {"0", "false", "no", "off", ""}


def env_str(nombre: str, defecto: str = "") -> str:
    return os.environ.get(nombre, defecto)


def env_bool(nombre: str, defecto: bool = False) -> bool:
    valor = os.environ.get(nombre)
    if valor is None:
        return defecto
    v = valor.strip().lower()
    if v in _VERDADEROS:
        return True
    if v in _FALSOS:
        return False
    raise ImproperlyConfigured(f"{nombre}={valor!r}: se esperaba verdadero/falso (1/0, true/false, si/no).")


def env_int(nombre: str, defecto: int) -> int:
    valor = os.environ.get(nombre)
    if valor is None or valor.strip() == "":
        return defecto
    try:
        return int(valor)
    except ValueError:
        raise ImproperlyConfigured(f"{nombre}={valor!r}: se esperaba un número entero.") from None


def env_list(nombre: str, defecto: list[str]) -> list[str]:
    valor = os.environ.get(nombre)
    if valor is None:
        return defecto
    return [p.strip() for p in valor.split(",") if p.strip()]
