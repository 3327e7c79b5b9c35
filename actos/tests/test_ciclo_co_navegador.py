"""En Chromium, un acuerdo municipal de Colombia de la propuesta a la publicación por las etapas de su ley:
proyecto → revisión → aprobado por el concejo → firmado por el presidente del concejo y su secretario (Ley 136
arts. 28 y 37; número) → la publicación
se rechaza mientras espera la sanción (Ley 136 art. 78: 5 días hábiles hasta 20 artículos) → el alcalde
sanciona → publicado, con el PDF firmado digitalmente que /verificar/ reconoce."""

import pytest
from django.utils import timezone

from actos.models import Acto, FirmaActo, Sancion
from core import roles
from core.tests.factories import CLAVE, MunicipioFactory, UnidadFactory, UsuarioFactory
from core.tests.navegador import ingresar

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_acuerdo_co_de_la_propuesta_a_la_publicacion(pagina, claves_rapidas):
    MunicipioFactory(perfil="CO")
    UsuarioFactory(
        username="secretario",
        first_name="Rosa",
        last_name="Quispe",
        unidad=UnidadFactory(sigla="SG", nombre="Secretaría General"),
        roles=[roles.SECRETARIO],
    )
    ingresar(pagina, "secretario", CLAVE)
    pagina.goto("/actos/nuevo/")
    pagina.get_by_label("Tipo de acto").select_option("acuerdo")
    pagina.get_by_label("Título o sumilla").fill("Acuerdo que crea el consejo municipal de cultura")
    with pagina.expect_navigation():
        pagina.get_by_role("button", name="Crear proyecto").click()
    acto = Acto.objects.get()
    pagina.get_by_label("Tipo de parte").select_option("articulo")
    pagina.get_by_label("Texto de la parte").fill("Créase el consejo municipal de cultura.")
    pagina.get_by_role("button", name="Añadir").click()
    pagina.locator("[data-parte='art_1']").wait_for()
    with pagina.expect_navigation():
        pagina.get_by_role("button", name="Enviar a revisión").click()
    pagina.get_by_label("O bien: sesión no registrada en el sistema").fill(
        "Sesión ordinaria del 01/12/2026, segundo debate, 11 votos a favor"
    )
    with pagina.expect_navigation():
        pagina.get_by_role("button", name="Aprobar", exact=True).click()
    assert pagina.locator("[data-estado]").get_attribute("data-estado") == "aprobado"

    # Firma quien ocupa el cargo: la página lo propone; otra persona no.
    propuesta = pagina.locator("[data-propuesta-firmas]").inner_text()
    assert "Gustavo Adolfo Henao Ruiz, Presidente del Concejo Municipal" in propuesta
    pagina.get_by_label("Firma (nombre)").fill("Cualquier persona")
    with pagina.expect_navigation(timeout=60_000):
        pagina.get_by_role("button", name="Firmar y numerar").click()
    assert "no ocupa el cargo de Presidente del Concejo Municipal" in pagina.content()
    pagina.get_by_label("Firma (nombre)").fill("")
    with pagina.expect_navigation(timeout=60_000):
        pagina.get_by_role("button", name="Firmar y numerar").click()
    assert pagina.locator("[data-estado]").get_attribute("data-estado") == "firmado"
    assert (
        pagina.locator("[data-firma-acto='firma']")
        .inner_text()
        .startswith("Gustavo Adolfo Henao Ruiz, Presidente del Concejo Municipal")
    )
    assert FirmaActo.objects.filter(acto=acto).count() == 2

    # Espera la sanción: se ve el vencimiento y no se publica.
    etapa = Sancion.objects.get(acto=acto)
    assert pagina.locator("[data-vence]").inner_text() == f"{etapa.vence:%d/%m/%Y}"
    with pagina.expect_navigation():
        pagina.get_by_role("button", name="Publicar").click()
    assert "No se publica antes de terminar la etapa de sanción" in pagina.content()
    pagina.goto("/actos/por-sancionar/")
    assert acto.titulo[:40] in pagina.locator("[data-por-sancionar]").inner_text()

    # El alcalde sanciona; luego se publica.
    pagina.goto(f"/actos/{acto.pk}/")
    pagina.get_by_label("Decisión").select_option("sancionar")
    with pagina.expect_navigation():
        pagina.get_by_role("button", name="Registrar", exact=True).click()
    assert pagina.locator("[data-etapa-sancion]").get_attribute("data-etapa-sancion") == "sancionado"
    pagina.get_by_label("Medio de publicación").fill("Gaceta municipal")
    with pagina.expect_navigation():
        pagina.get_by_role("button", name="Publicar").click()
    assert pagina.locator("[data-estado]").get_attribute("data-estado") == "publicado"
    acto.refresh_from_db()
    assert acto.vigente_desde == timezone.localdate() and acto.pdf_pades

    # El público ve el PDF firmado digitalmente.
    pagina.context.clear_cookies()
    pagina.goto(f"/normativa/{acto.pk}/")
    assert "PDF firmado digitalmente" in pagina.content()
