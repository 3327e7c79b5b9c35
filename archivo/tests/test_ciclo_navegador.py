"""En Chromium, por las páginas: la unidad transfiere un expediente cerrado y el archivo lo acepta en su nueva
ubicación → el archivo presta el expediente y lo entrega → propone la eliminación de lo que cumplió su
retención, registra la aprobación y firma el acta de eliminación."""

import pytest
from django.utils import timezone

from archivo.models import Disposicion, Eliminacion, Expediente, Prestamo, Transferencia
from archivo.tests.factories import cuadro_minimo, expediente_cerrado
from core import roles
from core.tests.factories import CLAVE, MunicipioFactory, UnidadFactory, UsuarioFactory
from core.tests.navegador import ingresar

pytestmark = pytest.mark.browser

SIN_ESPERA = {"gestion": 0, "periferico": 0, "central": 0}


@pytest.mark.django_db(transaction=True)
def test_transferir_prestar_y_eliminar(pagina, claves_rapidas, firma_de_prueba):
    MunicipioFactory()
    gdu = UnidadFactory(sigla="GDU", nombre="Gerencia de Desarrollo Urbano")
    jefe = UsuarioFactory(username="jefe", unidad=gdu, roles=[roles.JEFE])
    archivero = UsuarioFactory(
        username="archivo",
        unidad=UnidadFactory(sigla="UTDA", nombre="Trámite Documentario"),
        roles=[roles.ARCHIVO],
    )
    licencias = cuadro_minimo(unidad=gdu, por=archivero, codigo_serie="GDU-01", plazos=SIN_ESPERA)
    avisos = cuadro_minimo(
        unidad=gdu,
        por=archivero,
        codigo_serie="GDU-02",
        plazos=SIN_ESPERA,
        disposicion=Disposicion.ELIMINACION,
    )
    conservar = expediente_cerrado(serie=licencias, unidad=gdu, por=jefe, titulo="Licencia 7", caja="C-1")
    eliminar = expediente_cerrado(serie=avisos, unidad=gdu, por=jefe, titulo="Avisos 2019")

    # La unidad transfiere solo la licencia.
    ingresar(pagina, "jefe", CLAVE)
    pagina.goto("/archivo/transferencias/por-hacer/")
    pagina.get_by_label(f"Transferir {eliminar.codigo}").uncheck()
    with pagina.expect_navigation():
        pagina.get_by_role("button", name="Preparar y enviar la transferencia").click()
    t = Transferencia.objects.get()
    assert list(t.items.values_list("expediente", flat=True)) == [conservar.pk]

    # El archivo la recibe.
    pagina.context.clear_cookies()
    ingresar(pagina, "archivo", CLAVE)
    pagina.goto(f"/archivo/transferencias/{t.pk}/")
    fila = pagina.locator("form[aria-label='Revisar el n.º 1']")
    fila.get_by_label("Sala o depósito").fill("Depósito 2")
    fila.get_by_label("Caja").fill("P-17")
    with pagina.expect_navigation():
        fila.get_by_role("button", name="Revisar").click()
    assert pagina.locator("[data-estado]").get_attribute("data-estado") == "recibida"
    conservar.refresh_from_db()
    assert (conservar.etapa, conservar.sala, conservar.caja) == ("periferico", "Depósito 2", "P-17")

    # Un préstamo: se pide desde el expediente y se entrega.
    pagina.goto(f"/archivo/expedientes/{conservar.pk}/")
    assert pagina.locator("[data-historial-etapas]").inner_text().count(t.numero) == 1
    pedido = pagina.locator(f"form[action='/archivo/expedientes/{conservar.pk}/prestamo/']")
    pagina.get_by_text("Pedir en préstamo o para consulta").click()
    pedido.get_by_label("Motivo").fill("Informe a la contraloría")
    with pagina.expect_navigation():
        pedido.get_by_role("button", name="Pedir").click()
    with pagina.expect_navigation():
        pagina.get_by_role("button", name="Entregar").click()
    p = Prestamo.objects.get()
    assert p.estado == "entregado" and p.vence > timezone.localdate()
    assert pagina.locator(f"[data-prestamo='{p.pk}']").get_attribute("data-estado") == "entregado"

    # La eliminación de lo que cumplió su retención, aprobada y con su acta firmada.
    pagina.goto("/archivo/eliminacion/")
    with pagina.expect_navigation():
        pagina.get_by_role("button", name="Generar la propuesta").click()
    e = Eliminacion.objects.get()
    assert list(e.items.values_list("codigo", flat=True)) == [eliminar.codigo]
    pagina.get_by_label("Acto de aprobación").fill("Resolución jefatural 012-2026-AGN/J")
    pagina.get_by_label("Fecha del acto").fill(timezone.localdate().isoformat())
    with pagina.expect_navigation():
        pagina.get_by_role("button", name="Registrar la aprobación").click()
    pagina.get_by_label("Volumen en metros lineales").fill("0,05")
    with pagina.expect_navigation():
        pagina.get_by_role("button", name="Eliminar y firmar el acta").click()
    assert pagina.locator("[data-estado]").get_attribute("data-estado") == "ejecutada"
    assert Expediente.objects.get(pk=eliminar.pk).estado == "eliminado"
    e.refresh_from_db()
    assert e.acta is not None and pagina.get_by_role("link", name="PDF firmado").is_visible()
