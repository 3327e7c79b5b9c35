"""Cuerpos de error de la API en español y con una forma constante.

`{"error": "<mensaje>", "campos": {"campo": ["mensaje", ...]}}`; `campos` solo en errores de validación.
Los errores de un objeto anidado o de una lista van con su ruta con puntos (`remitente.numero_documento`,
`adjuntos.0.nombre`): `campos` es siempre un diccionario de listas de textos, como dice el esquema.
"""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

_MENSAJES = {
    status.HTTP_400_BAD_REQUEST: "Los datos enviados no son válidos.",
    status.HTTP_401_UNAUTHORIZED: "Debe autenticarse.",
    status.HTTP_403_FORBIDDEN: "No tiene permiso para esta acción.",
    status.HTTP_404_NOT_FOUND: "No encontrado.",
    status.HTTP_405_METHOD_NOT_ALLOWED: "Método no permitido.",
    status.HTTP_429_TOO_MANY_REQUESTS: "Demasiadas solicitudes; intente más tarde.",
}


def _django_a_drf(exc):
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            return exceptions.ValidationError(
                {k: [str(m) for e in v for m in e.messages] for k, v in exc.error_dict.items()}
            )
        return exceptions.ValidationError({"non_field_errors": exc.messages})
    if isinstance(exc, Http404):
        return exceptions.NotFound()
    if isinstance(exc, PermissionDenied):
        # El motivo en español de quien la lanza (p. ej. «Solo la Secretaría…»); sin motivo, el de DRF.
        return exceptions.PermissionDenied(str(exc) or None)
    return exc


def manejar_excepcion(exc, context):
    exc = _django_a_drf(exc)
    respuesta = exception_handler(exc, context)
    if respuesta is None:
        return None
    cuerpo: dict[str, object] = {"error": _MENSAJES.get(respuesta.status_code, "Error.")}
    if isinstance(exc, exceptions.ValidationError):
        detalle = respuesta.data
        if isinstance(detalle, list):
            detalle = {"non_field_errors": detalle}
        cuerpo["campos"] = _aplanar(detalle)
        generales = detalle.get("non_field_errors") if isinstance(detalle, dict) else None
        if generales:
            cuerpo["error"] = str(generales[0])
    elif isinstance(exc, exceptions.APIException) and respuesta.status_code not in (404,):
        cuerpo["error"] = str(exc.detail) if isinstance(exc.detail, str) else cuerpo["error"]
    return Response(cuerpo, status=respuesta.status_code, headers=respuesta.headers)


def _aplanar(detalle, prefijo: str = "") -> dict[str, list[str]]:
    """{"remitente": {"numero_documento": ["…"]}} → {"remitente.numero_documento": ["…"]}."""
    if isinstance(detalle, dict):
        plano: dict[str, list[str]] = {}
        for clave, valor in detalle.items():
            plano.update(_aplanar(valor, f"{prefijo}.{clave}" if prefijo else str(clave)))
        return plano
    if isinstance(detalle, list) and any(isinstance(v, (dict, list)) for v in detalle):
        plano = {}
        for i, valor in enumerate(detalle):
            if valor:  # DRF deja {} o [] en los elementos sin error
                plano.update(_aplanar(valor, f"{prefijo}.{i}" if prefijo else str(i)))
        return plano
    mensajes = detalle if isinstance(detalle, list) else [detalle]
    return {prefijo or "non_field_errors": [str(m) for m in mensajes]}
