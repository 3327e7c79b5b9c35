"""El camino del ciudadano en Chromium real: presenta en línea con un adjunto, ve su número y su código,
abre la consulta pública y ve «Registrado»."""

import io

import pytest
from pypdf import PdfWriter

from core.tests.factories import MunicipioFactory, UnidadFactory
from registro.models import Documento

pytestmark = pytest.mark.browser


@pytest.fixture
def municipio_vivo(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    # Una persona tarda más que esto; el robot de la prueba, no: sin tiempo mínimo aquí.
    settings.PORTAL_TIEMPO_MINIMO_SEGUNDOS = 0
    municipio = MunicipioFactory()
    UnidadFactory(sigla="UTDA", nombre="Unidad de Trámite Documentario y Archivo")
    return municipio


def _pdf(ruta) -> str:
    escritor = PdfWriter()
    escritor.add_blank_page(width=200, height=200)
    salida = io.BytesIO()
    escritor.write(salida)
    ruta.write_bytes(salida.getvalue())
    return str(ruta)


def test_ciudadano_presenta_en_linea_y_consulta_su_tramite(
    pagina,
    municipio_vivo,
    tmp_path,
    mailoutbox,  # noqa: F811
):
    pagina.goto("/")
    pagina.get_by_role("link", name="Presentar un documento").click()
    pagina.get_by_label("Tipo de documento de identidad").select_option("DNI")
    pagina.get_by_label("Número de documento de identidad").fill("45871236")
    pagina.get_by_label("Nombres", exact=False).first.fill("Juan Carlos")
    pagina.get_by_label("Apellidos").fill("Ramírez Poma")
    pagina.get_by_label("Correo electrónico").fill("juan@ejemplo.pe")
    pagina.get_by_label("Asunto").fill("Solicito constancia de posesión")
    pagina.get_by_label("Número de folios (páginas)").fill("3")
    pagina.get_by_label("Archivos").set_input_files(_pdf(tmp_path / "solicitud.pdf"))
    pagina.get_by_label("Declaro que los datos consignados son verdaderos", exact=False).check()
    pagina.get_by_role("button", name="Presentar documento").click()
    pagina.get_by_role("heading", name="Su documento fue recibido").wait_for()

    documento = Documento.objects.get()
    assert documento.canal == Documento.Canal.VIRTUAL
    assert pagina.locator("[data-numero]").inner_text().strip() == documento.numero_texto
    codigo = pagina.locator("[data-codigo]").inner_text().strip()
    assert codigo == documento.codigo_seguimiento
    assert len(mailoutbox) == 1 and codigo in mailoutbox[0].body

    pagina.goto("/consulta/")
    pagina.get_by_label("Código de seguimiento").fill(codigo.lower())
    pagina.get_by_role("button", name="Consultar").click()
    pagina.get_by_role("heading", name="Estado de su trámite").wait_for()
    assert pagina.url.endswith(f"/consulta/{codigo}/")
    assert "Registrado" in pagina.locator("[data-linea-de-tiempo]").inner_text()
    assert "Ramírez" not in pagina.content()
