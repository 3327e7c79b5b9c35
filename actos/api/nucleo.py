"""API de actos (/api/v1/actos/): la normativa publicada, abierta y sin ingreso; y para el personal (token),
crear proyectos, redactar su texto y llevarlos por el ciclo de vida con los mismos servicios que las páginas.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from actos.models import Acto, Parte, Relacion
from actos.permissions import actos_visibles, obtener_acto, puede_revisar
from actos.selectors.instrumentos import nombre_de_tipo
from actos.selectors.normativa import buscar_publicos
from actos.services import ciclo, relaciones, texto, vigencia
from actos.services.erratas import erratas_de
from concejo.models import Decision
from core.api.esquemas import ERROR_400, ERROR_401, ERROR_403, ERROR_404
from core.api.paginacion import Paginacion
from core.parametros import entero

# --- Serializadores ------------------------------------------------------------------------------


class ActosParteSalida(serializers.Serializer):
    id = serializers.IntegerField()
    eid = serializers.CharField(help_text="Identificador citable (AKN eId), p. ej. art_3.")
    tipo = serializers.CharField()
    numero = serializers.CharField()
    epigrafe = serializers.CharField()
    texto = serializers.CharField()


class ActosFirmaSalida(serializers.Serializer):
    calidad = serializers.CharField(help_text="firma o refrenda (da fe).")
    codigo_cargo = serializers.CharField(help_text="Cargo según el perfil: alcalde, secretario_general…")
    nombre = serializers.CharField()
    cargo_texto = serializers.CharField()
    usuario = serializers.IntegerField(source="usuario_id", allow_null=True)
    persona = serializers.IntegerField(source="persona_id", allow_null=True)
    cargo = serializers.IntegerField(source="cargo_id", allow_null=True)
    por_encargo_de = serializers.IntegerField(source="por_encargo_de_id", allow_null=True)
    motivo_excepcion = serializers.CharField()


class ActosActoSalida(serializers.Serializer):
    id = serializers.IntegerField()
    tipo = serializers.CharField(
        help_text="Clave del perfil: ordenanza, acuerdo, decreto, resolucion_alcaldia…"
    )
    tipo_nombre = serializers.SerializerMethodField()
    organo = serializers.CharField()
    numero = serializers.IntegerField(allow_null=True)
    anio = serializers.IntegerField(allow_null=True)
    numero_texto = serializers.CharField()
    titulo = serializers.CharField()
    temas = serializers.CharField()
    estado = serializers.CharField()
    vigencia = serializers.SerializerMethodField(
        help_text="Calculada al leer: no_vigente (aún no rige), vigente, modificado o derogado."
    )
    vigencia_nombre = serializers.SerializerMethodField(
        help_text="p. ej. «Aún no vigente (vigente desde 03/12/2026)»."
    )
    firmado_en = serializers.DateTimeField(allow_null=True)
    firmante = serializers.CharField()
    firmas = ActosFirmaSalida(many=True, source="firmas.all", read_only=True)
    publicado_en = serializers.DateField(allow_null=True)
    medio_publicacion = serializers.CharField()
    vigente_desde = serializers.DateField(allow_null=True)
    entrada_en_vigor = serializers.SerializerMethodField(
        help_text="La regla que se aplica: la del acto o la del perfil para su tipo."
    )
    sha256 = serializers.CharField(help_text="SHA-256 del PDF firmado.")
    enlaces = serializers.SerializerMethodField()

    def get_entrada_en_vigor(self, obj) -> str:
        return str(vigencia.regla_de(obj))

    def get_tipo_nombre(self, obj) -> str:
        return nombre_de_tipo(obj.tipo)

    def _vigencia(self, obj) -> relaciones.EstadoVigencia:
        # En las listas la vista las calcula juntas (`anotar_vigencias`); si no, una consulta por acto.
        return getattr(obj, "vigencia_actual", None) or relaciones.vigencia_de(obj)

    def get_vigencia(self, obj) -> str:
        return self._vigencia(obj).codigo

    def get_vigencia_nombre(self, obj) -> str:
        return str(self._vigencia(obj))

    def get_enlaces(self, obj) -> dict[str, str]:
        peticion = self.context.get("request")

        def absoluta(ruta: str) -> str:
            return peticion.build_absolute_uri(ruta) if peticion is not None else ruta

        enlaces = {
            "api": absoluta(reverse("api-actos-acto", args=[obj.pk])),
            "akn": absoluta(reverse("api-actos-akn", args=[obj.pk])),
        }
        if obj.estado == Acto.Estado.PUBLICADO:
            enlaces["pagina"] = absoluta(reverse("normativa:acto", args=[obj.pk]))
            enlaces["docx"] = absoluta(reverse("normativa:acto-docx", args=[obj.pk]))
            if obj.archivo_id:
                enlaces["pdf"] = absoluta(reverse("normativa:acto-pdf", args=[obj.pk]))
        return enlaces


class ActosRelacionSalida(serializers.Serializer):
    id = serializers.IntegerField()
    tipo = serializers.CharField()
    origen = serializers.IntegerField(source="origen_id")
    destino = serializers.IntegerField(source="destino_id")
    partes = serializers.CharField()
    nota = serializers.CharField()


class ActosErrataSalida(serializers.Serializer):
    numero_texto = serializers.CharField()
    lugar = serializers.CharField(help_text="La parte corregida (p. ej. «Artículo 3») o dónde está el error.")
    eid = serializers.CharField(
        source="parte.eid", default="", help_text="eId de la parte corregida, si la hay."
    )
    dice = serializers.CharField()
    debe_decir = serializers.CharField()
    motivo = serializers.CharField()
    firmada_en = serializers.DateTimeField()


class ActosActoDetalle(ActosActoSalida):
    partes = ActosParteSalida(many=True, source="partes.all")
    consolidado = serializers.SerializerMethodField()
    erratas = serializers.SerializerMethodField(
        help_text="Fe de erratas del acto (el texto firmado no cambia)."
    )

    @extend_schema_field(ActosErrataSalida(many=True))
    def get_erratas(self, obj):
        return ActosErrataSalida(erratas_de(obj), many=True).data

    def get_consolidado(self, obj) -> list[str]:
        return [f["texto"] for f in relaciones.estado_consolidado(obj)]


class ActosProyectoEntrada(serializers.Serializer):
    tipo = serializers.CharField(max_length=40)
    titulo = serializers.CharField(max_length=500)
    temas = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class ActosParteEntrada(serializers.Serializer):
    tipo = serializers.ChoiceField(choices=Parte.Tipo.choices)
    texto = serializers.CharField()
    epigrafe = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class ActosDecisionEntrada(serializers.Serializer):
    decision = serializers.IntegerField(help_text="Id de la decisión pendiente del concejo.")


class ActosMotivoEntrada(serializers.Serializer):
    motivo = serializers.CharField(max_length=2000)


class ActosAprobarEntrada(serializers.Serializer):
    decision = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Acto del concejo: la decisión de la sesión que lo aprobó.",
    )
    aprobacion_externa = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class ActosFirmaEntrada(serializers.Serializer):
    firmante = serializers.CharField(
        max_length=150,
        required=False,
        allow_blank=True,
        default="",
        help_text="Quien firma: debe ocupar el cargo que el perfil pide (`actos.firmantes`) el día de la firma "
        "o subrogarlo por encargo; vacío: el único ocupante.",
    )
    cargo_firmante = serializers.CharField(max_length=100, required=False, default="Alcalde")
    fecha = serializers.DateField(required=False, allow_null=True, default=None)
    motivo_excepcion = serializers.CharField(required=False, allow_blank=True, default="")
    motivo_orden = serializers.CharField(required=False, allow_blank=True, default="")


class ActosVigenciaEntrada(serializers.Serializer):
    modo = serializers.CharField(
        allow_blank=True,
        help_text="fecha, publicacion, dias_publicacion, firma, notificacion; vacío: la regla del perfil.",
    )
    fecha = serializers.DateField(required=False, allow_null=True, default=None)
    dias = serializers.IntegerField(required=False, allow_null=True, default=None, min_value=0)


class ActosNotificacionEntrada(serializers.Serializer):
    fecha = serializers.DateField()


class ActosPublicacionEntrada(serializers.Serializer):
    fecha = serializers.DateField()
    medio = serializers.CharField(max_length=200)


class ActosRelacionEntrada(serializers.Serializer):
    destino = serializers.IntegerField(help_text="Id del acto afectado (firmado o publicado).")
    tipo = serializers.ChoiceField(choices=Relacion.Tipo.choices)
    partes = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    nota = serializers.CharField(max_length=1000, required=False, allow_blank=True, default="")


FILTROS = [
    OpenApiParameter("q", str, description="Texto completo (ignora tildes; raíces españolas)."),
    OpenApiParameter("tipo", str, description="Tipo de acto (clave del perfil)."),
    OpenApiParameter("numero", int),
    OpenApiParameter("anio", int),
    OpenApiParameter("tema", str),
]


# --- Vistas --------------------------------------------------------------------------------------


class Actos(APIView):
    """GET: los actos publicados (datos abiertos, sin autenticación), paginados; con filtros. POST: crea un
    proyecto (personal con `actos.redactar_acto`)."""

    pagination_class = Paginacion

    def get_permissions(self):
        return [AllowAny()] if self.request.method == "GET" else [IsAuthenticated()]

    @extend_schema(parameters=FILTROS, responses={200: ActosActoSalida(many=True)}, auth=[])
    def get(self, request):
        p = request.query_params
        actos = buscar_publicos(
            texto=p.get("q", ""),
            tipo=p.get("tipo", ""),
            numero=entero(p.get("numero")),
            anio=entero(p.get("anio")),
            tema=p.get("tema", ""),
        )
        paginador = self.pagination_class()
        pagina = paginador.paginate_queryset(actos, request, view=self)
        relaciones.anotar_vigencias(pagina)
        return paginador.get_paginated_response(
            ActosActoSalida(pagina, many=True, context={"request": request}).data
        )

    @extend_schema(
        request=ActosProyectoEntrada,
        responses={201: ActosActoDetalle, 400: ERROR_400, 401: ERROR_401, 403: ERROR_403},
    )
    def post(self, request):
        entrada = ActosProyectoEntrada(data=request.data)
        entrada.is_valid(raise_exception=True)
        acto = ciclo.crear_proyecto(**entrada.validated_data, por=request.user)
        return Response(
            ActosActoDetalle(acto, context={"request": request}).data, status=status.HTTP_201_CREATED
        )


class ActosInternos(APIView):
    """Los actos que el usuario puede ver, en cualquier estado (proyectos, en revisión, firmados…)."""

    permission_classes = [IsAuthenticated]
    pagination_class = Paginacion

    @extend_schema(responses={200: ActosActoSalida(many=True), 401: ERROR_401})
    def get(self, request):
        actos = actos_visibles(request.user).order_by("-creado", "-pk")
        estado = request.query_params.get("estado")
        if estado:
            actos = actos.filter(estado=estado)
        paginador = self.pagination_class()
        pagina = paginador.paginate_queryset(actos, request, view=self)
        relaciones.anotar_vigencias(pagina)
        return paginador.get_paginated_response(
            ActosActoSalida(pagina, many=True, context={"request": request}).data
        )


class ActoVista(APIView):
    """Un acto con su texto por partes y su estado consolidado. Publicado: abierto; si no, quien lo ve."""

    permission_classes = [AllowAny]

    @extend_schema(responses={200: ActosActoDetalle, 404: ERROR_404})
    def get(self, request, pk: int):
        acto = obtener_acto(request.user, pk)
        return Response(ActosActoDetalle(acto, context={"request": request}).data)


class ActoAkn(APIView):
    """El acto como Akoma Ntoso 3.0 (XML válido contra el esquema oficial de OASIS)."""

    permission_classes = [AllowAny]

    @extend_schema(
        responses={
            (200, "application/akn+xml"): OpenApiResponse(
                OpenApiTypes.STR, description="XML Akoma Ntoso 3.0"
            ),
            404: ERROR_404,
        }
    )
    def get(self, request, pk: int):
        # akn.py trae lxml (unos 7 MB por proceso): solo se carga si alguien pide el Akoma Ntoso.
        from actos.akn import akn_de_acto  # noqa: PLC0415 - lxml, pesado, solo para la exportación Akoma Ntoso

        acto = obtener_acto(request.user, pk)
        return HttpResponse(akn_de_acto(acto), content_type="application/akn+xml; charset=utf-8")


class DesdeDecision(APIView):
    """Registra como acto (aprobado) una decisión pendiente del concejo."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=ActosDecisionEntrada,
        responses={201: ActosActoDetalle, 400: ERROR_400, 401: ERROR_401, 403: ERROR_403, 404: ERROR_404},
    )
    def post(self, request):
        entrada = ActosDecisionEntrada(data=request.data)
        entrada.is_valid(raise_exception=True)
        if not puede_revisar(request.user):
            raise PermissionDenied
        decision = get_object_or_404(Decision, pk=entrada.validated_data["decision"])
        acto = ciclo.crear_desde_decision(decision=decision, por=request.user)
        return Response(
            ActosActoDetalle(acto, context={"request": request}).data, status=status.HTTP_201_CREATED
        )


class ParteAgregar(APIView):
    """Añade una parte al texto (mientras el acto es editable); números y eIds se recalculan."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=ActosParteEntrada,
        responses={201: ActosParteSalida, 400: ERROR_400, 401: ERROR_401, 403: ERROR_403, 404: ERROR_404},
    )
    def post(self, request, pk: int):
        acto = obtener_acto(request.user, pk)
        entrada = ActosParteEntrada(data=request.data)
        entrada.is_valid(raise_exception=True)
        parte = texto.agregar_parte(acto=acto, por=request.user, **entrada.validated_data)
        return Response(ActosParteSalida(parte).data, status=status.HTTP_201_CREATED)


def _transicion(nombre: str, servicio, entrada_cls=None, doc: str = ""):
    class Transicion(APIView):
        permission_classes = [IsAuthenticated]

        @extend_schema(
            request=entrada_cls,
            responses={200: ActosActoDetalle, 400: ERROR_400, 401: ERROR_401, 403: ERROR_403, 404: ERROR_404},
        )
        def post(self, request, pk: int):
            acto = obtener_acto(request.user, pk)
            datos = {}
            if entrada_cls is not None:
                entrada = entrada_cls(data=request.data)
                entrada.is_valid(raise_exception=True)
                datos = dict(entrada.validated_data)
            acto = servicio(acto=acto, por=request.user, **datos)
            acto = obtener_acto(request.user, acto.pk)
            return Response(ActosActoDetalle(acto, context={"request": request}).data)

    Transicion.__name__ = Transicion.__qualname__ = nombre
    Transicion.__doc__ = doc
    return Transicion


def _aprobar(*, acto, por, decision=None, aprobacion_externa=""):
    elegida = get_object_or_404(Decision, pk=decision) if decision else None
    return ciclo.aprobar(acto=acto, por=por, decision=elegida, aprobacion_externa=aprobacion_externa)


ActoEnviar = _transicion("ActoEnviar", ciclo.enviar_a_revision, doc="Envía el proyecto a revisión.")
ActoDevolver = _transicion(
    "ActoDevolver", ciclo.devolver, ActosMotivoEntrada, "Devuelve el proyecto con observaciones."
)
ActoAprobar = _transicion(
    "ActoAprobar", _aprobar, ActosAprobarEntrada, "Aprueba el acto (del concejo: con su decisión)."
)
ActoFirmar = _transicion(
    "ActoFirmar",
    ciclo.firmar,
    ActosFirmaEntrada,
    "Firma (alcalde) y da fe (Secretario): número del registro y PDF con SHA-256.",
)
ActoPublicar = _transicion(
    "ActoPublicar",
    ciclo.publicar,
    ActosPublicacionEntrada,
    "Publica el acto firmado (fecha y medio); vigente desde según el perfil.",
)
ActoVigencia = _transicion(
    "ActoVigencia",
    vigencia.fijar_entrada_en_vigor,
    ActosVigenciaEntrada,
    "Anota cómo entra en vigor el acto (lo que dispone su texto), antes de firmarlo.",
)
ActoNotificar = _transicion(
    "ActoNotificar",
    vigencia.registrar_notificacion,
    ActosNotificacionEntrada,
    "Registra la notificación de un acto que rige desde ella.",
)
ActoArchivar = _transicion(
    "ActoArchivar", ciclo.archivar, ActosMotivoEntrada, "Archiva sin aprobar, con motivo."
)


class RelacionCrear(APIView):
    """Declara que este acto modifica, deroga, reglamenta o corrige a otro; recalcula su vigencia."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=ActosRelacionEntrada,
        responses={201: ActosRelacionSalida, 400: ERROR_400, 401: ERROR_401, 403: ERROR_403, 404: ERROR_404},
    )
    def post(self, request, pk: int):
        origen = obtener_acto(request.user, pk)
        entrada = ActosRelacionEntrada(data=request.data)
        entrada.is_valid(raise_exception=True)
        datos = dict(entrada.validated_data)
        destino = obtener_acto(request.user, datos.pop("destino"))
        relacion = relaciones.relacionar(origen=origen, destino=destino, por=request.user, **datos)
        return Response(ActosRelacionSalida(relacion).data, status=status.HTTP_201_CREATED)
