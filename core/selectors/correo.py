"""Los correos guardados como `.eml` por `core.correo.CorreoEnArchivos` (demo y desarrollo), para listarlos."""

from __future__ import annotations

import re
from email.parser import BytesHeaderParser
from email.policy import default
from pathlib import Path

from django.conf import settings

NOMBRE_VALIDO = re.compile(r"^[A-Za-z0-9_.-]+\.eml$")


def carpeta_de_correo() -> Path | None:
    """La carpeta de los .eml si el correo se guarda en archivos; None si sale por SMTP u otro backend."""
    if settings.EMAIL_BACKEND != "core.correo.CorreoEnArchivos":
        return None
    return Path(settings.EMAIL_FILE_PATH)


def correos_guardados(carpeta: Path, *, limite: int = 200) -> list[dict]:
    """Los últimos `limite` correos (del más reciente): nombre del archivo, asunto, destinatario y fecha."""
    if not carpeta.is_dir():
        return []
    archivos = sorted((a for a in carpeta.glob("*.eml") if NOMBRE_VALIDO.match(a.name)), reverse=True)
    filas = []
    lector = BytesHeaderParser(policy=default)
    for archivo in archivos[:limite]:
        with archivo.open("rb") as f:
            cabecera = lector.parse(f)
        filas.append(
            {
                "nombre": archivo.name,
                "asunto": str(cabecera.get("Subject", "")),
                "para": str(cabecera.get("To", "")),
                "fecha": str(cabecera.get("Date", "")),
            }
        )
    return filas
