"""API de la hoja de ruta: derivar, aceptar, atender, devolver y la bandeja (los mismos servicios que las páginas)."""

from datetime import date

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from core import roles
from core.api.esquemas import ERROR_400, ERROR_401, ERROR_403, ERROR_404, MotivoEntrada
from core.models import UnidadOrganica, Usuario
from registro.models import Derivacion, Documento
from registro.permissions import obtener_documento
from registro.selectors.bandejas import PESTANA_INICIAL, PESTANAS, Filtros, lineas_de_unidad
from registro.services import flujo
from registro.services.flujo import MAXIMO_PLAZO_DIAS
from registro.views.flujo import obtener_derivacion


class ConUnidad(BasePermission):
    message = "Solo el personal de una unidad tramita documentos."

    def has_permission(self, request, view) -> bool:
        u = request.user
        return bool(u and u.is_authenticated and (u.unidad_id or u.has_perm(roles.VER_TODO_REGISTRO)))


_UNIDADES = UnidadOrganica.objects.filter(activa=True)


class DerivarEntrada(serializers.Serializer):
    a_unidad = serializers.SlugRelatedField(
        slug_field="sigla",
        queryset=_UNIDADES,
        help_text="Sigla de la unidad que recibe para acción, p. ej. «GDU».",
    )
    copias = serializers.SlugRelatedField(
        slug_field="sigla",
        queryset=_UNIDADES,
        many=True,
        required=False,
        default=list,
        help_text="Siglas de las unidades que reciben copia.",
    )
    a_usuario = serializers.SlugRelatedField(
        slug_field="username",
        queryset=Usuario.objects.filter(is_active=True),
        required=False,
        allow_null=True,
        default=None,
    )
    instrucciones = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    plazo_dias = serializers.IntegerField(
        min_value=1,
        max_value=MAXIMO_PLAZO_DIAS,
        required=False,
        allow_null=True,
        default=None,
        help_text="Días hábiles; sin él, vence con el documento.",
    )


class AtenderEntrada(serializers.Serializer):
    respuesta = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")


class DocumentoBreve(serializers.Serializer):
    id = serializers.IntegerField()
    numero = serializers.CharField(source="numero_texto")
    codigo_seguimiento = serializers.CharField()
    asunto = serializers.CharField()
    estado = serializers.CharField()
    prioridad = serializers.CharField()
    vence = serializers.DateField(allow_null=True)
    remitente = serializers.CharField(source="remitente.nombre_completo", allow_null=True, default=None)
    unidad_actual = serializers.CharField(source="unidad_actual.sigla", allow_null=True, default=None)


class DerivacionSalida(serializers.Serializer):
    id = serializers.IntegerField()
    documento = DocumentoBreve()
    secuencia = serializers.IntegerField()
    tipo = serializers.CharField()
    estado = serializers.CharField()
    de_unidad = serializers.CharField(source="de_unidad.sigla", allow_null=True, default=None)
    a_unidad = serializers.CharField(source="a_unidad.sigla")
    instrucciones = serializers.CharField()
    plazo_dias = serializers.IntegerField(allow_null=True)
    vence = serializers.DateField(allow_null=True)
    enviado_en = serializers.DateTimeField()
    aceptado_en = serializers.DateTimeField(allow_null=True)
    cerrado_en = serializers.DateTimeField(allow_null=True)
    motivo = serializers.CharField()


class DocumentoDerivar(APIView):
    """Deriva un documento a una unidad para acción (y a otras en copia), con instrucciones y plazo."""

    permission_classes = [IsAuthenticated, ConUnidad]

    @extend_schema(
        request=DerivarEntrada,
        responses={201: DerivacionSalida, 400: ERROR_400, 401: ERROR_401, 403: ERROR_403, 404: ERROR_404},
    )
    def post(self, request, pk: int):
        documento = obtener_documento(request.user, pk, editar=True)
        entrada = DerivarEntrada(data=request.data)
        entrada.is_valid(raise_exception=True)
        # Un ValidationError del servicio lo convierte en 400 el manejador de errores de la API.
        linea = flujo.derivar(documento=documento, por=request.user, **entrada.validated_data)
        return Response(DerivacionSalida(linea).data, status=status.HTTP_201_CREATED)


class _AccionDerivacion(APIView):
    permission_classes = [IsAuthenticated, ConUnidad]
    servicio = None
    entrada = None

    def post(self, request, pk: int):
        linea = obtener_derivacion(request.user, pk)
        datos = {}
        if self.entrada is not None:
            entrada = self.entrada(data=request.data)
            entrada.is_valid(raise_exception=True)
            datos = entrada.validated_data
        resultado = type(self).servicio(derivacion=linea, por=request.user, **datos)
        resultado = Derivacion.objects.select_related("documento", "documento__remitente").get(
            pk=resultado.pk
        )
        return Response(DerivacionSalida(resultado).data)


class DerivacionAceptar(_AccionDerivacion):
    """La unidad destino acusa recibo: la derivación queda recibida y el documento en trámite."""

    servicio = flujo.aceptar

    @extend_schema(
        request=None,
        responses={200: DerivacionSalida, 400: ERROR_400, 401: ERROR_401, 403: ERROR_403, 404: ERROR_404},
    )
    def post(self, request, pk: int):
        return super().post(request, pk)


class DerivacionAtender(_AccionDerivacion):
    """Da por atendida la acción: la derivación queda atendida y el documento cerrado."""

    servicio = flujo.atender
    entrada = AtenderEntrada

    @extend_schema(
        request=AtenderEntrada,
        responses={200: DerivacionSalida, 400: ERROR_400, 401: ERROR_401, 403: ERROR_403, 404: ERROR_404},
    )
    def post(self, request, pk: int):
        return super().post(request, pk)


class DerivacionDevolver(_AccionDerivacion):
    """Devuelve a la unidad de origen con el motivo; responde la nueva línea (pendiente en el origen)."""

    servicio = flujo.devolver
    entrada = MotivoEntrada

    @extend_schema(
        request=MotivoEntrada,
        responses={200: DerivacionSalida, 400: ERROR_400, 401: ERROR_401, 403: ERROR_403, 404: ERROR_404},
    )
    def post(self, request, pk: int):
        return super().post(request, pk)


class BandejaPaginacion(LimitOffsetPagination):
    default_limit = 50
    max_limit = 200


class Bandeja(APIView):
    """La bandeja de la unidad del usuario, por vencimiento. `pestana`: por_recibir, en_tramite, copias,
    derivados, vencidos (derivaciones) o sin_derivar (documentos sin hoja de ruta, con `documento` y el
    resto de campos vacíos). Filtros: estado, prioridad, q (texto), vence_hasta."""

    permission_classes = [IsAuthenticated, ConUnidad]
    pagination_class = BandejaPaginacion  # el esquema la documenta como lista paginada (limit/offset)

    @extend_schema(
        parameters=[
            OpenApiParameter("pestana", str, enum=list(PESTANAS), default=PESTANA_INICIAL),
            OpenApiParameter("estado", str, enum=[c[0] for c in Documento.Estado.choices]),
            OpenApiParameter("prioridad", str, enum=[c[0] for c in Documento.Prioridad.choices]),
            OpenApiParameter("q", str, description="Texto en asunto, número o remitente."),
            OpenApiParameter("vence_hasta", str, description="Fecha AAAA-MM-DD."),
        ],
        responses={200: DerivacionSalida(many=True), 400: ERROR_400, 401: ERROR_401, 403: ERROR_403},
    )
    def get(self, request):
        p = request.query_params
        pestana = p.get("pestana") or PESTANA_INICIAL
        errores = {}
        if pestana not in PESTANAS:
            errores["pestana"] = [f"Pestaña desconocida. Use una de: {', '.join(PESTANAS)}."]
        if p.get("estado") and p["estado"] not in Documento.Estado.values:
            errores["estado"] = ["Estado desconocido."]
        if p.get("prioridad") and p["prioridad"] not in Documento.Prioridad.values:
            errores["prioridad"] = ["Prioridad desconocida: use normal o urgente."]
        vence_hasta = None
        if p.get("vence_hasta"):
            try:
                vence_hasta = date.fromisoformat(p["vence_hasta"])
            except ValueError:
                errores["vence_hasta"] = ["Fecha inválida: use AAAA-MM-DD."]
        if errores:
            raise ValidationError(errores)
        filtros = Filtros(
            estado=p.get("estado", ""),
            prioridad=p.get("prioridad", ""),
            texto=p.get("q", "").strip(),
            vence_hasta=vence_hasta,
        )
        qs = lineas_de_unidad(request.user.unidad_id, pestana, filtros)
        paginador = BandejaPaginacion()
        pagina = paginador.paginate_queryset(qs, request, view=self)
        if pestana == "sin_derivar":
            datos = [{"id": None, "documento": DocumentoBreve(d).data} for d in pagina]
        else:
            datos = DerivacionSalida(pagina, many=True).data
        return paginador.get_paginated_response(datos)
