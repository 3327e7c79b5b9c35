"""Autenticación de la API por token en una sola consulta.

`TokenAuthentication` de DRF hace una consulta (token + usuario) y luego `has_perm` hace dos más
(permisos propios y de grupos) y leer `usuario.unidad` otra: cuatro viajes a la base de datos antes de
que la vista empiece. En PostgreSQL, `TokenConPermisos` trae en un solo viaje el token, el usuario, su
unidad y el conjunto de sus permisos (el mismo que calcula `ModelBackend`: todos si es superusuario; si
no, los propios más los de sus grupos) y lo deja en `usuario._perm_cache`, la caché por objeto que
`ModelBackend` ya usa dentro de una solicitud. Mismas respuestas y mensajes que la clase de DRF; con otro
motor de base de datos o con otros backends de autenticación, se comporta exactamente como ella.
"""

from __future__ import annotations

from functools import cache

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from core.models import UnidadOrganica, Usuario

_SOLO_MODEL_BACKEND = ["django.contrib.auth.backends.ModelBackend"]


@cache
def _consulta() -> tuple[str, list[str], list[str]]:
    from rest_framework.authtoken.models import Token

    q = connection.ops.quote_name
    campos_usuario = [f.attname for f in Usuario._meta.concrete_fields]
    campos_unidad = [f.attname for f in UnidadOrganica._meta.concrete_fields]
    propios = Usuario._meta.get_field("user_permissions")
    grupos = Usuario._meta.get_field("groups")
    de_grupo = Group._meta.get_field("permissions")
    token_t, usuario_t = q(Token._meta.db_table), q(Usuario._meta.db_table)
    unidad_t = q(UnidadOrganica._meta.db_table)
    permiso_t, tipo_t = q(Permission._meta.db_table), q(ContentType._meta.db_table)
    sql = (
        f"SELECT t.{q('key')}, t.{q('created')}, "
        + ", ".join(f"u.{q(c)}" for c in campos_usuario)
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
        f" FROM {token_t} t JOIN {usuario_t} u ON u.{q('id')} = t.{q('user_id')}"
        f" LEFT JOIN {unidad_t} un ON un.{q('id')} = u.{q('unidad_id')}"
        f" WHERE t.{q('key')} = %s"
    )
    return sql, campos_usuario, campos_unidad


class TokenConPermisos(TokenAuthentication):
    """`TokenAuthentication` de DRF con el usuario, su unidad y sus permisos en la misma consulta."""

    def authenticate_credentials(self, key):
        backends = getattr(settings, "AUTHENTICATION_BACKENDS", _SOLO_MODEL_BACKEND)
        if connection.vendor != "postgresql" or list(backends) != _SOLO_MODEL_BACKEND:
            return super().authenticate_credentials(key)
        from rest_framework.authtoken.models import Token

        sql, campos_usuario, campos_unidad = _consulta()
        with connection.cursor() as cursor:
            cursor.execute(sql, [key])
            fila = cursor.fetchone()
        if fila is None:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        n = len(campos_usuario)
        usuario = Usuario.from_db(connection.alias, campos_usuario, fila[2 : 2 + n])
        if not usuario.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        unidad_fila = fila[2 + n : 2 + n + len(campos_unidad)]
        unidad = (
            UnidadOrganica.from_db(connection.alias, campos_unidad, unidad_fila) if usuario.unidad_id else None
        )
        Usuario._meta.get_field("unidad").set_cached_value(usuario, unidad)
        # Lo que ModelBackend.get_all_permissions guarda tras sus dos consultas (usuario activo).
        usuario._perm_cache = set(fila[-1])
        token = Token.from_db(connection.alias, ["key", "user_id", "created"], [fila[0], usuario.pk, fila[1]])
        Token._meta.get_field("user").set_cached_value(token, usuario)
        return usuario, token
