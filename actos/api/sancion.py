"""API de la etapa de sanción (/api/v1/actos/…/sancion/): la sanción, observación u objeción del alcalde y
la insistencia del concejo, con los mismos servicios y permisos que las páginas del acto
(`actos.services.sancion`). Ver la etapa: quien ve el acto; registrar: la Secretaría General (403 si no);
quien no ve el acto: 404."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from actos.models import Acto, Sancion
from actos.permissions import obtener_acto, puede_revisar
from actos.selectors.sancion import decisiones_posibles
from actos.services import sancion
from concejo.models import Votacion
from core.api.esquemas import ERROR_400, ERROR_401, ERROR_403, ERROR_404
from core.api.paginacion import Paginacion

DECISIONES = [
    (d, sancion.NOMBRES[d].capitalize())
    for d in (*sancion.ACCIONES_QUE_TERMINAN, *sancion.ACCIONES_QUE_OBSERVAN)
]


class ActosSancionSalida(serializers.Serializer):
    acto = serializers.IntegerField(source="acto_id")
    acto_numero = serializers.CharField(
        source="acto.numero_texto", help_text="p. ej. «ACUERDO No. 001 DE 2026»."
    )
    acto_titulo = serializers.CharField(source="acto.titulo")
    acto_tipo = serializers.CharField(source="acto.tipo")
    estado = serializers.ChoiceField(choices=Sancion.Estado.choices)
    estado_nombre = serializers.CharField(source="get_estado_display")
    completa = serializers.BooleanField(
        help_text="La etapa terminó (sancionado o promulgado): ya se publica."
    )
    quien = serializers.CharField(help_text="Quién sanciona, el cargo que dice el perfil (p. ej. alcalde).")
    puede = serializers.ListField(
        child=serializers.CharField(), help_text="Las decisiones que el perfil admite para el tipo de acto."
    )
    decisiones_posibles = serializers.SerializerMethodField(
        help_text="Lo que puede decidirse ahora: tras la observación o la insistencia, solo sancionar o promulgar."
    )
    recibido_en = serializers.DateField(help_text="Día de la firma: desde él corre el plazo.")
    articulos = serializers.IntegerField(help_text="Artículos del acto (el plazo de CO depende de ellos).")
    vence = serializers.DateField(
        allow_null=True, help_text="Vencimiento del plazo (o del plazo tras la insistencia)."
    )
    vencido = serializers.SerializerMethodField(help_text="El plazo venció sin terminar la etapa.")
    regla = serializers.CharField(help_text="La fuente de la regla del perfil aplicada.")
    decision = serializers.CharField(help_text="sancionar, promulgar, observar u objetar; vacío si aún no.")
    decidido_en = serializers.DateField(allow_null=True)
    registrado_por = serializers.IntegerField(source="decidido_por_id", allow_null=True)
    sancionado_por = serializers.CharField(help_text="Quién sancionó, si no fue el alcalde.")
    motivo = serializers.CharField(help_text="Motivos de la observación u objeción.")
    votacion_insistencia = serializers.IntegerField(source="votacion_insistencia_id", allow_null=True)
    retirado_en = serializers.DateField(
        allow_null=True, help_text="Día en que el concejo aceptó la objeción y el acto se retiró."
    )
    nota_retiro = serializers.CharField(
        help_text="Nota del retiro (sesión y votación que aceptó la objeción)."
    )
    votacion_aceptacion = serializers.IntegerField(source="votacion_aceptacion_id", allow_null=True)
    avisado_vence = serializers.DateField(
        allow_null=True, help_text="Vencimiento del que ya se avisó por correo (un aviso por vencimiento)."
    )

    def get_decisiones_posibles(self, etapa: Sancion) -> list[str]:
        return decisiones_posibles(etapa)

    def get_vencido(self, etapa: Sancion) -> bool:
        return sancion.vencida(etapa)


class ActosSancionDecidirEntrada(serializers.Serializer):
    decision = serializers.ChoiceField(choices=DECISIONES)
    fecha = serializers.DateField(required=False, allow_null=True, default=None, help_text="Hoy si no se da.")
    motivo = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="Obligatorio al observar u objetar."
    )
    sancionado_por = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=200,
        help_text="Quién sanciona si no es el alcalde (p. ej. el presidente del concejo, CO Ley 136 art. 79).",
    )


class ActosSancionInsistenciaEntrada(serializers.Serializer):
    votacion = serializers.IntegerField(
        help_text="Id de la votación del concejo, confirmada y aprobada con la mayoría de insistencia del perfil."
    )


class ActosSancionAceptarEntrada(serializers.Serializer):
    nota = serializers.CharField(
        allow_blank=True, help_text="Obligatoria: en qué sesión y votación aceptó el concejo la objeción."
    )
    fecha = serializers.DateField(required=False, allow_null=True, default=None, help_text="Hoy si no se da.")
    votacion = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Id de la votación del concejo que aceptó la objeción (confirmada y aprobada), si está en el sistema.",
    )


def _etapa(usuario, pk) -> Sancion:
    """La etapa de sanción del acto `pk` que `usuario` ve (404 si no lo ve o el acto no la tiene)."""
    acto = obtener_acto(usuario, pk)
    etapa = Sancion.objects.select_related("acto").filter(acto=acto).first()
    if etapa is None:
        raise Http404("Este acto no tiene etapa de sanción según el perfil.")
    return etapa


def _acto(usuario, pk) -> Acto:
    acto = obtener_acto(usuario, pk)
    if not puede_revisar(usuario):
        raise PermissionDenied("Solo la Secretaría General registra la sanción de un acto.")
    return acto


class ActoSancion(APIView):
    """La etapa de sanción del acto: estado, quién sanciona, decisiones posibles, vencimiento, decisión
    tomada y votación de insistencia. 404 si el acto no la tiene (PE y MX: la promulgación va en la firma)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="actos_sancion",
        responses={200: ActosSancionSalida, 401: ERROR_401, 404: ERROR_404},
    )
    def get(self, request, pk: int):
        return Response(ActosSancionSalida(_etapa(request.user, pk)).data)


class ActoSancionDecidir(APIView):
    """Registra lo que decidió quien sanciona: sancionar o promulgar (termina la etapa) u observar u objetar
    (con motivos). Evento `actos.sancion.<decisión>`."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="actos_sancion_decidir",
        request=ActosSancionDecidirEntrada,
        responses={200: ActosSancionSalida, 400: ERROR_400, 401: ERROR_401, 403: ERROR_403, 404: ERROR_404},
    )
    def post(self, request, pk: int):
        acto = _acto(request.user, pk)
        entrada = ActosSancionDecidirEntrada(data=request.data)
        entrada.is_valid(raise_exception=True)
        etapa = sancion.decidir(acto=acto, por=request.user, **entrada.validated_data)
        return Response(ActosSancionSalida(etapa).data)


class ActoSancionInsistencia(APIView):
    """Registra la insistencia del concejo ante la observación u objeción: la votación confirmada y aprobada
    con la mayoría del perfil; corre el plazo para sancionar tras ella. Evento `actos.sancion.insistencia`."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="actos_sancion_insistencia",
        request=ActosSancionInsistenciaEntrada,
        responses={200: ActosSancionSalida, 400: ERROR_400, 401: ERROR_401, 403: ERROR_403, 404: ERROR_404},
    )
    def post(self, request, pk: int):
        acto = _acto(request.user, pk)
        entrada = ActosSancionInsistenciaEntrada(data=request.data)
        entrada.is_valid(raise_exception=True)
        votacion = Votacion.objects.filter(pk=entrada.validated_data["votacion"]).first()
        if votacion is None:
            raise ValidationError({"votacion": ["No existe esa votación."]})
        etapa = sancion.registrar_insistencia(acto=acto, por=request.user, votacion=votacion)
        return Response(ActosSancionSalida(etapa).data)


class ActoSancionAceptarObjecion(APIView):
    """El concejo acepta la observación u objeción en lugar de insistir: el acto se retira (no se publica;
    conserva su número con la nota). Evento `actos.sancion.aceptar_objecion`."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="actos_sancion_aceptar_objecion",
        request=ActosSancionAceptarEntrada,
        responses={200: ActosSancionSalida, 400: ERROR_400, 401: ERROR_401, 403: ERROR_403, 404: ERROR_404},
    )
    def post(self, request, pk: int):
        acto = _acto(request.user, pk)
        entrada = ActosSancionAceptarEntrada(data=request.data)
        entrada.is_valid(raise_exception=True)
        datos = dict(entrada.validated_data)
        votacion = None
        if datos.pop("votacion") is not None:
            votacion = Votacion.objects.filter(pk=entrada.validated_data["votacion"]).first()
            if votacion is None:
                raise ValidationError({"votacion": ["No existe esa votación."]})
        etapa = sancion.aceptar_objecion(acto=acto, por=request.user, votacion=votacion, **datos)
        return Response(ActosSancionSalida(etapa).data)


class ActosPorSancionar(APIView):
    """Los actos que esperan sanción (o sanción tras la insistencia) u observados, del vencimiento más
    próximo al más lejano. Solo la Secretaría General (403)."""

    permission_classes = [IsAuthenticated]
    pagination_class = Paginacion

    @extend_schema(
        operation_id="actos_por_sancionar",
        responses={200: ActosSancionSalida(many=True), 401: ERROR_401, 403: ERROR_403},
    )
    def get(self, request):
        if not puede_revisar(request.user):
            raise PermissionDenied("Solo la Secretaría General sigue la etapa de sanción.")
        paginador = self.pagination_class()
        pagina: list[Acto] | None = paginador.paginate_queryset(sancion.pendientes(), request, view=self)
        return paginador.get_paginated_response(ActosSancionSalida(pagina, many=True).data)
