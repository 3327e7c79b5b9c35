"""El motor PostgreSQL propio: la comprobación de salud de la conexión no viaja a la base y aun así ve una
conexión que el servidor cerró."""

import select

import psycopg
import pytest
from django.db import connection

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="motor de PostgreSQL")


def _ultima_consulta(otra, pid) -> str:
    return otra.execute("SELECT query FROM pg_stat_activity WHERE pid = %s", [pid]).fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_conexion_sana_sin_consulta_y_cerrada_por_el_servidor_rota():
    from django.conf import settings

    assert settings.DATABASES["default"]["ENGINE"] == "core.bd.postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SELECT 'marca de la prueba'")
    pid = connection.connection.info.backend_pid
    datos = connection.get_connection_params()
    datos.pop("cursor_factory", None), datos.pop("prepare_threshold", None)
    with psycopg.connect(**datos, autocommit=True) as otra:
        assert connection.is_usable()  # sana, sin mandar nada: su última consulta sigue siendo la marca
        assert _ultima_consulta(otra, pid) == "SELECT 'marca de la prueba'"
        # El servidor cierra la conexión de Django (como un reinicio o pg_terminate_backend).
        assert otra.execute("SELECT pg_terminate_backend(%s)", [pid]).fetchone()[0]
    # Se espera (sin dormir) a que el aviso del servidor llegue al socket.
    legible, _, _ = select.select([connection.connection.pgconn.socket], [], [], 10)
    assert legible, "el servidor no cerró la conexión"
    assert not connection.is_usable()
    connection.health_check_done = False
    connection.close_if_health_check_failed()  # como al empezar una solicitud: la cierra
    assert connection.connection is None
    with connection.cursor() as cursor:  # y la próxima consulta abre otra
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)
