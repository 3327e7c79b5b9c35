"""Límites por IP de las páginas públicas (portal, verificación): caché de Django, sin captchas de terceros.

Ventanas fijas: la clave lleva el número de ventana, así que caduca sola. Con varios nodos web la caché
debe ser compartida (CACHE_URL → Redis) para que el límite valga para todos.
"""

from __future__ import annotations

import time

from django.core.cache import cache


def ip_de(request) -> str:
    # La IP que ve Django (el proxy de confianza debe fijar REMOTE_ADDR); no se confía en cabeceras.
    return request.META.get("REMOTE_ADDR") or "desconocida"


# El reloj de las ventanas (las pruebas lo fijan: una ráfaga de solicitudes no debe partirse en dos ventanas
# porque la máquina va lenta y pasó el cambio de minuto).
reloj = time.time


def _clave(accion: str, ip: str, ventana: int) -> str:
    return f"portal:limite:{accion}:{ip}:{int(reloj() // ventana)}"


def usados(request, accion: str, *, ventana: int) -> int:
    """Cuántas veces esta IP hizo `accion` en la ventana actual."""
    return cache.get(_clave(accion, ip_de(request), ventana), 0)


def contar(request, accion: str, *, ventana: int) -> int:
    """Suma uno al contador de la IP en la ventana actual y devuelve el total."""
    clave = _clave(accion, ip_de(request), ventana)
    cache.add(clave, 0, ventana + 1)
    try:
        return cache.incr(clave)
    except ValueError:  # expiró entre add e incr
        cache.set(clave, 1, ventana + 1)
        return 1


def excedido(request, accion: str, *, maximo: int, ventana: int) -> bool:
    """Cuenta este intento y dice si ya pasa de `maximo` en la ventana."""
    return contar(request, accion, ventana=ventana) > maximo
