"""Personas de prueba compartidas por todas las áreas (STYLE.md: secretario, mesa_de_partes, ...)."""

import pytest

from core import roles
from core.tests.factories import MunicipioFactory, UnidadFactory, UsuarioFactory

# Los fixtures del navegador, definidos una sola vez: dos definiciones (una por módulo que los importa)
# abrían dos Playwright en el mismo proceso de pruebas y el segundo fallaba.
pytest_plugins = ["core.tests.navegador"]


@pytest.fixture(autouse=True)
def _zona_horaria_olvidada():
    """La zona horaria del municipio se recuerda en el proceso (core.services.municipio): cada prueba empieza
    con la del servidor ya recordada (como una instalación en marcha: sin consulta por solicitud, y sin base
    de datos para las pruebas que no la usan), no con la de otra prueba cuyo municipio ya no existe; el
    municipio que una prueba guarda la pone al día (señal del núcleo)."""
    from core.services.municipio import olvidar_zona_horaria, recordar_zona_horaria

    recordar_zona_horaria(None)
    yield
    olvidar_zona_horaria()


@pytest.fixture(autouse=True)
def _situaciones_del_pleno_olvidadas():
    """El voto en vivo guarda en el proceso la situación del pleno por (periodo, versión): cada prueba empieza
    sin las de otra (en SQLite el id de un periodo se repite tras deshacer la prueba anterior)."""
    from concejo.selectors.cuerpo import olvidar_situaciones_guardadas

    olvidar_situaciones_guardadas()


@pytest.fixture(autouse=True)
def _configuracion_del_registro_olvidada():
    """La precarga del registro guarda la configuración en el proceso con su versión: las pruebas vacían la
    base y la versión se repite, así que cada una empieza sin lo de otra."""
    from registro.rapido import olvidar_configuracion_guardada

    olvidar_configuracion_guardada()


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
