"""La zona horaria del municipio rige las páginas, la consola y las tareas (no la del servidor).

Municipio en Ciudad de México (UTC−6 todo el año) y servidor en Lima (UTC−5): a las 05:30 UTC del 11/03
en Lima ya es 11/03 (00:30) pero en el municipio aún es 10/03 (23:30).
"""

from datetime import UTC, date, datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from core.models import Encargo, Evento
from core.selectors import municipio as servicio_municipio
from core.tests.factories import MunicipioFactory
from secretaria import cli

CASI_MEDIANOCHE = datetime(2026, 3, 11, 5, 30, tzinfo=UTC)


@task()
def zona_de_la_tarea() -> str:
    return f"{timezone.get_current_timezone_name()} {timezone.localdate():%Y-%m-%d}"


@pytest.fixture(autouse=True)
def servidor_en_lima(settings):
    settings.TIME_ZONE = "America/Lima"


@pytest.fixture
def municipio(db):
    return MunicipioFactory(zona_horaria="America/Mexico_City")


@pytest.fixture
def reloj(monkeypatch):
    def fijar(momento: datetime):
        monkeypatch.setattr(timezone, "now", lambda: momento)

    return fijar


def test_la_auditoria_muestra_la_hora_del_municipio(cliente_de, secretario, unidad_sg, municipio, reloj):
    reloj(datetime(2026, 3, 10, 15, 30, tzinfo=UTC))
    cliente = cliente_de(secretario)
    r = cliente.post(reverse("core:cargo-crear"), {"nombre": "Asesor legal", "unidad": unidad_sg.pk})
    assert r.status_code == 302
    assert Evento.objects.filter(accion="core.cargo.crear").exists()
    pagina = cliente.get(reverse("core:auditoria")).content.decode()
    assert "10/03/2026 09:30:00" in pagina  # Ciudad de México
    assert "10:30:00" not in pagina  # Lima


def test_hoy_cerca_de_medianoche_es_el_del_municipio(cliente_de, secretario, prosecretario, municipio, reloj):
    reloj(CASI_MEDIANOCHE)
    Encargo.objects.create(
        titular=secretario, encargado=prosecretario, desde=date(2026, 3, 11), hasta=date(2026, 3, 20)
    )
    cliente = cliente_de(secretario)
    assert "reglas vigentes al 10/03/2026" in cliente.get(reverse("core:perfil")).content.decode()
    encargos = cliente.get(reverse("core:encargos")).content.decode()
    assert "Programado" in encargos and "<strong>Vigente</strong>" not in encargos


def test_la_zona_cambiada_en_la_configuracion_rige_la_siguiente_pagina(
    cliente_de, secretario, municipio, reloj
):
    reloj(CASI_MEDIANOCHE)
    cliente = cliente_de(secretario)
    assert "vigentes al 10/03/2026" in cliente.get(reverse("core:perfil")).content.decode()
    r = cliente.post(
        reverse("core:municipio"),
        {
            "nombre": municipio.nombre,
            "sigla": municipio.sigla,
            "perfil": "PE",
            "zona_horaria": "America/Lima",
        },
    )
    assert r.status_code == 302
    assert "vigentes al 11/03/2026" in cliente.get(reverse("core:perfil")).content.decode()


def test_la_consola_corre_en_la_zona_del_municipio(
    municipio, prosecretario, secretario, reloj, monkeypatch, capsys
):
    reloj(CASI_MEDIANOCHE)
    Encargo.objects.create(
        titular=secretario, encargado=prosecretario, desde=date(2026, 3, 11), hasta=date(2026, 3, 20)
    )
    codigo = (
        "from django.utils import timezone; from core.models import Usuario; "
        "from core.services.auditoria import encargo_vigente; "
        "print(timezone.get_current_timezone_name(), timezone.localdate(), "
        "encargo_vigente(Usuario.objects.get(username='prosecretario')))"
    )
    monkeypatch.setattr("sys.argv", ["secretaria", "shell", "-c", codigo])
    cli.main()
    assert capsys.readouterr().out.strip().splitlines()[-1] == "America/Mexico_City 2026-03-10 None"
    assert timezone.get_current_timezone_name() == "America/Lima"  # al salir, la del servidor


def test_la_tarea_corre_en_la_zona_del_municipio_y_la_restaura(municipio, reloj):
    reloj(CASI_MEDIANOCHE)
    resultado = zona_de_la_tarea.enqueue()
    assert resultado.return_value == "America/Mexico_City 2026-03-10"
    assert timezone.get_current_timezone_name() == "America/Lima"


def test_regla_vigente_usa_el_hoy_del_municipio_sin_zona_activa(municipio, reloj):
    from core.services import perfiles

    reloj(CASI_MEDIANOCHE)
    perfiles.fijar_regla_local(
        municipio=municipio,
        clave="plazos.respuesta_peticion",
        valor=7,
        vigente_desde=date(2026, 3, 11),
        fuente="Ordenanza 1-2026",
        por=None,
    )
    assert (
        perfiles.valor("plazos.respuesta_peticion", municipio=municipio) != 7
    )  # aún es 10/03 en el municipio


def test_sin_municipio_vale_la_zona_del_servidor(db):
    assert servicio_municipio.zona_horaria_actual() == "America/Lima"


def test_el_middleware_no_suma_consultas(client, municipio, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def consultas():
        with CaptureQueriesContext(connection) as c:
            assert client.get(reverse("login")).status_code == 200
        return len(c)

    con_middleware = consultas()
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if m != "core.middleware.ZonaHorariaMiddleware"]
    assert con_middleware == consultas()
