#!/usr/bin/env python3
"""Genera las plantillas Word base de core/plantillas_docx/ (se ejecuta una vez y se versiona el .docx).

    .venv/bin/python scripts/generar_plantillas_docx.py

Las plantillas usan la sintaxis de docxtpl (Jinja2): {{ variable }} y, para repetir párrafos,
{%p for ... %} ... {%p endfor %} en párrafos propios. Quien quiera otro diseño puede abrir el .docx
en Word o LibreOffice, editarlo conservando las etiquetas, y guardarlo encima.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

DESTINO = Path(__file__).resolve().parent.parent / "core" / "plantillas_docx"


def _campo(parrafo, instruccion: str) -> None:
    """Inserta un campo de Word (PAGE, NUMPAGES) que el procesador de textos calcula al abrir."""
    run = parrafo.add_run()
    inicio = OxmlElement("w:fldChar")
    inicio.set(qn("w:fldCharType"), "begin")
    texto = OxmlElement("w:instrText")
    texto.set(qn("xml:space"), "preserve")
    texto.text = instruccion
    fin = OxmlElement("w:fldChar")
    fin.set(qn("w:fldCharType"), "end")
    run._r.append(inicio)
    run._r.append(texto)
    run._r.append(fin)


def base() -> Document:
    doc = Document()
    seccion = doc.sections[0]
    seccion.page_height, seccion.page_width = Cm(29.7), Cm(21.0)  # A4
    seccion.top_margin = seccion.bottom_margin = Cm(2.5)
    seccion.left_margin, seccion.right_margin = Cm(2.5), Cm(2.0)
    estilo = doc.styles["Normal"]
    estilo.font.name = "DejaVu Serif"
    estilo.font.size = Pt(11)

    membrete = seccion.header.paragraphs[0]
    membrete.alignment = WD_ALIGN_PARAGRAPH.CENTER
    nombre = membrete.add_run("{{ municipio.nombre|upper }}")
    nombre.bold = True
    nombre.font.size = Pt(13)
    direccion = seccion.header.add_paragraph("{{ municipio.direccion }}")
    direccion.alignment = WD_ALIGN_PARAGRAPH.CENTER
    direccion.runs[0].font.size = Pt(8.5)

    pie = seccion.footer.paragraphs[0]
    pie.alignment = WD_ALIGN_PARAGRAPH.CENTER
    pie.add_run("Página ")
    _campo(pie, "PAGE")
    pie.add_run(" de ")
    _campo(pie, "NUMPAGES")

    titulo = doc.add_paragraph()
    titulo.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = titulo.add_run("{{ titulo }}")
    run.bold = True
    run.font.size = Pt(14)
    doc.add_paragraph("{%p for parrafo in parrafos %}")
    cuerpo = doc.add_paragraph("{{ parrafo }}")
    cuerpo.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    doc.add_paragraph("{%p endfor %}")
    firma = doc.add_paragraph("{{ firmante }}")
    firma.alignment = WD_ALIGN_PARAGRAPH.CENTER
    cargo = doc.add_paragraph("{{ cargo_firmante }}")
    cargo.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return doc


def main() -> None:
    DESTINO.mkdir(parents=True, exist_ok=True)
    ruta = DESTINO / "base.docx"
    base().save(ruta)
    print(ruta)


if __name__ == "__main__":
    main()
