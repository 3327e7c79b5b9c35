"""Las actas en la búsqueda global (/buscar/ y /api/v1/buscar/): por una palabra del texto (sin las
etiquetas HTML), con raíces y sin tildes; el borrador solo para quien ve el concejo por dentro."""

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from concejo.models import Acta
from concejo.services import actas
from concejo.tests.datos_despues import sesion_realizada

URL = "/api/v1/buscar/"
TEXTO = (
    "<h2>Acta</h2><p>Se trató el <strong>reordenamiento</strong> del mercado de abastos.</p>"
    "<table><tbody><tr><td>Concejal</td><td>Votó a favor de la reubicación</td></tr></tbody></table>"
)


def api(usuario):
    cliente = APIClient()
    token, _ = Token.objects.get_or_create(user=usuario)
    cliente.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return cliente


@pytest.fixture
def acta(db, secretario):
    acta = actas.generar_acta(sesion=sesion_realizada(), por=secretario)
    return actas.editar_acta(acta=acta, texto=TEXTO, por=secretario)


def _ids(usuario, q, **filtros):
    r = api(usuario).get(URL, {"q": q, **filtros})
    assert r.status_code == 200, r.content
    return [(x["tipo"], x["id"]) for x in r.json()["resultados"]]


@pytest.mark.parametrize("q", ["reubicacion", "Reubicación", "reordenamientos", "mercados abastos"])
def test_regidor_encuentra_el_borrador_del_acta(acta, regidor, q):
    assert _ids(regidor, q) == [("acta", str(acta.pk))]


def test_el_fragmento_no_trae_html_y_la_pagina_resalta(acta, regidor, cliente_de):
    fila = api(regidor).get(URL, {"q": "reubicacion"}).json()["resultados"][0]
    assert fila["url"] == reverse("concejo:acta", args=[acta.sesion_id])
    assert "<" not in fila["fragmento"] and "reubicación" in fila["fragmento"]
    assert [fila["fragmento"][i:j] for i, j in fila["resaltes"]] == ["reubicación"]
    html = cliente_de(regidor).get(reverse("core:buscar"), {"q": "reubicacion"}).content.decode()
    assert "<mark>reubicación</mark>" in html


def test_las_etiquetas_no_se_indexan(acta, regidor):
    # «tabla» no encuentra el acta por su <table>, ni «strong» por su <strong>.
    assert _ids(regidor, "tabla") == []
    assert _ids(regidor, "strong") == []


def test_el_borrador_no_sale_a_quien_no_ve_el_concejo(acta, ajeno, jefe_unidad, cliente_de):
    for usuario in (ajeno, jefe_unidad):
        assert _ids(usuario, "reubicacion") == []
        html = cliente_de(usuario).get(reverse("core:buscar"), {"q": "reubicacion"}).content.decode()
        assert "data-resultado" not in html


def test_el_acta_publicada_de_una_sesion_publica_la_encuentra_el_personal(acta, ajeno, secretario):
    Acta.objects.filter(pk=acta.pk).update(estado=Acta.Estado.PUBLICADA)
    r = api(ajeno).get(URL, {"q": "reubicacion"}).json()["resultados"]
    assert [(x["tipo"], x["id"]) for x in r] == [("acta", str(acta.pk))]
    assert r[0]["url"] == reverse("concejo:realizada-acta", args=[acta.sesion_id])
    # Si la sesión no es pública, el acta tampoco.
    acta.sesion.__class__.objects.filter(pk=acta.sesion_id).update(publica=False)
    assert _ids(ajeno, "reubicacion") == []
    assert _ids(secretario, "reubicacion") == [("acta", str(acta.pk))]


def test_las_actas_no_tienen_unidad(acta, secretario, unidad_sg):
    assert _ids(secretario, "reubicacion", tipo="acta") == [("acta", str(acta.pk))]
    assert _ids(secretario, "reubicacion", unidad=unidad_sg.pk) == []
