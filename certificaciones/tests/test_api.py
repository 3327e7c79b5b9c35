"""API: entrada mala en español, rechazos con su motivo, 403/404, y el esquema OpenAPI sigue válido."""

from rest_framework.authtoken.models import Token

from certificaciones.models import Certificado, Solicitud
from core.models import Evento


def _token(usuario) -> dict:
    return {"HTTP_AUTHORIZATION": f"Token {Token.objects.get_or_create(user=usuario)[0].key}"}


def test_entrada_mala_400(client, mesa_de_partes, persona):
    r = client.post(
        "/api/v1/certificaciones/solicitudes/",
        {"tipo": "copia", "solicitante": persona.pk, "asunto": "x"},
        content_type="application/json",
        **_token(mesa_de_partes),
    )
    assert r.status_code == 400 and r.json()["campos"]["fuente"] == [
        "Elija el original a certificar o suba su PDF."
    ]
    r = client.post(
        "/api/v1/certificaciones/solicitudes/",
        {"tipo": "nada"},
        content_type="application/json",
        **_token(mesa_de_partes),
    )
    assert r.status_code == 400 and "tipo" in r.json()["campos"]
    assert not Solicitud.objects.exists()


def test_pago_exoneracion_y_rechazo_por_api(client, mesa_de_partes, prosecretario, secretario, persona):
    from certificaciones.services.configuracion import crear_tarifa

    tarifa = crear_tarifa(
        concepto="Constancia", tipo="constancia", monto="8", base_legal="TUPA", por=secretario
    )
    r = client.post(
        "/api/v1/certificaciones/solicitudes/",
        {
            "tipo": "constancia",
            "solicitante": persona.pk,
            "asunto": "No adeudo",
            "texto": "Que no adeuda.",
            "tarifa": tarifa.pk,
        },
        content_type="application/json",
        **_token(mesa_de_partes),
    )
    pk = r.json()["id"]
    assert r.json()["estado"] == "por_pagar"
    r = client.post(
        f"/api/v1/certificaciones/solicitudes/{pk}/pago/",
        {"recibo_numero": "R1", "recibo_fecha": "2020-01-01", "recibo_monto": "7.99"},
        content_type="application/json",
        **_token(mesa_de_partes),
    )
    assert r.status_code == 400 and "es menor que el derecho" in r.json()["campos"]["recibo_monto"][0]
    r = client.post(
        f"/api/v1/certificaciones/solicitudes/{pk}/exonerar/",
        {"motivo": "Ley 27444"},
        content_type="application/json",
        **_token(mesa_de_partes),
    )
    assert r.status_code == 200 and r.json()["estado"] == "lista" and r.json()["exonerado"] is True
    assert (
        client.post(f"/api/v1/certificaciones/solicitudes/{pk}/emitir/", **_token(mesa_de_partes)).status_code
        == 403
    )
    r = client.post(f"/api/v1/certificaciones/solicitudes/{pk}/emitir/", **_token(prosecretario))
    assert r.status_code == 400 and "Sin un encargo vigente" in r.json()["error"]
    assert not Certificado.objects.exists()
    r = client.post(f"/api/v1/certificaciones/solicitudes/{pk}/emitir/", **_token(secretario))
    codigo = r.json()["codigo"]
    r = client.post(
        f"/api/v1/certificaciones/{codigo}/revocar/",
        {"motivo": "Error de nombre"},
        content_type="application/json",
        **_token(secretario),
    )
    assert r.status_code == 200 and r.json()["revocado"] is True
    assert Evento.objects.filter(accion="certificaciones.certificado.revocar").count() == 1


def test_lista_solo_para_quien_ve_el_registro(client, ciudadano, regidor, secretario):
    assert client.get("/api/v1/certificaciones/", **_token(ciudadano)).status_code == 403
    assert client.get("/api/v1/certificaciones/solicitudes/", **_token(regidor)).status_code == 403
    r = client.get("/api/v1/certificaciones/", **_token(secretario))
    assert r.status_code == 200 and r.json()["results"] == []
    assert (
        client.get("/api/v1/certificaciones/NOEXISTE2345678ABCDE/pdf/", **_token(secretario)).status_code
        == 404
    )


def test_esquema_incluye_certificaciones(client, secretario):
    r = client.get("/api/v1/schema/", {"format": "json"}, **_token(secretario))
    assert r.status_code == 200
    rutas = r.json()["paths"]
    assert "/api/v1/certificaciones/" in rutas and "/api/v1/certificaciones/{codigo}/pdf/" in rutas
    assert "post" in rutas["/api/v1/certificaciones/solicitudes/{id}/emitir/"]


def test_revocar_por_api_entrada_mala_sin_calidad_y_ajeno(client, lista, secretario, mesa_de_partes, ajeno):
    from certificaciones.services.emision import emitir_certificado

    c = emitir_certificado(solicitud=lista(), por=secretario)
    url = f"/api/v1/certificaciones/{c.codigo}/revocar/"
    r = client.post(url, {}, content_type="application/json", **_token(secretario))
    assert r.status_code == 400 and "motivo" in r.json()["campos"]
    assert (
        client.post(
            url, {"motivo": "x"}, content_type="application/json", **_token(mesa_de_partes)
        ).status_code
        == 403
    )
    assert (
        client.post(url, {"motivo": "x"}, content_type="application/json", **_token(ajeno)).status_code == 404
    )
    c.refresh_from_db()
    assert not c.revocado and not Evento.objects.filter(accion="certificaciones.certificado.revocar").exists()
