"""Ajustes del área certificaciones, leídos del entorno (sin tocar secretaria/settings.py).

- `SECRETARIA_CERT_PKCS12`: ruta del PKCS#12 (.p12/.pfx) del municipio con la clave privada que firma
  y su cadena (por omisión `var/certificados/municipio.p12`, que `secretaria demo` genera si falta).
- `SECRETARIA_CERT_CLAVE`: su contraseña (por omisión la de demostración).
- `SECRETARIA_CERT_RAICES`: PEM con las autoridades de confianza para verificar firmas; si falta, las
  autoridades que trae el propio PKCS#12 (la cadena del certificado del municipio).
- `SECRETARIA_VERIFICAR_CONSULTAS_POR_MINUTO`, `SECRETARIA_VERIFICAR_FALLOS_POR_HORA`,
  `SECRETARIA_VERIFICAR_SUBIDAS_POR_MINUTO`: límites por IP de la verificación pública.
- `CERTIFICACIONES_VERIFICACION_TAMANO_MAXIMO`: bytes del mayor PDF que se acepta para comprobar (por
  omisión 64 MiB o el doble de `ARCHIVO_TAMANO_MAXIMO` si es mayor: un certificado es el original
  entero más su hoja y se guarda aunque pase `ARCHIVO_TAMANO_MAXIMO`).

Las funciones leen el entorno en cada llamada: las pruebas cambian la ruta con `monkeypatch.setenv`.
"""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

CLAVE_DEMO = "demo-certificados-2026"


def ruta_pkcs12() -> Path:
    return Path(os.environ.get("SECRETARIA_CERT_PKCS12") or Path(settings.VAR_DIR) / "certificados" / "municipio.p12")


def clave_pkcs12() -> bytes:
    return os.environ.get("SECRETARIA_CERT_CLAVE", CLAVE_DEMO).encode("utf-8")


def ruta_raices() -> Path | None:
    ruta = os.environ.get("SECRETARIA_CERT_RAICES")
    return Path(ruta) if ruta else None


def _entero(nombre: str, defecto: int) -> int:
    texto = os.environ.get(nombre)
    if texto in (None, ""):
        return defecto
    try:
        valor = int(texto)
    except ValueError:
        raise ImproperlyConfigured(f"{nombre} debe ser un número entero (se leyó «{texto}»).") from None
    if valor < 1:
        raise ImproperlyConfigured(f"{nombre} debe ser 1 o más (se leyó {valor}).")
    return valor


def consultas_por_minuto() -> int:
    return _entero("SECRETARIA_VERIFICAR_CONSULTAS_POR_MINUTO", 30)


def fallos_por_hora() -> int:
    """Códigos inexistentes que una IP puede probar por hora: lo que frena la enumeración."""
    return _entero("SECRETARIA_VERIFICAR_FALLOS_POR_HORA", 20)


def subidas_por_minuto() -> int:
    return _entero("SECRETARIA_VERIFICAR_SUBIDAS_POR_MINUTO", 10)


def verificacion_tamano_maximo() -> int:
    """El mayor PDF que la verificación pública acepta, en bytes (ver la cabecera del módulo)."""
    return _entero("CERTIFICACIONES_VERIFICACION_TAMANO_MAXIMO",
                   max(64 * 1024 * 1024, 2 * settings.ARCHIVO_TAMANO_MAXIMO))
