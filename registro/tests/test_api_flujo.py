"""API de la hoja de ruta: derivar, aceptar, atender, devolver y bandeja, con permisos y errores en español."""

import pytest
from rest_framework.authtoken.models import Token

from core.models import Evento
from registro.models import Derivacion, Documento
from registro.services.flujo import derivar
from registro.tests.factories import DocumentoFactory


def _token(usuario) -> dict:
    return {"HTTP_AUTHORIZATION": f"Token {Token.objects.get_or_create(user=usuario)[0].key}"}


@pytest.fixture
def documento(mesa_de_partes):
    return DocumentoFactory(por=mesa_de_partes, asunto="Pedido de certificado de numeración")


def _post(client, url, usuario, datos=None):
    return client.post(url, datos or {}, content_type="application/json", **_token(usuario))


def test_recorrido_por_api(client, documento, mesa_de_partes, jefe_unidad, unidad_sg):
    r = _post(
        client,
        f"/api/v1/registro/documentos/{documento.pk}/derivar/",
        mesa_de_partes,
        {"a_unidad": "GDU", "copias": ["SG"], "instrucciones": "Atender", "plazo_dias": 4},
    )
    assert r.status_code == 201, r.json()
    linea = r.json()
    assert linea["a_unidad"] == "GDU" and linea["estado"] == "pendiente" and linea["plazo_dias"] == 4
    r = client.get("/api/v1/registro/bandeja/", **_token(jefe_unidad))
    assert r.status_code == 200 and [f["id"] for f in r.json()["results"]] == [linea["id"]]
    r = _post(client, f"/api/v1/registro/derivaciones/{linea['id']}/aceptar/", jefe_unidad)
    assert r.status_code == 200 and r.json()["estado"] == "aceptada"
    r = _post(
        client, f"/api/v1/registro/derivaciones/{linea['id']}/atender/", jefe_unidad, {"respuesta": "Emitido"}
    )
    assert (
        r.status_code == 200
        and r.json()["estado"] == "atendida"
        and r.json()["documento"]["estado"] == "atendido"
    )
    assert Evento.objects.filter(accion="registro.derivacion.atender").exists()


def test_derivar_mala_entrada_400_en_espanol(client, documento, mesa_de_partes):
    r = _post(
        client,
        f"/api/v1/registro/documentos/{documento.pk}/derivar/",
        mesa_de_partes,
        {"a_unidad": "NOEXISTE", "plazo_dias": 0},
    )
    assert r.status_code == 400
    assert not Derivacion.objects.exists()
    texto = str(r.json())
    assert "plazo" in texto.lower() or "plazo_dias" in texto


def test_derivar_permisos(client, documento, regidor, ajeno):
    url = f"/api/v1/registro/documentos/{documento.pk}/derivar/"
    assert client.post(url, {"a_unidad": "GDU"}, content_type="application/json").status_code in (401, 403)
    assert _post(client, url, regidor, {"a_unidad": "GDU"}).status_code == 403
    assert _post(client, url, ajeno, {"a_unidad": "OTRA"}).status_code == 404
    assert client.get(url, **_token(ajeno)).status_code == 405


def test_devolver_exige_motivo(client, documento, mesa_de_partes, jefe_unidad, ajeno):
    linea = derivar(documento=documento, a_unidad=jefe_unidad.unidad, por=mesa_de_partes)
    url = f"/api/v1/registro/derivaciones/{linea.pk}/devolver/"
    assert _post(client, url, ajeno, {"motivo": "x"}).status_code == 404
    r = _post(client, url, jefe_unidad, {"motivo": ""})
    assert r.status_code == 400 and "motivo" in str(r.json())
    r = _post(client, url, jefe_unidad, {"motivo": "Falta el plano de ubicación"})
    assert r.status_code == 200 and r.json()["a_unidad"] == mesa_de_partes.unidad.sigla
    assert Documento.objects.get(pk=documento.pk).unidad_actual == mesa_de_partes.unidad


def test_aceptar_dos_veces_400(client, documento, mesa_de_partes, jefe_unidad):
    linea = derivar(documento=documento, a_unidad=jefe_unidad.unidad, por=mesa_de_partes)
    url = f"/api/v1/registro/derivaciones/{linea.pk}/aceptar/"
    assert _post(client, url, jefe_unidad).status_code == 200
    r = _post(client, url, jefe_unidad)
    assert r.status_code == 400 and "ya fue recibida" in str(r.json())


def test_bandeja_filtros_y_errores(client, documento, mesa_de_partes, ajeno):
    r = client.get("/api/v1/registro/bandeja/?pestana=sin_derivar&q=certificado", **_token(mesa_de_partes))
    assert r.status_code == 200 and r.json()["results"][0]["documento"]["id"] == documento.pk
    r = client.get("/api/v1/registro/bandeja/?pestana=otra&vence_hasta=ayer", **_token(mesa_de_partes))
    assert r.status_code == 400 and "pestana" in str(r.json()) and "vence_hasta" in str(r.json())
    r = client.get("/api/v1/registro/bandeja/?pestana=sin_derivar", **_token(ajeno))
    assert r.json()["results"] == []


def test_esquema_openapi_incluye_la_hoja_de_ruta(client, secretario):
    client.force_login(secretario)
    esquema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json").content.decode()
    for ruta in (
        "/api/v1/registro/documentos/{id}/derivar/",
        "/api/v1/registro/derivaciones/{id}/aceptar/",
        "/api/v1/registro/derivaciones/{id}/atender/",
        "/api/v1/registro/derivaciones/{id}/devolver/",
        "/api/v1/registro/bandeja/",
    ):
        assert ruta in esquema
