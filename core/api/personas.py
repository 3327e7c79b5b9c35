"""API de personas naturales y jurídicas: listar y buscar, ver una, registrar (mismo servicio que la página)."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from core import roles
from core.api.esquemas import ERROR_400, ERROR_401, ERROR_403, ERROR_404
from core.api.paginacion import Paginacion
from core.api.permisos import requiere_permiso
from core.models import Persona
from core.permissions import obtener_persona
from core.selectors.personas import buscar_personas
from core.services.personas import registrar_persona

GestionaPersonas = requiere_permiso(roles.GESTIONAR_PERSONAS, "No tiene permiso para gestionar personas.")


class PersonaSalida(serializers.Serializer):
    id = serializers.IntegerField()
    tipo = serializers.CharField()
    tipo_documento = serializers.CharField()
    numero_documento = serializers.CharField()
    nombre_completo = serializers.CharField()
    nombres = serializers.CharField()
    apellidos = serializers.CharField()
    razon_social = serializers.CharField()
    correo = serializers.CharField()
    telefono = serializers.CharField()
    direccion = serializers.CharField()
    creado = serializers.DateTimeField()


class PersonaEntrada(serializers.Serializer):
    tipo = serializers.ChoiceField(choices=Persona.Tipo.choices, default=Persona.Tipo.NATURAL)
    tipo_documento = serializers.ChoiceField(choices=Persona.TipoDocumento.choices)
    numero_documento = serializers.CharField(max_length=20)
    nombres = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")
    apellidos = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")
    razon_social = serializers.CharField(max_length=250, required=False, allow_blank=True, default="")
    correo = serializers.EmailField(required=False, allow_blank=True, default="")
    telefono = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")
    direccion = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class Personas(APIView):
    """Personas y organizaciones registradas; `?q=` busca por número de documento o por nombre."""

    permission_classes = [IsAuthenticated, GestionaPersonas]
    pagination_class = Paginacion

    @extend_schema(
        parameters=[
            OpenApiParameter("q", str, description="Número de documento (inicio) o palabras del nombre.")
        ],
        responses={200: PersonaSalida(many=True), 401: ERROR_401, 403: ERROR_403},
    )
    def get(self, request):
        personas = buscar_personas(request.query_params.get("q", "")).order_by(
            "apellidos", "nombres", "razon_social", "pk"
        )
        paginador = self.pagination_class()
        pagina = paginador.paginate_queryset(personas, request, view=self)
        return paginador.get_paginated_response(PersonaSalida(pagina, many=True).data)

    @extend_schema(
        request=PersonaEntrada,
        responses={201: PersonaSalida, 400: ERROR_400, 401: ERROR_401, 403: ERROR_403},
    )
    def post(self, request):
        entrada = PersonaEntrada(data=request.data)
        entrada.is_valid(raise_exception=True)
        # Las reglas del documento (DNI, RUC, NIT, CURP...) viven en el servicio; su ValidationError
        # llega al cliente como 400 con `campos` (core/api/errores.py).
        persona = registrar_persona(**entrada.validated_data, por=request.user)
        return Response(PersonaSalida(persona).data, status=status.HTTP_201_CREATED)


class PersonaDetalle(APIView):
    """Una persona por su id."""

    permission_classes = [IsAuthenticated, GestionaPersonas]

    @extend_schema(responses={200: PersonaSalida, 401: ERROR_401, 403: ERROR_403, 404: ERROR_404})
    def get(self, request, pk: int):
        persona = obtener_persona(request.user, pk)
        return Response(PersonaSalida(persona).data)
