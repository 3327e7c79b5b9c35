"""El acto como documento: su cuerpo en HTML (para imprimir y para el protocolo), el PDF con membrete y el
DOCX editable. Lo usan las páginas, la API, la firma (PDF guardado con SHA-256) y el protocolo anual.
"""

from __future__ import annotations

import io

from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone

from actos.models import Acto, FirmaActo
from actos.selectors.instrumentos import nombre_de_tipo
from core.models import Municipio
from core.rendering import render_pdf

GRUPOS = {
    "considerando": "CONSIDERANDO:",
    "transitoria": "DISPOSICIONES TRANSITORIAS",
    "complementaria": "DISPOSICIONES COMPLEMENTARIAS",
    "final": "DISPOSICIONES FINALES",
    "derogatoria": "DISPOSICIONES DEROGATORIAS",
}


def _contexto(acto: Acto) -> dict:
    partes = list(acto.partes.all())
    vistos = set()
    for p in partes:
        p.rotulo = _rotulo(p)  # type: ignore[attr-defined]  # un dato más para la plantilla, no un campo
        # Encabezado de grupo en la primera disposición de cada clase («DISPOSICIONES FINALES»).
        p.grupo = GRUPOS.get(p.tipo, "") if p.tipo not in vistos else ""  # type: ignore[attr-defined]  # ídem: para la plantilla
        vistos.add(p.tipo)
    return {
        "acto": acto,
        "nombre_tipo": nombre_de_tipo(acto.tipo),
        "preambulo": [p for p in partes if p.tipo in ("visto", "considerando")],
        "formula": [p for p in partes if p.tipo == "formula"],
        "cuerpo": [p for p in partes if p.tipo not in ("visto", "considerando", "formula")],
        "fecha_firma": timezone.localtime(acto.firmado_en) if acto.firmado_en else None,
        "da_fe": _da_fe(acto) if acto.refrendado_por_id else "",
        "firmas": firmas_impresas(acto),
    }


def firmas_precargadas() -> Prefetch:
    """Para quien imprime muchos actos (el protocolo anual): sus firmas en una sola consulta, con el titular
    del encargo, en el orden en que se imprimen."""
    return Prefetch(
        "firmas", queryset=FirmaActo.objects.select_related("por_encargo_de").order_by("orden", "pk")
    )


def _firmas_en_orden(acto: Acto):
    if "firmas" in getattr(acto, "_prefetched_objects_cache", {}):
        return acto.firmas.all()  # ya vienen en orden (firmas_precargadas)
    return acto.firmas.select_related("por_encargo_de").order_by("orden", "pk")


def firmas_impresas(acto: Acto) -> list[dict]:
    """El bloque de firmas tal como quedó registrado al firmar (`FirmaActo`, en su orden): nombre, cargo,
    si da fe y, cuando firma por encargo, de quién. Un acto firmado antes de registrar las firmas no tiene
    filas: se imprime entonces el firmante y el «da fe» de texto."""
    if acto.pk is None:
        return []
    filas = []
    for f in _firmas_en_orden(acto):
        titular = f.por_encargo_de
        filas.append(
            {
                "calidad": f.calidad,
                "nombre": f.nombre,
                "cargo": f.cargo_texto,
                "da_fe": f.calidad == f.Calidad.REFRENDA,
                "por_encargo_de": (titular.get_full_name() or titular.username) if titular else "",
            }
        )
    return filas


def lineas_de_firma(firma: dict) -> list[str]:
    """Las líneas impresas de una firma: nombre; cargo (y «da fe»); «Por encargo de …» si lo hay."""
    lineas = [firma["nombre"], firma["cargo"] + (" (da fe)" if firma["da_fe"] else "")]
    if firma["por_encargo_de"]:
        lineas.append(f"Por encargo de {firma['por_encargo_de']}")
    return lineas


def html_de_acto(acto: Acto) -> str:
    """El cuerpo del acto en HTML para imprimir, sin `<html>`: encabezado con el número (o «Proyecto»),
    título, vistos y considerandos, fórmula, artículos y disposiciones, y las firmas si está firmado.
    Cada parte lleva su `id` = eId (`art_3`) para citarla."""
    return render_to_string("actos/nucleo/_cuerpo.html", _contexto(acto))


def pdf_de_acto(acto: Acto) -> bytes:
    """El PDF A4 del acto con el membrete del municipio y «Página X de Y» (WeasyPrint, sin red)."""
    return render_pdf(
        "actos/nucleo/acto_pdf.html", {"cuerpo_html": html_de_acto(acto), "acto": acto, "titulo": str(acto)}
    )


def docx_de_acto(acto: Acto) -> bytes:
    """El acto como documento Word (.docx) editable, con el mismo orden y rótulos que el PDF."""
    # python-docx tarda en importarse (~0,7 s) y solo lo usa la descarga en Word: no se carga al arrancar.
    from docx import Document  # noqa: PLC0415 - biblioteca pesada, solo para exportar a Word
    from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: PLC0415 - biblioteca pesada, solo para exportar a Word

    datos = _contexto(acto)
    municipio = Municipio.objects.actual()
    doc = Document()
    if municipio is not None:
        cabecera = doc.add_paragraph(municipio.nombre.upper())
        cabecera.alignment = WD_ALIGN_PARAGRAPH.CENTER
    titulo = doc.add_heading(acto.numero_texto or f"PROYECTO DE {datos['nombre_tipo'].upper()}", level=1)
    titulo.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if datos["fecha_firma"]:
        fecha = doc.add_paragraph(f"{datos['fecha_firma']:%d/%m/%Y}")
        fecha.alignment = WD_ALIGN_PARAGRAPH.CENTER
    sumilla = doc.add_paragraph(acto.titulo)
    sumilla.runs[0].bold = True
    for parte in datos["preambulo"] + datos["formula"] + datos["cuerpo"]:
        rotulo = parte.rotulo
        if parte.grupo:
            doc.add_paragraph(parte.grupo).runs[0].bold = True
        if parte.tipo == "titulo":
            doc.add_heading(f"{rotulo}. {parte.texto}" if rotulo else parte.texto, level=2)
            continue
        for i, linea in enumerate(x for x in parte.texto.splitlines() if x.strip()):
            p = doc.add_paragraph()
            if i == 0 and rotulo:
                p.add_run(rotulo + " ").bold = True
            p.add_run(linea)
    for firma in datos["firmas"]:
        doc.add_paragraph("")
        doc.add_paragraph("\n".join(lineas_de_firma(firma))).alignment = WD_ALIGN_PARAGRAPH.CENTER
    if acto.firmante and not datos["firmas"]:
        doc.add_paragraph("")
        doc.add_paragraph(acto.firmante).alignment = WD_ALIGN_PARAGRAPH.CENTER
    if acto.refrendado_por_id and not datos["firmas"]:
        doc.add_paragraph(_da_fe(acto)).alignment = WD_ALIGN_PARAGRAPH.CENTER
    salida = io.BytesIO()
    doc.save(salida)
    return salida.getvalue()


def _rotulo(parte) -> str:
    if parte.tipo == "articulo":
        base = f"Artículo {parte.numero}."
        return f"{base} {parte.epigrafe}." if parte.epigrafe else base
    if parte.tipo in ("transitoria", "complementaria", "final", "derogatoria"):
        return f"{parte.numero}.{(' ' + parte.epigrafe + '.') if parte.epigrafe else ''}"
    if parte.tipo == "titulo":
        return f"Título {parte.numero}"
    return ""


def _da_fe(acto: Acto) -> str:
    refrendado = acto.refrendado_por
    if refrendado is None:  # quien llama ya lo mira: sin refrendo no hay «da fe»
        return ""
    quien = refrendado.get_full_name() or refrendado.username
    texto = f"{quien}, Secretario(a) General (da fe)"
    if acto.por_encargo_de is not None:
        titular = acto.por_encargo_de.get_full_name() or acto.por_encargo_de.username
        texto += f", por encargo de {titular}"
    return texto
