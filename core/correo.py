"""Correo de la demo y del desarrollo: cada mensaje como un archivo `.eml` en `EMAIL_FILE_PATH`
(`var/correo/` por defecto), en vez de imprimirlo en la terminal. Se abre con cualquier cliente de correo.
Con `EMAIL_HOST` definido se usa SMTP (secretaria/settings.py)."""

from __future__ import annotations

import uuid
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone
from django.utils.text import slugify


class CorreoEnArchivos(BaseEmailBackend):
    def __init__(self, file_path: str | None = None, fail_silently: bool = False, **kwargs) -> None:
        super().__init__(fail_silently=fail_silently, **kwargs)
        self.carpeta = Path(file_path or settings.EMAIL_FILE_PATH)

    def send_messages(self, email_messages) -> int:
        enviados = 0
        try:
            self.carpeta.mkdir(parents=True, exist_ok=True)
            for mensaje in email_messages:
                asunto = slugify(mensaje.subject)[:60] or "correo"
                nombre = f"{timezone.now():%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:8]}-{asunto}.eml"
                (self.carpeta / nombre).write_bytes(mensaje.message().as_bytes(linesep="\r\n"))
                enviados += 1
        except OSError:
            if not self.fail_silently:
                raise
        return enviados
