"""La búsqueda global en Chromium real: la caja de la cabecera lleva a la página de resultados, con las
palabras resaltadas y el filtro por tipo (HTMX). Con la demostración cargada."""

import os

import pytest

from core.demo import CLAVE_DEMO
from core.tests.navegador import ingresar

pytestmark = pytest.mark.browser


def test_buscar_desde_la_cabecera_y_filtrar(pagina, demo, tmp_path):
    ingresar(pagina, "secretario", CLAVE_DEMO)
    pagina.goto("/registro/bandeja/")
    pagina.locator("[data-buscar-icono]").click()
    caja = pagina.get_by_label("Palabras a buscar en documentos, actos y actas")
    caja.wait_for()
    assert pagina.evaluate("document.activeElement.id") == "buscar-cabecera"
    pagina.keyboard.type("licencias")
    pagina.keyboard.press("Enter")
    pagina.wait_for_url("**/buscar/?q=licencias")
    resultados = pagina.locator("[data-resultado]")
    resultados.first.wait_for()
    assert resultados.count() >= 1
    assert pagina.locator("[data-resultado] mark").count() >= 1
    assert pagina.title().startswith("Buscar «licencias»")
    pagina.screenshot(path=os.environ.get("CAPTURA_BUSCAR", str(tmp_path / "buscar.png")), full_page=True)

    # Solo documentos del registro, sin recargar la página (HTMX reemplaza los resultados).
    filtros = pagina.get_by_role("search", name="Búsqueda con filtros")
    filtros.get_by_label("Tipo").select_option(label="Documento del registro")
    filtros.get_by_role("button", name="Buscar").click()
    pagina.wait_for_url("**tipo=documento**")
    resultados.first.wait_for()
    tipos = {resultados.nth(i).get_attribute("data-tipo") for i in range(resultados.count())}
    assert tipos == {"documento"}

    # La página vacía deja el cursor en su caja.
    pagina.goto("/buscar/")
    assert pagina.evaluate("document.activeElement.name") == "q"
    filtros = pagina.get_by_role("search", name="Búsqueda con filtros")

    # Una consulta mala dice por qué, en español.
    filtros.get_by_label("Palabras a buscar").fill("a")
    filtros.get_by_role("button", name="Buscar").click()
    pagina.get_by_text("Escriba al menos una palabra de dos letras o más para buscar.").first.wait_for()
