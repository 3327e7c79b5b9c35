"""Fuentes certificables: qué se puede certificar y cómo se obtiene su PDF.

Se registran con `registrar_fuente(Fuente(...))`, como `core.permissions.registrar_acceso_archivo`,
desde el `AppConfig.ready()` de un área. Las de las áreas de abajo (PDF de ventanilla, registro, actas
del concejo, actos con sus artículos) están en `certificaciones/fuentes_de_areas.py` y las registra
`CertificacionesConfig.ready()`; el concejo y actos no importan certificaciones. Una fuente se identifica
por su clave y apunta a una fila (tipo de contenido + id); el certificado guarda esa referencia y el
SHA-256 del PDF original.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models

from certificaciones.models import TipoCertificacion
from core.parametros import entero


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
    - `tipos_de(obj) -> tupla`: los tipos que admite esa fila en particular, dentro de `tipos` (opcional;
      p. ej. una ordenanza se certifica como ordenanza y un acuerdo como acuerdo). El primero es el
      que se propone al abrir la solicitud desde la página del original.
    - `transcripcion(obj) -> str`: el texto literal que transcribe un extracto (opcional; p. ej. un
      artículo de un acto). Con ella el extracto no se teclea: se copia del original.
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
    tipos_de: Callable[[models.Model], tuple[str, ...]] | None = None
    transcripcion: Callable[[models.Model], str] | None = None

    def clase(self) -> type[models.Model]:
        return apps.get_model(self.modelo)

    def tipos_de_fila(self, obj: models.Model) -> tuple[str, ...]:
        return self.tipos_de(obj) if self.tipos_de is not None else self.tipos

    def etiqueta(self, obj: models.Model) -> str:
        return f"{self.nombre}: {self.descripcion(obj)}"


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
        raise ValidationError(
            {"fuente": [f"No se puede certificar una fuente de clase «{clave}»."]}
        ) from None


def referencia(clave: str, obj: models.Model) -> str:
    """Cómo viaja una fuente en un formulario o en la API: «clave:id»."""
    return f"{clave}:{obj.pk}"


NO_ENCONTRADO = "No se encontró el original a certificar."


def resolver(usuario, texto: str, *, tipo: str | None = None) -> tuple[Fuente, models.Model]:
    """La fuente y su fila a partir de «clave:id», si existe, admite `tipo` y `usuario` puede verla.
    ValidationError en español si no (sin decir si la fila existe cuando no la puede ver). Sin `tipo`
    (al abrir una solicitud desde la página del original) no se mira el tipo."""
    clave, _, pk = (texto or "").strip().partition(":")
    f = fuente(clave)
    if tipo is not None and tipo not in f.tipos:
        raise ValidationError(
            {"fuente": [f"Una fuente «{f.nombre}» no sirve para «{TipoCertificacion(tipo).label}»."]}
        )
    obj = f.clase().objects.filter(pk=clave_pk).first() if (clave_pk := entero(pk)) is not None else None
    if obj is None or not f.visible(usuario, obj):
        raise ValidationError({"fuente": [NO_ENCONTRADO]})
    admitidos = f.tipos_de_fila(obj)
    if tipo is not None and tipo not in admitidos:
        nombres = " o ".join(f"«{TipoCertificacion(t).label}»" for t in admitidos)
        raise ValidationError({"fuente": [f"«{f.descripcion(obj)}» se certifica como {nombres}."]})
    return f, obj


def tipo_sugerido(f: Fuente, obj: models.Model) -> str:
    """El tipo que se propone al abrir la solicitud desde la página del original."""
    return f.tipos_de_fila(obj)[0]


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
                opciones.append((referencia(f.clave, obj), f.etiqueta(obj)))
    return opciones
