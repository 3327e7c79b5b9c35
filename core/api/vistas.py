from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView


class YoSerializer(serializers.Serializer):
    username = serializers.CharField()
    nombre = serializers.CharField()
    unidad = serializers.CharField(allow_null=True)
    roles = serializers.ListField(child=serializers.CharField())


class Yo(APIView):
    """El usuario autenticado, su unidad y sus roles."""

    @extend_schema(responses=YoSerializer)
    def get(self, request):
        u = request.user
        datos = {
            "username": u.username,
            "nombre": u.get_full_name() or u.username,
            "unidad": u.unidad.sigla if u.unidad_id else None,
            "roles": sorted(u.groups.values_list("name", flat=True)),
        }
        return Response(YoSerializer(datos).data)
