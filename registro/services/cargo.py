"""El cargo de recepción (TUO Ley 27444, art. 35.2 y 128): número, fecha y hora, quién recibió, folios,
código de seguimiento, vencimiento y un QR a la consulta pública. Solo lee y renderiza; no cambia nada.
"""

from __future__ import annotations

import segno
from django.conf import settings

from core.rendering import render_pdf
from registro.models import Documento
from registro.selectors.subsanacion import subsanacion_de


def url_consulta(documento: Documento) -> str:
    """La dirección pública del seguimiento del documento (la abre el QR del cargo)."""
    return f"{settings.SITE_URL}/consulta/{documento.codigo_seguimiento}/"


def qr_data_uri(texto: str) -> str:
    """El QR de `texto` como imagen SVG en una URI `data:` (se incrusta; nada se pide por red)."""
    return segno.make(texto, error="m").svg_data_uri(scale=4, border=2)


def contexto_cargo(documento: Documento) -> dict:
    url = url_consulta(documento)
    return {
        "documento": documento,
        "url_consulta": url,
        "qr": qr_data_uri(url),
        "titulo": f"Cargo de recepción {documento.numero_texto}",
        # El plazo para subsanar y qué pasa si no se subsana son del perfil (PE: no presentado; CO: desistimiento).
        "subsanacion": subsanacion_de(documento) if documento.estado == Documento.Estado.OBSERVADO else None,
    }


def cargo_pdf(documento: Documento) -> bytes:
    """El PDF del cargo de recepción de un documento de entrada ya registrado."""
    return render_pdf("registro/cargo.html", contexto_cargo(documento))
