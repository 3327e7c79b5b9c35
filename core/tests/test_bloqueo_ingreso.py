"""Bloqueo de ingresos tras intentos fallidos (issue 20, punto 3): por la página de ingreso real."""

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from core.models import Evento
from core.tests.factories import CLAVE, UsuarioFactory

URL = reverse("login")


@pytest.fixture(autouse=True)
def bloqueo_activo(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    settings.LOGIN_BLOQUEO_MINUTOS = 15


@pytest.fixture
def usuario(municipio):
    return UsuarioFactory(username="ana")


def ingresar(client, usuario="ana", clave=CLAVE, ip="10.0.0.1"):
    return client.post(URL, {"username": usuario, "password": clave}, REMOTE_ADDR=ip)


def ingreso(respuesta) -> bool:
    return respuesta.status_code == 302 and "_auth_user_id" in respuesta.wsgi_request.session


def test_tras_los_fallos_ni_la_clave_correcta_entra(client, usuario):
    for _ in range(2):
        r = ingresar(client, clave="equivocada")
        assert r.status_code == 200 and "Por favor, introduzca" in r.content.decode()
    r = ingresar(client, clave="equivocada")
    assert r.status_code == 429
    html = r.content.decode()
    assert "Demasiados intentos fallidos de ingreso" in html and "15 minutos" in html
    assert 'name="password"' in html  # la misma página de ingreso
    r = ingresar(client)
    assert r.status_code == 429 and not ingreso(r)
    for _ in range(3):
        ingresar(client, clave="equivocada")
    # Un solo evento por bloqueo, aunque se siga intentando.
    eventos = Evento.objects.filter(accion="core.acceso.bloquear")
    assert eventos.count() == 1
    evento = eventos.get()
    assert evento.actor is None and evento.objeto_id == str(usuario.pk)
    assert evento.despues["usuario"] == "ana" and evento.despues["ip"] == "10.0.0.1"


def test_bloqueo_por_usuario_desde_varias_direcciones(client, usuario):
    for i in range(3):
        ingresar(client, clave="equivocada", ip=f"10.0.0.{i + 1}")
    r = ingresar(client, ip="10.0.0.99")
    assert r.status_code == 429 and not ingreso(r)


def test_bloqueo_por_direccion_con_varios_usuarios(client, usuario):
    UsuarioFactory(username="beto")
    for nombre in ("x1", "x2", "x3"):
        ingresar(client, usuario=nombre, clave="equivocada")
    assert ingresar(client, usuario="beto").status_code == 429
    # Desde otra dirección, otro usuario entra.
    assert ingreso(ingresar(client, usuario="beto", ip="10.9.9.9"))


def test_un_ingreso_correcto_vuelve_la_cuenta_a_cero(client, usuario):
    for _ in range(2):
        ingresar(client, clave="equivocada")
    assert ingreso(ingresar(client))
    client.logout()
    for _ in range(2):
        ingresar(client, clave="equivocada")
    assert ingreso(ingresar(client))


def test_desbloquear_por_consola_audita(client, usuario, capsys):
    for _ in range(3):
        ingresar(client, clave="equivocada")
    assert ingresar(client).status_code == 429
    call_command("desbloquear", "ana", "--ip", "10.0.0.1")
    assert "Desbloqueado" in capsys.readouterr().out
    assert not AccessAttempt.objects.exists()
    evento = Evento.objects.get(accion="core.acceso.desbloquear")
    assert evento.despues["usuario"] == "ana" and evento.despues["intentos_borrados"] >= 1
    assert ingreso(ingresar(client))


def test_desbloquear_sin_usuario_ni_direccion_explica(db):
    with pytest.raises(CommandError, match="Indique el usuario"):
        call_command("desbloquear")
    assert not Evento.objects.filter(accion="core.acceso.desbloquear").exists()


def test_el_admin_tambien_queda_bloqueado(client, usuario):
    for _ in range(3):
        client.post("/admin/login/", {"username": "ana", "password": "mala"}, REMOTE_ADDR="10.0.0.1")
    assert ingresar(client).status_code == 429
