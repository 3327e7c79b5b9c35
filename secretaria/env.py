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


def env_cabecera_proxy(nombre: str) -> tuple[str, str] | None:
    """La cabecera con que el proxy dice que la solicitud llegó por HTTPS, para SECURE_PROXY_SSL_HEADER:
    «X-Forwarded-Proto,https» (o «HTTP_X_FORWARDED_PROTO,https», como la escribe Django) da
    ("HTTP_X_FORWARDED_PROTO", "https"). Vacía: None (Django no mira ninguna cabecera).
    """
    valor = os.environ.get(nombre, "").strip()
    if not valor:
        return None
    partes = [p.strip() for p in valor.split(",")]
    if len(partes) != 2 or not all(partes) or not partes[0].replace("-", "_").replace("_", "").isalnum():
        raise ImproperlyConfigured(
            f"{nombre}={valor!r}: se esperaba «cabecera,valor», p. ej. X-Forwarded-Proto,https."
        )
    cabecera = partes[0].upper().replace("-", "_")
    if not cabecera.startswith("HTTP_"):
        cabecera = f"HTTP_{cabecera}"
    return cabecera, partes[1]
