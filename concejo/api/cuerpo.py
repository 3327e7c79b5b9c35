"""API de la parte «cuerpo»: la exportación Popolo (pública) y el concejo en una fecha."""

from datetime import date

from drf_spectacular.utils import OpenApiParameter, OpenApiTypes, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.permissions import AllowAny, BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from concejo import popolo, reglas
from concejo.permissions import VER_CONCEJO
from concejo.selectors.cuerpo import periodo_en, reglas_del_concejo, situacion_en
from core.api.esquemas import ERROR_400, ERROR_401, ERROR_403, ERROR_404


class Popolo(APIView):
    """Miembros, órganos, membresías, mociones y votaciones confirmadas en Popolo JSON (sin ingreso)."""

    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(
        operation_id="concejo_popolo",
        summary="Exportación Popolo del concejo",
        responses={200: OpenApiTypes.OBJECT},
        tags=["concejo"],
    )
    def get(self, request):
        respuesta = Response(popolo.exportar())
        if request.query_params.get("descargar"):
            respuesta["Content-Disposition"] = 'attachment; filename="concejo-popolo.json"'
        return respuesta


class VeConcejo(BasePermission):
    message = "No tiene permiso para ver el concejo."

    def has_permission(self, request, view) -> bool:
        return bool(request.user and request.user.is_authenticated and request.user.has_perm(VER_CONCEJO))


class AsientoSalida(serializers.Serializer):
    titular = serializers.CharField(source="titular.persona.__str__")
    titular_id = serializers.IntegerField(source="titular.pk")
    estado = serializers.CharField()
    ocupante = serializers.CharField(source="ocupante.persona.__str__", allow_null=True, default=None)
    ocupante_id = serializers.IntegerField(source="ocupante.pk", allow_null=True, default=None)


class SituacionSalida(serializers.Serializer):
    fecha = serializers.DateField()
    periodo = serializers.CharField()
    numero_legal = serializers.IntegerField()
    miembros_habiles = serializers.IntegerField(source="numero_habiles")
    quorum_requerido = serializers.IntegerField()
    quorum_explicacion = serializers.CharField()
    mayoria_general = serializers.CharField()
    desempate = serializers.CharField()
    asientos = AsientoSalida(many=True)


class ConcejoEnFecha(APIView):
    """Número legal, miembros hábiles, quórum requerido y quién está fuera en una fecha."""

    permission_classes = [VeConcejo]

    @extend_schema(
        operation_id="concejo_en_fecha",
        summary="El concejo en una fecha",
        parameters=[OpenApiParameter("fecha", OpenApiTypes.DATE, description="AAAA-MM-DD; vacío: hoy.")],
        responses={200: SituacionSalida, 400: ERROR_400, 401: ERROR_401, 403: ERROR_403, 404: ERROR_404},
        tags=["concejo"],
    )
    def get(self, request):
        texto = request.query_params.get("fecha")
        try:
            fecha = date.fromisoformat(texto) if texto else None
        except ValueError:
            raise ValidationError({"fecha": "Escriba la fecha como AAAA-MM-DD."}) from None
        periodo = periodo_en(fecha)
        if periodo is None:
            raise NotFound("No hay un periodo del concejo que rija en esa fecha.")
        situacion = situacion_en(periodo, fecha)
        regla = reglas_del_concejo(situacion.fecha)
        q = reglas.quorum(
            regla=regla.quorum,
            numero_legal=situacion.numero_legal,
            habiles=situacion.numero_habiles,
            presentes=0,
        )
        datos = {
            "fecha": situacion.fecha,
            "periodo": str(periodo),
            "numero_legal": situacion.numero_legal,
            "numero_habiles": situacion.numero_habiles,
            "quorum_requerido": q.requerido,
            "quorum_explicacion": q.explicacion.split(": ", 1)[-1],
            "mayoria_general": regla.mayoria,
            "desempate": regla.desempate,
            "asientos": situacion.asientos,
        }
        return Response(SituacionSalida(datos).data)
