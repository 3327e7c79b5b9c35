"""De punta a punta en Chromium: solicitud en ventanilla → pago → emisión → abrir la URL del QR →
la verificación pública la muestra. Y la demo trae certificados para la API."""

import io
import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from certificaciones.models import Certificado
from core.demo import CLAVE_DEMO
from core.tests.navegador import ingresar

pytestmark = pytest.mark.browser


@pytest.fixture
def demo(transactional_db, claves_rapidas):
    """El núcleo de la demo y la parte de certificaciones (sin las demás áreas: sus cargadores no hacen
    falta aquí y así esta prueba no depende de ellos)."""
    from certificaciones.demo import cargar
    from core.demo import _cargar_nucleo

    municipio = _cargar_nucleo()
    cargar(municipio)
    return municipio


def test_solicitud_pago_emision_y_verificacion_por_qr(pagina, demo, tmp_path):
    from certificaciones.tests.conftest import pdf_de_prueba

    original = tmp_path / "resolucion.pdf"
    original.write_bytes(pdf_de_prueba(2))
    ingresar(pagina, "secretario", CLAVE_DEMO)
    pagina.goto("/certificaciones/solicitudes/nueva/")
    pagina.get_by_label("Tipo de certificación").select_option("copia")
    pagina.get_by_label("Solicitante: número de DNI, RUC u otro documento").fill("45871236")
    pagina.get_by_label("Qué se certifica").fill("Resolución de Alcaldía Nº 020-2026-MDVE")
    pagina.get_by_label("…o el PDF del original (escaneado del archivo)").set_input_files(str(original))
    pagina.get_by_label("Derecho (tarifario)").select_option(
        label="Copia certificada de documento del archivo (5.20)"
    )
    pagina.get_by_role("button", name="Recibir la solicitud").click()
    expect(pagina.locator("[data-estado]")).to_have_text("Por pagar")

    pagina.get_by_label("Número de recibo").fill("B001-009999")
    pagina.get_by_label("Monto pagado").fill("5.20")
    pagina.get_by_role("button", name="Registrar pago").click()
    expect(pagina.locator("[data-estado]")).to_have_text("Lista para emitir")

    pagina.get_by_role("button", name="Emitir y firmar").click()
    expect(pagina.get_by_role("heading", level=1)).to_contain_text("CERTIFICACIÓN Nº 003-")
    codigo = pagina.locator("[data-codigo]").get_attribute("data-codigo")
    certificado = Certificado.objects.get(codigo=codigo)

    # La URL que lleva el QR de la hoja de certificación (la del PDF firmado), abierta sin sesión.
    with certificado.pdf.archivo.open("rb") as f:
        hoja = " ".join(PdfReader(io.BytesIO(f.read())).pages[-1].extract_text().split())
    url_qr = re.search(r"(https?://\S+/verificar/\S+/)", hoja.replace(" ", "")).group(1)
    assert url_qr.endswith(f"/verificar/{codigo}/")
    pagina.context.clear_cookies()
    # SITE_URL apunta al servidor de la instalación; en la prueba se abre la misma ruta en el servidor vivo.
    pagina.goto(urlsplit(url_qr).path)
    expect(pagina.locator("[data-estado]")).to_have_attribute("data-estado", "vigente")
    expect(pagina.locator("[data-numero]")).to_have_text(certificado.numero_texto)
    expect(pagina.locator("[data-sha256]")).to_have_text(certificado.sha256)
    expect(pagina.locator("[data-tipo]")).to_have_text("Copia certificada de documento")


def test_la_demo_tiene_certificados_en_la_api(client, demo):
    from core.models import Usuario

    client.force_login(Usuario.objects.get(username="secretario"))
    datos = client.get("/api/v1/certificaciones/").json()
    assert datos["count"] >= 2 and all(len(c["codigo"]) == 20 for c in datos["results"])
    assert {c["tipo"] for c in datos["results"]} >= {"ordenanza", "constancia"}
