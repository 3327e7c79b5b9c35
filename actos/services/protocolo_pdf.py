"""Piezas de PDF del protocolo anual, sin Django: renderizar un lote de actos, unir y foliar.

Este módulo no importa Django a propósito: los procesos hijos que renderizan lotes en paralelo
(`multiprocessing` con `spawn`, que no hereda la conexión a la base de datos del padre) lo importan
solos. Todo lo que necesita datos (HTML de cada acto, membrete) lo arma el padre y llega como texto.

WeasyPrint (~0,7 s al importarse) se importa dentro de las funciones que lo usan: este módulo llega con las
rutas de actos a todo proceso web, y solo el protocolo anual (una tarea rara) renderiza.
"""

from __future__ import annotations

import io
import os
import tempfile
from dataclasses import dataclass

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject

# Prefijo del id HTML de cada acto dentro de un lote; la página donde aparece primero es donde empieza.
PREFIJO_ANCLA = "acto-"


@dataclass
class Lote:
    """Un lote ya renderizado: su PDF temporal y, por acto (id), la página donde empieza y cuántas ocupa."""

    ruta: str
    paginas: int
    inicio: dict[int, int]  # id del acto -> página (0-based) dentro del lote
    largo: dict[int, int]  # id del acto -> páginas que ocupa


def _fetcher_sin_red():
    from weasyprint.urls import URLFetcher  # noqa: PLC0415 - WeasyPrint es pesado y solo lo usa el protocolo anual

    class SoloData(URLFetcher):
        # Sin red y sin disco: el padre incrusta lo que haga falta (logo) como URI data:.
        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            raise ValueError(f"URL no permitida al renderizar el protocolo: {url}")

    return SoloData(allowed_protocols={"data"})


def renderizar_lote(html: str, ids: list[int], directorio: str) -> Lote:
    """Renderiza el HTML de un lote (cada acto en una `<section id="acto-<id>">` que empieza página)
    y escribe el PDF en `directorio`. Las páginas de inicio salen de las anclas de WeasyPrint: la primera
    página donde aparece `acto-<id>` es la de su encabezado.
    """
    from weasyprint import HTML  # noqa: PLC0415 - WeasyPrint es pesado y solo lo usa el protocolo anual

    documento = HTML(string=html, base_url="data:,", url_fetcher=_fetcher_sin_red()).render()
    inicio: dict[int, int] = {}
    for numero, pagina in enumerate(documento.pages):
        for ancla in pagina.anchors:
            if ancla.startswith(PREFIJO_ANCLA):
                inicio.setdefault(int(ancla.removeprefix(PREFIJO_ANCLA)), numero)
    faltan = [i for i in ids if i not in inicio]
    if faltan:
        raise RuntimeError(f"No se halló el comienzo de los actos {faltan} en el lote.")
    total = len(documento.pages)
    ordenados = sorted(ids, key=lambda i: inicio[i])
    largo = {}
    for k, acto_id in enumerate(ordenados):
        fin = inicio[ordenados[k + 1]] if k + 1 < len(ordenados) else total
        largo[acto_id] = fin - inicio[acto_id]
    descriptor, ruta = tempfile.mkstemp(suffix=".pdf", dir=directorio)
    with os.fdopen(descriptor, "wb") as salida:
        documento.write_pdf(salida)
    return Lote(ruta=ruta, paginas=total, inicio=inicio, largo=largo)


def renderizar_pdf(html: str) -> bytes:
    """Un documento corto (portada e índice, certificado de cierre) a PDF."""
    from weasyprint import HTML  # noqa: PLC0415 - WeasyPrint es pesado y solo lo usa el protocolo anual

    return HTML(string=html, base_url="data:,", url_fetcher=_fetcher_sin_red()).write_pdf()


def contar_paginas(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def _fuente_folio(escritor):
    fuente = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
            NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
        }
    )
    return escritor._add_object(fuente)


def _foliar(escritor, pagina, texto: str, fuente) -> None:
    """Añade el folio arriba a la derecha sin tocar el contenido de la página: dos flujos nuevos
    (guardar y restaurar el estado gráfico alrededor del original, y el texto), que no obligan a leer
    ni reescribir el flujo original (mucho más rápido que superponer otra página).
    """
    recursos = pagina.get("/Resources")
    recursos = recursos.get_object() if recursos is not None else DictionaryObject()
    recursos = DictionaryObject(recursos)  # copia: otros PDF pueden compartir el mismo diccionario
    fuentes = recursos.get("/Font")
    fuentes = DictionaryObject(fuentes.get_object()) if fuentes is not None else DictionaryObject()
    fuentes[NameObject("/FolioF")] = fuente
    recursos[NameObject("/Font")] = fuentes
    pagina[NameObject("/Resources")] = recursos

    caja = pagina.mediabox
    x = float(caja.right) - 110
    y = float(caja.top) - 28
    seguro = texto.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    antes = DecodedStreamObject()
    antes.set_data(b"q\n")
    despues = DecodedStreamObject()
    despues.set_data(f"Q\nq BT /FolioF 9 Tf 0.25 g {x:.1f} {y:.1f} Td ({seguro}) Tj ET Q\n".encode("cp1252"))
    contenidos = pagina.get("/Contents")
    actuales = []
    if contenidos is not None:
        objeto = contenidos.get_object()
        actuales = list(objeto) if isinstance(objeto, ArrayObject) else [contenidos]
    pagina[NameObject("/Contents")] = ArrayObject(
        [escritor._add_object(antes), *actuales, escritor._add_object(despues)]
    )


def unir_y_foliar(partes: list, destino: str, *, folio: str = "Folio {n}", avance=None) -> int:
    """Une en orden los PDF de `partes` (rutas o bytes) en `destino`, foliando cada página con el número
    de página del libro. Devuelve el total de páginas. `avance(hechas, total_partes)` informa el progreso.
    """
    escritor = PdfWriter()
    fuente = _fuente_folio(escritor)
    n = 0
    for k, parte in enumerate(partes, start=1):
        lector = PdfReader(io.BytesIO(parte) if isinstance(parte, bytes | bytearray) else parte)
        for pagina in lector.pages:
            agregada = escritor.add_page(pagina)
            n += 1
            _foliar(escritor, agregada, folio.format(n=n), fuente)
        if avance is not None:
            avance(k, len(partes))
    with open(destino, "wb") as salida:
        escritor.write(salida)
    return n
