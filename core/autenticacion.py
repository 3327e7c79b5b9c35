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
from typing import cast

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from rest_framework.authtoken.models import Token

from core.models import UnidadOrganica, Usuario
from core.sql import Tabla

BACKEND = "core.autenticacion.BackendConPermisos"
AXES = "axes.backends.AxesStandaloneBackend"
_BACKENDS_CONOCIDOS = ({BACKEND}, {"django.contrib.auth.backends.ModelBackend"})


def en_una_consulta() -> bool:
    """Si el usuario y sus permisos se leen juntos: PostgreSQL y solo backends que calculan los permisos
    como `ModelBackend` (con otros, sus permisos no serían solo estos)."""
    # El de django-axes solo vigila los intentos de ingreso: no da usuarios ni permisos.
    backends = set(getattr(settings, "AUTHENTICATION_BACKENDS", ())) - {AXES}
    return connection.vendor == "postgresql" and backends in _BACKENDS_CONOCIDOS


@cache
def _columnas() -> tuple[str, list[str], list[str]]:
    """El texto de las columnas (usuario `u`, su unidad `un` y el ARRAY de permisos) y los nombres de los
    campos del usuario y de la unidad, en ese orden."""
    q = connection.ops.quote_name
    u, p, ct = Tabla(Usuario), Tabla(Permission), Tabla(ContentType)
    campos_usuario = [f.attname for f in Usuario._meta.concrete_fields]
    campos_unidad = [f.attname for f in UnidadOrganica._meta.concrete_fields]
    propios = Usuario._meta.get_field("user_permissions")
    grupos = Usuario._meta.get_field("groups")
    de_grupo = Group._meta.get_field("permissions")
    columnas = (
        # Un campo concreto siempre tiene columna (el tipo de Field la admite None).
        ", ".join(f"u.{q(cast(str, f.column))}" for f in Usuario._meta.concrete_fields)
        + ", "
        + ", ".join(f"un.{q(cast(str, f.column))}" for f in UnidadOrganica._meta.concrete_fields)
        + f", ARRAY(SELECT ct.{ct.app_label} || '.' || p.{p.codename} FROM {p} p"
        f" JOIN {ct} ct ON ct.{ct.id} = p.{p.content_type}"
        f" WHERE u.{u.is_superuser}"
        f" OR p.{p.id} IN (SELECT {q(propios.m2m_reverse_name())} FROM {q(propios.m2m_db_table())}"
        f" WHERE {q(propios.m2m_column_name())} = u.{u.id})"
        f" OR p.{p.id} IN (SELECT gp.{q(de_grupo.m2m_reverse_name())} FROM {q(de_grupo.m2m_db_table())} gp"
        f" JOIN {q(grupos.m2m_db_table())} ug ON ug.{q(grupos.m2m_reverse_name())} = gp.{q(de_grupo.m2m_column_name())}"
        f" WHERE ug.{q(grupos.m2m_column_name())} = u.{u.id}))"
    )
    return columnas, campos_usuario, campos_unidad


@cache
def sql_usuario(*, antes: tuple[str, ...] = (), desde: str = "", donde: str = "") -> str:
    """El SELECT del usuario con unidad y permisos. `antes`: columnas que van primero (la fila del usuario
    empieza en `len(antes)`); `desde`: de dónde sale el usuario (por omisión, la tabla de usuarios como `u`);
    `donde`: la condición (por omisión, el id del usuario: un parámetro)."""
    columnas, _, _ = _columnas()
    u, un = Tabla(Usuario), Tabla(UnidadOrganica)
    desde = desde or f"{u} u"
    donde = donde or f"u.{u.id} = %s"
    primeras = "".join(f"{c}, " for c in antes)
    return f"SELECT {primeras}{columnas} FROM {desde} LEFT JOIN {un} un ON un.{un.id} = u.{u.unidad} WHERE {donde}"


@cache
def sql_token() -> str:
    """El SELECT del token de la API (clave y fecha) con su usuario, su unidad y sus permisos; un parámetro:
    la clave. Lo usan la autenticación por token (`core.api.autenticacion`) y, en el mismo viaje que sus
    lecturas, el registro por la API (`registro.rapido`)."""
    t, u = Tabla(Token), Tabla(Usuario)
    return sql_usuario(
        antes=(f"t.{t.key}", f"t.{t.created}"),
        desde=f"{t} t JOIN {u} u ON u.{u.id} = t.{t.user}",
        donde=f"t.{t.key} = %s",
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
    usuario._perm_cache = set(fila[-1])  # type: ignore[attr-defined]  # el atributo que crea ModelBackend
    return usuario


class BackendConPermisos(ModelBackend):
    """`ModelBackend` que, en PostgreSQL, lee el usuario de la sesión con su unidad y sus permisos en una
    consulta. Ingreso, permisos y respuestas: los de `ModelBackend`."""

    def get_user(self, user_id):
        if not en_una_consulta():
            return super().get_user(user_id)
        sql = sql_usuario()
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
