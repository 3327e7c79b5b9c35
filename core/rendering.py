"""Documentos: PDF con WeasyPrint (membrete y «Página X de Y») y borradores DOCX con docxtpl.

Nada se descarga de la red al renderizar: el `url_fetcher` solo sirve archivos estáticos del
proyecto, el almacenamiento de medios y URIs `data:`; cualquier otra URL se rechaza.
"""

from __future__ import annotations

import io
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from django.template.loader import render_to_string

from core.models import Municipio

PLANTILLAS_DOCX = Path(__file__).resolve().parent / "plantillas_docx"

# Base ficticia de las URLs relativas de las plantillas: nunca se resuelve por red, solo la
# reconoce el fetcher para mapear /static/ y /media/ a archivos locales.
BASE_URL = "https://secretaria.invalid/"


class UrlNoPermitida(ValueError):
    pass


def _fetcher():
    from weasyprint.urls import URLFetcher, URLFetcherResponse  # noqa: PLC0415 - tarda en importarse; pocas solicitudes la usan

    class FetcherLocal(URLFetcher):
        """Sirve solo estáticos y medios locales; todo lo demás se rechaza (sin red)."""

        def fetch(self, url, headers=None):
            partes = urlsplit(url)
            if partes.scheme == "data":
                return super().fetch(url, headers)
            if f"{partes.scheme}://{partes.netloc}/" != BASE_URL:
                raise UrlNoPermitida(f"URL externa no permitida al renderizar: {url}")
            ruta = unquote(partes.path)
            if ".." in Path(ruta).parts:
                raise UrlNoPermitida(f"Ruta no permitida al renderizar: {ruta}")
            tipo = mimetypes.guess_type(ruta)[0] or "application/octet-stream"
            if ruta.startswith(settings.STATIC_URL):
                relativa = ruta.removeprefix(settings.STATIC_URL)
                encontrado = finders.find(relativa)
                if not encontrado and settings.STATIC_ROOT:
                    candidato = Path(settings.STATIC_ROOT) / relativa
                    encontrado = str(candidato) if candidato.is_file() else None
                if not encontrado:
                    raise UrlNoPermitida(f"Archivo estático inexistente: {ruta}")
                return URLFetcherResponse(url, Path(encontrado).read_bytes(), {"Content-Type": tipo})
            if ruta.startswith(settings.MEDIA_URL):
                relativa = ruta.removeprefix(settings.MEDIA_URL)
                if not default_storage.exists(relativa):
                    raise UrlNoPermitida(f"Archivo inexistente: {ruta}")
                with default_storage.open(relativa, "rb") as f:
                    return URLFetcherResponse(url, f.read(), {"Content-Type": tipo})
            raise UrlNoPermitida(f"Ruta no permitida al renderizar: {ruta}")

    return FetcherLocal(allowed_protocols={"https", "data"})


def _municipio(municipio):
    if municipio is not None:
        return municipio
    return Municipio.objects.actual()


def render_pdf(plantilla: str, contexto: dict, *, municipio=None) -> bytes:
    """Renderiza la plantilla HTML `plantilla` (que extiende `documentos/base_documento.html`) a PDF A4
    con el membrete del municipio y «Página X de Y» al pie. Sin red: recursos solo locales.
    """
    from weasyprint import HTML  # noqa: PLC0415 - tarda en importarse; pocas solicitudes la usan

    contexto = {**contexto, "municipio": _municipio(municipio)}
    html = render_to_string(plantilla, contexto)
    return HTML(string=html, base_url=BASE_URL, url_fetcher=_fetcher()).write_pdf()


def render_docx(plantilla: str, contexto: dict, *, municipio=None) -> bytes:
    """Rellena la plantilla Word `core/plantillas_docx/<plantilla>` con `contexto` (docxtpl, Jinja2 con
    escape XML) y devuelve el .docx como bytes, listo para editarse como borrador.
    """
    from docxtpl import DocxTemplate  # noqa: PLC0415 - tarda en importarse; pocas solicitudes la usan

    ruta = (PLANTILLAS_DOCX / plantilla).resolve()
    if PLANTILLAS_DOCX.resolve() not in ruta.parents or not ruta.is_file():
        raise FileNotFoundError(f"No existe la plantilla DOCX «{plantilla}».")
    documento = DocxTemplate(str(ruta))
    municipio = _municipio(municipio)
    datos_municipio = {
        "nombre": municipio.nombre if municipio else "",
        "direccion": municipio.direccion if municipio else "",
        "sigla": municipio.sigla if municipio else "",
    }
    documento.render({"municipio": datos_municipio, **contexto}, autoescape=True)
    salida = io.BytesIO()
    documento.save(salida)
    return salida.getvalue()
