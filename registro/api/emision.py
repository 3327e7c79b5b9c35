"""API de documentos internos y de salida: listar los de mi unidad, crear un borrador y firmarlo.

Llama los mismos servicios que las páginas (registro.services.emision).
"""

from django.core.exceptions import PermissionDenied
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.esquemas import ERROR_400, ERROR_401, ERROR_403, ERROR_404
from core.api.paginacion import Paginacion
from core.api.permisos import EsFuncionario
from core.models import Persona, UnidadOrganica, Usuario
from registro.models import Documento, TipoDocumental
from registro.permissions import obtener_documento
from registro.selectors.emision import emitidos_de_unidad
from registro.services.emision import crear_borrador, firmar_lo_guardado, puede_firmar


class EmitidoSalida(serializers.Serializer):
    id = serializers.IntegerField()
    clase = serializers.CharField()
    estado = serializers.CharField()
    numero = serializers.CharField(source="numero_texto")
    tipo_documental = serializers.CharField(source="tipo_documental.nombre", allow_null=True)
    asunto = serializers.CharField()
    cuerpo = serializers.CharField()
    destinatario_texto = serializers.CharField()
    unidad_origen = serializers.CharField(source="unidad_origen.sigla")
    respuesta_a = serializers.IntegerField(source="respuesta_a_id", allow_null=True)
    firmado_en = serializers.DateTimeField(allow_null=True)
    pdf_sha256 = serializers.SerializerMethodField()
    codigo_seguimiento = serializers.CharField()

    def get_pdf_sha256(self, obj) -> str | None:
        return obj.pdf.sha256 if obj.pdf_id else None


class EmitidoEntrada(serializers.Serializer):
    clase = serializers.ChoiceField(choices=[Documento.Clase.INTERNO, Documento.Clase.SALIDA])
    tipo_documental = serializers.PrimaryKeyRelatedField(queryset=TipoDocumental.objects.filter(activo=True))
    asunto = serializers.CharField(max_length=500)
    cuerpo = serializers.CharField(required=False, allow_blank=True, default="")
    destinatarios_unidades = serializers.PrimaryKeyRelatedField(
        queryset=UnidadOrganica.objects.filter(activa=True), many=True, required=False, default=list
    )
    destinatarios_usuarios = serializers.PrimaryKeyRelatedField(
        queryset=Usuario.objects.filter(is_active=True), many=True, required=False, default=list
    )
    destinatario = serializers.PrimaryKeyRelatedField(
        queryset=Persona.objects.all(), required=False, allow_null=True, default=None
    )
    destinatario_texto = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    respuesta_a = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Id del documento de entrada que se responde.",
    )


class Emitidos(APIView):
    """Documentos internos y de salida de la unidad del usuario (borradores primero); POST crea un borrador."""

    permission_classes = [IsAuthenticated, EsFuncionario]
    pagination_class = Paginacion

    @extend_schema(responses={200: EmitidoSalida(many=True), 401: ERROR_401, 403: ERROR_403})
    def get(self, request):
        documentos = emitidos_de_unidad(request.user).select_related("unidad_origen", "pdf")
        paginador = self.pagination_class()
        pagina = paginador.paginate_queryset(documentos, request, view=self)
        return paginador.get_paginated_response(EmitidoSalida(pagina, many=True).data)

    @extend_schema(
        request=EmitidoEntrada,
        responses={201: EmitidoSalida, 400: ERROR_400, 401: ERROR_401, 403: ERROR_403, 404: ERROR_404},
    )
    def post(self, request):
        if not request.user.unidad_id:
            raise PermissionDenied
        entrada = EmitidoEntrada(data=request.data)
        entrada.is_valid(raise_exception=True)
        datos = dict(entrada.validated_data)
        respuesta_a = datos.pop("respuesta_a")
        if respuesta_a is not None:
            respuesta_a = obtener_documento(request.user, respuesta_a, editar=True)
        documento = crear_borrador(
            **datos, respuesta_a=respuesta_a, unidad_origen=request.user.unidad, por=request.user
        )
        return Response(EmitidoSalida(documento).data, status=status.HTTP_201_CREATED)


class EmitidoFirmar(APIView):
    """Firma (aprueba), numera y genera el PDF de un borrador; solo el jefe de la unidad de origen, su
    encargado o la Secretaría General."""

    permission_classes = [IsAuthenticated, EsFuncionario]

    @extend_schema(
        request=None,
        responses={200: EmitidoSalida, 400: ERROR_400, 401: ERROR_401, 403: ERROR_403, 404: ERROR_404},
    )
    def post(self, request, pk: int):
        documento = obtener_documento(request.user, pk)
        if documento.clase not in (Documento.Clase.INTERNO, Documento.Clase.SALIDA):
            raise PermissionDenied
        if not puede_firmar(request.user, documento):
            raise PermissionDenied
        documento = firmar_lo_guardado(documento=documento, por=request.user)
        return Response(EmitidoSalida(documento).data)
