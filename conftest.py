"""Personas de prueba compartidas por todas las áreas (STYLE.md: secretario, mesa_de_partes, ...)."""

import os

import pytest
from django.core.cache import cache
from django.utils import timezone

from core import limites, roles
from core.tests.factories import MunicipioFactory, UnidadFactory, UsuarioFactory

# La API síncrona de Playwright (core/tests/navegador.py) deja un bucle asyncio en el hilo de las pruebas y Django
# rechaza entonces el ORM salvo con esta variable (la que pytest-django recomienda para Playwright). Va para toda la
# sesión desde el principio: antes la ponía el navegador al abrirse y cada prueba corría con o sin ella según si una
# de navegador había corrido antes en el mismo proceso (el orden de xdist).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Los fixtures del navegador, definidos una sola vez: dos definiciones (una por módulo que los importa)
# abrían dos Playwright en el mismo proceso de pruebas y el segundo fallaba.
# `demo` (la demostración completa, una carga por sesión y una copia por prueba): core/tests/demo_guardada.py.
pytest_plugins = ["core.tests.navegador", "core.tests.demo_guardada"]


@pytest.fixture(autouse=True)
def _limites_en_un_instante(monkeypatch):
    """Los límites por IP cuentan en ventanas fijas (un minuto, una hora): en las pruebas el reloj de esas
    ventanas no avanza, así que una ráfaga de solicitudes cae siempre en la misma ventana aunque la máquina
    vaya lenta y pase el cambio de minuto (la prueba fallaba según la hora). Como la ventana es siempre la
    misma, cada prueba empieza con los contadores vacíos."""
    monkeypatch.setattr(limites, "reloj", lambda: 1_800_000_000.0)
    cache.clear()


@pytest.fixture(autouse=True)
def _sin_zona_horaria_heredada():
    """Cada prueba empieza y termina sin zona horaria activa. Una prueba que llama directo a código que la
    activa fuera de una solicitud (el camino rápido del registro fija la del municipio: en producción, dentro
    del middleware que la restaura) se la dejaba a la siguiente del mismo proceso, y dos pruebas de
    core/tests/test_zona_horaria.py fallaban en PostgreSQL según el orden de xdist."""
    timezone.deactivate()
    yield
    timezone.deactivate()


@pytest.fixture
def municipio(db):
    return MunicipioFactory()


@pytest.fixture
def unidad_sg(db):
    return UnidadFactory(sigla="SG", nombre="Secretaría General")


@pytest.fixture
def unidad_gdu(db):
    return UnidadFactory(sigla="GDU", nombre="Gerencia de Desarrollo Urbano")


@pytest.fixture
def secretario(municipio, unidad_sg):
    return UsuarioFactory(username="secretario", unidad=unidad_sg, roles=[roles.SECRETARIO])


@pytest.fixture
def prosecretario(municipio, unidad_sg):
    return UsuarioFactory(username="prosecretario", unidad=unidad_sg, roles=[roles.PROSECRETARIO])


@pytest.fixture
def mesa_de_partes(municipio):
    return UsuarioFactory(
        username="mesa", unidad=UnidadFactory(sigla="UTDA", nombre="Trámite Documentario"), roles=[roles.MESA]
    )


@pytest.fixture
def jefe_unidad(municipio, unidad_gdu):
    u = UsuarioFactory(username="jefe", unidad=unidad_gdu, roles=[roles.JEFE])
    unidad_gdu.jefe = u
    unidad_gdu.save()
    return u


@pytest.fixture
def regidor(municipio):
    return UsuarioFactory(username="regidor", roles=[roles.REGIDOR])


@pytest.fixture
def ciudadano(municipio):
    return UsuarioFactory(username="ciudadano")


@pytest.fixture
def ajeno(municipio):
    """Funcionario de otra unidad, sin roles: para las pruebas de 404."""
    return UsuarioFactory(
        username="ajeno", unidad=UnidadFactory(sigla="OTRA", nombre="Otra unidad"), roles=[roles.FUNCIONARIO]
    )


@pytest.fixture
def cliente_de(client):
    """cliente_de(usuario) -> el cliente de pruebas con esa sesión abierta."""

    def _cliente(usuario):
        client.force_login(usuario)
        return client

    return _cliente
