"""Texto de un PDF para las aserciones: espacios y saltos de línea reducidos a un espacio.

Un nombre largo puede partirse en dos renglones al maquetarse («María Teresa⏎Saavedra»); las pruebas
comparan el texto sin el formato del renglón para no depender del largo de los nombres al azar."""

import io

from pypdf import PdfReader


def texto_pdf(fuente) -> str:
    """`fuente`: bytes del PDF o un archivo abierto en binario."""
    lector = PdfReader(io.BytesIO(fuente) if isinstance(fuente, bytes) else fuente)
    return " ".join(" ".join((p.extract_text() or "") for p in lector.pages).split())
