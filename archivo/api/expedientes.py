"""API del archivo: el cuadro en EAD3, los expedientes (listar, abrir, ver con su índice, archivar, cerrar) y
un expediente en Dublin Core. Llama los mismos servicios que las páginas."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from actos.permissions import obtener_acto
from archivo import permissions as acceso
from archivo.ead import dublin_core, ead3
from archivo.models import Expediente, NodoCuadro
from archivo.selectors.expedientes import lista_de_expedientes
from archivo.services.expedientes import abrir_expediente, archivar, cerrar_expediente
from core.api.esquemas import ERROR_400, ERROR_401, ERROR_403, ERROR_404
from core.api.paginacion import Paginacion
from core.models import UnidadOrganica
from registro.permissions import obtener_documento


class PiezaSalida(serializers.Serializer):
    orden = serializers.IntegerField()
    folio_inicial = serializers.IntegerField()
    folio_final = serializers.IntegerField()
    titulo = serializers.CharField()
    fecha = serializers.DateField()
    paginas = serializers.IntegerField()
    sha256 = serializers.CharField()
    documento = serializers.IntegerField(source="documento_id", allow_null=True)
    acto = serializers.IntegerField(source="acto_id", allow_null=True)


class ExpedienteSalida(serializers.Serializer):
    id = serializers.IntegerField()
    codigo = serializers.CharField()
    titulo = serializers.CharField()
    serie = serializers.CharField(source="nodo.codigo")
    retencion_version = serializers.IntegerField(source="retencion.version")
    unidad = serializers.CharField(source="unidad.sigla")
    etapa = serializers.CharField()
    estado = serializers.CharField()
    abierto_en = serializers.DateField()
    cerrado_en = serializers.DateTimeField(allow_null=True)
    indice_sha256 = serializers.CharField()
    soporte = serializers.CharField()
    acceso = serializers.CharField()
    fundamento_acceso = serializers.CharField()
    reservado_hasta = serializers.DateField(allow_null=True)
    ubicacion = serializers.CharField()


class ExpedienteDetalle(ExpedienteSalida):
    indice = PiezaSalida(source="piezas.all", many=True)


class ExpedienteEntrada(serializers.Serializer):
    serie = serializers.SlugRelatedField(
        slug_field="codigo", queryset=NodoCuadro.objects.all(), help_text="Código de la serie o subserie."
    )
    unidad = serializers.SlugRelatedField(
        slug_field="sigla", queryset=UnidadOrganica.objects.all(), help_text="Sigla de la unidad productora."
    )
    titulo = serializers.CharField(max_length=500)
    soporte = serializers.ChoiceField(choices=Expediente.Soporte.choices, default=Expediente.Soporte.PAPEL)
    acceso = serializers.ChoiceField(choices=Expediente.Acceso.choices, default=Expediente.Acceso.PUBLICO)
    fundamento_acceso = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    reservado_hasta = serializers.DateField(required=False, allow_null=True, default=None)
    edificio = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    sala = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    estante = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")
    caja = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")
    carpeta = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")


class ArchivarEntrada(serializers.Serializer):
    documento = serializers.IntegerField(required=False, allow_null=True, default=None)
    acto = serializers.IntegerField(required=False, allow_null=True, default=None)
    paginas = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=1)


def _ve(usuario) -> None:
    if not acceso.ve_archivo(usuario):
        raise PermissionDenied


class Ead(APIView):
    """El cuadro de clasificación entero con la retención vigente y los expedientes que el usuario puede ver,
    en EAD3 (válido contra el esquema de la SAA)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        responses={
            (200, "application/xml"): OpenApiResponse(OpenApiTypes.STR, description="XML EAD3"),
            401: ERROR_401,
            403: ERROR_403,
        }
    )
    def get(self, request):
        _ve(request.user)
        expedientes = acceso.expedientes_visibles(request.user)
        return HttpResponse(ead3(expedientes), content_type="application/xml; charset=utf-8")


class Expedientes(APIView):
    permission_classes = [IsAuthenticated]
    pagination_class = Paginacion

    @extend_schema(responses={200: ExpedienteSalida(many=True), 401: ERROR_401, 403: ERROR_403})
    def get(self, request):
        _ve(request.user)
        consulta = lista_de_expedientes(request.user).select_related("retencion")
        paginador = self.pagination_class()
        pagina = paginador.paginate_queryset(consulta, request, view=self)
        return paginador.get_paginated_response(ExpedienteSalida(pagina, many=True).data)

    @extend_schema(
        request=ExpedienteEntrada,
        responses={201: ExpedienteDetalle, 400: ERROR_400, 401: ERROR_401, 403: ERROR_403},
    )
    def post(self, request):
        _ve(request.user)
        entrada = ExpedienteEntrada(data=request.data)
        entrada.is_valid(raise_exception=True)
        datos = dict(entrada.validated_data)
        if not acceso.puede_abrir(request.user, datos["unidad"]):
            raise PermissionDenied
        exp = abrir_expediente(nodo=datos.pop("serie"), por=request.user, **datos)
        return Response(ExpedienteDetalle(exp).data, status=status.HTTP_201_CREATED)


class ExpedienteVer(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: ExpedienteDetalle, 401: ERROR_401, 404: ERROR_404})
    def get(self, request, pk: int):
        return Response(ExpedienteDetalle(acceso.obtener_expediente(request.user, pk)).data)


def _para_editar(request, pk: int) -> Expediente:
    exp = acceso.obtener_expediente(request.user, pk)
    if not acceso.puede_editar(request.user, exp):
        raise PermissionDenied
    return exp


class ExpedienteArchivar(APIView):
    """Archiva al final del índice un documento del registro o un acto firmado."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=ArchivarEntrada,
        responses={201: PiezaSalida, 400: ERROR_400, 401: ERROR_401, 403: ERROR_403, 404: ERROR_404},
    )
    def post(self, request, pk: int):
        exp = _para_editar(request, pk)
        entrada = ArchivarEntrada(data=request.data)
        entrada.is_valid(raise_exception=True)
        datos = entrada.validated_data
        documento = obtener_documento(request.user, datos["documento"]) if datos["documento"] else None
        acto = obtener_acto(request.user, datos["acto"]) if datos["acto"] else None
        pieza = archivar(
            expediente=exp, documento=documento, acto=acto, paginas=datos["paginas"], por=request.user
        )
        return Response(PiezaSalida(pieza).data, status=status.HTTP_201_CREATED)


class ExpedienteCerrar(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=None, responses={200: ExpedienteDetalle, 400: ERROR_400, 403: ERROR_403, 404: ERROR_404}
    )
    def post(self, request, pk: int):
        exp = cerrar_expediente(expediente=_para_editar(request, pk), por=request.user)
        return Response(ExpedienteDetalle(exp).data)


class ExpedienteDublinCore(APIView):
    """El expediente en Dublin Core simple (oai_dc)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        responses={
            (200, "application/xml"): OpenApiResponse(OpenApiTypes.STR, description="XML oai_dc"),
            401: ERROR_401,
            404: ERROR_404,
        }
    )
    def get(self, request, pk: int):
        exp = acceso.obtener_expediente(request.user, pk)
        return HttpResponse(dublin_core(exp), content_type="application/xml; charset=utf-8")
