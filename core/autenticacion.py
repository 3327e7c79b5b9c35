"""El usuario, su unidad y sus permisos en una sola consulta (PostgreSQL).

Con `ModelBackend`, cada solicitud que consulta un permiso hace tres viajes a la base de datos antes de que
la vista empiece: el usuario de la sesión, sus permisos propios y los de sus grupos (más otro si lee
`usuario.unidad`). En PostgreSQL, `sql_usuario` y `usuario_de_fila` traen en un viaje el usuario, su unidad y el
conjunto de sus permisos (el mismo que calcula `ModelBackend`: todos si es superusuario; si no, los
propios más los de sus grupos) y lo deja en `usuario._perm_cache`, la caché por objeto que `ModelBackend`
ya usa dentro de una solicitud. La usan la sesión del navegador (`BackendConPermisos`) y el token de la API
(`core.api.autenticacion.TokenConPermisos`). Con otro motor, todo se comporta como `ModelBackend`.
"""

from __future__ import annotations

from functools import cache

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from core.models import UnidadOrganica, Usuario

BACKEND = "core.autenticacion.BackendConPermisos"
_BACKENDS_CONOCIDOS = ({BACKEND}, {"django.contrib.auth.backends.ModelBackend"})


def en_una_consulta() -> bool:
    """Si el usuario y sus permisos se leen juntos: PostgreSQL y solo backends que calculan los permisos
    como `ModelBackend` (con otros, sus permisos no serían solo estos)."""
    backends = set(getattr(settings, "AUTHENTICATION_BACKENDS", ()))
    return connection.vendor == "postgresql" and backends in _BACKENDS_CONOCIDOS


@cache
def _columnas() -> tuple[str, list[str], list[str]]:
    """El texto de las columnas (usuario `u`, su unidad `un` y el ARRAY de permisos) y los nombres de los
    campos del usuario y de la unidad, en ese orden."""
    q = connection.ops.quote_name
    campos_usuario = [f.attname for f in Usuario._meta.concrete_fields]
    campos_unidad = [f.attname for f in UnidadOrganica._meta.concrete_fields]
    propios = Usuario._meta.get_field("user_permissions")
    grupos = Usuario._meta.get_field("groups")
    de_grupo = Group._meta.get_field("permissions")
    permiso_t, tipo_t = q(Permission._meta.db_table), q(ContentType._meta.db_table)
    columnas = (
        ", ".join(f"u.{q(c)}" for c in campos_usuario)
        + ", "
        + ", ".join(f"un.{q(c)}" for c in campos_unidad)
        + f", ARRAY(SELECT ct.{q('app_label')} || '.' || p.{q('codename')} FROM {permiso_t} p"
        f" JOIN {tipo_t} ct ON ct.{q('id')} = p.{q('content_type_id')}"
        f" WHERE u.{q('is_superuser')}"
        f" OR p.{q('id')} IN (SELECT {q(propios.m2m_reverse_name())} FROM {q(propios.m2m_db_table())}"
        f" WHERE {q(propios.m2m_column_name())} = u.{q('id')})"
        f" OR p.{q('id')} IN (SELECT gp.{q(de_grupo.m2m_reverse_name())} FROM {q(de_grupo.m2m_db_table())} gp"
        f" JOIN {q(grupos.m2m_db_table())} ug ON ug.{q(grupos.m2m_reverse_name())} = gp.{q(de_grupo.m2m_column_name())}"
        f" WHERE ug.{q(grupos.m2m_column_name())} = u.{q('id')}))"
    )
    return columnas, campos_usuario, campos_unidad


@cache
def sql_usuario(*, antes: tuple[str, ...] = (), desde: str = "", donde: str) -> str:
    """El SELECT del usuario con unidad y permisos. `antes`: columnas que van primero (la fila del usuario
    empieza en `len(antes)`); `desde`: de dónde sale el usuario (por omisión, la tabla de usuarios como `u`);
    `donde`: la condición."""
    q = connection.ops.quote_name
    columnas, _, _ = _columnas()
    usuario_t, unidad_t = q(Usuario._meta.db_table), q(UnidadOrganica._meta.db_table)
    desde = desde or f"{usuario_t} u"
    primeras = "".join(f"{c}, " for c in antes)
    return (
        f"SELECT {primeras}{columnas} FROM {desde}"
        f" LEFT JOIN {unidad_t} un ON un.{q('id')} = u.{q('unidad_id')} WHERE {donde}"
    )


def usuario_de_fila(fila, inicio: int = 0) -> Usuario:
    """El usuario (con su unidad en caché y sus permisos en `_perm_cache`) desde una fila de `sql_usuario`."""
    _, campos_usuario, campos_unidad = _columnas()
    n = len(campos_usuario)
    usuario = Usuario.from_db(connection.alias, campos_usuario, fila[inicio : inicio + n])
    unidad_fila = fila[inicio + n : inicio + n + len(campos_unidad)]
    unidad = (
        UnidadOrganica.from_db(connection.alias, campos_unidad, unidad_fila) if usuario.unidad_id else None
    )
    Usuario._meta.get_field("unidad").set_cached_value(usuario, unidad)
    # Lo que ModelBackend.get_all_permissions guarda tras sus dos consultas (usuario activo).
    usuario._perm_cache = set(fila[-1])
    return usuario


class BackendConPermisos(ModelBackend):
    """`ModelBackend` que, en PostgreSQL, lee el usuario de la sesión con su unidad y sus permisos en una
    consulta. Ingreso, permisos y respuestas: los de `ModelBackend`."""

    def get_user(self, user_id):
        if not en_una_consulta():
            return super().get_user(user_id)
        sql = sql_usuario(donde=f"u.{connection.ops.quote_name('id')} = %s")
        try:
            pk = Usuario._meta.pk.to_python(user_id)
        except Exception:  # noqa: BLE001 - un id de sesión ilegible es «sin usuario», como en ModelBackend
            return None
        with connection.cursor() as cursor:
            cursor.execute(sql, [pk])
            fila = cursor.fetchone()
        if fila is None:
            return None
        usuario = usuario_de_fila(fila)
        return usuario if self.user_can_authenticate(usuario) else None
