"""API de documentos emitidos: crear borrador, firmar y listar, con los mismos servicios que las páginas."""

import pytest
from rest_framework.authtoken.models import Token

from core import roles
from core.models import Evento
from core.tests.factories import UsuarioFactory
from registro.models import Documento
from registro.services.emision import actualizar_borrador
from registro.tests.factories import TipoDocumentalFactory

URL = "/api/v1/registro/emitidos/"


def _token(usuario) -> dict:
    return {"HTTP_AUTHORIZATION": f"Token {Token.objects.get_or_create(user=usuario)[0].key}"}


@pytest.fixture
def memorando(db):
    return TipoDocumentalFactory(nombre="Memorando", interno=True, codigo_serie="memorando")


def test_crear_firmar_y_listar(client, jefe_unidad, unidad_sg, memorando):
    r = client.post(
        URL,
        {
            "clase": "interno",
            "tipo_documental": memorando.pk,
            "asunto": "Por API",
            "destinatarios_unidades": [unidad_sg.pk],
        },
        content_type="application/json",
        **_token(jefe_unidad),
    )
    assert r.status_code == 201, r.content
    datos = r.json()
    assert datos["estado"] == "borrador" and datos["numero"] == "" and "«Por API»" in datos["cuerpo"]
    # Con el marcador de la plantilla («[Escriba aquí…]») no se firma ni se numera.
    r = client.post(f"{URL}{datos['id']}/firmar/", **_token(jefe_unidad))
    assert r.status_code == 400 and "marcador de la plantilla" in r.content.decode()
    documento = Documento.objects.get(pk=datos["id"])
    assert documento.estado == "borrador" and documento.numero_id is None
    actualizar_borrador(
        documento=documento,
        por=jefe_unidad,
        asunto="Por API",
        cuerpo="Texto propio del memorando.",
        destinatarios_unidades=[unidad_sg],
    )
    r = client.post(f"{URL}{datos['id']}/firmar/", **_token(jefe_unidad))
    assert r.status_code == 200
    assert r.json()["numero"].startswith("MEMORANDO Nº 001-") and len(r.json()["pdf_sha256"]) == 64
    assert Evento.objects.filter(accion="registro.documento.firmar", objeto_id=str(datos["id"])).exists()
    r = client.get(URL, **_token(jefe_unidad))
    assert r.status_code == 200 and r.json()["results"][0]["id"] == datos["id"]


def test_entrada_mala_400_en_espanol(client, jefe_unidad, memorando):
    r = client.post(
        URL,
        {"clase": "interno", "tipo_documental": memorando.pk, "asunto": "Sin destino"},
        content_type="application/json",
        **_token(jefe_unidad),
    )
    assert r.status_code == 400
    assert r.json()["campos"]["destinatarios_unidades"] == [
        "Elija al menos una unidad o una persona destinataria."
    ]
    assert not Documento.objects.exists()


def test_firmar_403_para_no_jefe_y_404_para_ajeno(
    client, jefe_unidad, unidad_gdu, unidad_sg, memorando, ajeno
):
    analista = UsuarioFactory(username="analista", unidad=unidad_gdu, roles=[roles.FUNCIONARIO])
    r = client.post(
        URL,
        {
            "clase": "interno",
            "tipo_documental": memorando.pk,
            "asunto": "x",
            "destinatarios_unidades": [unidad_sg.pk],
        },
        content_type="application/json",
        **_token(analista),
    )
    pk = r.json()["id"]
    assert client.post(f"{URL}{pk}/firmar/", **_token(analista)).status_code == 403
    assert client.post(f"{URL}{pk}/firmar/", **_token(ajeno)).status_code == 404
    assert client.get(f"{URL}{pk}/firmar/", **_token(jefe_unidad)).status_code == 405
    assert Documento.objects.get(pk=pk).estado == "borrador"


def test_sin_autenticar_401(client, db):
    assert client.get(URL).status_code == 401
