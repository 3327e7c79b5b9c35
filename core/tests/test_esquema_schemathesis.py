"""Schemathesis sobre toda la API (issue 20, punto 7): cada operación del esquema OpenAPI, con datos
generados a partir del propio esquema, por la aplicación WSGI real y con el token de una Secretaria
General. Falla ante cualquier 5xx, un código de estado que el esquema no documenta, un tipo de contenido
que no declara o una respuesta que no cumple su esquema. Corre en los dos motores (make test).

No se exige que todo dato válido según el esquema sea aceptado (`positive_data_acceptance`): la API
rechaza con 400 lo que las reglas de negocio no admiten (una unidad que no existe, una fecha pasada), y
ese 400 está documentado. Cada operación recibe pocos ejemplos, deterministas (derandomize), para que la
suite siga rápida; `SCHEMATHESIS_EJEMPLOS` sube la cuenta para una corrida a fondo."""

import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given
from hypothesis import settings as ajustes_hypothesis
from rest_framework.authtoken.models import Token
from schemathesis import checks

from secretaria.wsgi import application

EJEMPLOS = int(os.environ.get("SCHEMATHESIS_EJEMPLOS", "6"))
COMPROBACIONES = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
    checks.response_headers_conformance,
]


@pytest.fixture
def sin_cerrar_conexiones():
    """Como el Client de Django: la transacción de la prueba sobrevive a cada solicitud WSGI."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_toda_la_api_cumple_su_esquema(db, secretario, sin_cerrar_conexiones):
    esquema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application)
    cabeceras = {"Authorization": f"Token {Token.objects.get_or_create(user=secretario)[0].key}"}
    operaciones, fallas = 0, []
    for resultado in esquema.get_all_operations():
        operacion = resultado.ok()
        operaciones += 1

        @given(caso=operacion.as_strategy())
        @ajustes_hypothesis(
            max_examples=EJEMPLOS,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def probar(caso):
            caso.call_and_validate(headers=cabeceras, checks=COMPROBACIONES)

        try:
            probar()
        except (Exception, BaseExceptionGroup) as e:  # noqa: BLE001 - se juntan todas para verlas de una vez
            fallas.append(f"{operacion.label}:\n{str(e)[:1200]}")
    assert operaciones >= 90, operaciones  # el esquema entero, no una parte
    print(f"Schemathesis: {operaciones} operaciones, {EJEMPLOS} ejemplos como máximo cada una")
    assert not fallas, "\n\n".join(fallas)
