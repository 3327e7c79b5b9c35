"""En Chromium, por las páginas: la unidad redacta un decreto (texto por partes con HTMX) y lo envía a
revisión → la Secretaría lo aprueba, lo firma (número) y lo publica → cualquiera lo encuentra en la
búsqueda pública de la normativa y cita su artículo."""

import re

import pytest
from django.utils import timezone

from actos.models import Acto
from core import roles
from core.tests.factories import CLAVE, MunicipioFactory, UnidadFactory, UsuarioFactory
from core.tests.navegador import ingresar

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_redactar_firmar_publicar_y_encontrar(pagina, claves_rapidas):
    MunicipioFactory()
    gdu = UnidadFactory(sigla="GDU", nombre="Gerencia de Desarrollo Urbano")
    UsuarioFactory(username="jefe", unidad=gdu, roles=[roles.JEFE])
    UsuarioFactory(
        username="secretario",
        first_name="Rosa",
        last_name="Quispe",
        unidad=UnidadFactory(sigla="SG", nombre="Secretaría General"),
        roles=[roles.SECRETARIO],
    )

    # La unidad redacta.
    ingresar(pagina, "jefe", CLAVE)
    pagina.goto("/actos/nuevo/")
    pagina.get_by_label("Tipo de acto").select_option("decreto")
    pagina.get_by_label("Título o sumilla").fill("Decreto que regula los quioscos de periódicos")
    with pagina.expect_navigation():
        pagina.get_by_role("button", name="Crear proyecto").click()
    acto = Acto.objects.get()
    pagina.get_by_label("Tipo de parte").select_option("articulo")
    pagina.get_by_label("Texto de la parte").fill(
        "Los quioscos de periódicos requieren autorización municipal."
    )
    pagina.get_by_role("button", name="Añadir").click()
    pagina.locator("[data-parte='art_1']").wait_for()
    pagina.get_by_label("Tipo de parte").select_option("considerando")
    pagina.get_by_label("Texto de la parte").fill("Que, es necesario ordenar el uso de la vía pública;")
    pagina.get_by_role("button", name="Añadir").click()
    pagina.locator("[data-parte='cons_1']").wait_for()
    assert pagina.locator("[data-parte]").evaluate_all("ns => ns.map(n => n.dataset.parte)") == [
        "cons_1",
        "art_1",
    ]
    with pagina.expect_navigation():
        pagina.get_by_role("button", name="Enviar a revisión").click()
    assert pagina.locator("[data-estado]").get_attribute("data-estado") == "en_revision"

    # La Secretaría aprueba, firma y publica.
    pagina.context.clear_cookies()
    ingresar(pagina, "secretario", CLAVE)
    pagina.goto(f"/actos/{acto.pk}/")
    with pagina.expect_navigation():
        pagina.get_by_role("button", name="Aprobar (visar para la firma)").click()
    pagina.get_by_label("Firma (nombre)").fill("Pedro Ramos Salas")
    # La firma genera y guarda el PDF (WeasyPrint): en una máquina cargada tarda más que un clic común.
    with pagina.expect_navigation(timeout=60_000):
        pagina.get_by_role("button", name="Firmar y numerar").click()
    numero = f"DECRETO DE ALCALDÍA Nº 001-{timezone.localdate().year}-MDVE"
    assert pagina.locator("[data-numero]").inner_text() == numero
    with pagina.expect_navigation():
        pagina.get_by_role("button", name="Publicar").click()
    assert pagina.locator("[data-estado]").get_attribute("data-estado") == "publicado"

    # Cualquiera, sin sesión, lo encuentra y cita su artículo.
    pagina.context.clear_cookies()
    pagina.goto("/normativa/")
    pagina.get_by_label("Texto", exact=True).fill("quiosco periodico")
    with pagina.expect_navigation():
        pagina.get_by_role("button", name="Buscar").click()
    resultados = pagina.locator("[data-resultados]")
    assert numero in resultados.inner_text()
    with pagina.expect_navigation():
        resultados.get_by_role("link", name=numero).click()
    assert re.search(rf"/normativa/{acto.pk}/$", pagina.url)
    pagina.goto(f"/normativa/{acto.pk}/#art_1")
    assert "autorización municipal" in pagina.locator("#art_1").inner_text()
