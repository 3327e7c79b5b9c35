"""Autenticación de la API por token en una sola consulta.

`TokenAuthentication` de DRF hace una consulta (token + usuario) y luego `has_perm` hace dos más
(permisos propios y de grupos) y leer `usuario.unidad` otra: cuatro viajes a la base de datos antes de
que la vista empiece. En PostgreSQL, `TokenConPermisos` trae en un solo viaje el token, el usuario, su
unidad y el conjunto de sus permisos (el mismo que calcula `ModelBackend`: todos si es superusuario; si
no, los propios más los de sus grupos) y lo deja en `usuario._perm_cache`, la caché por objeto que
`ModelBackend` ya usa dentro de una solicitud. Mismas respuestas y mensajes que la clase de DRF; con otro
motor de base de datos o con otros backends de autenticación, se comporta exactamente como ella.

Una autenticación que de todos modos va a leer la base antes de escribir puede mandar esa consulta
(`core.autenticacion.sql_token`) junto con las suyas en un mismo viaje y dar la fila a `credenciales_de_fila`
(lo hace el registro por la API, `registro.api.autenticacion.TokenConLecturas`).
"""

from __future__ import annotations

from django.db import connection
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication, get_authorization_header
from rest_framework.authtoken.models import Token

from core.autenticacion import en_una_consulta, sql_token, usuario_de_fila


class TokenConPermisos(TokenAuthentication):
    """`TokenAuthentication` de DRF con el usuario, su unidad y sus permisos en la misma consulta."""

    def authenticate_credentials(self, key):
        if not en_una_consulta():
            return super().authenticate_credentials(key)
        with connection.cursor() as cursor:
            cursor.execute(sql_token(), [key])
            return self.credenciales_de_fila(cursor.fetchone())

    def clave(self, request) -> str | None:
        """La clave de un encabezado `Authorization: Token <clave>` bien formado; None en cualquier otro caso
        (sin encabezado o mal formado: lo decide `authenticate` de DRF, con sus mensajes)."""
        partes = get_authorization_header(request).split()
        if len(partes) != 2 or partes[0].lower() != self.keyword.lower().encode():
            return None
        try:
            return partes[1].decode()
        except UnicodeError:
            return None

    def credenciales_de_fila(self, fila):
        """(usuario, token) de una fila de `sql_token`; los mismos rechazos que DRF si no hay fila o el
        usuario está inactivo."""
        if fila is None:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        usuario = usuario_de_fila(fila, 2)
        if not usuario.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        token = Token.from_db(connection.alias, ["key", "user_id", "created"], [fila[0], usuario.pk, fila[1]])
        Token._meta.get_field("user").set_cached_value(token, usuario)
        return usuario, token
