"""API de certificaciones: solicitudes (recibir, pagar, exonerar, emitir) y certificados emitidos (listar,
ver, descargar el PDF firmado, revocar). Llama los mismos servicios que las páginas."""

from django.core.exceptions import PermissionDenied
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from certificaciones import permissions as acceso
from certificaciones.models import Solicitud, Tarifa, TipoCertificacion
from certificaciones.services.emision import emitir_certificado, revocar_certificado, url_verificacion
from certificaciones.services.solicitudes import crear_solicitud, exonerar, registrar_pago
from certificaciones.views import respuesta_pdf
from core.api.esquemas import ERROR_400, ERROR_401, ERROR_403, ERROR_404, MotivoEntrada
from core.api.paginacion import Paginacion
from core.models import Persona
from registro.permissions import obtener_documento


class CertificadoSalida(serializers.Serializer):
    codigo = serializers.CharField()
    numero = serializers.CharField(source="numero_texto")
    anio = serializers.IntegerField()
    correlativo = serializers.IntegerField()
    tipo = serializers.CharField()
    asunto = serializers.CharField()
    emitido_en = serializers.DateTimeField()
    funcionario = serializers.CharField(source="funcionario_nombre")
    cargo = serializers.CharField()
    calidad = serializers.CharField()
    por_encargo_de = serializers.CharField(source="por_encargo_de_nombre")
    sha256 = serializers.CharField()
    fuente_sha256 = serializers.CharField()
    publico = serializers.BooleanField()
    revocado = serializers.BooleanField()
    motivo_revocacion = serializers.CharField()
    solicitud = serializers.IntegerField(source="solicitud_id")
    url_verificacion = serializers.SerializerMethodField()

    def get_url_verificacion(self, obj) -> str:
        return url_verificacion(obj.codigo)


class SolicitudSalida(serializers.Serializer):
    id = serializers.IntegerField()
    tipo = serializers.CharField()
    origen = serializers.CharField()
    estado = serializers.CharField()
    asunto = serializers.CharField()
    solicitante = serializers.IntegerField(source="solicitante_id")
    documento = serializers.IntegerField(source="documento_id", allow_null=True)
    fuente = serializers.SerializerMethodField()
    texto = serializers.CharField()
    monto = serializers.DecimalField(max_digits=10, decimal_places=2)
    recibo_numero = serializers.CharField()
    exonerado = serializers.BooleanField()
    publico = serializers.BooleanField()

    def get_fuente(self, obj) -> str:
        return f"{obj.fuente_clave}:{obj.fuente_id}" if obj.fuente_clave else ""


class SolicitudEntrada(serializers.Serializer):
    tipo = serializers.ChoiceField(choices=TipoCertificacion.choices)
    solicitante = serializers.PrimaryKeyRelatedField(queryset=Persona.objects.all())
    asunto = serializers.CharField(max_length=300)
    documento = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Id del documento del registro que trae el pedido.",
    )
    fuente = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="Original a certificar: «clave:id», p. ej. «registro.adjunto:12».",
    )
    archivo = serializers.FileField(
        required=False, allow_null=True, default=None, help_text="O el PDF del original (multipart)."
    )
    texto = serializers.CharField(required=False, allow_blank=True, default="")
    tarifa = serializers.PrimaryKeyRelatedField(
        queryset=Tarifa.objects.filter(activa=True), required=False, allow_null=True, default=None
    )
    publico = serializers.BooleanField(required=False, default=False)


class PagoEntrada(serializers.Serializer):
    recibo_numero = serializers.CharField(max_length=60)
    recibo_fecha = serializers.DateField()
    recibo_monto = serializers.DecimalField(max_digits=10, decimal_places=2)


def _exigir(usuario, permiso: str) -> None:
    if not usuario.has_perm(permiso):
        raise PermissionDenied


class Certificados(APIView):
    """Certificados emitidos que el usuario puede ver (registro de certificaciones), del más reciente."""

    permission_classes = [IsAuthenticated]
    pagination_class = Paginacion

    @extend_schema(responses={200: CertificadoSalida(many=True), 401: ERROR_401, 403: ERROR_403})
    def get(self, request):
        if not acceso.puede_ver_registro(request.user):
            raise PermissionDenied
        consulta = acceso.certificados_visibles(request.user).order_by("-emitido_en", "-id")
        paginador = self.pagination_class()
        pagina = paginador.paginate_queryset(consulta, request, view=self)
        return paginador.get_paginated_response(CertificadoSalida(pagina, many=True).data)


class CertificadoDetalle(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: CertificadoSalida, 401: ERROR_401, 404: ERROR_404})
    def get(self, request, codigo: str):
        return Response(CertificadoSalida(acceso.obtener_certificado(request.user, codigo=codigo)).data)


class CertificadoPdf(APIView):
    """El PDF firmado (PAdES) del certificado."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        responses={
            (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY),
            401: ERROR_401,
            404: ERROR_404,
        }
    )
    def get(self, request, codigo: str):
        return respuesta_pdf(acceso.obtener_certificado(request.user, codigo=codigo))


class CertificadoRevocar(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=MotivoEntrada,
        responses={200: CertificadoSalida, 400: ERROR_400, 401: ERROR_401, 403: ERROR_403, 404: ERROR_404},
    )
    def post(self, request, codigo: str):
        certificado = acceso.obtener_certificado(request.user, codigo=codigo)
        entrada = MotivoEntrada(data=request.data)
        entrada.is_valid(raise_exception=True)
        certificado = revocar_certificado(
            certificado=certificado, motivo=entrada.validated_data["motivo"], por=request.user
        )
        return Response(CertificadoSalida(certificado).data)


class Solicitudes(APIView):
    """Solicitudes que el usuario puede ver; POST recibe una (JSON, o multipart con el PDF del original)."""

    permission_classes = [IsAuthenticated]
    pagination_class = Paginacion
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    @extend_schema(responses={200: SolicitudSalida(many=True), 401: ERROR_401, 403: ERROR_403})
    def get(self, request):
        if not acceso.puede_ver_registro(request.user):
            raise PermissionDenied
        consulta = acceso.solicitudes_visibles(request.user).order_by("-creado", "-id")
        paginador = self.pagination_class()
        pagina = paginador.paginate_queryset(consulta, request, view=self)
        return paginador.get_paginated_response(SolicitudSalida(pagina, many=True).data)

    @extend_schema(
        request=SolicitudEntrada,
        responses={201: SolicitudSalida, 400: ERROR_400, 401: ERROR_401, 403: ERROR_403, 404: ERROR_404},
    )
    def post(self, request):
        _exigir(request.user, acceso.GESTIONAR)
        entrada = SolicitudEntrada(data=request.data)
        entrada.is_valid(raise_exception=True)
        datos = dict(entrada.validated_data)
        if datos["documento"] is not None:
            datos["documento"] = obtener_documento(request.user, datos["documento"])
        solicitud = crear_solicitud(**datos, por=request.user)
        return Response(SolicitudSalida(solicitud).data, status=status.HTTP_201_CREATED)


def _solicitud_para_gestionar(request, pk) -> Solicitud:
    solicitud = acceso.obtener_solicitud(request.user, pk)
    _exigir(request.user, acceso.GESTIONAR)
    return solicitud


class SolicitudPago(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=PagoEntrada,
        responses={200: SolicitudSalida, 400: ERROR_400, 401: ERROR_401, 403: ERROR_403, 404: ERROR_404},
    )
    def post(self, request, pk: int):
        solicitud = _solicitud_para_gestionar(request, pk)
        entrada = PagoEntrada(data=request.data)
        entrada.is_valid(raise_exception=True)
        return Response(
            SolicitudSalida(
                registrar_pago(solicitud=solicitud, por=request.user, **entrada.validated_data)
            ).data
        )


class SolicitudExonerar(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=MotivoEntrada,
        responses={200: SolicitudSalida, 400: ERROR_400, 401: ERROR_401, 403: ERROR_403, 404: ERROR_404},
    )
    def post(self, request, pk: int):
        solicitud = _solicitud_para_gestionar(request, pk)
        entrada = MotivoEntrada(data=request.data)
        entrada.is_valid(raise_exception=True)
        return Response(
            SolicitudSalida(
                exonerar(solicitud=solicitud, por=request.user, motivo=entrada.validated_data["motivo"])
            ).data
        )


class SolicitudEmitir(APIView):
    """Emite, numera y firma el certificado de una solicitud lista; 400 con el motivo si quien llama no
    puede certificar ese tipo hoy."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=None,
        responses={201: CertificadoSalida, 400: ERROR_400, 401: ERROR_401, 403: ERROR_403, 404: ERROR_404},
    )
    def post(self, request, pk: int):
        solicitud = acceso.obtener_solicitud(request.user, pk)
        certificado = emitir_certificado(solicitud=solicitud, por=request.user)
        return Response(CertificadoSalida(certificado).data, status=status.HTTP_201_CREATED)
