"""Autenticación de la API por token en una sola consulta.

`TokenAuthentication` de DRF hace una consulta (token + usuario) y luego `has_perm` hace dos más
(permisos propios y de grupos) y leer `usuario.unidad` otra: cuatro viajes a la base de datos antes de
que la vista empiece. En PostgreSQL, `TokenConPermisos` trae en un solo viaje el token, el usuario, su
unidad y el conjunto de sus permisos (el mismo que calcula `ModelBackend`: todos si es superusuario; si
no, los propios más los de sus grupos) y lo deja en `usuario._perm_cache`, la caché por objeto que
`ModelBackend` ya usa dentro de una solicitud. Mismas respuestas y mensajes que la clase de DRF; con otro
motor de base de datos o con otros backends de autenticación, se comporta exactamente como ella.

Una vista que de todos modos va a leer la base antes de escribir puede mandar esa consulta (`sql_token`)
junto con las suyas en un mismo viaje y dar la fila a `credenciales_anticipadas` (lo hace el registro por
la API, `registro/api/documentos.py`).
"""

from __future__ import annotations

from functools import cache

from django.db import connection
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication, get_authorization_header

from core.autenticacion import en_una_consulta, sql_usuario, usuario_de_fila
from core.models import Usuario


@cache
def sql_token() -> str:
    """El SELECT del token (clave y fecha) con su usuario, su unidad y sus permisos; un parámetro: la clave."""
    from rest_framework.authtoken.models import Token

    q = connection.ops.quote_name
    return sql_usuario(
        antes=(f"t.{q('key')}", f"t.{q('created')}"),
        desde=f"{q(Token._meta.db_table)} t JOIN {q(Usuario._meta.db_table)} u ON u.{q('id')} = t.{q('user_id')}",
        donde=f"t.{q('key')} = %s",
    )


class TokenConPermisos(TokenAuthentication):
    """`TokenAuthentication` de DRF con el usuario, su unidad y sus permisos en la misma consulta."""

    def authenticate_credentials(self, key):
        if not en_una_consulta():
            return super().authenticate_credentials(key)
        with connection.cursor() as cursor:
            cursor.execute(sql_token(), [key])
            return self.credenciales_de_fila(cursor.fetchone())

    def credenciales_de_fila(self, fila):
        """(usuario, token) de una fila de `sql_token`; los mismos rechazos que DRF si no hay fila o el
        usuario está inactivo."""
        from rest_framework.authtoken.models import Token

        if fila is None:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        usuario = usuario_de_fila(fila, 2)
        if not usuario.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        token = Token.from_db(connection.alias, ["key", "user_id", "created"], [fila[0], usuario.pk, fila[1]])
        Token._meta.get_field("user").set_cached_value(token, usuario)
        return usuario, token


def clave_de_token(request) -> str | None:
    """La clave de un encabezado `Authorization: Token <clave>` bien formado, si la vista autentica primero
    con `TokenConPermisos` en una sola consulta; None en cualquier otro caso (lo decide DRF como siempre)."""
    autenticadores = getattr(request, "authenticators", None) or ()
    if not autenticadores or type(autenticadores[0]) is not TokenConPermisos or not en_una_consulta():
        return None
    partes = get_authorization_header(request).split()
    if len(partes) != 2 or partes[0].lower() != TokenConPermisos.keyword.lower().encode():
        return None
    try:
        return partes[1].decode()
    except UnicodeError:
        return None


def credenciales_anticipadas(request, fila) -> bool:
    """Deja autenticada la solicitud de DRF con una fila de `sql_token` leída junto con otras consultas.
    Si el token no vale o el usuario está inactivo no hace nada y devuelve False: la autenticación de
    siempre lo rechaza luego con su respuesta de siempre."""
    autenticador = request.authenticators[0]
    try:
        usuario, token = autenticador.credenciales_de_fila(fila)
    except exceptions.AuthenticationFailed:
        return False
    request._authenticator = autenticador
    request.user, request.auth = usuario, token
    return True
