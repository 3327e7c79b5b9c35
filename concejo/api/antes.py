"""API de «antes de la sesión»: sesiones y su agenda (lectura pública de lo publicado), programar y convocar.

Las sesiones públicas ya convocadas se leen sin autenticarse; quien tiene `concejo.ver_concejo` ve todas
(también las programadas, con la agenda en preparación). Programar y convocar piden
`concejo.preparar_sesion` y llaman a los mismos servicios que las páginas.
"""

from django.db.models import QuerySet
from django.http import Http404
from django.urls import reverse
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.generics import ListAPIView
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from concejo.models import Organo, Sesion
from concejo.permissions import PREPARAR_SESION, VER_CONCEJO, obtener_sesion, sesiones_visibles
from concejo.selectors.sesiones import nombre_tipo
from concejo.services import agenda as servicio_agenda
from concejo.services.citacion import convocar
from concejo.services.sesiones import crear_sesion
from core.api.esquemas import ERROR_400, ERROR_401, ERROR_403, ERROR_404
from core.api.permisos import requiere_permiso
from core.parametros import entero

PreparaSesiones = requiere_permiso(PREPARAR_SESION, "No tiene permiso para programar ni convocar sesiones.")


def _visibles(usuario) -> QuerySet[Sesion]:
    qs = sesiones_visibles(usuario)
    if not (usuario and usuario.is_authenticated and usuario.has_perm(VER_CONCEJO)):
        qs = qs.filter(convocada_en__isnull=False)  # una cancelada antes de convocar nunca se anunció
    return qs.select_related("organo")


class AnexoSalida(serializers.Serializer):
    id = serializers.IntegerField()
    nombre = serializers.CharField()
    sha256 = serializers.CharField()


class PuntoSalida(serializers.Serializer):
    punto_id = serializers.IntegerField()
    orden = serializers.IntegerField()
    seccion = serializers.CharField()
    seccion_nombre = serializers.CharField()
    clase = serializers.CharField()
    titulo = serializers.CharField()
    descripcion = serializers.CharField()
    mayoria = serializers.CharField(help_text="Código de `concejo.reglas.MAYORIAS`.")
    instrumento = serializers.CharField()
    debate = serializers.IntegerField()
    primer_debate_id = serializers.IntegerField(allow_null=True)
    documento = serializers.CharField(help_text="Número del documento del registro (despacho).")
    acta_de_id = serializers.IntegerField(allow_null=True)
    anexos = AnexoSalida(many=True)
    agregado_tras_congelar = serializers.BooleanField()


class SesionSalida(serializers.Serializer):
    id = serializers.IntegerField()
    organo = serializers.CharField(source="organo.nombre")
    organo_id = serializers.IntegerField()
    tipo = serializers.CharField()
    tipo_nombre = serializers.SerializerMethodField()
    numero = serializers.IntegerField()
    anio = serializers.IntegerField()
    fecha = serializers.DateTimeField()
    lugar = serializers.CharField()
    estado = serializers.CharField()
    convocada_en = serializers.DateTimeField(allow_null=True)
    aviso_cumplido = serializers.BooleanField(allow_null=True)
    aviso_advertencia = serializers.CharField()
    motivo_cancelacion = serializers.CharField()
    url = serializers.SerializerMethodField()

    def get_tipo_nombre(self, sesion) -> str:
        return nombre_tipo(sesion.tipo)

    def get_url(self, sesion) -> str:
        return reverse("api-concejo-sesion", args=[sesion.pk])


class SesionDetalleSalida(SesionSalida):
    version_agenda = serializers.IntegerField(
        allow_null=True, help_text="Versión congelada vigente (null: sin congelar)."
    )
    sha256_agenda = serializers.CharField(allow_blank=True)
    puntos = PuntoSalida(many=True)


class SesionEntrada(serializers.Serializer):
    organo = serializers.PrimaryKeyRelatedField(queryset=Organo.objects.filter(activo=True))
    tipo = serializers.CharField(
        help_text="Uno de los tipos de sesión del perfil (ordinaria, extraordinaria...)."
    )
    fecha = serializers.DateTimeField()
    lugar = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    publica = serializers.BooleanField(required=False, default=True)


class ConvocarEntrada(serializers.Serializer):
    aceptar_aviso_corto = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Convocar aunque no se cumpla el plazo de aviso del perfil (queda registrado).",
    )


def _detalle(sesion: Sesion, usuario) -> dict:
    version = servicio_agenda.ultima_version(sesion)
    if usuario and usuario.is_authenticated and usuario.has_perm(VER_CONCEJO):
        puntos = servicio_agenda.foto(sesion)  # la agenda viva, también en preparación
    else:
        puntos = version.contenido if version else []  # el público ve solo lo congelado y enviado
    return {
        **SesionSalida(sesion).data,
        "version_agenda": version.numero if version else None,
        "sha256_agenda": version.sha256 if version else "",
        "puntos": PuntoSalida(puntos, many=True).data,
    }


class OrganoSalida(serializers.Serializer):
    id = serializers.IntegerField()
    nombre = serializers.CharField()
    sigla = serializers.CharField()
    tipo = serializers.ChoiceField(choices=Organo.Tipo.choices)
    es_pleno = serializers.BooleanField()
    periodo = serializers.CharField(source="periodo.nombre")
    periodo_id = serializers.IntegerField()


class Organos(ListAPIView):
    """Los órganos activos (el pleno y las comisiones), con el id que pide programar una sesión. Es
    información pública (la misma que la exportación Popolo)."""

    serializer_class = OrganoSalida
    permission_classes = [AllowAny]

    def get_queryset(self):
        return (
            Organo.objects.filter(activo=True)
            .select_related("periodo")
            .order_by("-periodo__inicio", "tipo", "nombre")
        )


class Sesiones(ListAPIView):
    """Sesiones del concejo y sus comisiones, de la más reciente a la más antigua.

    Sin autenticarse: las publicadas ya convocadas (también celebradas o canceladas). Con
    `concejo.ver_concejo`: todas. POST programa una sesión (pide `concejo.preparar_sesion`).
    """

    serializer_class = SesionSalida

    def get_permissions(self):
        if self.request.method == "POST":
            return [IsAuthenticated(), PreparaSesiones()]
        return [AllowAny()]

    def get_queryset(self):
        qs = _visibles(self.request.user).order_by("-fecha", "-pk")
        p = self.request.query_params
        if (organo := entero(p.get("organo"))) is not None:
            qs = qs.filter(organo_id=organo)
        if p.get("tipo"):
            qs = qs.filter(tipo=p["tipo"])
        if (anio := entero(p.get("anio"), maximo=9999)) is not None:
            qs = qs.filter(anio=anio)
        if p.get("estado"):
            qs = qs.filter(estado=p["estado"])
        return qs

    @extend_schema(
        parameters=[
            OpenApiParameter("organo", int, description="Id del órgano"),
            OpenApiParameter("tipo", str, description="Tipo de sesión"),
            OpenApiParameter("anio", int, description="Año"),
            OpenApiParameter("estado", str, description="Estado de la sesión"),
        ]
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(
        request=SesionEntrada,
        responses={201: SesionDetalleSalida, 400: ERROR_400, 401: ERROR_401, 403: ERROR_403},
    )
    def post(self, request):
        entrada = SesionEntrada(data=request.data)
        entrada.is_valid(raise_exception=True)
        sesion = crear_sesion(por=request.user, **entrada.validated_data)
        return Response(_detalle(sesion, request.user), status=status.HTTP_201_CREATED)


class SesionDetalle(APIView):
    """Una sesión con su agenda. El público ve la última versión congelada (la enviada); quien ve el
    concejo, la agenda actual. Lo que no puede ver responde 404."""

    permission_classes = [AllowAny]

    @extend_schema(responses={200: SesionDetalleSalida, 404: ERROR_404})
    def get(self, request, pk: int):
        sesion = _visibles(request.user).filter(pk=pk).first()
        if sesion is None:
            raise Http404
        return Response(_detalle(sesion, request.user))


class SesionConvocar(APIView):
    """Convoca la sesión (congela la agenda, cita a los miembros, correo tras el commit). Si el plazo de
    aviso del perfil no se cumple, 400 con la advertencia salvo `aceptar_aviso_corto: true`."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=ConvocarEntrada,
        responses={200: SesionDetalleSalida, 400: ERROR_400, 401: ERROR_401, 403: ERROR_403, 404: ERROR_404},
    )
    def post(self, request, pk: int):
        sesion = obtener_sesion(request.user, pk)
        if not request.user.has_perm(VER_CONCEJO):
            raise Http404
        if not request.user.has_perm(PREPARAR_SESION):
            raise PermissionDenied("No tiene permiso para programar ni convocar sesiones.")
        entrada = ConvocarEntrada(data=request.data)
        entrada.is_valid(raise_exception=True)
        convocar(sesion=sesion, por=request.user, **entrada.validated_data)
        sesion.refresh_from_db()
        return Response(_detalle(sesion, request.user))
