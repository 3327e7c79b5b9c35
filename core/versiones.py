"""Versiones de grupos de tablas, para guardar en el proceso lo que casi nunca cambia.

Cada grupo (`GRUPOS`) es un conjunto de tablas. En PostgreSQL, un disparador por sentencia en cada tabla
sube `VersionDeDatos(grupo).valor` en la misma transacción que el cambio (INSERT, UPDATE, DELETE o
TRUNCATE, venga de donde venga), así que leer la versión y después las tablas en la misma conexión da
datos al menos tan nuevos como la versión leída: lo guardado con una versión vale mientras la versión
siga igual. Lo usa la precarga del registro (`registro.services.precarga`) para no leer en cada registro
el municipio, sus reglas locales, su calendario y la serie.

Reglas para quien guarde algo con una versión:
- leer la versión **antes** que las tablas (en el mismo viaje, en ese orden);
- guardar solo fuera de una transacción (`connection.in_atomic_block` falso): así lo leído está
  confirmado y una transacción que luego se deshace no deja nada guardado con una versión que se repetirá;
- sin fila de versión (p. ej. tras vaciar la base en las pruebas), no guardar.
En otros motores no hay disparadores ni se guarda nada. Lo que escribe con `session_replication_role =
replica` (una restauración con los disparadores apagados, el generador del bench) no sube la versión:
después, reinicie los procesos de la web.
"""

from __future__ import annotations

from django.db import connection

GRUPOS = {
    "configuracion": ("core_municipio", "core_reglalocal", "core_diacalendario", "core_serie"),
}

SQL_VERSION = "SELECT valor FROM core_versiondedatos WHERE grupo = %s"


def sql_disparadores(grupo: str) -> list[str]:
    """El SQL (PostgreSQL) que crea la función y los disparadores de un grupo."""
    sentencias = [
        """CREATE OR REPLACE FUNCTION secretaria_subir_version() RETURNS trigger LANGUAGE plpgsql AS $$
           BEGIN
             INSERT INTO core_versiondedatos (grupo, valor) VALUES (TG_ARGV[0], 1)
             ON CONFLICT (grupo) DO UPDATE SET valor = core_versiondedatos.valor + 1;
             RETURN NULL;
           END $$"""
    ]
    for tabla in GRUPOS[grupo]:
        sentencias.append(
            f'CREATE TRIGGER "{tabla}_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "{tabla}" '
            f"FOR EACH STATEMENT EXECUTE FUNCTION secretaria_subir_version('{grupo}')"
        )
    return sentencias


def sql_quitar_disparadores(grupo: str) -> list[str]:
    return [f'DROP TRIGGER IF EXISTS "{tabla}_version" ON "{tabla}"' for tabla in GRUPOS[grupo]]


def se_puede_guardar() -> bool:
    """Si lo recién leído con su versión se puede guardar en el proceso (ver las reglas de arriba)."""
    return connection.vendor == "postgresql" and not connection.in_atomic_block
