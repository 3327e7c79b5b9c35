"""API del seguimiento de actos (tareas y avances) y del protocolo anual; los mismos servicios que las páginas."""

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from actos.models import Parte, Protocolo
from actos.permissions import (
    REVISAR_ACTO,
    gestiona,
    obtener_acto_con_tareas,
    obtener_protocolo,
    obtener_tarea,
    puede_generar,
    tareas_visibles,
)
from actos.services import protocolo as servicio_protocolo
from actos.services import seguimiento
from core.api.esquemas import ERROR_400, ERROR_401, ERROR_403, ERROR_404, MotivoEntrada
from core.api.paginacion import Paginacion
from core.models import UnidadOrganica


class AvanceSalida(serializers.Serializer):
    id = serializers.IntegerField()
    texto = serializers.CharField()
    porcentaje = serializers.IntegerField()
    por = serializers.CharField(source="por.username")
    creado = serializers.DateTimeField()
    evidencia = serializers.IntegerField(source="evidencia_id", allow_null=True)
    evidencia_sha256 = serializers.CharField(source="evidencia.sha256", allow_null=True, default=None)


class TareaSalida(serializers.Serializer):
    id = serializers.IntegerField()
    acto = serializers.IntegerField(source="acto_id")
    acto_numero = serializers.CharField(source="acto.numero_texto")
    parte = serializers.CharField(source="parte.eid", allow_null=True, default=None)
    descripcion = serializers.CharField()
    unidad = serializers.CharField(source="unidad.sigla")
    vence = serializers.DateField()
    estado = serializers.CharField()
    atrasada = serializers.SerializerMethodField()
    avance = serializers.IntegerField()
    cumplida_en = serializers.DateTimeField(allow_null=True)

    def get_atrasada(self, tarea) -> bool:
        return seguimiento.atrasada(tarea)


class TareaDetalle(TareaSalida):
    avances = AvanceSalida(many=True, source="avances.all")


class TareaEntrada(serializers.Serializer):
    acto = serializers.IntegerField(help_text="Id del acto firmado o publicado.")
    descripcion = serializers.CharField(max_length=4000)
    unidad = serializers.SlugRelatedField(
        slug_field="sigla",
        queryset=UnidadOrganica.objects.all(),
        help_text="Sigla de la unidad responsable, p. ej. «GDU».",
    )
    parte = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="eId del artículo que la ordena (art_3); vacío: todo el acto.",
    )
    vence = serializers.DateField(required=False, allow_null=True, default=None)
    plazo_dias = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Días hábiles desde hoy (en lugar de `vence`).",
    )


class AvanceEntrada(serializers.Serializer):
    texto = serializers.CharField(max_length=4000)
    porcentaje = serializers.IntegerField(min_value=0, max_value=100)
    evidencia = serializers.FileField(required=False, allow_null=True, default=None)


def _exigir_gestion(usuario):
    if not gestiona(usuario):
        raise PermissionDenied("Solo la Secretaría gestiona el seguimiento de los actos.")


class Tareas(APIView):
    """Tareas de seguimiento visibles para el usuario (la Secretaría: todas; una unidad: las suyas).
    `pestana`: pendientes, atrasadas, cumplidas, canceladas, todas. POST: la Secretaría asigna una tarea."""

    permission_classes = [IsAuthenticated]
    pagination_class = Paginacion  # el esquema la documenta como lista paginada

    @extend_schema(
        parameters=[
            OpenApiParameter("pestana", str, enum=list(seguimiento.PESTANAS)),
            OpenApiParameter("unidad", str, description="Sigla de la unidad."),
        ],
        responses={200: TareaSalida(many=True), 401: ERROR_401},
    )
    def get(self, request):
        qs = tareas_visibles(request.user)
        if request.query_params.get("unidad"):
            qs = qs.filter(unidad__sigla=request.query_params["unidad"])
        qs = seguimiento.filtrar(qs, request.query_params.get("pestana", "todas"), timezone.localdate())
        paginador = Paginacion()
        pagina = paginador.paginate_queryset(qs.order_by("vence", "id"), request, view=self)
        return paginador.get_paginated_response(TareaSalida(pagina, many=True).data)

    @extend_schema(
        request=TareaEntrada,
        responses={201: TareaSalida, 400: ERROR_400, 401: ERROR_401, 403: ERROR_403, 404: ERROR_404},
    )
    def post(self, request):
        _exigir_gestion(request.user)
        entrada = TareaEntrada(data=request.data)
        entrada.is_valid(raise_exception=True)
        datos = dict(entrada.validated_data)
        acto = obtener_acto_con_tareas(request.user, datos.pop("acto"))
        eid = datos.pop("parte")
        parte = None
        if eid:
            parte = Parte.objects.filter(acto=acto, eid=eid).first()
            if parte is None:
                raise serializers.ValidationError({"parte": [f"El acto no tiene la parte «{eid}»."]})
        tarea = seguimiento.crear_tarea(acto=acto, por=request.user, parte=parte, **datos)
        return Response(TareaSalida(tarea).data, status=status.HTTP_201_CREATED)


class TareaVer(APIView):
    """Una tarea con sus informes de avance (404 si es de otra unidad)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: TareaDetalle, 401: ERROR_401, 404: ERROR_404})
    def get(self, request, pk: int):
        return Response(TareaDetalle(obtener_tarea(request.user, pk)).data)


class TareaAvances(APIView):
    """Informa un avance (multipart si lleva `evidencia`); con 100 % la tarea queda cumplida."""

    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    @extend_schema(
        request={"multipart/form-data": AvanceEntrada, "application/json": AvanceEntrada},
        responses={201: TareaDetalle, 400: ERROR_400, 401: ERROR_401, 404: ERROR_404},
    )
    def post(self, request, pk: int):
        tarea = obtener_tarea(request.user, pk)
        entrada = AvanceEntrada(data=request.data)
        entrada.is_valid(raise_exception=True)
        seguimiento.informar_avance(tarea=tarea, por=request.user, **entrada.validated_data)
        return Response(TareaDetalle(obtener_tarea(request.user, pk)).data, status=status.HTTP_201_CREATED)


class TareaCancelar(APIView):
    """La Secretaría cancela una tarea abierta, con motivo."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=MotivoEntrada,
        responses={200: TareaSalida, 400: ERROR_400, 401: ERROR_401, 403: ERROR_403, 404: ERROR_404},
    )
    def post(self, request, pk: int):
        tarea = obtener_tarea(request.user, pk)
        _exigir_gestion(request.user)
        entrada = MotivoEntrada(data=request.data)
        entrada.is_valid(raise_exception=True)
        tarea = seguimiento.cancelar_tarea(tarea=tarea, por=request.user, **entrada.validated_data)
        return Response(TareaSalida(tarea).data)


class ProtocoloSalida(serializers.Serializer):
    id = serializers.IntegerField()
    tipo = serializers.CharField()
    anio = serializers.IntegerField()
    estado = serializers.CharField()
    progreso = serializers.IntegerField()
    mensaje = serializers.CharField()
    actos = serializers.IntegerField()
    paginas = serializers.IntegerField()
    sha256 = serializers.CharField()
    creado = serializers.DateTimeField()
    terminado = serializers.DateTimeField(allow_null=True)


class ProtocoloEntrada(serializers.Serializer):
    tipo = serializers.CharField(help_text="Código del tipo de acto del perfil, p. ej. «ordenanza».")
    anio = serializers.IntegerField()


class Protocolos(APIView):
    """Protocolos anuales pedidos; POST pide uno (se construye en segundo plano: consulte su avance)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: ProtocoloSalida(many=True), 401: ERROR_401, 403: ERROR_403})
    def get(self, request):
        if not (request.user.has_perm(REVISAR_ACTO) or puede_generar(request.user)):
            raise PermissionDenied("El protocolo anual es de la Secretaría General.")
        return Response(ProtocoloSalida(Protocolo.objects.order_by("-creado")[:100], many=True).data)

    @extend_schema(
        request=ProtocoloEntrada,
        responses={202: ProtocoloSalida, 400: ERROR_400, 401: ERROR_401, 403: ERROR_403},
    )
    def post(self, request):
        if not puede_generar(request.user):
            raise PermissionDenied(
                "Solo el Secretario General (o quien lo subroga) genera el protocolo anual."
            )
        entrada = ProtocoloEntrada(data=request.data)
        entrada.is_valid(raise_exception=True)
        protocolo = servicio_protocolo.solicitar_protocolo(por=request.user, **entrada.validated_data)
        protocolo.refresh_from_db()
        return Response(ProtocoloSalida(protocolo).data, status=status.HTTP_202_ACCEPTED)


class ProtocoloVer(APIView):
    """Estado y avance de un protocolo (para consultar mientras se genera)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: ProtocoloSalida, 401: ERROR_401, 404: ERROR_404})
    def get(self, request, pk: int):
        return Response(ProtocoloSalida(obtener_protocolo(request.user, pk)).data)
