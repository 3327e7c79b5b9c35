"""El cuadro de clasificación y la tabla de retención por sus páginas: crear niveles, versiones de retención
que no reescriben el pasado, y los expedientes que guardan su versión."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from archivo.models import NodoCuadro, Retencion
from archivo.tests.factories import cuadro_minimo, expediente
from core.models import Evento

pytestmark = pytest.mark.django_db


def test_el_archivero_crea_un_nivel_y_queda_auditado(archivero, unidad_sg, cliente_de):
    cuadro_minimo(unidad=unidad_sg, por=archivero)
    seccion = NodoCuadro.objects.get(codigo="SG")
    r = cliente_de(archivero).post(
        reverse("archivo:cuadro"),
        {"nivel": "serie", "codigo": "SG-02", "nombre": "Acuerdos de concejo", "padre": seccion.pk},
    )
    assert r.status_code == 302
    nodo = NodoCuadro.objects.get(codigo="SG-02")
    assert nodo.padre == seccion and nodo.nivel == "serie"
    evento = Evento.objects.filter(accion="archivo.cuadro.crear", objeto_id=str(nodo.pk)).get()
    assert evento.actor == archivero
    pagina = cliente_de(archivero).get(reverse("archivo:cuadro"))
    assert pagina.status_code == 200
    # El nombre del instrumento y de las etapas vienen del perfil del Perú.
    assert "Programa de Control de Documentos Archivísticos" in pagina.content.decode()
    assert "Archivo periférico (años)" in pagina.content.decode()


def test_un_nivel_en_el_lugar_equivocado_se_rechaza_en_espanol(archivero, unidad_sg, cliente_de):
    cuadro_minimo(unidad=unidad_sg, por=archivero)
    seccion = NodoCuadro.objects.get(codigo="SG")
    antes = NodoCuadro.objects.count(), Evento.objects.count()
    r = cliente_de(archivero).post(
        reverse("archivo:cuadro"),
        {"nivel": "subserie", "codigo": "SG-01-01", "nombre": "Actas", "padre": seccion.pk},
    )
    assert r.status_code == 400
    assert "Una subserie depende de una serie, no de una sección." in r.content.decode()
    assert (NodoCuadro.objects.count(), Evento.objects.count()) == antes


def test_quien_solo_ve_el_archivo_no_crea_niveles(regidor, cliente_de):
    r = cliente_de(regidor).post(reverse("archivo:cuadro"), {"nivel": "fondo", "codigo": "X", "nombre": "X"})
    assert r.status_code == 403
    assert not NodoCuadro.objects.exists()
    assert cliente_de(regidor).get(reverse("archivo:cuadro")).status_code == 200


def test_un_ciudadano_no_ve_el_archivo(ciudadano, cliente_de):
    assert cliente_de(ciudadano).get(reverse("archivo:cuadro")).status_code == 403
    assert cliente_de(ciudadano).get(reverse("archivo:expedientes")).status_code == 403


def test_una_version_nueva_no_reescribe_el_pasado(archivero, unidad_sg, cliente_de):
    serie = cuadro_minimo(unidad=unidad_sg, por=archivero)
    exp = expediente(serie=serie, unidad=unidad_sg, por=archivero)
    cliente = cliente_de(archivero)
    url = reverse("archivo:nodo", args=[serie.pk])
    datos = {
        "anios_gestion": 3,
        "anios_periferico": 0,
        "anios_central": 12,
        "disposicion": "seleccion",
        "base_legal": "Ley 27972",
    }
    # Desde una fecha pasada: rechazada, nada cambia.
    pasado = {**datos, "vigente_desde": (timezone.localdate() - timedelta(days=1)).isoformat()}
    r = cliente.post(url, pasado)
    assert r.status_code == 400
    assert "no puede regir desde una fecha pasada" in r.content.decode()
    assert Retencion.objects.filter(nodo=serie).count() == 1
    # Desde mañana: versión 2, auditada; la versión 1 y el expediente quedan como estaban.
    futuro = {**datos, "vigente_desde": (timezone.localdate() + timedelta(days=1)).isoformat()}
    assert cliente.post(url, futuro).status_code == 302
    v1, v2 = Retencion.objects.filter(nodo=serie).order_by("version")
    assert (v2.version, v2.plazos, v2.disposicion) == (
        2,
        {"gestion": 3, "periferico": 0, "central": 12},
        "seleccion",
    )
    assert (v1.plazos, v1.vigente_desde) == ({"gestion": 2, "periferico": 1, "central": 8}, date(2021, 1, 1))
    assert Evento.objects.filter(accion="archivo.retencion.crear", objeto_id=str(v2.pk)).exists()
    exp.refresh_from_db()
    assert exp.retencion == v1


def test_los_anios_deben_ser_de_cada_etapa_del_perfil(archivero, unidad_sg, cliente_de):
    serie = cuadro_minimo(unidad=unidad_sg, por=archivero)
    r = cliente_de(archivero).post(
        reverse("archivo:nodo", args=[serie.pk]),
        {"vigente_desde": "2030-01-01", "anios_gestion": 2, "anios_central": 8, "disposicion": "eliminacion"},
    )
    assert r.status_code == 400
    assert Retencion.objects.filter(nodo=serie).count() == 1


def test_nivel_inexistente_da_404(archivero, cliente_de):
    assert cliente_de(archivero).get(reverse("archivo:nodo", args=[999999])).status_code == 404
