"""El fixture `demo`: la demostración completa, cargada una sola vez por sesión de pruebas (una por proceso de
pytest-xdist) y copiada entera a la base de cada prueba que la pide.

Cargar la demostración cuesta 15–30 s (genera y firma unos cincuenta PDF); cada prueba de navegador la cargaba
de nuevo. Ahora la primera prueba que pide `demo` la carga en la base de pruebas, se guarda una copia de la base
entera y la base se vacía como la deja cualquier prueba transaccional; cada prueba con `demo` recibe esa copia
(una fracción de segundo) y al terminar se vacía, así que lo que escribe no llega a otra.

- SQLite: la copia es una base en memoria, hecha y devuelta con la API de respaldo de SQLite
  (`sqlite3.Connection.backup`), que reemplaza la base entera (filas, secuencias) en la conexión de Django.
- PostgreSQL: la copia es una base plantilla (`CREATE DATABASE <prueba>_demo TEMPLATE <prueba>`); para cada
  prueba se borra la base de pruebas (`DROP DATABASE ... WITH (FORCE)`, que corta también una conexión que el
  servidor de `live_server` dejara abierta) y se vuelve a crear desde la plantilla con el mismo nombre
  (`STRATEGY FILE_COPY`: copia los archivos; con WAL_LOG, la de omisión, tardaba el doble).

Es transaccional a propósito (como `live_server`: el servidor corre en otro hilo y solo ve lo confirmado), y la
demostración se carga con la configuración base de las pruebas, antes de los fixtures de cada prueba (un
fixture de sesión se prepara antes que los de función): la misma demo para todas, pida quien la pida primero.
La demo tiene fechas relativas a hoy; la sesión entera dura minutos, como antes cada carga por prueba.
"""

from __future__ import annotations

import sqlite3

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.test.utils import override_settings

from core.demo import cargar_demo
from core.models import Municipio

# El hash rápido de `claves_rapidas`: la demo crea varios usuarios (y la prueba ingresa con sus claves).
CLAVES_RAPIDAS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


class _CopiaSqlite:
    """La base entera en una base SQLite en memoria."""

    def __init__(self) -> None:
        connection.ensure_connection()
        self._copia = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(self._copia)

    def restaurar(self) -> None:
        connection.ensure_connection()
        self._copia.backup(connection.connection)

    def descartar(self) -> None:
        self._copia.close()


class _CopiaPostgres:
    """La base entera en una base plantilla del mismo clúster."""

    def __init__(self) -> None:
        self._base = connection.settings_dict["NAME"]
        self._plantilla = f"{self._base}_demo"
        self._ejecutar(
            f"DROP DATABASE IF EXISTS {self._q(self._plantilla)}",
            f"CREATE DATABASE {self._q(self._plantilla)} TEMPLATE {self._q(self._base)} STRATEGY FILE_COPY",
        )

    def restaurar(self) -> None:
        self._ejecutar(
            f"DROP DATABASE {self._q(self._base)} WITH (FORCE)",
            f"CREATE DATABASE {self._q(self._base)} TEMPLATE {self._q(self._plantilla)} STRATEGY FILE_COPY",
        )

    def descartar(self) -> None:
        self._ejecutar(f"DROP DATABASE IF EXISTS {self._q(self._plantilla)} WITH (FORCE)")

    @staticmethod
    def _q(nombre: str) -> str:
        return connection.ops.quote_name(nombre)

    def _ejecutar(self, *sentencias: str) -> None:
        # Una base plantilla no admite otras conexiones mientras se copia: se cierra la nuestra y se corta la
        # de cualquier otro hilo (el servidor de pruebas entre solicitudes) antes de copiar.
        connection.close()
        with connection._nodb_cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = %s AND pid <> pg_backend_pid()",
                [self._base],
            )
            for sentencia in sentencias:
                cursor.execute(sentencia)


@pytest.fixture(scope="session")
def _demo_guardada(django_db_setup, django_db_blocker):
    """(pk del municipio, copia de la base con la demo): una carga por sesión (por trabajador de xdist)."""
    with django_db_blocker.unblock():
        with override_settings(PASSWORD_HASHERS=CLAVES_RAPIDAS):
            municipio = cargar_demo()
        copia = _CopiaSqlite() if connection.vendor == "sqlite" else _CopiaPostgres()
        # La base vuelve a quedar como la deja una prueba transaccional (TransactionTestCase._fixture_teardown).
        call_command("flush", verbosity=0, interactive=False)
    yield municipio.pk, copia
    with django_db_blocker.unblock():
        copia.descartar()


@pytest.fixture
def demo(transactional_db, claves_rapidas, _demo_guardada):
    """El municipio de demostración completo, confirmado en la base para que el servidor lo vea.

    Cada prueba recibe su propia copia de la demo recién cargada; al terminar, `transactional_db` vacía la
    base como siempre."""
    pk, copia = _demo_guardada
    copia.restaurar()
    # Los ContentType se guardan en memoria por id; la copia trae los suyos (los de la carga).
    ContentType.objects.clear_cache()
    return Municipio.objects.get(pk=pk)
