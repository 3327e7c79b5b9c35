"""Tokens de la API (rest_framework.authtoken): uno por usuario, creado a pedido y auditado."""

from __future__ import annotations

from django.db import transaction
from rest_framework.authtoken.models import Token

from core.models import Usuario
from core.services.auditoria import registrar_evento


@transaction.atomic
def obtener_o_crear_token(*, usuario: Usuario, por: Usuario | None) -> tuple[Token, bool]:
    """Devuelve el token de API de `usuario`, creándolo si aún no tiene uno; `(token, creado)`.

    Crear un token da acceso a la API con la identidad del usuario, así que la creación queda en la
    pista de auditoría (ARCHITECTURE.md, invariante 3). El evento se ata al usuario y nunca guarda la
    clave: la auditoría la lee quien ve la auditoría, y la clave es un secreto. Pedir un token que ya
    existe no cambia nada y no se audita. `por` es quien lo pide (None desde la consola).
    """
    token, creado = Token.objects.select_for_update().get_or_create(user=usuario)
    if creado:
        registrar_evento(
            por=por,
            accion="core.token.crear",
            objeto=usuario,
            despues={"usuario": usuario.username, "token_creado": token.created},
        )
    return token, creado
