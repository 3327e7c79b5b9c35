"""API pública de seguimiento (`/api/v1/seguimiento/<código>/`): el estado y la línea de tiempo de un
trámite por su código, sin sesión.

Lo mismo que la página `/consulta/<código>/`: solo fechas, estados y nombres de unidades, nunca datos
personales de terceros; con el mismo límite de consultas por IP.
"""

from django.conf import settings
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from core import limites
from core.api.esquemas import ERROR_404, ErrorSerializer
from registro.selectors.seguimiento import documento_por_codigo, iniciales, linea_de_tiempo


class HitoSalida(serializers.Serializer):
    titulo = serializers.CharField()
    fecha = serializers.CharField(allow_null=True, help_text="ISO 8601 (fecha y hora, o solo fecha).")
    estado = serializers.CharField()
    detalle = serializers.CharField()
    tipo = serializers.CharField(help_text="registro, observacion, subsanacion, paso o cierre.")


class SeguimientoSalida(serializers.Serializer):
    numero = serializers.CharField()
    codigo_seguimiento = serializers.CharField()
    asunto = serializers.CharField()
    remitente_iniciales = serializers.CharField()
    estado = serializers.CharField()
    estado_nombre = serializers.CharField()
    unidad_actual = serializers.CharField(allow_null=True)
    recibido_en = serializers.DateTimeField(allow_null=True)
    fecha_computo = serializers.DateField(allow_null=True)
    vence = serializers.DateField(allow_null=True)
    linea_de_tiempo = HitoSalida(many=True)


class Seguimiento(APIView):
    authentication_classes = []
    permission_classes = [AllowAny]

    @extend_schema(
        summary="Seguimiento público de un trámite por su código",
        responses={200: SeguimientoSalida, 404: ERROR_404, 429: ErrorSerializer},
        auth=[],
    )
    def get(self, request, codigo: str):
        maximo = settings.PORTAL_CONSULTAS_POR_MINUTO
        if limites.excedido(request, "consulta", maximo=maximo, ventana=60):
            raise exceptions.Throttled(detail="Demasiadas consultas desde su conexión; espere un minuto.")
        documento = documento_por_codigo(codigo)
        if documento is None:
            raise exceptions.NotFound()
        hitos = [
            {
                "titulo": h.titulo,
                "fecha": h.fecha.isoformat() if h.fecha else None,
                "estado": h.estado,
                "detalle": h.detalle,
                "tipo": h.tipo,
            }
            for h in linea_de_tiempo(documento)
        ]
        datos = {
            "numero": documento.numero_texto,
            "codigo_seguimiento": documento.codigo_seguimiento,
            "asunto": documento.asunto,
            "remitente_iniciales": iniciales(documento),
            "estado": documento.estado,
            "estado_nombre": documento.get_estado_display(),
            "unidad_actual": (
                documento.unidad_actual.nombre if documento.unidad_actual and not documento.cerrado else None
            ),
            "recibido_en": documento.recibido_en,
            "fecha_computo": documento.fecha_computo,
            "vence": None if documento.cerrado else documento.vence,
            "linea_de_tiempo": hitos,
        }
        return Response(SeguimientoSalida(datos).data)
