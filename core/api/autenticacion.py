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

from django.db import connection
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from core.autenticacion import en_una_consulta, sql_usuario, usuario_de_fila
from core.models import Usuario


class TokenConPermisos(TokenAuthentication):
    """`TokenAuthentication` de DRF con el usuario, su unidad y sus permisos en la misma consulta."""

    def authenticate_credentials(self, key):
        if not en_una_consulta():
            return super().authenticate_credentials(key)
        from rest_framework.authtoken.models import Token

        q = connection.ops.quote_name
        sql = sql_usuario(
            antes=(f"t.{q('key')}", f"t.{q('created')}"),
            desde=f"{q(Token._meta.db_table)} t JOIN {q(Usuario._meta.db_table)} u ON u.{q('id')} = t.{q('user_id')}",
            donde=f"t.{q('key')} = %s",
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [key])
            fila = cursor.fetchone()
        if fila is None:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        usuario = usuario_de_fila(fila, 2)
        if not usuario.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        token = Token.from_db(connection.alias, ["key", "user_id", "created"], [fila[0], usuario.pk, fila[1]])
        Token._meta.get_field("user").set_cached_value(token, usuario)
        return usuario, token
