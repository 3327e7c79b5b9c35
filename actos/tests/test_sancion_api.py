"""La etapa de sanción por la API (/api/v1/actos/<id>/sancion/…, /api/v1/actos/por-sancionar/): los mismos
servicios y permisos que las páginas del acto; estado y evento, datos malos, 403 y 404, y el esquema OpenAPI."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from actos.models import Acto, Sancion
from actos.tests.test_sancion import HOY, _firmado, _publicar, _votacion
from core.models import Evento


def _post(cliente, nombre, acto, datos):
    return cliente.post(reverse(nombre, args=[acto.pk]), datos, content_type="application/json")


def test_ver_la_etapa_y_la_lista_por_sancionar(secretario, cliente_de):
    cliente = cliente_de(secretario)
    acto = _firmado(cliente, secretario, "CO", articulos=21)
    acto.refresh_from_db()
    r = cliente.get(reverse("api-actos-sancion", args=[acto.pk]))
    assert r.status_code == 200, r.content
    d = r.json()
    etapa = Sancion.objects.get(acto=acto)
    assert d["acto"] == acto.pk and d["acto_numero"] == acto.numero_texto
    assert d["estado"] == "pendiente" and d["quien"] == "alcalde" and d["completa"] is False
    assert d["decisiones_posibles"] == etapa.puede and "objetar" in d["decisiones_posibles"]
    assert d["vence"] == etapa.vence.isoformat() and d["articulos"] == 21 and d["vencido"] is False
    assert d["decision"] == "" and d["votacion_insistencia"] is None and d["regla"]
    r = cliente.get(reverse("api-actos-por-sancionar"))
    assert r.status_code == 200
    assert [f["acto"] for f in r.json()["results"]] == [acto.pk]


def test_sancionar_por_la_api_y_publicar(secretario, cliente_de):
    cliente = cliente_de(secretario)
    acto = _firmado(cliente, secretario, "EC")
    r = _post(
        cliente,
        "api-actos-sancion-decidir",
        acto,
        {"decision": "sancionar", "fecha": HOY.isoformat(), "sancionado_por": "Alcaldesa"},
    )
    assert r.status_code == 200, r.content
    assert r.json()["estado"] == "sancionado" and r.json()["decisiones_posibles"] == []
    etapa = Sancion.objects.get(acto=acto)
    assert (etapa.estado, etapa.decidido_en, etapa.sancionado_por) == ("sancionado", HOY, "Alcaldesa")
    evento = Evento.objects.get(accion="actos.sancion.sancionar", objeto_id=str(acto.pk))
    assert evento.despues["estado"] == "sancionado"
    assert cliente.get(reverse("api-actos-por-sancionar")).json()["results"] == []
    assert _publicar(cliente, acto, "EC").status_code == 200


def test_objecion_e_insistencia_por_la_api(secretario, cliente_de):
    cliente = cliente_de(secretario)
    acto = _firmado(cliente, secretario, "CO")
    r = _post(cliente, "api-actos-sancion-decidir", acto, {"decision": "objetar", "motivo": "Inconveniente"})
    assert r.status_code == 200, r.content
    assert r.json()["estado"] == "objetado" and r.json()["motivo"] == "Inconveniente"
    assert Evento.objects.filter(accion="actos.sancion.objetar", objeto_id=str(acto.pk)).exists()
    votacion = _votacion(mayoria="simple_presentes", a_favor=7)
    r = _post(cliente, "api-actos-sancion-insistencia", acto, {"votacion": votacion.pk})
    assert r.status_code == 200, r.content
    d = r.json()
    assert d["estado"] == "insistido" and d["votacion_insistencia"] == votacion.pk
    assert d["decisiones_posibles"] == ["sancionar"]
    evento = Evento.objects.get(accion="actos.sancion.insistencia", objeto_id=str(acto.pk))
    assert evento.despues["votacion"] == votacion.pk
    etapa = Sancion.objects.get(acto=acto)
    assert etapa.estado == "insistido" and etapa.votacion_insistencia == votacion


@pytest.mark.parametrize(
    "datos,campo,mensaje",
    [
        ({"decision": "vetar"}, "decision", ""),
        ({}, "decision", ""),
        ({"decision": "objetar"}, "motivo", "Escriba los motivos de la objeción."),
        ({"decision": "sancionar", "fecha": "ayer"}, "fecha", ""),
        ({"decision": "sancionar", "fecha": "2999-01-01"}, "fecha", "La fecha no puede ser futura."),
        ({"decision": "promulgar"}, "decision", "Elija una de: sancionar, objetar."),
    ],
)
def test_decidir_con_datos_malos_no_cambia_nada(secretario, cliente_de, datos, campo, mensaje):
    cliente = cliente_de(secretario)
    acto = _firmado(cliente, secretario, "CO")
    r = _post(cliente, "api-actos-sancion-decidir", acto, datos)
    assert r.status_code == 400, r.content
    assert campo in r.content.decode() and mensaje in r.content.decode()
    assert Sancion.objects.get(acto=acto).estado == "pendiente"
    assert (
        not Evento.objects.filter(accion__startswith="actos.sancion.", objeto_id=str(acto.pk))
        .exclude(accion="actos.sancion.abrir")
        .exists()
    )


def test_insistencia_con_datos_malos_no_cambia_nada(secretario, cliente_de):
    cliente = cliente_de(secretario)
    acto = _firmado(cliente, secretario, "CO")
    # Sin objeción previa no se insiste.
    votacion = _votacion(mayoria="simple_presentes", a_favor=7)
    r = _post(cliente, "api-actos-sancion-insistencia", acto, {"votacion": votacion.pk})
    assert r.status_code == 400 and "Solo se insiste ante un acto observado u objetado." in r.content.decode()
    _post(cliente, "api-actos-sancion-decidir", acto, {"decision": "objetar", "motivo": "Ilegal"})
    for datos, mensaje in [
        ({"votacion": 999999}, "No existe esa votación."),
        ({"votacion": "x"}, "votacion"),
        ({}, "votacion"),
    ]:
        r = _post(cliente, "api-actos-sancion-insistencia", acto, datos)
        assert r.status_code == 400 and mensaje in r.content.decode(), r.content
    cerrada = _votacion(mayoria="simple_presentes", a_favor=9, estado="cerrada")
    r = _post(cliente, "api-actos-sancion-insistencia", acto, {"votacion": cerrada.pk})
    assert r.status_code == 400 and "confirmada y aprobada" in r.content.decode()
    etapa = Sancion.objects.get(acto=acto)
    assert etapa.estado == "objetado" and etapa.votacion_insistencia is None
    assert not Evento.objects.filter(accion="actos.sancion.insistencia").exists()


def test_acto_sin_etapa_de_sancion(secretario, cliente_de):
    cliente = cliente_de(secretario)
    acto = _firmado(cliente, secretario, "PE")
    assert cliente.get(reverse("api-actos-sancion", args=[acto.pk])).status_code == 404
    r = _post(cliente, "api-actos-sancion-decidir", acto, {"decision": "sancionar"})
    assert r.status_code == 400 and "no tiene etapa de sanción" in r.content.decode()


def test_permisos(secretario, jefe_unidad, ajeno, client, cliente_de):
    acto = _firmado(cliente_de(secretario), secretario, "CO")
    Acto.objects.filter(pk=acto.pk).update(unidad_proponente=jefe_unidad.unidad)
    client.logout()
    assert client.get(reverse("api-actos-sancion", args=[acto.pk])).status_code in (401, 403)
    # La unidad proponente ve la etapa, pero no la registra (403); la lista es de la Secretaría.
    jefe = cliente_de(jefe_unidad)
    assert jefe.get(reverse("api-actos-sancion", args=[acto.pk])).status_code == 200
    assert _post(jefe, "api-actos-sancion-decidir", acto, {"decision": "sancionar"}).status_code == 403
    assert _post(jefe, "api-actos-sancion-insistencia", acto, {"votacion": 1}).status_code == 403
    assert jefe.get(reverse("api-actos-por-sancionar")).status_code == 403
    # Quien no ve el acto: 404.
    otro = cliente_de(ajeno)
    assert otro.get(reverse("api-actos-sancion", args=[acto.pk])).status_code == 404
    assert _post(otro, "api-actos-sancion-decidir", acto, {"decision": "sancionar"}).status_code == 404
    assert _post(otro, "api-actos-sancion-insistencia", acto, {"votacion": 1}).status_code == 404
    assert otro.get(reverse("api-actos-sancion", args=[999999])).status_code == 404
    assert Sancion.objects.get(acto=acto).estado == "pendiente"
    assert not Evento.objects.filter(accion="actos.sancion.sancionar").exists()


def test_vencido_en_la_api(secretario, cliente_de):
    cliente = cliente_de(secretario)
    acto = _firmado(cliente, secretario, "CO")
    Sancion.objects.filter(acto=acto).update(vence=timezone.localdate() - timedelta(days=1))
    assert cliente.get(reverse("api-actos-sancion", args=[acto.pk])).json()["vencido"] is True


def test_esquema_documenta_la_etapa(client, db):
    esquema = client.get(reverse("api-schema") + "?format=json").json()
    rutas = esquema["paths"]
    assert "get" in rutas["/api/v1/actos/{id}/sancion/"]
    assert "get" in rutas["/api/v1/actos/por-sancionar/"]
    decidir = rutas["/api/v1/actos/{id}/sancion/decidir/"]["post"]
    assert decidir["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "ActosSancionDecidirEntrada"
    )
    insistencia = rutas["/api/v1/actos/{id}/sancion/insistencia/"]["post"]
    assert insistencia["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].endswith(
        "ActosSancionSalida"
    )
    assert "decisiones_posibles" in esquema["components"]["schemas"]["ActosSancionSalida"]["properties"]
