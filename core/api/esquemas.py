"""Serializadores comunes para documentar en OpenAPI las respuestas de error."""

from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    error = serializers.CharField(help_text="Mensaje en español.")
    campos = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="Solo en errores de validación: los mensajes de cada campo.",
    )


class MotivoEntrada(serializers.Serializer):
    """Entrada de las acciones que solo piden un motivo (devolver, revocar, exonerar, cancelar...)."""

    motivo = serializers.CharField(max_length=2000)


ERROR_401 = OpenApiResponse(ErrorSerializer, description="Sin autenticar o token inválido.")
ERROR_403 = OpenApiResponse(ErrorSerializer, description="Sin permiso.")
ERROR_404 = OpenApiResponse(ErrorSerializer, description="No existe.")
ERROR_400 = OpenApiResponse(ErrorSerializer, description="Datos inválidos; `campos` dice qué corregir.")
