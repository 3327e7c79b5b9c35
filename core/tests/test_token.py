"""`secretaria token USUARIO` y el servicio de tokens."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from rest_framework.authtoken.models import Token

from core.models import Evento


def _token(*args):
    salida, errores = StringIO(), StringIO()
    call_command("token", *args, stdout=salida, stderr=errores)
    return salida.getvalue().strip().splitlines()[-1], errores.getvalue()


def test_token_crea_y_audita(secretario):
    clave, aviso = _token("secretario")
    token = Token.objects.get(user=secretario)
    assert clave == token.key and len(clave) == 40
    assert "Token creado" in aviso
    evento = Evento.objects.get(accion="core.token.crear")
    assert evento.objeto_id == str(secretario.pk)
    assert evento.actor is None and evento.actor_nombre == "sistema"
    assert evento.despues["usuario"] == "secretario"
    # La clave es un secreto: no debe quedar en la auditoría.
    assert clave not in str(evento.despues) and clave not in evento.objeto_repr


def test_token_repetido_devuelve_el_mismo_sin_auditar(secretario):
    primero, _ = _token("secretario")
    segundo, aviso = _token("secretario")
    assert primero == segundo
    assert aviso == ""
    assert Token.objects.filter(user=secretario).count() == 1
    assert Evento.objects.filter(accion="core.token.crear").count() == 1


def test_token_sirve_para_la_api(client, secretario):
    clave, _ = _token("secretario")
    r = client.get("/api/v1/yo/", HTTP_AUTHORIZATION=f"Token {clave}")
    assert r.status_code == 200
    assert r.json()["username"] == "secretario"


def test_token_usuario_inexistente_error_en_espanol(db):
    with pytest.raises(CommandError, match="No existe el usuario «nadie»"):
        call_command("token", "nadie", stdout=StringIO(), stderr=StringIO())
    assert not Token.objects.exists()
    assert not Evento.objects.exists()


def test_token_usuario_desactivado_no_recibe_token(regidor):
    regidor.is_active = False
    regidor.save()
    with pytest.raises(CommandError, match="desactivado"):
        call_command("token", "regidor", stdout=StringIO(), stderr=StringIO())
    assert not Token.objects.exists()


def test_consola_sale_con_error(db, monkeypatch, capsys):
    """Por el punto de entrada real (`secretaria`): código de salida distinto de cero y mensaje en español."""
    from secretaria.cli import main

    monkeypatch.setattr("sys.argv", ["secretaria", "token", "nadie"])
    with pytest.raises(SystemExit) as salida:
        main()
    assert salida.value.code != 0
    assert "No existe el usuario «nadie»" in capsys.readouterr().err
    # run_from_argv cierra las conexiones al terminar; nada más se consulta después.
