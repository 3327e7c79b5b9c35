"""API del organigrama (unidades orgánicas). Solo lectura."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.views import APIView

from core.api.esquemas import ERROR_401, ERROR_403
from core.api.paginacion import Paginacion
from core.api.permisos import EsFuncionario
from core.models import UnidadOrganica


class UnidadSalida(serializers.Serializer):
    id = serializers.IntegerField()
    sigla = serializers.CharField()
    nombre = serializers.CharField()
    padre = serializers.IntegerField(source="padre_id", allow_null=True, help_text="id de la unidad superior")
    padre_sigla = serializers.CharField(source="padre.sigla", allow_null=True, default=None)
    jefe = serializers.SerializerMethodField()
    activa = serializers.BooleanField()
    orden = serializers.IntegerField()

    def get_jefe(self, unidad) -> str | None:
        if unidad.jefe is None:
            return None
        return unidad.jefe.get_full_name() or unidad.jefe.username


class Unidades(APIView):
    """El organigrama: unidades con su unidad superior (`padre`) y su jefe, en el orden del organigrama."""

    permission_classes = [IsAuthenticated, EsFuncionario]
    pagination_class = Paginacion

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "inactivas", bool, description="Incluir las unidades desactivadas (por defecto no)."
            )
        ],
        responses={200: UnidadSalida(many=True), 401: ERROR_401, 403: ERROR_403},
    )
    def get(self, request):
        unidades = UnidadOrganica.objects.select_related("padre", "jefe").order_by("orden", "nombre", "pk")
        if request.query_params.get("inactivas") not in ("1", "true", "si", "sí"):
            unidades = unidades.filter(activa=True)
        paginador = self.pagination_class()
        pagina = paginador.paginate_queryset(unidades, request, view=self)
        return paginador.get_paginated_response(UnidadSalida(pagina, many=True).data)
