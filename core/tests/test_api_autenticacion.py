"""`TokenConPermisos`: el mismo usuario, unidad y permisos que TokenAuthentication + ModelBackend, en una consulta."""

import pytest
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.test import APIRequestFactory

from core import roles
from core.api.autenticacion import TokenConPermisos
from core.tests.factories import UnidadFactory, UsuarioFactory


def _autenticar(clave):
    pedido = APIRequestFactory().get("/", HTTP_AUTHORIZATION=f"Token {clave}")
    return TokenConPermisos().authenticate(pedido)


def _permisos_de_model_backend(usuario):
    return ModelBackend().get_all_permissions(type(usuario).objects.get(pk=usuario.pk))


@pytest.mark.django_db
def test_usuario_unidad_y_permisos_como_model_backend_en_una_consulta(municipio):
    usuario = UsuarioFactory(username="mesa", unidad=UnidadFactory(sigla="UTDA"), roles=[roles.MESA])
    usuario.user_permissions.add(Permission.objects.get(codename="ver_auditoria"))
    token = Token.objects.create(user=usuario)
    with CaptureQueriesContext(connection) as consultas:
        autenticado, token_leido = _autenticar(token.key)
        assert autenticado.unidad.sigla == "UTDA"
        assert autenticado.has_perm(roles.REGISTRAR_DOCUMENTO) and autenticado.has_perm("core.ver_auditoria")
        assert not autenticado.has_perm("core.configurar_municipio")
        permisos = autenticado.get_all_permissions()
    assert len(consultas) == (1 if connection.vendor == "postgresql" else 4)
    assert autenticado == usuario and token_leido.key == token.key and token_leido.user is autenticado
    assert permisos == _permisos_de_model_backend(usuario) and "core.ver_auditoria" in permisos


@pytest.mark.django_db
def test_sin_unidad_superusuario_y_sin_permisos(municipio):
    jefe = UsuarioFactory(username="admin", is_superuser=True)
    nadie = UsuarioFactory(username="nadie")
    for usuario in (jefe, nadie):
        autenticado, _ = _autenticar(Token.objects.create(user=usuario).key)
        assert autenticado.unidad is None
        assert autenticado.get_all_permissions() == _permisos_de_model_backend(usuario)
    assert _autenticar(Token.objects.get(user=jefe).key)[0].has_perm("core.configurar_municipio")
    assert _autenticar(Token.objects.get(user=nadie).key)[0].get_all_permissions() == set()


@pytest.mark.django_db
def test_token_malo_o_usuario_inactivo_401(municipio):
    inactivo = UsuarioFactory(username="inactivo", is_active=False)
    with pytest.raises(AuthenticationFailed):
        _autenticar("0" * 40)
    with pytest.raises(AuthenticationFailed):
        _autenticar(Token.objects.create(user=inactivo).key)


# --- La sesión del navegador: BackendConPermisos ----------------------------------------------------


def test_el_proyecto_usa_el_backend_con_permisos(settings):
    from core.autenticacion import AXES, BACKEND, en_una_consulta

    # Antes, el de django-axes (bloqueo de ingresos): no da permisos, así que no apaga la consulta única.
    assert settings.AUTHENTICATION_BACKENDS == [AXES, BACKEND]
    assert en_una_consulta() == (connection.vendor == "postgresql")
    settings.AUTHENTICATION_BACKENDS = [BACKEND, "otro.Backend"]
    assert not en_una_consulta()


@pytest.mark.django_db
def test_pagina_con_sesion_lee_usuario_unidad_y_permisos_en_una_consulta(client, municipio):
    usuario = UsuarioFactory(username="mesa2", unidad=UnidadFactory(sigla="UTDA"), roles=[roles.MESA])
    usuario.user_permissions.add(Permission.objects.get(codename="ver_auditoria"))
    client.force_login(usuario)
    with CaptureQueriesContext(connection) as consultas:
        respuesta = client.get("/inicio/")
    assert respuesta.status_code == 200
    leido = respuesta.wsgi_request.user
    assert leido == usuario and leido.unidad.sigla == "UTDA"
    assert leido.get_all_permissions() == _permisos_de_model_backend(usuario)
    usuario_sql = [c["sql"] for c in consultas.captured_queries if "auth_permission" in c["sql"]]
    # En PostgreSQL los permisos llegan con el usuario (una consulta); en SQLite, como ModelBackend (dos más).
    assert len(usuario_sql) == (1 if connection.vendor == "postgresql" else 2)
    if connection.vendor == "postgresql":
        assert '"core_usuario"' in usuario_sql[0]


@pytest.mark.django_db
def test_sesion_de_usuario_inactivo_o_borrado_es_anonima(client, municipio):
    usuario = UsuarioFactory(username="se-va")
    client.force_login(usuario)
    type(usuario).objects.filter(pk=usuario.pk).update(is_active=False)
    assert client.get("/inicio/").wsgi_request.user.is_anonymous
    client.force_login(UsuarioFactory(username="otro"))
    type(usuario).objects.filter(username="otro").delete()
    assert client.get("/inicio/").wsgi_request.user.is_anonymous


@pytest.mark.django_db
def test_ingreso_con_clave_y_permisos_por_la_sesion(client, municipio):
    from core.autenticacion import BACKEND

    usuario = UsuarioFactory(username="ingresa", roles=[roles.MESA])
    usuario.set_password("clave-larga-de-prueba")
    usuario.save()
    assert not client.login(username="ingresa", password="otra")
    assert client.login(username="ingresa", password="clave-larga-de-prueba")
    assert client.session["_auth_user_backend"] == BACKEND
    assert client.get("/inicio/").wsgi_request.user.has_perm(roles.REGISTRAR_DOCUMENTO)
