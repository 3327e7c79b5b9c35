"""API de la mesa de partes: registrar un documento de entrada y verlo (mismo servicio que la página)."""

import json

from django.core.exceptions import ValidationError as ErrorDjango
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from core import roles
from core.api.autenticacion import clave_de_token, credenciales_anticipadas
from core.api.entrada import validar
from core.api.esquemas import ERROR_400, ERROR_401, ERROR_403, ERROR_404
from core.api.permisos import requiere_permiso
from core.models import Persona
from registro.models import Documento, Procedimiento, TipoDocumental
from registro.permissions import obtener_documento
from registro.services.cargo import url_consulta
from registro.services.precarga import Precarga, precargar
from registro.services.recepcion import (
    CLAVE_SERIE,
    MAX_FOLIOS,
    documento_de_remitente,
    registrar_documento,
    remitente_por_documento,
    remitente_y_precarga,
)

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
    procedimiento = serializers.SlugRelatedField(slug_field="codigo", read_only=True)
    unidad_actual = serializers.SlugRelatedField(slug_field="sigla", read_only=True)
    url = serializers.SerializerMethodField()
    cargo_url = serializers.SerializerMethodField()
    consulta_url = serializers.SerializerMethodField()

    def get_url(self, doc) -> str:
        return reverse("registro:documento", args=[doc.pk])

    def get_cargo_url(self, doc) -> str:
        return reverse("registro:documento-cargo", args=[doc.pk])

    def get_consulta_url(self, doc) -> str:
        return url_consulta(doc)


def _fecha_hora(valor) -> str | None:
    # Como serializers.DateTimeField (ISO 8601 en la zona horaria activa, «Z» si es UTC).
    if valor is None:
        return None
    texto = timezone.localtime(valor).isoformat()
    return texto[:-6] + "Z" if texto.endswith("+00:00") else texto


def _fecha(valor) -> str | None:
    return valor.isoformat() if valor is not None else None


def salida(doc: Documento) -> dict:
    """Lo mismo que `DocumentoSalida(doc).data`, escrito a mano: el serializador copia sus 26 campos en cada
    instancia (~0,6 ms por respuesta, un 5 % del registro por la API). `DocumentoSalida` sigue siendo el
    esquema de OpenAPI; una prueba comprueba que los dos dan exactamente lo mismo."""
    remitente = doc.remitente
    return {
        "id": doc.id,
        "numero": doc.numero_texto,
        "anio": doc.anio,
        "correlativo": doc.correlativo,
        "codigo_seguimiento": doc.codigo_seguimiento,
        "asunto": doc.asunto,
        "folios": doc.folios,
        "remitente": None
        if remitente is None
        else {
            "id": remitente.id,
            "nombre": remitente.nombre_completo,
            "tipo_documento": remitente.tipo_documento,
            "numero_documento": remitente.numero_documento,
        },
        "canal": doc.canal,
        "prioridad": doc.prioridad,
        "estado": doc.estado,
        "recibido_en": _fecha_hora(doc.recibido_en),
        "fecha_computo": _fecha(doc.fecha_computo),
        "vence": _fecha(doc.vence),
        "subsanar_hasta": _fecha(doc.subsanar_hasta),
        "defectos": doc.defectos,
        "procedimiento": doc.procedimiento.codigo if doc.procedimiento_id else None,
        "unidad_actual": doc.unidad_actual.sigla if doc.unidad_actual_id else None,
        "url": reverse("registro:documento", args=[doc.pk]),
        "cargo_url": reverse("registro:documento-cargo", args=[doc.pk]),
        "consulta_url": url_consulta(doc),
    }


def _errores_de(error: ErrorDjango, prefijo: str) -> dict:
    # Los errores del remitente van anidados bajo su campo; los demás los convierte el manejador de la API.
    campos = error.message_dict if hasattr(error, "error_dict") else {"non_field_errors": error.messages}
    return {prefijo: campos}


def _remitente_del_cuerpo(request) -> tuple[str, str] | None:
    """(tipo, número normalizado) del remitente en el JSON crudo del cuerpo, si se puede leer sin error;
    si no, None. Solo sirve para buscarlo antes de tiempo: la entrada se valida después, como siempre."""
    if request.content_type != "application/json":
        return None
    try:
        remitente = json.loads(request.body).get("remitente") or {}
        tipo, numero = remitente.get("tipo_documento"), remitente.get("numero_documento")
        if isinstance(tipo, str) and isinstance(numero, str):
            return tipo, documento_de_remitente(tipo, numero)
    except (ValueError, AttributeError, ErrorDjango):
        pass
    return None


def _registro_anticipado(request) -> Precarga | None:
    """PostgreSQL con token de la API: el token (con su usuario y sus permisos), lo que el registro lee de
    la configuración y el remitente del cuerpo, en un solo viaje a la base de datos, antes de autenticar.
    Si el token vale, la solicitud queda autenticada con ese usuario; si no (o con sesión, u otro motor),
    None y todo sigue como siempre."""
    clave = clave_de_token(request)
    if clave is None:
        return None
    precarga = precargar(
        clave_serie=CLAVE_SERIE,
        usuario=None,
        hoy=timezone.localdate(),
        remitente=_remitente_del_cuerpo(request),
        token=clave,
    )
    if precarga is None or not credenciales_anticipadas(request, precarga.fila_token):
        return None
    return precarga


class Documentos(APIView):
    """Registra un documento de entrada en la mesa de partes (número, plazo y cargo, como en ventanilla).

    Basta `{"asunto", "folios", "remitente": {"nombre", "tipo_documento", "numero_documento"}}`: el
    remitente se busca por su documento y, si no existe, se registra. Si algo no vale, 400 y no se
    registra nada (no se consume número).
    """

    permission_classes = [IsAuthenticated, RegistraDocumentos]

    def initial(self, request, *args, **kwargs):
        # Un viaje menos por registro: el del token va con la precarga. Permisos, límites y validación,
        # después y como siempre (DRF ve la solicitud ya autenticada con el usuario leído).
        self.precarga = _registro_anticipado(request) if request.method == "POST" else None
        super().initial(request, *args, **kwargs)

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
        datos = validar(
            DocumentoEntrada, request.data
        )  # los campos del serializador, armados una vez por hilo
        remitente = datos.pop("remitente")
        persona, precarga = None, self.precarga
        if remitente:
            try:
                # La persona y lo que el registro lee de la configuración, en un viaje (PostgreSQL), si no
                # vinieron ya con el token.
                persona, precarga = remitente_y_precarga(
                    tipo_documento=remitente["tipo_documento"],
                    numero_documento=remitente["numero_documento"],
                    por=request.user,
                    precarga=precarga,
                )
            except ErrorDjango as e:
                raise ValidationError(_errores_de(e, "remitente")) from None
        if remitente and persona is None:
            # Remitente nuevo: se registra en la misma transacción que el documento (si el documento no
            # vale, tampoco queda la persona).
            with transaction.atomic():
                try:
                    persona = remitente_por_documento(por=request.user, **remitente)
                except ErrorDjango as e:
                    raise ValidationError(_errores_de(e, "remitente")) from None
                documento = registrar_documento(
                    remitente=persona, por=request.user, precarga=precarga, **datos
                )
        else:
            # Remitente ya registrado (o ninguno): una sola transacción, la del servicio, sin puntos de
            # guardado anidados.
            documento = registrar_documento(remitente=persona, por=request.user, precarga=precarga, **datos)
        return Response(salida(documento), status=status.HTTP_201_CREATED)


class DocumentoDetalle(APIView):
    """Un documento que el usuario puede ver (si no, 404: el id no revela nada)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: DocumentoSalida, 401: ERROR_401, 404: ERROR_404})
    def get(self, request, pk: int):
        return Response(salida(obtener_documento(request.user, pk)))
