"""El camino entero en Chromium, por las páginas de las cuatro partes: armar la agenda → convocar →
asistencia → votar → acta → aprobarla en la sesión siguiente → firmar y publicar → verla en el portal."""

from datetime import timedelta

import pytest
from django.utils import timezone

from concejo.models import Acta, Sesion
from concejo.tests.factories import concejo_completo
from core import roles
from core.tests.factories import CLAVE, MunicipioFactory, UnidadFactory, UsuarioFactory
from core.tests.navegador import ingresar

pytestmark = pytest.mark.browser


def _programar(pagina, pleno, cuando, titulo=None):
    """Página «Programar sesión» (antes) y, si hay `titulo`, un punto del orden del día."""
    pagina.goto("/concejo/sesiones/nueva/")
    pagina.get_by_label("Órgano").select_option(str(pleno.pk))
    pagina.get_by_label("Tipo de sesión").select_option("ordinaria")
    pagina.get_by_label("Fecha y hora").fill(timezone.localtime(cuando).strftime("%Y-%m-%dT%H:%M"))
    pagina.get_by_label("Lugar").fill("Salón consistorial")
    with pagina.expect_navigation():
        pagina.get_by_role("button", name="Guardar").click()
    sesion = Sesion.objects.filter(organo=pleno).latest("creada")
    if titulo:
        pagina.get_by_role("link", name="Agregar punto").click()
        pagina.get_by_label("Sección").select_option("orden_del_dia")
        pagina.get_by_label("Título").fill(titulo)
        with pagina.expect_navigation():
            pagina.get_by_role("button", name="Guardar").click()
    return sesion


def _congelar_y_convocar(pagina, sesion):
    pagina.goto(f"/concejo/sesiones/{sesion.pk}/")
    with pagina.expect_navigation():
        pagina.get_by_role("button", name="Congelar agenda").click()
    pagina.goto(f"/concejo/sesiones/{sesion.pk}/convocar/")
    aviso = pagina.get_by_label("Convocar de todos modos, fuera del plazo de aviso")
    if aviso.count():
        aviso.check()
    with pagina.expect_navigation():
        pagina.get_by_role("button", name="Convocar y enviar citaciones").click()
    sesion.refresh_from_db()
    assert sesion.estado == Sesion.Estado.CONVOCADA


def _celebrar(pagina, sesion, presentes: int):
    """Pantalla en vivo (durante): marca presentes, instala, pone en debate el primer punto, vota nominal
    (todos a favor), cierra, confirma y levanta la sesión."""
    pagina.goto(f"/concejo/sesiones/{sesion.pk}/en-vivo/")
    for i in range(presentes):
        fila = pagina.locator("[data-asistencia] [data-miembro]").nth(i)
        fila.locator("[data-marcar=presente]").click()
        pagina.locator("[data-asistencia] [data-miembro]").nth(i).and_(
            pagina.locator("[data-asistencia-estado=presente]")
        ).wait_for()
    pagina.locator("[data-quorum=si]").wait_for()
    pagina.locator("[data-accion=instalar]").click()
    pagina.locator("[data-tablero][data-estado=instalada]").wait_for()
    pagina.locator("[data-tomar]").first.click()
    pagina.locator("[data-punto-actual]").wait_for()
    pagina.locator("[data-accion=abrir-votacion]").click()
    pagina.locator("#votacion[data-votacion]:not([hidden])").wait_for()
    # El alcalde (Perú) solo tiene voto dirimente: votan los que tienen botones.
    votantes = pagina.locator("[data-votante]:has([data-votar])").count()
    for i in range(votantes):
        pagina.locator("[data-votante]:has([data-votar])").nth(i).locator("[data-votar=a_favor]").click()
        pagina.locator("[data-votante][data-sentido=a_favor]").nth(i).wait_for()
    pagina.locator("[data-accion=cerrar-votacion]").click()
    pagina.locator("[data-accion=confirmar-votacion]").click()
    pagina.locator("[data-votacion-confirmada]").first.wait_for()
    pagina.locator("[data-accion=levantar]").click()
    pagina.locator("[data-tablero][data-estado=levantada]").wait_for()
    return votantes


@pytest.fixture
def pleno(transactional_db, claves_rapidas):
    """Municipio, Secretaria General y un concejo de alcalde y 5 regidores (confirmados para el servidor).
    No usa la demostración entera: esta prueba arma sus propias sesiones de principio a fin."""
    MunicipioFactory()
    UsuarioFactory(
        username="secretario",
        first_name="Rosa",
        last_name="Quispe",
        roles=[roles.SECRETARIO],
        unidad=UnidadFactory(sigla="SG", nombre="Secretaría General"),
    )
    return concejo_completo(regidores=5)


def test_de_la_agenda_al_acta_publicada(pagina, pleno):
    pagina.on("dialog", lambda dialogo: dialogo.accept())
    presentes = pleno.periodo.miembros.count()
    ahora = timezone.now()
    ingresar(pagina, "secretario", CLAVE)

    # 1. Antes: agenda y convocatoria de la sesión A.
    sesion_a = _programar(pagina, pleno, ahora + timedelta(hours=1), "Ordenanza de áreas verdes")
    _congelar_y_convocar(pagina, sesion_a)

    # 2. Durante: asistencia, quórum, votación nominal confirmada, levantar.
    votantes = _celebrar(pagina, sesion_a, presentes)
    sesion_a.refresh_from_db()
    assert sesion_a.estado == Sesion.Estado.LEVANTADA

    # 3. Después: el borrador del acta, generado del registro, editado en la web.
    pagina.goto(f"/concejo/sesiones/{sesion_a.pk}/acta/")
    with pagina.expect_navigation():
        pagina.locator("[data-generar-acta]").click()
    assert "Ordenanza de áreas verdes" in pagina.locator("#vista-previa").inner_text()
    editor = pagina.get_by_label("Texto del acta (HTML simple)")
    editor.fill(editor.input_value() + "\n<p>Constancia agregada por la Secretaría.</p>")
    pagina.get_by_role("button", name="Vista previa").click()
    pagina.locator("#vista-previa", has_text="Constancia agregada por la Secretaría.").wait_for()
    with pagina.expect_navigation():
        pagina.get_by_role("button", name="Guardar borrador").click()
    pagina.get_by_text("Se guardó el borrador del acta.").wait_for()
    acta = Acta.objects.get(sesion=sesion_a)
    assert acta.version == 2 and "Constancia agregada" in acta.texto

    # 4. La sesión B, posterior, aprueba el acta con su propio punto de agenda.
    sesion_b = _programar(pagina, pleno, ahora + timedelta(hours=3))
    pagina.goto(f"/concejo/sesiones/{sesion_b.pk}/")
    with pagina.expect_navigation():
        pagina.get_by_role(
            "button", name=f"Agregar aprobación del acta de la sesión Nº {sesion_a.numero}-"
        ).click()
    _congelar_y_convocar(pagina, sesion_b)
    _celebrar(pagina, sesion_b, presentes)
    acta.refresh_from_db()
    assert acta.estado == Acta.Estado.APROBADA and acta.aprobada_en == sesion_b

    # 5. Firmar y publicar; ya no se edita.
    pagina.goto(f"/concejo/sesiones/{sesion_a.pk}/acta/")
    assert pagina.get_by_role("button", name="Guardar borrador").count() == 0
    with pagina.expect_navigation():
        pagina.locator("[data-firmar-acta]").click()
    with pagina.expect_navigation():
        pagina.locator("[data-publicar-acta]").click()
    acta.refresh_from_db()
    assert acta.estado == Acta.Estado.PUBLICADA and len(acta.sha256) == 64

    # 6. Portal, sin ingresar: la sesión con el voto de cada miembro y el acta con su PDF.
    pagina.goto("about:blank")
    pagina.context.clear_cookies()
    pagina.goto(f"/concejo/realizadas/{sesion_a.pk}/")
    votos = pagina.locator("[data-votacion] tbody tr")
    assert votos.count() == votantes > 0
    pagina.get_by_role("link", name="Leer el acta").click()
    pagina.get_by_text("Constancia agregada por la Secretaría.").wait_for()
    respuesta = pagina.request.get(f"/concejo/realizadas/{sesion_a.pk}/acta.pdf")
    assert respuesta.status == 200 and respuesta.headers["content-type"] == "application/pdf"
