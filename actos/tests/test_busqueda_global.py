"""Los actos en la búsqueda global (/buscar/ y /api/v1/buscar/): por una palabra de su texto, en
cualquier estado que el usuario vea; mezclados con los documentos del registro."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from actos.models import Parte
from actos.tests.factories import ActoFactory, acto_publicado
from registro.tests.factories import DocumentoFactory

URL = "/api/v1/buscar/"


def api(usuario):
    cliente = APIClient()
    token, _ = Token.objects.get_or_create(user=usuario)
    cliente.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return cliente


def _ids(usuario, q, **filtros):
    r = api(usuario).get(URL, {"q": q, **filtros})
    assert r.status_code == 200, r.content
    return [(x["tipo"], x["id"]) for x in r.json()["resultados"]]


@pytest.fixture
def proyecto(jefe_unidad):
    acto = ActoFactory(
        titulo="Ordenanza sobre mercados", creado_por=jefe_unidad, unidad_proponente=jefe_unidad.unidad
    )
    Parte.objects.create(
        acto=acto,
        tipo=Parte.Tipo.ARTICULO,
        orden=10,
        numero="9",
        eid="art_9",
        texto="Los comerciantes ambulantes serán reubicados en la plataforma del Óvalo Grau.",
    )
    return acto


@pytest.mark.parametrize("q", ["reubicados", "reubicado", "OVALO", "plataformas comerciante"])
def test_encuentra_un_acto_por_una_palabra_de_su_texto(proyecto, jefe_unidad, q):
    assert _ids(jefe_unidad, q) == [("acto", str(proyecto.pk))]


def test_el_titulo_y_la_pagina(proyecto, jefe_unidad, cliente_de):
    fila = api(jefe_unidad).get(URL, {"q": "mercados"}).json()["resultados"][0]
    assert fila["titulo"] == "Ordenanza sobre mercados"
    assert fila["url"] == reverse("actos:acto", args=[proyecto.pk])
    assert fila["unidad"] == jefe_unidad.unidad.sigla
    html = cliente_de(jefe_unidad).get(reverse("core:buscar"), {"q": "reubicados"}).content.decode()
    assert "<mark>reubicados</mark>" in html and "Ordenanza sobre mercados" in html


def test_un_cambio_en_las_partes_se_encuentra_enseguida(proyecto, jefe_unidad):
    parte = proyecto.partes.get(eid="art_9")
    parte.texto = "Los comerciantes ocuparán el campo ferial."
    parte.save()
    assert _ids(jefe_unidad, "reubicados") == []
    assert _ids(jefe_unidad, "ferial") == [("acto", str(proyecto.pk))]
    parte.delete()
    assert _ids(jefe_unidad, "ferial") == []


def test_el_proyecto_ajeno_no_sale_ni_se_cuenta(proyecto, ajeno, cliente_de, secretario):
    assert _ids(ajeno, "reubicados") == []
    html = cliente_de(ajeno).get(reverse("core:buscar"), {"q": "reubicados"}).content.decode()
    assert "data-resultado" not in html and "mercados" not in html
    # La Secretaría General (revisa actos) sí lo ve.
    assert _ids(secretario, "reubicados") == [("acto", str(proyecto.pk))]


def test_lo_publicado_lo_ve_todo_el_personal(secretario, ajeno):
    acto = acto_publicado(por=secretario, titulo="Ordenanza de ornato y limpieza pública")
    assert _ids(ajeno, "ornato") == [("acto", str(acto.pk))]


def test_documentos_y_actos_en_una_sola_lista(proyecto, secretario, mesa_de_partes):
    documento = DocumentoFactory(por=mesa_de_partes, asunto="Pedido de reubicación de comerciantes")
    ids = _ids(secretario, "comerciante")
    assert sorted(ids) == sorted([("acto", str(proyecto.pk)), ("documento", str(documento.pk))])
    assert _ids(secretario, "comerciante", tipo="acto") == [("acto", str(proyecto.pk))]


def _consultas(usuario, q):
    cliente = api(usuario)
    with CaptureQueriesContext(connection) as capturadas:
        r = cliente.get(URL, {"q": q})
    assert r.status_code == 200
    return len(capturadas), len(r.json()["resultados"])


def test_las_consultas_no_crecen_con_los_resultados(secretario, mesa_de_partes):
    # Cada proveedor hace una consulta con LIMIT (y otra para los fragmentos de la página), sin revisar
    # permisos fila a fila: 2 resultados o 9 cuestan lo mismo.
    for i in range(2):
        DocumentoFactory(por=mesa_de_partes, asunto=f"Pedido de arborización del parque {i}")
    ActoFactory(titulo="Ordenanza de arborización urbana", creado_por=secretario)
    antes, pocos = _consultas(secretario, "arborizacion")
    for i in range(4):
        DocumentoFactory(por=mesa_de_partes, asunto=f"Otro pedido de arborización {i}")
    for i in range(2):
        ActoFactory(titulo=f"Acuerdo de arborización {i}", creado_por=secretario)
    despues, muchos = _consultas(secretario, "arborizacion")
    assert (pocos, muchos) == (3, 9)
    assert despues == antes
