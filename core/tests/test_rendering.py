import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document
from PIL import Image
from pypdf import PdfReader

from core.rendering import BASE_URL, _fetcher, render_docx, render_pdf


def texto_pdf(datos: bytes) -> tuple[int, str]:
    lector = PdfReader(io.BytesIO(datos))
    return len(lector.pages), "\n".join(p.extract_text() for p in lector.pages)


def test_pdf_con_membrete_y_una_pagina(municipio):
    municipio.direccion = "Av. Los Próceres 123, Villa Esperanza"
    municipio.save()
    datos = render_pdf(
        "documentos/generico.html", {"titulo": "Constancia de recepción", "parrafos": ["Se deja constancia."]}
    )
    assert datos.startswith(b"%PDF-")
    paginas, texto = texto_pdf(datos)
    assert paginas == 1
    assert "Villa Esperanza" in texto
    assert "MUNICIPALIDAD DISTRITAL DE VILLA ESPERANZA" in texto  # el membrete va en mayúsculas
    assert "Av. Los Próceres 123" in texto
    assert "Constancia de recepción" in texto
    assert "Página 1 de 1" in texto


def test_pdf_de_dos_paginas_numera_x_de_y(municipio):
    parrafos = [
        f"Párrafo número {i} del acta, con texto suficiente para ocupar una línea entera." for i in range(45)
    ]
    paginas, texto = texto_pdf(
        render_pdf("documentos/generico.html", {"titulo": "Acta", "parrafos": parrafos})
    )
    assert paginas == 2
    assert "Página 1 de 2" in texto
    assert "Página 2 de 2" in texto
    assert "Párrafo número 44" in texto


def test_pdf_escapa_el_contexto(municipio):
    _, texto = texto_pdf(
        render_pdf("documentos/generico.html", {"titulo": "<b>Asunto & Cía</b>", "parrafos": []})
    )
    assert "<b>Asunto & Cía</b>" in texto


def test_pdf_con_municipio_explicito_y_logo_local(settings, tmp_path, municipio):
    settings.MEDIA_ROOT = tmp_path
    salida = io.BytesIO()
    Image.new("RGB", (40, 40), (20, 60, 120)).save(salida, format="PNG")
    municipio.logo.save("logo.png", SimpleUploadedFile("logo.png", salida.getvalue()))
    datos = render_pdf(
        "documentos/generico.html", {"titulo": "Con logo", "parrafos": []}, municipio=municipio
    )
    lector = PdfReader(io.BytesIO(datos))
    imagenes = lector.pages[0].images
    assert len(imagenes) == 1


def test_fetcher_no_usa_la_red():
    fetcher = _fetcher()
    for url in (
        "https://ejemplo.com/logo.png",
        "http://127.0.0.1/x.css",
        "file:///etc/passwd",
        f"{BASE_URL}otra/ruta",
        f"{BASE_URL}static/../../etc/passwd",
    ):
        with pytest.raises(ValueError):
            fetcher(url)
    respuesta = fetcher(f"{BASE_URL}static/core/secretaria.css")
    assert respuesta.read()


def test_docx_contiene_los_valores(municipio):
    datos = render_docx(
        "base.docx",
        {
            "titulo": "Resolución de Alcaldía Nº 012-2026-MDVE",
            "parrafos": ["Visto el expediente 2026-000123;", "SE RESUELVE: aprobar & publicar <hoy>."],
            "firmante": "Ana Quispe Mamani",
            "cargo_firmante": "Secretaria General",
        },
    )
    doc = Document(io.BytesIO(datos))
    cuerpo = "\n".join(p.text for p in doc.paragraphs)
    assert "Resolución de Alcaldía Nº 012-2026-MDVE" in cuerpo
    assert "Visto el expediente 2026-000123;" in cuerpo
    assert "SE RESUELVE: aprobar & publicar <hoy>." in cuerpo
    assert "Ana Quispe Mamani" in cuerpo
    assert "{{" not in cuerpo and "{%" not in cuerpo
    cabecera = "\n".join(p.text for p in doc.sections[0].header.paragraphs)
    assert "MUNICIPALIDAD DISTRITAL DE VILLA ESPERANZA" in cabecera


def test_docx_plantilla_inexistente_o_fuera_de_la_carpeta(municipio):
    with pytest.raises(FileNotFoundError):
        render_docx("no-existe.docx", {})
    with pytest.raises(FileNotFoundError):
        render_docx("../../pyproject.toml", {})
