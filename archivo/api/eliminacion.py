"""API de la eliminación documental y de la retención legal: los mismos servicios que las páginas."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from archivo import permissions as acceso
from archivo.services.eliminacion import (
    aprobar_eliminacion,
    ejecutar_eliminacion,
    excluir_item,
    levantar_retencion_legal,
    poner_retencion_legal,
    proponer_eliminacion,
)
from core.api.esquemas import ERROR_400, ERROR_401, ERROR_403, ERROR_404


class ItemEliminacionSalida(serializers.Serializer):
    id = serializers.IntegerField()
    orden = serializers.IntegerField()
    expediente = serializers.IntegerField(source="expediente_id")
    codigo = serializers.CharField()
    titulo = serializers.CharField()
    serie = serializers.CharField()
    unidad = serializers.CharField()
    fecha_inicial = serializers.DateField(allow_null=True)
    fecha_final = serializers.DateField(allow_null=True)
    folios = serializers.IntegerField()
    soporte = serializers.CharField()
    disposicion = serializers.CharField()
    incluido = serializers.BooleanField()
    motivo_exclusion = serializers.CharField()
    destruido = serializers.JSONField()


class EliminacionSalida(serializers.Serializer):
    id = serializers.IntegerField()
    numero = serializers.CharField()
    estado = serializers.CharField()
    organo = serializers.CharField()
    acto_aprobacion = serializers.CharField()
    fecha_aprobacion = serializers.DateField(allow_null=True)
    metros_lineales = serializers.DecimalField(max_digits=8, decimal_places=2, allow_null=True)
    ejecutada_en = serializers.DateTimeField(allow_null=True)
    acta_sha256 = serializers.CharField(source="acta.sha256", default="")
    items = ItemEliminacionSalida(source="items.all", many=True)


class AprobarEntrada(serializers.Serializer):
    acto = serializers.CharField(max_length=300)
    fecha_acto = serializers.DateField()


class EjecutarEntrada(serializers.Serializer):
    metros_lineales = serializers.DecimalField(max_digits=8, decimal_places=2, min_value=0)


class MotivoEntrada(serializers.Serializer):
    motivo = serializers.CharField(max_length=500)
    levantar = serializers.BooleanField(required=False, default=False)


def _gestiona(usuario) -> None:
    if not acceso.gestiona_eliminacion(usuario):
        raise PermissionDenied


class Eliminaciones(APIView):
    """Genera la propuesta de eliminación desde la tabla de retención."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=None, responses={201: EliminacionSalida, 400: ERROR_400, 401: ERROR_401, 403: ERROR_403}
    )
    def post(self, request):
        _gestiona(request.user)
        return Response(
            EliminacionSalida(proponer_eliminacion(por=request.user)).data, status=status.HTTP_201_CREATED
        )


class EliminacionVer(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: EliminacionSalida, 401: ERROR_401, 404: ERROR_404})
    def get(self, request, pk: int):
        return Response(EliminacionSalida(acceso.obtener_eliminacion(request.user, pk)).data)


class EliminacionAprobar(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=AprobarEntrada, responses={200: EliminacionSalida, 400: ERROR_400, 404: ERROR_404})
    def post(self, request, pk: int):
        e = acceso.obtener_eliminacion(request.user, pk)
        entrada = AprobarEntrada(data=request.data)
        entrada.is_valid(raise_exception=True)
        e = aprobar_eliminacion(eliminacion=e, por=request.user, **entrada.validated_data)
        return Response(EliminacionSalida(e).data)


class EliminacionEjecutar(APIView):
    """Ejecuta la eliminación aprobada y firma el acta de eliminación."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=EjecutarEntrada, responses={200: EliminacionSalida, 400: ERROR_400, 404: ERROR_404}
    )
    def post(self, request, pk: int):
        e = acceso.obtener_eliminacion(request.user, pk)
        entrada = EjecutarEntrada(data=request.data)
        entrada.is_valid(raise_exception=True)
        e = ejecutar_eliminacion(eliminacion=e, por=request.user, **entrada.validated_data)
        return Response(EliminacionSalida(e).data)


class EliminacionExcluir(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=MotivoEntrada, responses={200: EliminacionSalida, 400: ERROR_400, 404: ERROR_404})
    def post(self, request, pk: int, item: int):
        e = acceso.obtener_eliminacion(request.user, pk)
        fila = e.items.filter(pk=item).first()
        if fila is None:
            raise Http404
        entrada = MotivoEntrada(data=request.data)
        entrada.is_valid(raise_exception=True)
        excluir_item(item=fila, motivo=entrada.validated_data["motivo"], por=request.user)
        return Response(EliminacionSalida(e).data)


class RetencionLegalExpediente(APIView):
    """Pone (o, con `levantar`, levanta) la retención legal de un expediente."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=MotivoEntrada,
        responses={200: None, 201: None, 400: ERROR_400, 403: ERROR_403, 404: ERROR_404},
    )
    def post(self, request, pk: int):
        exp = acceso.obtener_expediente(request.user, pk)
        _gestiona(request.user)
        entrada = MotivoEntrada(data=request.data)
        entrada.is_valid(raise_exception=True)
        datos = entrada.validated_data
        if datos["levantar"]:
            vigente = exp.retenciones_legales.filter(levantada_en__isnull=True).first()
            if vigente is None:
                raise serializers.ValidationError(
                    {"levantar": ["El expediente no tiene retención legal vigente."]}
                )
            r = levantar_retencion_legal(retencion=vigente, motivo=datos["motivo"], por=request.user)
            return Response({"id": r.pk, "vigente": False})
        r = poner_retencion_legal(expediente=exp, motivo=datos["motivo"], por=request.user)
        return Response({"id": r.pk, "vigente": True, "motivo": r.motivo}, status=status.HTTP_201_CREATED)
