"""API de sesiones y agenda: lectura pública de lo publicado, programar y convocar con los servicios."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from concejo.models import Sesion
from concejo.services import agenda as servicio_agenda
from concejo.services.citacion import convocar
from concejo.tests.factories import MiembroFactory, PeriodoFactory, PlenoFactory, SesionFactory
from core.models import Evento

LIMA = ZoneInfo("America/Lima")
SESIONES = "/api/v1/concejo/sesiones/"


@pytest.fixture
def pleno(municipio):
    periodo = PeriodoFactory(inicio=date(2023, 1, 1), fin=date(2030, 12, 31), numero_legal=2)
    organo = PlenoFactory(periodo=periodo)
    MiembroFactory(periodo=periodo, rol="alcalde", orden=0)
    MiembroFactory(periodo=periodo)
    return organo


def _futura(dias=30):
    d = timezone.localdate() + timedelta(days=dias)
    return datetime(d.year, d.month, d.day, 10, tzinfo=LIMA)


def test_lectura_publica_y_reservada(pleno, secretario, regidor, client):
    convocada = SesionFactory(organo=pleno, fecha=_futura())
    servicio_agenda.agregar_punto(
        sesion=convocada, seccion="orden_del_dia", titulo="Ordenanza de ornato", por=secretario
    )
    convocar(sesion=convocada, por=secretario)
    servicio_agenda.agregar_punto(
        sesion=convocada,
        seccion="pedidos",
        titulo="Pedido aún sin enviar",
        motivo="Pedido tardío",
        por=secretario,
    )
    borrador = SesionFactory(organo=pleno, fecha=_futura(40))
    r = client.get(SESIONES)
    assert r.status_code == 200
    assert [s["id"] for s in r.json()["results"]] == [convocada.pk]
    r = client.get(f"{SESIONES}{convocada.pk}/")
    datos = r.json()
    assert datos["estado"] == "convocada" and datos["version_agenda"] == 2
    assert [p["titulo"] for p in datos["puntos"]] == ["Pedido aún sin enviar", "Ordenanza de ornato"]
    assert client.get(f"{SESIONES}{borrador.pk}/").status_code == 404
    client.force_login(regidor)
    assert {s["id"] for s in client.get(SESIONES).json()["results"]} == {convocada.pk, borrador.pk}
    assert client.get(f"{SESIONES}{borrador.pk}/").json()["puntos"] == []
    assert {s["id"] for s in client.get(SESIONES + "?estado=programada").json()["results"]} == {borrador.pk}


def test_programar_y_convocar(pleno, secretario, regidor, ajeno, client):
    client.force_login(secretario)
    r = client.post(
        SESIONES,
        {"organo": pleno.pk, "tipo": "ordinaria", "fecha": _futura().isoformat(), "lugar": "Salón"},
        content_type="application/json",
    )
    assert r.status_code == 201, r.content
    sesion = Sesion.objects.get(pk=r.json()["id"])
    assert (
        sesion.numero == 1
        and Evento.objects.filter(accion="concejo.sesion.crear", objeto_id=sesion.pk).exists()
    )
    r = client.post(
        SESIONES,
        {"organo": pleno.pk, "tipo": "cabildo", "fecha": _futura().isoformat()},
        content_type="application/json",
    )
    assert r.status_code == 400 and "tipo" in r.json()["campos"]
    assert Sesion.objects.count() == 1
    url = f"{SESIONES}{sesion.pk}/convocar/"
    r = client.post(url, {}, content_type="application/json")
    assert r.status_code == 400 and "no tiene puntos" in r.json()["error"]
    servicio_agenda.agregar_punto(sesion=sesion, seccion="orden_del_dia", titulo="Asunto", por=secretario)
    client.force_login(regidor)
    assert client.post(url, {}, content_type="application/json").status_code == 403
    assert client.post(SESIONES, {}, content_type="application/json").status_code == 403
    client.force_login(ajeno)
    assert client.post(url, {}, content_type="application/json").status_code == 404
    client.force_login(secretario)
    r = client.post(url, {}, content_type="application/json")
    assert r.status_code == 200 and r.json()["estado"] == "convocada" and r.json()["version_agenda"] == 1
    client.logout()
    assert client.post(SESIONES, {}, content_type="application/json").status_code == 401
