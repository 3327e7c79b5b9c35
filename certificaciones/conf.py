"""Ajustes del área certificaciones, leídos de `secretaria/settings.py` (que los toma del entorno al
arrancar con sus lectores tipados: un valor mal escrito detiene el arranque con un mensaje claro).

- `SECRETARIA_VERIFICAR_CONSULTAS_POR_MINUTO`, `SECRETARIA_VERIFICAR_FALLOS_POR_HORA`,
  `SECRETARIA_VERIFICAR_SUBIDAS_POR_MINUTO`: límites por IP de la verificación pública.
- `CERTIFICACIONES_VERIFICACION_TAMANO_MAXIMO`: bytes del mayor PDF que se acepta para comprobar (por
  omisión 64 MiB o el doble de `ARCHIVO_TAMANO_MAXIMO` si es mayor: un certificado es el original
  entero más su hoja y se guarda aunque pase `ARCHIVO_TAMANO_MAXIMO`).
- `SECRETARIA_VERIFICAR_FIRMA_SEGUNDOS_CPU`, `SECRETARIA_VERIFICAR_FIRMA_MEGAS`: tope de CPU (segundos) y de
  memoria (MB) del proceso que valida la firma de un PDF subido que no coincide con nada emitido (por
  omisión 1 s y 512 MB). Pasado el tope, la página dice que la firma no se pudo comprobar.

Se leen de `django.conf.settings` en cada llamada (sin tocar el entorno en cada solicitud): las pruebas
los cambian con el fixture `settings`.
"""

from __future__ import annotations

from django.conf import settings


def consultas_por_minuto() -> int:
    return settings.SECRETARIA_VERIFICAR_CONSULTAS_POR_MINUTO


def fallos_por_hora() -> int:
    """Códigos inexistentes que una IP puede probar por hora: lo que frena la enumeración."""
    return settings.SECRETARIA_VERIFICAR_FALLOS_POR_HORA


def subidas_por_minuto() -> int:
    return settings.SECRETARIA_VERIFICAR_SUBIDAS_POR_MINUTO


def verificacion_tamano_maximo() -> int:
    """El mayor PDF que la verificación pública acepta, en bytes (ver la cabecera del módulo)."""
    return settings.CERTIFICACIONES_VERIFICACION_TAMANO_MAXIMO


def firma_segundos_cpu() -> int:
    return settings.SECRETARIA_VERIFICAR_FIRMA_SEGUNDOS_CPU


def firma_megas() -> int:
    return settings.SECRETARIA_VERIFICAR_FIRMA_MEGAS
