"""API de la mesa de partes: registrar un documento de entrada y verlo (mismo servicio que la página)."""

from django.urls import reverse
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers, status
from rest_framework.authentication import SessionAuthentication
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from core import roles
from core.api.esquemas import ERROR_400, ERROR_401, ERROR_403, ERROR_404
from core.api.permisos import requiere_permiso
from core.api.serializadores import representar, validar
from core.models import Persona
from registro.api.autenticacion import TokenConLecturas, precarga_de
from registro.models import Documento, Procedimiento, TipoDocumental
from registro.permissions import obtener_documento
from registro.services.cargo import url_consulta
from registro.services.recepcion import MAX_FOLIOS, ErrorDelRemitente, registrar_con_remitente

RegistraDocumentos = requiere_permiso(
    roles.REGISTRAR_DOCUMENTO, "No tiene permiso para registrar documentos en mesa de partes."
)


class RemitenteEntrada(serializers.Serializer):
    nombre = serializers.CharField(
        max_length=300,
        required=False,
        allow_blank=True,
        default="",
        help_text="Nombres y apellidos, o razón social. Solo hace falta si la persona aún no está registrada.",
    )
    tipo_documento = serializers.ChoiceField(choices=Persona.TipoDocumento.choices)
    numero_documento = serializers.CharField(max_length=30)


class DocumentoEntrada(serializers.Serializer):
    asunto = serializers.CharField(max_length=500)
    folios = serializers.IntegerField(min_value=1, max_value=MAX_FOLIOS)
    remitente = RemitenteEntrada(required=False, allow_null=True, default=None)
    canal = serializers.ChoiceField(
        choices=[c for c in Documento.Canal.choices if c[0] != Documento.Canal.INTERNO],
        default=Documento.Canal.VENTANILLA,
    )
    prioridad = serializers.ChoiceField(
        choices=Documento.Prioridad.choices, default=Documento.Prioridad.NORMAL
    )
    tipo_documental = serializers.PrimaryKeyRelatedField(
        queryset=TipoDocumental.objects.filter(activo=True), required=False, allow_null=True, default=None
    )
    procedimiento = serializers.SlugRelatedField(
        slug_field="codigo",
        queryset=Procedimiento.objects.filter(activo=True),
        required=False,
        allow_null=True,
        default=None,
        help_text="Código del procedimiento del TUPA, p. ej. «GDU-01».",
    )
    numero_documento_origen = serializers.CharField(
        max_length=120, required=False, allow_blank=True, default=""
    )
    observaciones = serializers.CharField(required=False, allow_blank=True, default="")
    defectos = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="Observaciones de recepción: el documento queda observado con plazo para subsanar.",
    )


class RemitenteSalida(serializers.Serializer):
    id = serializers.IntegerField()
    nombre = serializers.CharField(source="nombre_completo")
    tipo_documento = serializers.CharField()
    numero_documento = serializers.CharField()


class DocumentoSalida(serializers.Serializer):
    id = serializers.IntegerField()
    numero = serializers.CharField(source="numero_texto")
    anio = serializers.IntegerField()
    correlativo = serializers.IntegerField()
    codigo_seguimiento = serializers.CharField()
    asunto = serializers.CharField()
    folios = serializers.IntegerField()
    remitente = RemitenteSalida(allow_null=True)
    canal = serializers.CharField()
    prioridad = serializers.CharField()
    estado = serializers.CharField()
    recibido_en = serializers.DateTimeField()
    fecha_computo = serializers.DateField()
    vence = serializers.DateField(allow_null=True)
    subsanar_hasta = serializers.DateField(allow_null=True)
    defectos = serializers.CharField()
    # Un documento puede no tener procedimiento ni unidad actual: null (y así lo dice el esquema).
    procedimiento = serializers.SlugRelatedField(slug_field="codigo", read_only=True, allow_null=True)
    unidad_actual = serializers.SlugRelatedField(slug_field="sigla", read_only=True, allow_null=True)
    url = serializers.SerializerMethodField()
    cargo_url = serializers.SerializerMethodField()
    consulta_url = serializers.SerializerMethodField()

    def get_url(self, doc) -> str:
        return reverse("registro:documento", args=[doc.pk])

    def get_cargo_url(self, doc) -> str:
        return reverse("registro:documento-cargo", args=[doc.pk])

    def get_consulta_url(self, doc) -> str:
        return url_consulta(doc, request=self.context.get("request"))


class Documentos(APIView):
    """Registra un documento de entrada en la mesa de partes (número, plazo y cargo, como en ventanilla).

    Basta `{"asunto", "folios", "remitente": {"nombre", "tipo_documento", "numero_documento"}}`: el
    remitente se busca por su documento y, si no existe, se registra. Si algo no vale, 400 y no se
    registra nada (no se consume número).
    """

    # El token de la API se lee en el mismo viaje que lo que el registro lee de la configuración, municipio
    # incluido (PostgreSQL): `registro.api.autenticacion.TokenConLecturas`; el middleware no lo lee aparte.
    authentication_classes = [TokenConLecturas, SessionAuthentication]
    lee_el_municipio_en_su_viaje = True
    permission_classes = [IsAuthenticated, RegistraDocumentos]

    @extend_schema(
        request=DocumentoEntrada,
        responses={201: DocumentoSalida, 400: ERROR_400, 401: ERROR_401, 403: ERROR_403},
        examples=[
            OpenApiExample(
                "Mínimo",
                value={
                    "asunto": "Solicito licencia de funcionamiento",
                    "folios": 3,
                    "remitente": {
                        "nombre": "Juan Carlos Ramírez Poma",
                        "tipo_documento": "DNI",
                        "numero_documento": "45871236",
                    },
                },
                request_only=True,
            )
        ],
    )
    def post(self, request):
        datos = validar(DocumentoEntrada, request.data)
        try:
            documento = registrar_con_remitente(por=request.user, precarga=precarga_de(request), **datos)
        except ErrorDelRemitente as e:
            raise ValidationError({"remitente": e.message_dict}) from None
        return Response(representar(DocumentoSalida, documento), status=status.HTTP_201_CREATED)


class DocumentoDetalle(APIView):
    """Un documento que el usuario puede ver (si no, 404: el id no revela nada)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: DocumentoSalida, 401: ERROR_401, 404: ERROR_404})
    def get(self, request, pk: int):
        return Response(representar(DocumentoSalida, obtener_documento(request.user, pk)))
