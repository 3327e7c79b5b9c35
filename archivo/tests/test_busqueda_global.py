"""Los expedientes en la búsqueda global (/buscar/ y /api/v1/buscar/): por una palabra del título o por el
código, con raíces y sin tildes; un reservado no sale (ni cuenta) para quien no lo ve."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from archivo.models import Expediente
from archivo.tests.factories import cuadro_minimo, expediente

URL = "/api/v1/buscar/"


def api(usuario):
    cliente = APIClient()
    cliente.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=usuario)[0].key}")
    return cliente


def _ids(usuario, q, **filtros):
    r = api(usuario).get(URL, {"q": q, "tipo": "expediente", **filtros})
    assert r.status_code == 200, r.content
    return [x["id"] for x in r.json()["resultados"]]


@pytest.fixture
def expedientes(archivero, unidad_gdu):
    serie = cuadro_minimo(unidad=unidad_gdu, por=archivero, codigo_serie="GDU-07")
    publico = expediente(
        serie=serie, unidad=unidad_gdu, por=archivero, titulo="Licencias de funcionamiento del mercado"
    )
    reservado = expediente(
        serie=serie,
        unidad=unidad_gdu,
        por=archivero,
        titulo="Proceso judicial por la reubicación del mercado",
        acceso="reservado",
        fundamento_acceso="TUO de la Ley 27806, art. 17",
        reservado_hasta=timezone.localdate() + timedelta(days=30),
    )
    return publico, reservado


@pytest.mark.parametrize("q", ["licencias", "Licéncia", "funcionamientos mercado"])
def test_encuentra_el_expediente_por_su_titulo(expedientes, ajeno, q):
    publico, _ = expedientes
    assert _ids(ajeno, q) == [str(publico.pk)]


def test_por_su_codigo_y_con_el_enlace_a_su_pagina(expedientes, archivero):
    publico, _ = expedientes
    fila = api(archivero).get(URL, {"q": publico.codigo}).json()["resultados"][0]
    assert fila["tipo"] == "expediente" and fila["id"] == str(publico.pk)
    assert fila["url"] == reverse("archivo:expediente", args=[publico.pk])


def test_el_reservado_no_sale_ni_cuenta_para_quien_no_lo_ve(expedientes, ajeno, archivero, cliente_de):
    publico, reservado = expedientes
    assert _ids(ajeno, "mercado") == [str(publico.pk)]
    assert _ids(ajeno, "judicial") == []
    html = cliente_de(ajeno).get(reverse("core:buscar"), {"q": "judicial"}).content.decode()
    assert "data-resultado" not in html and reservado.codigo not in html
    assert set(_ids(archivero, "mercado")) == {str(publico.pk), str(reservado.pk)}


def test_el_indice_sigue_a_la_fila(expedientes, archivero):
    # Los disparadores mantienen el índice en la misma transacción que cualquier cambio de la fila.
    publico, _ = expedientes
    Expediente.objects.filter(pk=publico.pk).update(titulo="Autorizaciones de anuncios")
    assert _ids(archivero, "anuncios") == [str(publico.pk)]
    assert _ids(archivero, "licencias") == []


def test_filtro_por_unidad(expedientes, archivero, unidad_sg, unidad_gdu):
    assert _ids(archivero, "licencias", unidad=unidad_sg.pk) == []
    assert _ids(archivero, "licencias", unidad=unidad_gdu.pk) != []
