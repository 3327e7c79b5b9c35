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
