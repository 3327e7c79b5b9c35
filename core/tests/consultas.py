"""Cuántas consultas hace una página con sesión, según el motor (para las pruebas de consultas fijas)."""

from django.db import connection


def con_sesion(en_sqlite: int, *, lee_unidad: bool = False) -> int:
    """Las consultas de una página con sesión que consulta permisos: `en_sqlite` las cuenta como
    `ModelBackend` (usuario, permisos propios, permisos de grupos y, si la página la lee, la unidad del
    usuario). En PostgreSQL el usuario llega con su unidad y sus permisos en una consulta
    (`core.autenticacion.BackendConPermisos`): dos menos, o tres si la página lee la unidad."""
    if connection.vendor != "postgresql":
        return en_sqlite
    return en_sqlite - (3 if lee_unidad else 2)
