"""Una sesión entera por la API: la agenda (agregar, editar, mover, quitar, congelar), los miembros de la
sesión, los órganos y el guion `scripts/sesion_por_api.py` que lo recorre todo contra un servidor real."""

import io
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from concejo.models import Decision, PuntoAgenda, Sesion, Votacion
from concejo.services import agenda as servicio_agenda
from concejo.tests.factories import MiembroFactory, PeriodoFactory, PlenoFactory, SesionFactory
from core.models import Evento
from core.rendering import render_pdf

LIMA = ZoneInfo("America/Lima")
RAIZ = Path(__file__).resolve().parents[2]


@pytest.fixture
def pleno(municipio):
    periodo = PeriodoFactory(inicio=date(2023, 1, 1), fin=date(2030, 12, 31), numero_legal=3)
    organo = PlenoFactory(periodo=periodo)
    MiembroFactory(periodo=periodo, rol="alcalde", orden=0)
    MiembroFactory(periodo=periodo, orden=1)
    MiembroFactory(periodo=periodo, orden=2)
    return organo


@pytest.fixture
def sesion(pleno):
    d = timezone.localdate() + timedelta(days=30)
    return SesionFactory(organo=pleno, fecha=datetime(d.year, d.month, d.day, 10, tzinfo=LIMA))


def _agenda(sesion):
    return f"/api/v1/concejo/sesiones/{sesion.pk}/agenda/"


def _punto(punto):
    return f"/api/v1/concejo/puntos/{punto.pk}/"


def _agregar(sesion, por, titulo, seccion="orden_del_dia", **kw):
    return servicio_agenda.agregar_punto(sesion=sesion, seccion=seccion, titulo=titulo, por=por, **kw)


def _titulos(sesion):
    return list(sesion.puntos.order_by("orden").values_list("titulo", flat=True))


def test_agregar_editar_mover_y_quitar(sesion, secretario, client):
    client.force_login(secretario)
    r = client.post(
        _agenda(sesion),
        {"seccion": "orden_del_dia", "titulo": "Ordenanza de ornato", "descripcion": "De la gerencia."},
        content_type="application/json",
    )
    assert r.status_code == 201, r.content
    ornato = PuntoAgenda.objects.get(pk=r.json()["punto_id"])
    assert (ornato.clase, ornato.mayoria, ornato.descripcion) == (
        "propuesta",
        "simple_presentes",
        "De la gerencia.",
    )
    assert r.json()["orden"] == 1 and r.json()["seccion_nombre"] == "Orden del día"
    assert Evento.objects.filter(accion="concejo.punto.agregar", objeto_id=ornato.pk).exists()

    r = client.post(_agenda(sesion), {"seccion": "orden_del_dia", "titulo": "Acuerdo de arborización"})
    arbol = PuntoAgenda.objects.get(pk=r.json()["punto_id"])
    r = client.post(_agenda(sesion), {"seccion": "informes", "titulo": "Informe de gestión"})
    assert r.status_code == 201
    # Los informes van antes del orden del día aunque se agreguen después.
    assert _titulos(sesion) == ["Informe de gestión", "Ordenanza de ornato", "Acuerdo de arborización"]

    r = client.patch(
        _punto(arbol), {"titulo": "Acuerdo de arborización 2027"}, content_type="application/json"
    )
    assert r.status_code == 200 and r.json()["titulo"] == "Acuerdo de arborización 2027"
    arbol.refresh_from_db()
    assert arbol.titulo == "Acuerdo de arborización 2027" and arbol.clase == "propuesta"
    evento = Evento.objects.get(accion="concejo.punto.editar", objeto_id=arbol.pk)
    assert evento.antes["titulo"] == "Acuerdo de arborización"

    r = client.post(f"{_punto(arbol)}mover/", {"direccion": "subir"}, content_type="application/json")
    assert r.status_code == 200
    assert [p["titulo"] for p in r.json()["puntos"]] == _titulos(sesion)
    assert _titulos(sesion) == ["Informe de gestión", "Acuerdo de arborización 2027", "Ordenanza de ornato"]
    assert Evento.objects.filter(accion="concejo.punto.mover", objeto_id=arbol.pk).exists()

    informe = sesion.puntos.get(seccion="informes")
    r = client.delete(_punto(informe))
    assert r.status_code == 200 and r.json()["congelada"] is False
    assert [p["orden"] for p in r.json()["puntos"]] == [1, 2]
    assert not PuntoAgenda.objects.filter(pk=informe.pk).exists()
    assert Evento.objects.filter(accion="concejo.punto.quitar", objeto_id=sesion.pk).exists()

    r = client.get(_agenda(sesion))
    assert r.status_code == 200 and [p["punto_id"] for p in r.json()["puntos"]] == [arbol.pk, ornato.pk]
    assert client.get(_punto(ornato)).json()["titulo"] == "Ordenanza de ornato"


def test_agenda_congelada_pide_motivo(sesion, secretario, client):
    punto = _agregar(sesion, secretario, "Ordenanza de ornato")
    client.force_login(secretario)
    r = client.post(f"{_agenda(sesion)}congelar/")
    assert r.status_code == 200 and r.json()["congelada"] is True and r.json()["version"] == 1
    assert Evento.objects.filter(accion="concejo.agenda.congelar", objeto_id=sesion.pk).exists()

    r = client.post(_agenda(sesion), {"seccion": "pedidos", "titulo": "Pedido tardío"})
    assert r.status_code == 400
    assert r.json()["campos"]["motivo"] == ["La agenda está congelada: escriba el motivo del cambio."]
    r = client.delete(_punto(punto))
    assert r.status_code == 400 and "motivo" in r.json()["campos"]
    assert _titulos(sesion) == ["Ordenanza de ornato"] and sesion.versiones.count() == 1

    r = client.post(_agenda(sesion), {"seccion": "pedidos", "titulo": "Pedido tardío", "motivo": "Urgente"})
    assert r.status_code == 201 and r.json()["agregado_tras_congelar"] is True
    r = client.delete(_punto(punto) + "?motivo=Lo retira el proponente")
    assert r.status_code == 200 and r.json()["version"] == 3
    assert Evento.objects.get(accion="concejo.punto.quitar").despues == {"motivo": "Lo retira el proponente"}


def test_entrada_mala(sesion, secretario, client):
    punto = _agregar(sesion, secretario, "Ordenanza de ornato")
    client.force_login(secretario)
    eventos = Evento.objects.count()
    casos = [
        ({"seccion": "orden_del_dia", "titulo": "  "}, "titulo", "Escriba el título del punto."),
        ({"seccion": "cabildo", "titulo": "X"}, "seccion", "Elija una sección de la agenda."),
        (
            {"seccion": "informes", "titulo": "X", "clase": "propuesta"},
            "clase",
            "En informes solo caben: informe, otro.",
        ),
        (
            {"seccion": "orden_del_dia", "titulo": "X", "mayoria": "unanime_total"},
            "mayoria",
            "«unanime_total» no es una mayoría conocida.",
        ),
        (
            {"seccion": "despacho", "titulo": "X", "documento": 999999},
            "documento",
            "Ese documento no está en el registro de entrada o no puede verlo.",
        ),
        (
            {"seccion": "pedidos", "titulo": "X", "clase": "mocion"},
            "proponente",
            "Una moción lleva el miembro que la propone.",
        ),
    ]
    for datos, campo, mensaje in casos:
        r = client.post(_agenda(sesion), datos, content_type="application/json")
        assert r.status_code == 400, datos
        assert r.json()["error"] == "Los datos enviados no son válidos."
        assert r.json()["campos"][campo] == [mensaje], datos
    r = client.patch(_punto(punto), {"titulo": ""}, content_type="application/json")
    assert r.status_code == 400 and r.json()["campos"]["titulo"] == ["Escriba el título del punto."]
    r = client.post(f"{_punto(punto)}mover/", {"direccion": "arriba"}, content_type="application/json")
    assert r.json()["campos"]["direccion"] == ["Indique si el punto sube o baja."]
    r = client.post(f"{_punto(punto)}mover/", {"direccion": "subir"}, content_type="application/json")
    assert r.status_code == 400 and r.json()["error"] == "El punto ya es el primero de su sección."
    assert _titulos(sesion) == ["Ordenanza de ornato"] and Evento.objects.count() == eventos

    # Una sesión cancelada ya no se prepara: el mensaje del servicio, como en las páginas.
    Sesion.objects.filter(pk=sesion.pk).update(estado=Sesion.Estado.CANCELADA)
    r = client.post(
        _agenda(sesion), {"seccion": "pedidos", "titulo": "Tarde"}, content_type="application/json"
    )
    assert r.status_code == 400 and "agregar puntos" in r.json()["error"]


def test_aprobacion_del_acta_anterior(sesion, secretario, client):
    client.force_login(secretario)
    r = client.post(f"{_agenda(sesion)}acta/", {}, content_type="application/json")
    assert r.status_code == 400
    assert r.json()["error"] == "No hay una sesión anterior celebrada de este órgano con el acta por aprobar."
    assert not sesion.puntos.exists()
    anterior = SesionFactory(
        organo=sesion.organo, fecha=sesion.fecha - timedelta(days=14), estado=Sesion.Estado.LEVANTADA
    )
    r = client.post(f"{_agenda(sesion)}acta/", {}, content_type="application/json")
    assert r.status_code == 201, r.content
    assert (r.json()["seccion"], r.json()["acta_de_id"]) == ("acta", anterior.pk)
    assert Evento.objects.filter(accion="concejo.punto.agregar", objeto_id=r.json()["punto_id"]).exists()
    r = client.post(f"{_agenda(sesion)}acta/", {"acta_de": anterior.pk}, content_type="application/json")
    assert r.status_code == 400 and r.json()["error"] == "El acta de esa sesión ya está en esta agenda."
    r = client.post(f"{_agenda(sesion)}acta/", {"acta_de": 999999}, content_type="application/json")
    assert r.status_code == 400 and "acta_de" in r.json()["campos"]
    assert sesion.puntos.count() == 1


def test_expediente_del_punto(sesion, secretario, regidor, client):
    punto = _agregar(sesion, secretario, "Ordenanza de ornato")
    client.force_login(secretario)
    falso = SimpleUploadedFile("informe.pdf", b"MZ\x90\x00 no es un pdf", content_type="application/pdf")
    r = client.post(f"{_punto(punto)}anexos/", {"archivo": falso})
    assert r.status_code == 400 and "archivo" in r.json()["campos"]
    r = client.post(f"{_punto(punto)}anexos/", {})
    assert r.status_code == 400 and r.json()["campos"]["archivo"] == ["Elija el archivo."]
    assert punto.anexos.count() == 0
    pdf = render_pdf("documentos/generico.html", {"titulo": "Informe técnico", "cuerpo": "Texto"})
    r = client.post(f"{_punto(punto)}anexos/", {"archivo": SimpleUploadedFile("oficio.pdf", pdf)})
    assert r.status_code == 201, r.content
    (anexo,) = r.json()["anexos"]
    assert anexo["nombre"] == "oficio.pdf" and punto.anexos.get().sha256 == anexo["sha256"]
    assert Evento.objects.filter(accion="concejo.punto.anexo_agregar", objeto_id=punto.pk).exists()
    client.force_login(regidor)
    assert client.delete(f"{_punto(punto)}anexos/{anexo['id']}/").status_code == 403
    client.force_login(secretario)
    assert client.delete(f"{_punto(punto)}anexos/999999/").status_code == 404
    r = client.delete(f"{_punto(punto)}anexos/{anexo['id']}/")
    assert r.status_code == 200 and r.json()["anexos"] == [] and punto.anexos.count() == 0
    assert Evento.objects.filter(accion="concejo.punto.anexo_quitar", objeto_id=punto.pk).exists()


def test_leer_la_agenda_no_crece_en_consultas_con_los_puntos(sesion, secretario, client):
    client.force_login(secretario)
    _agregar(sesion, secretario, "Ordenanza de ornato")
    with CaptureQueriesContext(connection) as uno:
        assert client.get(_agenda(sesion)).status_code == 200
    for i in range(4):
        _agregar(sesion, secretario, f"Acuerdo {i}", seccion="pedidos" if i % 2 else "orden_del_dia")
    with CaptureQueriesContext(connection) as cinco:
        assert len(client.get(_agenda(sesion)).json()["puntos"]) == 5
    assert len(cinco) == len(uno)


def test_quien_solo_ve_recibe_403(sesion, secretario, regidor, client):
    punto = _agregar(sesion, secretario, "Ordenanza de ornato")
    client.force_login(regidor)
    assert client.get(_agenda(sesion)).status_code == 200
    assert client.get(_punto(punto)).json()["titulo"] == "Ordenanza de ornato"
    eventos = Evento.objects.count()
    respuestas = [
        client.post(_agenda(sesion), {"seccion": "pedidos", "titulo": "X"}, content_type="application/json"),
        client.patch(_punto(punto), {"titulo": "Otra"}, content_type="application/json"),
        client.delete(_punto(punto)),
        client.post(f"{_punto(punto)}mover/", {"direccion": "bajar"}, content_type="application/json"),
        client.post(f"{_agenda(sesion)}congelar/"),
        client.post(f"{_agenda(sesion)}acta/", {}, content_type="application/json"),
    ]
    for r in respuestas:
        assert r.status_code == 403
        assert r.json() == {"error": "No tiene permiso para preparar la agenda de las sesiones."}
    assert _titulos(sesion) == ["Ordenanza de ornato"] and Evento.objects.count() == eventos


def test_ajeno_recibe_404(sesion, secretario, ajeno, client):
    punto = _agregar(sesion, secretario, "Ordenanza de ornato")
    servicio_agenda.congelar_agenda(sesion=sesion, por=secretario)
    # Aunque la sesión sea pública y esté convocada: la agenda interna y los miembros no se asoman.
    Sesion.objects.filter(pk=sesion.pk).update(estado=Sesion.Estado.CONVOCADA, convocada_en=timezone.now())
    client.force_login(ajeno)
    rutas = [
        client.get(_agenda(sesion)),
        client.post(_agenda(sesion), {"seccion": "pedidos", "titulo": "X"}, content_type="application/json"),
        client.get(_punto(punto)),
        client.patch(_punto(punto), {"titulo": "Otra"}, content_type="application/json"),
        client.delete(_punto(punto)),
        client.post(f"{_punto(punto)}mover/", {"direccion": "bajar"}, content_type="application/json"),
        client.get(f"/api/v1/concejo/sesiones/{sesion.pk}/miembros/"),
        client.get("/api/v1/concejo/sesiones/999999/agenda/"),
    ]
    assert [r.status_code for r in rutas] == [404] * len(rutas)
    assert rutas[0].json() == {"error": "No encontrado."}
    assert _titulos(sesion) == ["Ordenanza de ornato"]
    client.logout()
    assert client.get(_agenda(sesion)).status_code in (401, 403)


def test_miembros_de_la_sesion(sesion, secretario, client):
    client.force_login(secretario)
    r = client.get(f"/api/v1/concejo/sesiones/{sesion.pk}/miembros/")
    assert r.status_code == 200
    datos = r.json()
    assert datos["formas_votacion"] == ["ordinaria", "nominal", "secreta"]
    assert datos["desempate"] == "voto_dirimente_alcalde"
    alcalde, *regidores = datos["miembros"]
    # Perú (Ley 27972, art. 17): el alcalde no vota en lo ordinario, solo dirime.
    assert (alcalde["rol"], alcalde["vota"], alcalde["dirime"]) == ("alcalde", False, True)
    assert [(m["vota"], m["dirime"], m["asistencia"], m["habil"]) for m in regidores] == [
        (True, False, "ausente", True)
    ] * 2


def test_organos(pleno, client):
    r = client.get("/api/v1/concejo/organos/")
    assert r.status_code == 200
    assert [(o["id"], o["es_pleno"]) for o in r.json()["results"]] == [(pleno.pk, True)]


def test_esquema_describe_la_agenda(client, db):
    esquema = yaml.safe_load(client.get(reverse("api-schema")).content)
    rutas = esquema["paths"]

    def ref(op, donde):
        if donde == "entrada":
            return op["requestBody"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
        codigo = "201" if "201" in op["responses"] else "200"
        return op["responses"][codigo]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]

    agenda = rutas["/api/v1/concejo/sesiones/{id}/agenda/"]
    assert ref(agenda["get"], "salida") == "AgendaSalida"
    assert (ref(agenda["post"], "entrada"), ref(agenda["post"], "salida")) == (
        "PuntoAgendaEntrada",
        "PuntoSalida",
    )
    punto = rutas["/api/v1/concejo/puntos/{id}/"]
    assert ref(punto["patch"], "entrada") == "PatchedPuntoEdicionEntrada"
    assert ref(punto["delete"], "salida") == "AgendaSalida"
    assert "motivo" in [p["name"] for p in punto["delete"]["parameters"]]
    assert ref(rutas["/api/v1/concejo/puntos/{id}/mover/"]["post"], "entrada") == "MoverEntrada"
    assert ref(rutas["/api/v1/concejo/sesiones/{id}/miembros/"]["get"], "salida") == "MiembrosSalida"
    seccion = esquema["components"]["schemas"]["PuntoAgendaEntrada"]["properties"]["seccion"]
    assert "$ref" in seccion or "enum" in seccion


# --- El guion de la documentación, contra un servidor de verdad ------------------------------------------


def test_guion_conduce_una_sesion_entera(demo, live_server):
    """`scripts/sesion_por_api.py` (el de docs/operacion/api.md) contra `live_server` con la demostración
    y el token que da `secretaria token secretario`: cada paso por HTTP, como lo correría el operador."""
    salida = io.StringIO()
    call_command("token", "secretario", stdout=salida)
    token = salida.getvalue().strip().splitlines()[-1]
    antes = set(Sesion.objects.values_list("pk", flat=True))
    ultimo_evento = Evento.objects.order_by("-pk").values_list("pk", flat=True).first()
    proceso = subprocess.run(
        [sys.executable, str(RAIZ / "scripts" / "sesion_por_api.py"), "--base", live_server.url],
        env={"SECRETARIA_TOKEN": token, "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proceso.returncode == 0, proceso.stdout + proceso.stderr
    assert "Empate: quien preside emite el voto dirimente" in proceso.stdout
    (nueva,) = Sesion.objects.exclude(pk__in=antes)
    assert nueva.estado == Sesion.Estado.LEVANTADA
    nominal, conteo = nueva.votaciones.order_by("numero")
    # Perú: 4 a 4 entre los regidores y el alcalde, que preside, dirime a favor.
    assert (
        nominal.forma == "nominal"
        and nominal.votos.filter(sentido__in=["a_favor", "en_contra"], miembro__rol="miembro").count() == 8
    )
    assert (nominal.calculo["a_favor"], nominal.calculo["en_contra"]) == (4, 4)
    assert nominal.voto_dirimente.rol == "alcalde" and nominal.resultado == Votacion.Resultado.APROBADO
    assert conteo.forma == "ordinaria" and conteo.resultado == Votacion.Resultado.APROBADO
    assert Decision.objects.filter(votacion__in=[nominal, conteo]).count() == 2
    acciones = set(
        Evento.objects.filter(pk__gt=ultimo_evento, actor__username="secretario").values_list(
            "accion", flat=True
        )
    )
    assert {
        "concejo.punto.editar",
        "concejo.punto.mover",
        "concejo.punto.quitar",
        "concejo.votacion.dirimente",
        "concejo.sesion.levantar",
    } <= acciones
