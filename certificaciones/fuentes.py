"""Fuentes certificables: qué se puede certificar y cómo se obtiene su PDF.

Cada área registra las suyas con `registrar_fuente(Fuente(...))` desde su `integracion.py`, como
`core.permissions.registrar_acceso_archivo`: así el concejo y actos enchufan sus actas, acuerdos y
ordenanzas sin que certificaciones los importe. Una fuente se identifica por su clave y apunta a una
fila (tipo de contenido + id); el certificado guarda esa referencia y el SHA-256 del PDF original.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models


@dataclass(frozen=True)
class Fuente:
    """Una clase de cosa certificable.

    - `clave`: nombre estable (`registro.adjunto`), se guarda en la solicitud y el certificado.
    - `modelo`: "app_label.Modelo" de la fila.
    - `tipos`: tipos de certificación (`TipoCertificacion`) que admite.
    - `pdf(obj) -> bytes`: el PDF original; `sha256(obj) -> str` su huella (la guardada, si la hay).
    - `descripcion(obj) -> str`: cómo se nombra en la página y en el texto de la certificación.
    - `visible(usuario, obj) -> bool`: si quien pide puede elegirla (ver el original).
    - `de_documento(documento) -> iterable de obj`: las que ofrece un documento del registro (opcional).
    """

    clave: str
    nombre: str
    modelo: str
    tipos: tuple[str, ...]
    pdf: Callable[[models.Model], bytes]
    sha256: Callable[[models.Model], str]
    descripcion: Callable[[models.Model], str]
    visible: Callable[[object, models.Model], bool] = field(default=lambda usuario, obj: True)
    de_documento: Callable[[object], Iterable[models.Model]] | None = None

    def clase(self) -> type[models.Model]:
        return apps.get_model(self.modelo)


_fuentes: dict[str, Fuente] = {}


def registrar_fuente(fuente: Fuente) -> Fuente:
    """Registra (o reemplaza, si se vuelve a importar) una fuente certificable."""
    _fuentes[fuente.clave] = fuente
    return fuente


def fuentes() -> list[Fuente]:
    return list(_fuentes.values())


def fuente(clave: str) -> Fuente:
    try:
        return _fuentes[clave]
    except KeyError:
        raise ValidationError({"fuente": [f"No se puede certificar una fuente de clase «{clave}»."]}) from None


def referencia(clave: str, obj: models.Model) -> str:
    """Cómo viaja una fuente en un formulario o en la API: «clave:id»."""
    return f"{clave}:{obj.pk}"


def resolver(usuario, texto: str, *, tipo: str) -> tuple[Fuente, models.Model]:
    """La fuente y su fila a partir de «clave:id», si existe, admite `tipo` y `usuario` puede verla.
    ValidationError en español si no (sin decir si la fila existe cuando no la puede ver)."""
    clave, _, pk = (texto or "").partition(":")
    f = fuente(clave)
    if tipo not in f.tipos:
        from certificaciones.models import TipoCertificacion

        raise ValidationError({"fuente": [
            f"Una fuente «{f.nombre}» no sirve para «{TipoCertificacion(tipo).label}»."
        ]})
    obj = f.clase().objects.filter(pk=pk).first() if pk.isdigit() else None
    if obj is None or not f.visible(usuario, obj):
        raise ValidationError({"fuente": ["No se encontró el original a certificar."]})
    return f, obj


def de_fila(clave: str, fuente_tipo_id, fuente_id) -> models.Model | None:
    """La fila de una fuente guardada (tipo de contenido + id)."""
    if not clave or not fuente_tipo_id:
        return None
    return ContentType.objects.get_for_id(fuente_tipo_id).get_object_for_this_type(pk=fuente_id)


def ofrecidas_por_documento(usuario, documento) -> list[tuple[str, str]]:
    """(referencia, etiqueta) de lo que un documento del registro ofrece para certificar."""
    opciones = []
    for f in _fuentes.values():
        if f.de_documento is None:
            continue
        for obj in f.de_documento(documento):
            if f.visible(usuario, obj):
                opciones.append((referencia(f.clave, obj), f"{f.nombre}: {f.descripcion(obj)}"))
    return opciones
