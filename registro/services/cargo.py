"""El cargo de recepción (TUO Ley 27444, art. 35.2 y 128): número, fecha y hora, quién recibió, folios,
código de seguimiento, vencimiento y un QR a la consulta pública. Solo lee y renderiza; no cambia nada.
"""

from __future__ import annotations

import segno
from django.http import HttpRequest

from core.enlaces import url_absoluta
from core.rendering import render_pdf
from registro.models import Documento
from registro.selectors.seguimiento import documento_enmascarado, iniciales
from registro.selectors.subsanacion import subsanacion_de


def url_consulta(documento: Documento, *, request: HttpRequest | None = None) -> str:
    """La dirección pública del seguimiento del documento (la abre el QR del cargo): desde la petición
    si la hay, si no desde `SITE_URL` (`core.enlaces.url_absoluta`)."""
    return url_absoluta(f"/consulta/{documento.codigo_seguimiento}/", request=request)


def qr_data_uri(texto: str) -> str:
    """El QR de `texto` como imagen SVG en una URI `data:` (se incrusta; nada se pide por red)."""
    return segno.make(texto, error="m").svg_data_uri(scale=4, border=2)


def remitente_en_cargo(documento: Documento, *, publico: bool) -> str:
    """Cómo figura el remitente en el cargo: con nombre y documento completos en el que entrega la mesa
    de partes; con iniciales y el documento enmascarado en el que sale por el portal o por correo a una
    dirección que nadie verificó (la misma privacidad que la consulta pública).
    """
    persona = documento.remitente
    if persona is None:
        return "—"
    if publico:
        return f"{iniciales(documento)} ({documento_enmascarado(documento)})"
    return f"{persona.nombre_completo} ({persona.tipo_documento} {persona.numero_documento})"


def contexto_cargo(
    documento: Documento, *, publico: bool = False, request: HttpRequest | None = None
) -> dict:
    url = url_consulta(documento, request=request)
    return {
        "documento": documento,
        "remitente": remitente_en_cargo(documento, publico=publico),
        "url_consulta": url,
        "qr": qr_data_uri(url),
        "titulo": f"Cargo de recepción {documento.numero_texto}",
        # El plazo para subsanar y qué pasa si no se subsana son del perfil (PE: no presentado; CO: desistimiento).
        "subsanacion": subsanacion_de(documento) if documento.estado == Documento.Estado.OBSERVADO else None,
    }


def cargo_pdf(documento: Documento, *, publico: bool = False, request: HttpRequest | None = None) -> bytes:
    """El PDF del cargo de recepción de un documento de entrada ya registrado; `publico` para el que
    se entrega por el portal o por correo (remitente en iniciales, documento enmascarado).
    """
    return render_pdf("registro/cargo.html", contexto_cargo(documento, publico=publico, request=request))
