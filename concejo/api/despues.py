"""API del acta: leer y editar el borrador, generarlo del registro, firmarlo y publicarlo; y la lista
pública de actas publicadas. Llama los mismos servicios que las páginas (concejo.services.actas)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

# Los mismos accesos que las páginas del acta: sin ver el concejo, 404; sin gestionar actas, 403.
from concejo.permissions import (
    actas_publicas,
    exigir_gestion_de_actas,
    obtener_acta,
    obtener_sesion_del_acta,
)
from concejo.services import actas as servicio
from core.api.esquemas import ERROR_400, ERROR_401, ERROR_403, ERROR_404
from core.api.paginacion import Paginacion


class FirmanteSalida(serializers.Serializer):
    nombre = serializers.CharField()
    cargo = serializers.CharField()
    por_encargo = serializers.DictField(child=serializers.CharField(), allow_null=True)


class ActaSalida(serializers.Serializer):
    id = serializers.IntegerField()
    sesion = serializers.IntegerField(source="sesion_id")
    estado = serializers.CharField()
    version = serializers.IntegerField()
    texto = serializers.CharField()
    aprobada_en = serializers.IntegerField(
        source="aprobada_en_id", allow_null=True, help_text="Sesión en que se aprobó."
    )
    votacion_aprobacion = serializers.IntegerField(source="votacion_aprobacion_id", allow_null=True)
    firmada_en = serializers.DateTimeField(allow_null=True)
    sha256 = serializers.CharField(help_text="SHA-256 del PDF firmado (vacío antes de firmar).")
    firmantes = FirmanteSalida(many=True)
    publicada_en = serializers.DateTimeField(allow_null=True)


class ActaEntrada(serializers.Serializer):
    texto = serializers.CharField(help_text="HTML simple; lo que no está en la lista blanca se quita.")


class ActaDeSesion(APIView):
    """El acta de una sesión (GET) y la edición de su borrador (PUT, solo la Secretaría)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: ActaSalida, 401: ERROR_401, 404: ERROR_404})
    def get(self, request, pk: int):
        return Response(ActaSalida(obtener_acta(obtener_sesion_del_acta(request.user, pk))).data)

    @extend_schema(
        request=ActaEntrada,
        responses={200: ActaSalida, 400: ERROR_400, 401: ERROR_401, 403: ERROR_403, 404: ERROR_404},
    )
    def put(self, request, pk: int):
        acta = obtener_acta(obtener_sesion_del_acta(request.user, pk))
        exigir_gestion_de_actas(request.user)
        entrada = ActaEntrada(data=request.data)
        entrada.is_valid(raise_exception=True)
        acta = servicio.editar_acta(
            acta=acta, texto=entrada.validated_data["texto"], por=request.user, origen="api"
        )
        return Response(ActaSalida(acta).data)


class ActaGenerar(APIView):
    """Genera (o vuelve a generar, si sigue en borrador) el acta a partir del registro de la sesión."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=None,
        responses={200: ActaSalida, 400: ERROR_400, 401: ERROR_401, 403: ERROR_403, 404: ERROR_404},
    )
    def post(self, request, pk: int):
        sesion = obtener_sesion_del_acta(request.user, pk)
        exigir_gestion_de_actas(request.user)
        return Response(ActaSalida(servicio.generar_acta(sesion=sesion, por=request.user)).data)


class _PasoDelActa(APIView):
    """Firmar y publicar: el mismo camino (el acta de la sesión, solo quien gestiona actas) con otro servicio."""

    permission_classes = [IsAuthenticated]
    paso = None  # servicio(acta=, por=) -> Acta

    @extend_schema(
        request=None,
        responses={200: ActaSalida, 400: ERROR_400, 401: ERROR_401, 403: ERROR_403, 404: ERROR_404},
    )
    def post(self, request, pk: int):
        acta = obtener_acta(obtener_sesion_del_acta(request.user, pk))
        exigir_gestion_de_actas(request.user)
        return Response(ActaSalida(self.paso(acta=acta, por=request.user)).data)


class ActaFirmar(_PasoDelActa):
    """Firma el acta aprobada: PDF con membrete y firmas, guardado con su SHA-256."""

    paso = staticmethod(servicio.firmar_acta)


class ActaPublicar(_PasoDelActa):
    """Publica el acta firmada en el portal."""

    paso = staticmethod(servicio.publicar_acta)


class ActasPublicadas(APIView):
    """Las actas publicadas (datos abiertos, sin autenticación), de la más reciente a la más antigua."""

    permission_classes = [AllowAny]
    pagination_class = Paginacion

    @extend_schema(responses={200: ActaSalida(many=True)})
    def get(self, request):
        consulta = actas_publicas().order_by("-sesion__fecha", "-id")
        paginador = self.pagination_class()
        pagina = paginador.paginate_queryset(consulta, request, view=self)
        return paginador.get_paginated_response(ActaSalida(pagina, many=True).data)
