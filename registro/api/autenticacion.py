"""El token del registro por la API, leído en el mismo viaje que lo que el registro lee (PostgreSQL).

Registrar un documento lee siempre, antes de numerar, el municipio, sus reglas, su calendario, la serie, el
encargo de quien registra y el remitente (`registro.rapido.precargar`). `TokenConLecturas` es la
autenticación por token de siempre (`core.api.autenticacion.TokenConPermisos`) que, en un POST con camino
rápido, manda la consulta del token en ese mismo viaje: un viaje menos por registro. La solicitud queda
autenticada exactamente igual (mismos rechazos y mensajes) y la vista entrega lo leído al servicio
(`precarga_de`). En cualquier otro caso (otro método, otro motor, `DB_CAMINO_RAPIDO=0`) es
`TokenConPermisos` tal cual.

Para buscar al remitente en el mismo viaje se mira el cuerpo JSON antes de autenticar, solo como clave de
búsqueda: si no es JSON, pasa de `CUERPO_MAXIMO` bytes o no trae un documento válido, no se busca; la
entrada se valida después, como siempre, y el servicio busca al remitente de nuevo si el del cuerpo no es
el que validó.
"""

from __future__ import annotations

import json

from django.core.exceptions import ValidationError
from django.utils import timezone

from core.api.autenticacion import TokenConPermisos
from core.autenticacion import en_una_consulta
from registro import rapido
from registro.rapido import Precarga
from registro.services.recepcion import CLAVE_SERIE, documento_de_remitente

# Un registro con remitente ocupa menos de 1 KB; más que esto no se lee antes de autenticar.
CUERPO_MAXIMO = 16 * 1024
_ATRIBUTO = "precarga_del_registro"


def _remitente_del_cuerpo(request) -> tuple[str, str] | None:
    """(tipo, número normalizado) del remitente en el JSON del cuerpo, si se puede leer sin error."""
    if request.content_type != "application/json" or len(request.body) > CUERPO_MAXIMO:
        return None
    try:
        remitente = json.loads(request.body).get("remitente") or {}
        tipo, numero = remitente.get("tipo_documento"), remitente.get("numero_documento")
        if isinstance(tipo, str) and isinstance(numero, str):
            return tipo, documento_de_remitente(tipo, numero)
    except (ValueError, AttributeError, ValidationError):
        pass
    return None


class TokenConLecturas(TokenConPermisos):
    """`TokenConPermisos` con el token en el viaje de las lecturas del registro (ver el módulo)."""

    def authenticate(self, request):
        clave = self.clave(request)
        if clave is None or request.method != "POST" or not en_una_consulta():
            return super().authenticate(request)
        precarga = rapido.precargar(
            clave_serie=CLAVE_SERIE,
            usuario=None,
            hoy=timezone.localdate(),
            remitente=_remitente_del_cuerpo(request),
            token=clave,
        )
        if precarga is None:
            return super().authenticate(request)
        credenciales = self.credenciales_de_fila(precarga.fila_token)  # los rechazos de siempre
        setattr(request, _ATRIBUTO, precarga)
        return credenciales


def precarga_de(request) -> Precarga | None:
    """Lo que `TokenConLecturas` leyó con el token, para el servicio; None si no leyó nada."""
    return getattr(request, _ATRIBUTO, None)
