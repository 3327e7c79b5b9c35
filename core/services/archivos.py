"""Archivos adjuntos: validación por contenido, SHA-256 y guardado en el almacenamiento de Django."""

from __future__ import annotations

import hashlib
import mimetypes
import uuid
from dataclasses import dataclass
from pathlib import PurePath

import magic
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from PIL import Image
from pypdf import PdfReader
from pypdf.errors import PyPdfError

from core.models import Archivo
from core.services.auditoria import instantanea, registrar_evento

# Bytes que libmagic necesita para reconocer los formatos admitidos (los de Office viven en un ZIP
# cuyo primer miembro puede estar algo más adentro).
_CABECERA = 64 * 1024

NOMBRES_TIPO = {
    "application/pdf": "PDF",
    "image/png": "imagen PNG",
    "image/jpeg": "imagen JPEG",
    "image/tiff": "imagen TIFF",
    "image/gif": "imagen GIF",
    "image/webp": "imagen WebP",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "documento Word (.docx)",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "hoja de cálculo Excel (.xlsx)",
    "text/plain": "texto plano",
}

# Extensiones que un nombre puede llevar para cada tipo, además de las que conoce `mimetypes`.
_EXTENSIONES_EXTRA = {
    "image/jpeg": {".jpg", ".jpeg", ".jpe", ".jfif"},
    "image/tiff": {".tif", ".tiff"},
    "application/pdf": {".pdf"},
}


def nombre_tipo(tipo_mime: str) -> str:
    return NOMBRES_TIPO.get(tipo_mime, tipo_mime)


@dataclass(frozen=True)
class ArchivoValidado:
    tipo_mime: str
    tamano: int
    sha256: str


def _leer_desde_inicio(archivo: File, n: int | None = None) -> bytes:
    archivo.seek(0)
    datos = archivo.read(n) if n is not None else archivo.read()
    archivo.seek(0)
    return datos


def _verificar_pdf(archivo: File) -> None:
    try:
        archivo.seek(0)
        lector = PdfReader(archivo, strict=False)
        if lector.is_encrypted:
            raise ValidationError(
                "El PDF está protegido con contraseña; súbalo sin protección.", code="pdf_cifrado"
            )
        if len(lector.pages) < 1:
            raise ValidationError("El PDF no tiene páginas.", code="pdf_vacio")
    except ValidationError:
        raise
    except (PyPdfError, ValueError, TypeError, KeyError, OSError, AttributeError, IndexError) as e:
        raise ValidationError("El PDF está dañado o no se puede leer.", code="pdf_invalido") from e
    finally:
        archivo.seek(0)


def _verificar_imagen(archivo: File) -> None:
    try:
        archivo.seek(0)
        with Image.open(archivo) as imagen:
            imagen.verify()
    except Exception as e:  # Pillow lanza muchos tipos distintos ante una imagen rota.
        raise ValidationError("La imagen está dañada o no se puede leer.", code="imagen_invalida") from e
    finally:
        archivo.seek(0)


def _extension_coincide(nombre: str, tipo_mime: str) -> bool:
    """Un nombre cuya extensión anuncia otro tipo conocido no coincide con el contenido."""
    extension = PurePath(nombre).suffix.lower()
    if not extension:
        return True
    tipo_por_nombre, _ = mimetypes.guess_type(f"x{extension}")
    if tipo_por_nombre is None:
        return True
    if tipo_por_nombre == tipo_mime:
        return True
    if extension in _EXTENSIONES_EXTRA.get(tipo_mime, set()):
        return True
    # Un .csv o .md es texto plano para libmagic: misma familia, misma naturaleza.
    return tipo_mime == "text/plain" and tipo_por_nombre.startswith("text/")


def validar_archivo(
    archivo: File, *, tipos_permitidos: list[str] | None = None, tamano_maximo: int | None = None
) -> ArchivoValidado:
    """Valida tamaño, tipo por contenido (libmagic, no por el nombre) e integridad de PDF e imágenes,
    y calcula el SHA-256 leyendo por bloques. No guarda nada; lanza `ValidationError` en español si
    algo falla. Los formularios la usan para mostrar el error antes de llamar a `guardar_archivo`.
    """
    tipos = list(tipos_permitidos if tipos_permitidos is not None else settings.ARCHIVO_TIPOS_PERMITIDOS)
    maximo = tamano_maximo if tamano_maximo is not None else settings.ARCHIVO_TAMANO_MAXIMO
    tamano = archivo.size or 0
    if tamano == 0:
        raise ValidationError("El archivo está vacío.", code="vacio")
    if tamano > maximo:
        raise ValidationError(
            "El archivo pesa %(tamano)s y el máximo permitido es %(maximo)s.",
            code="tamano",
            params={"tamano": filesizeformat(tamano), "maximo": filesizeformat(maximo)},
        )
    tipo_mime = magic.from_buffer(_leer_desde_inicio(archivo, _CABECERA), mime=True)
    if tipo_mime not in tipos:
        admitidos = ", ".join(nombre_tipo(t) for t in tipos)
        raise ValidationError(
            "El contenido del archivo es de tipo «%(tipo)s», que no se admite aquí. "
            "Tipos admitidos: %(admitidos)s.",
            code="tipo",
            params={"tipo": nombre_tipo(tipo_mime), "admitidos": admitidos},
        )
    if not _extension_coincide(archivo.name or "", tipo_mime):
        raise ValidationError(
            "El nombre del archivo (%(nombre)s) no corresponde a su contenido (%(tipo)s).",
            code="extension",
            params={"nombre": archivo.name, "tipo": nombre_tipo(tipo_mime)},
        )
    if tipo_mime == "application/pdf":
        _verificar_pdf(archivo)
    elif tipo_mime.startswith("image/"):
        _verificar_imagen(archivo)
    resumen = hashlib.sha256()
    archivo.seek(0)
    for bloque in archivo.chunks():
        resumen.update(bloque)
    archivo.seek(0)
    return ArchivoValidado(tipo_mime=tipo_mime, tamano=tamano, sha256=resumen.hexdigest())


_EXTENSION_GUARDADA = {
    "application/pdf": ".pdf",
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/tiff": ".tif",
    "text/plain": ".txt",
}


def _nombre_en_almacenamiento(tipo_mime: str) -> str:
    # El nombre guardado no usa el del usuario: así nunca decide la ruta ni la extensión.
    extension = _EXTENSION_GUARDADA.get(tipo_mime) or mimetypes.guess_extension(tipo_mime) or ".bin"
    return timezone.now().strftime("archivos/%Y/%m/") + f"{uuid.uuid4().hex}{extension}"


@transaction.atomic
def guardar_archivo(
    *,
    archivo: File,
    por,
    tipos_permitidos: list[str] | None = None,
    tamano_maximo: int | None = None,
) -> Archivo:
    """Valida el archivo (tamaño, tipo leído del contenido, PDF o imagen legibles), lo guarda en el
    almacenamiento por defecto con su SHA-256 y registra el evento `core.archivo.guardar` en la misma
    transacción. Si algo falla lanza `ValidationError` en español y no queda ni el archivo en el
    almacenamiento ni la fila (ARCHITECTURE.md, invariante 5).
    """
    validado = validar_archivo(archivo, tipos_permitidos=tipos_permitidos, tamano_maximo=tamano_maximo)
    archivo.seek(0)
    ruta = default_storage.save(_nombre_en_almacenamiento(validado.tipo_mime), archivo)
    try:
        registro = Archivo.objects.create(
            archivo=ruta,
            nombre_original=PurePath(archivo.name or "archivo").name[:255],
            tipo_mime=validado.tipo_mime,
            tamano=validado.tamano,
            sha256=validado.sha256,
            subido_por=por if getattr(por, "pk", None) else None,
        )
        registrar_evento(
            por=por, accion="core.archivo.guardar", objeto=registro, despues=instantanea(registro)
        )
    except BaseException:
        # La fila no llegó a existir (o se deshará): el archivo en disco tampoco debe quedar.
        default_storage.delete(ruta)
        raise
    return registro
