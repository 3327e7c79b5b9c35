"""Issue 14, punto 1, en Chromium real: el jefe edita la respuesta (oficio) y pulsa «Firmar y numerar»
sin guardar; se le pide confirmar mostrando el número que tomará y el PDF firmado lleva lo editado.
Con el marcador de la plantilla («[Escriba aquí la respuesta.]») la firma se rechaza y nada se numera."""

import pytest

from core.demo import CLAVE_DEMO
from core.models import Usuario
from core.tests.navegador import ingresar
from core.tests.pdf import texto_pdf
from registro.models import Documento
from registro.services.flujo import derivar
from registro.tests.factories import DocumentoFactory

pytestmark = pytest.mark.browser

RESPUESTA = "Se le otorga la licencia de edificación solicitada, con vigencia de treinta y seis meses."


def _respuesta_en_borrador(pagina, entrada) -> Documento:
    pagina.goto(f"/registro/documentos/{entrada.pk}/responder/")
    with pagina.expect_navigation():
        pagina.get_by_role("button", name="Crear borrador").click()
    borrador = Documento.objects.get(respuesta_a=entrada)
    assert "[Escriba aquí la respuesta.]" in borrador.cuerpo
    return borrador


def test_firmar_firma_lo_que_esta_en_pantalla_y_rechaza_el_marcador(pagina, demo):
    mesa = Usuario.objects.get(username="mesa")
    jefe = Usuario.objects.get(username="jefe")
    entradas = [DocumentoFactory(por=mesa, asunto=f"Solicito licencia de edificación {i}") for i in (1, 2)]
    for entrada in entradas:
        derivar(documento=entrada, a_unidad=jefe.unidad, por=mesa)
    ingresar(pagina, "jefe", CLAVE_DEMO)

    # 1. Con el marcador de la plantilla no se firma: vuelve al editor con el error, nada numerado.
    borrador = _respuesta_en_borrador(pagina, entradas[0])
    with pagina.expect_navigation():
        pagina.get_by_role("button", name="Firmar y numerar").click()
    pagina.get_by_text("marcador de la plantilla").first.wait_for()
    borrador.refresh_from_db()
    assert borrador.estado == Documento.Estado.BORRADOR and borrador.numero_id is None

    # 2. Edita el texto y pulsa «Firmar y numerar» sin «Guardar borrador».
    borrador = _respuesta_en_borrador(pagina, entradas[1])
    texto = pagina.get_by_label("Texto")
    texto.fill(texto.input_value().replace("[Escriba aquí la respuesta.]", RESPUESTA))
    with pagina.expect_navigation():
        pagina.get_by_role("button", name="Firmar y numerar").click()
    confirmacion = pagina.locator("[data-confirmacion-firma]").inner_text()
    assert "Se firmará y tomará el número OFICIO Nº" in confirmacion
    borrador.refresh_from_db()
    assert borrador.estado == Documento.Estado.BORRADOR and RESPUESTA not in borrador.cuerpo
    with pagina.expect_navigation():
        pagina.get_by_role("button", name="Sí, firmar y numerar").click()
    pagina.get_by_text("Se firmó y numeró").wait_for()
    borrador.refresh_from_db()
    assert borrador.numero_texto and f"el número {borrador.numero_texto}" in confirmacion
    pdf = texto_pdf(borrador.pdf.archivo.open("rb").read())
    assert RESPUESTA in pdf and "[Escriba" not in pdf
    entradas[1].refresh_from_db()
    assert entradas[1].estado == Documento.Estado.ATENDIDO
