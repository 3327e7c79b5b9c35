"""Configuración del municipio: datos, sigla, logo, perfil de jurisdicción y zona horaria."""

from __future__ import annotations

import re
from typing import cast
from zoneinfo import available_timezones

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from PIL import Image, UnidentifiedImageError

from core.models import Municipio, Usuario
from core.selectors.municipio import olvidar_municipio_vigente
from core.services.auditoria import actualizar_con_auditoria, instantanea, registrar_evento
from core.services.perfiles import ErrorPerfil, obtener_perfil

LOGO_TAMANO_MAXIMO = 2 * 1024 * 1024
LOGO_FORMATOS = {"PNG", "JPEG", "GIF", "WEBP"}

# ISO 3166-2:MX: los 32 estados (la Ciudad de México es CMX).
ESTADOS_MX = {
    "AGU",
    "BCN",
    "BCS",
    "CAM",
    "CHP",
    "CHH",
    "CMX",
    "COA",
    "COL",
    "DUR",
    "GUA",
    "GRO",
    "HID",
    "JAL",
    "MEX",
    "MIC",
    "MOR",
    "NAY",
    "NLE",
    "OAX",
    "PUE",
    "QUE",
    "ROO",
    "SLP",
    "SIN",
    "SON",
    "TAB",
    "TAM",
    "TLA",
    "VER",
    "YUC",
    "ZAC",
}
_SIGLA = re.compile(r"^[A-Z0-9]+(-[A-Z0-9]+)*$")
_PERFIL = re.compile(r"^(PE|EC|CO|MX-[A-Z]{3})$")

CAMPOS = (
    "nombre",
    "sigla",
    "direccion",
    "telefono",
    "correo",
    "sitio_web",
    "logo",
    "perfil",
    "zona_horaria",
    "trabaja_sabados",
)


def validar_sigla(sigla: str) -> str:
    """Normaliza la sigla a mayúsculas y exige letras, dígitos y guiones (va dentro de los números de
    registro).
    """
    sigla = (sigla or "").strip().upper()
    if not _SIGLA.match(sigla):
        raise ValidationError(
            {
                "sigla": "La sigla solo admite letras mayúsculas, dígitos y guiones entre ellos "
                "(p. ej. MDVE o MD-VE)."
            }
        )
    return sigla


def validar_perfil(perfil: str) -> str:
    """Acepta PE, EC, CO o MX-<estado ISO 3166-2> que el módulo de perfiles conozca."""
    perfil = (perfil or "").strip().upper()
    if not _PERFIL.match(perfil) or (perfil.startswith("MX-") and perfil[3:] not in ESTADOS_MX):
        raise ValidationError(
            {
                "perfil": "Perfil no válido: use PE, EC, CO o MX- seguido del código del estado "
                "(p. ej. MX-AGU, MX-CMX)."
            }
        )
    try:
        obtener_perfil(perfil)
    except ErrorPerfil as e:
        raise ValidationError({"perfil": str(e)}) from None
    return perfil


def validar_zona_horaria(zona: str) -> str:
    """La zona horaria debe existir en la base IANA (zoneinfo)."""
    zona = (zona or "").strip()
    if zona not in available_timezones():
        raise ValidationError(
            {"zona_horaria": f"«{zona}» no es una zona horaria conocida (p. ej. America/Lima)."}
        )
    return zona


def validar_logo(archivo: UploadedFile) -> None:
    """El logo es una imagen real (Pillow la abre y verifica) de hasta 2 MB; el nombre del archivo no
    cuenta.
    """
    # Lo que sube un formulario trae su tamaño; uno sin tamaño conocido tampoco se acepta.
    if archivo.size is None or archivo.size > LOGO_TAMANO_MAXIMO:
        raise ValidationError({"logo": "El logo no puede pesar más de 2 MB."})
    try:
        archivo.seek(0)
        with Image.open(archivo) as imagen:
            formato = imagen.format
            imagen.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError({"logo": "El archivo del logo no es una imagen válida."}) from None
    finally:
        archivo.seek(0)
    if formato not in LOGO_FORMATOS:
        raise ValidationError({"logo": "El logo debe ser una imagen PNG, JPEG, GIF o WEBP."})


@transaction.atomic
def actualizar_municipio(*, municipio: Municipio | None, por: Usuario | None, **campos) -> Municipio:
    """Guarda los datos del municipio (lo crea si la instalación aún no tiene uno) y registra el antes y el
    después.

    Valida sigla, perfil, zona horaria y logo aunque el llamador ya lo haya hecho, porque la API
    entra por aquí también; si algo falla no se guarda nada.
    """
    desconocidos = set(campos) - set(CAMPOS)
    if desconocidos:
        raise ValueError(f"Campos no editables: {sorted(desconocidos)}")
    if "sigla" in campos:
        campos["sigla"] = validar_sigla(campos["sigla"])
    if "perfil" in campos:
        campos["perfil"] = validar_perfil(campos["perfil"])
    if "zona_horaria" in campos:
        campos["zona_horaria"] = validar_zona_horaria(campos["zona_horaria"])
    logo = campos.pop("logo", None)
    if logo is not None and logo is not False and isinstance(logo, UploadedFile):
        validar_logo(logo)

    def validar(editado: Municipio) -> None:
        editado.full_clean(exclude=["logo"])
        if logo is False:
            editado.logo = ""
        elif isinstance(logo, UploadedFile):
            editado.logo.save(cast(str, logo.name), logo, save=False)  # lo subido siempre trae nombre

    if municipio is None:
        municipio = Municipio(**campos)
        validar(municipio)
        municipio.save()
        registrar_evento(
            por=por, accion="core.municipio.crear", objeto=municipio, despues=instantanea(municipio)
        )
    else:
        municipio = actualizar_con_auditoria(
            municipio,
            por=por,
            accion="core.municipio.editar",
            cambios=campos,
            editables=CAMPOS,
            validar=validar,
        )
    olvidar_municipio_vigente()  # cambió: lo que siga en esta solicitud lo lee de nuevo
    return municipio
