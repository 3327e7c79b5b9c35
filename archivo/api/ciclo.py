"""API del ciclo vital: transferencias (lo que hay que transferir, prepararlas, verlas con su inventario y
revisar cada fila) y préstamos (pedir, entregar, devolver, rechazar; la lista con los vencidos). Llama los
mismos servicios que las páginas."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from archivo import permissions as acceso
from archivo.models import ItemTransferencia, Prestamo
from archivo.selectors.transferencias import anio_pedido, candidatos, inventario, por_transferir
from archivo.services.expedientes import UBICACION
from archivo.services.prestamos import (
    devolver_prestamo,
    entregar_prestamo,
    rechazar_prestamo,
    solicitar_prestamo,
)
from archivo.services.transferencias import preparar_transferencia, revisar_item
from core.api.esquemas import ERROR_400, ERROR_401, ERROR_403, ERROR_404
from core.api.paginacion import Paginacion
from core.models import UnidadOrganica


def _ve(usuario) -> None:
    if not acceso.ve_archivo(usuario):
        raise PermissionDenied


class ItemSalida(serializers.Serializer):
    id = serializers.IntegerField(source="item.id")
    orden = serializers.IntegerField()
    expediente = serializers.IntegerField(source="item.expediente_id")
    codigo = serializers.CharField()
    serie = serializers.CharField()
    titulo = serializers.CharField()
    fecha_inicial = serializers.DateField(allow_null=True)
    fecha_final = serializers.DateField(allow_null=True)
    unidad_conservacion = serializers.CharField()
    folios = serializers.IntegerField()
    soporte = serializers.CharField()
    frecuencia_consulta = serializers.CharField(source="item.frecuencia_consulta")
    notas = serializers.CharField()
    revision = serializers.CharField(source="item.revision")
    motivo = serializers.CharField()


class TransferenciaSalida(serializers.Serializer):
    id = serializers.IntegerField()
    numero = serializers.CharField()
    unidad = serializers.CharField(source="unidad.sigla")
    etapa_origen = serializers.CharField()
    etapa_destino = serializers.CharField()
    estado = serializers.CharField()
    preparada_en = serializers.DateTimeField()
    recibida_en = serializers.DateTimeField(allow_null=True)
    notas = serializers.CharField()


class TransferenciaDetalle(TransferenciaSalida):
    inventario = serializers.SerializerMethodField()

    @extend_schema(exclude=True)
    def get_inventario(self, obj) -> list[dict]:
        return list(ItemSalida(inventario(obj), many=True).data)


class TransferenciaEntrada(serializers.Serializer):
    unidad = serializers.SlugRelatedField(slug_field="sigla", queryset=UnidadOrganica.objects.all())
    expedientes = serializers.ListField(child=serializers.IntegerField(), allow_empty=False, max_length=2000)
    frecuencia_consulta = serializers.ChoiceField(
        choices=ItemTransferencia.Frecuencia.choices, default=ItemTransferencia.Frecuencia.BAJA
    )
    notas = serializers.CharField(required=False, allow_blank=True, default="")


class RevisionEntrada(serializers.Serializer):
    decision = serializers.ChoiceField(
        choices=[ItemTransferencia.Revision.ACEPTADO, ItemTransferencia.Revision.OBSERVADO]
    )
    motivo = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    edificio = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    sala = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    estante = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")
    caja = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")
    carpeta = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")


class PorTransferir(APIView):
    """Lo que vence hasta el 31 de diciembre del año, por unidad y etapa."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[OpenApiParameter("anio", int)],
        responses={200: OpenApiTypes.OBJECT, 401: ERROR_401, 403: ERROR_403},
    )
    def get(self, request):
        _ve(request.user)
        anio = anio_pedido(request.query_params.get("anio"))
        datos = [
            {
                "unidad": p.unidad.sigla,
                "etapa_origen": p.origen.clave,
                "etapa_destino": p.destino.clave,
                "expedientes": [
                    {
                        "id": f["expediente"].pk,
                        "codigo": f["expediente"].codigo,
                        "cumple": f["vence"],
                        "cumplido": f["cumplido"],
                    }
                    for f in p.filas
                ],
            }
            for p in por_transferir(request.user, anio)
        ]
        return Response({"anio": anio, "propuestas": datos})


class Transferencias(APIView):
    permission_classes = [IsAuthenticated]
    pagination_class = Paginacion

    @extend_schema(responses={200: TransferenciaSalida(many=True), 401: ERROR_401, 403: ERROR_403})
    def get(self, request):
        _ve(request.user)
        consulta = (
            acceso.transferencias_visibles(request.user)
            .select_related("unidad")
            .order_by("-anio", "-correlativo")
        )
        paginador = self.pagination_class()
        pagina = paginador.paginate_queryset(consulta, request, view=self)
        return paginador.get_paginated_response(TransferenciaSalida(pagina, many=True).data)

    @extend_schema(
        request=TransferenciaEntrada,
        responses={201: TransferenciaDetalle, 400: ERROR_400, 401: ERROR_401, 403: ERROR_403},
    )
    def post(self, request):
        _ve(request.user)
        entrada = TransferenciaEntrada(data=request.data)
        entrada.is_valid(raise_exception=True)
        datos = entrada.validated_data
        if not acceso.puede_abrir(request.user, datos["unidad"]):
            raise PermissionDenied
        ids = set(datos["expedientes"])
        expedientes = list(candidatos(request.user).filter(pk__in=ids))
        if len(expedientes) != len(ids):
            raise serializers.ValidationError(
                {
                    "expedientes": [
                        "Uno de los expedientes no existe, no es suyo o ya está en una transferencia."
                    ]
                }
            )
        t = preparar_transferencia(
            unidad=datos["unidad"],
            expedientes=expedientes,
            frecuencia_consulta=datos["frecuencia_consulta"],
            notas=datos["notas"],
            por=request.user,
        )
        return Response(TransferenciaDetalle(t).data, status=status.HTTP_201_CREATED)


class TransferenciaVer(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: TransferenciaDetalle, 401: ERROR_401, 404: ERROR_404})
    def get(self, request, pk: int):
        return Response(TransferenciaDetalle(acceso.obtener_transferencia(request.user, pk)).data)


class TransferenciaRevisar(APIView):
    """El archivo que recibe acepta u observa una fila del inventario."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=RevisionEntrada,
        responses={200: TransferenciaDetalle, 400: ERROR_400, 401: ERROR_401, 403: ERROR_403, 404: ERROR_404},
    )
    def post(self, request, pk: int, item: int):
        t = acceso.obtener_transferencia(request.user, pk)
        if not acceso.recibe_transferencias(request.user):
            raise PermissionDenied
        fila = t.items.filter(pk=item).first()
        if fila is None:
            raise Http404
        entrada = RevisionEntrada(data=request.data)
        entrada.is_valid(raise_exception=True)
        datos = dict(entrada.validated_data)
        revisar_item(
            item=fila,
            decision=datos.pop("decision"),
            motivo=datos.pop("motivo"),
            por=request.user,
            **{k: datos[k] for k in UBICACION},
        )
        t.refresh_from_db()
        return Response(TransferenciaDetalle(t).data)


class PrestamoSalida(serializers.Serializer):
    id = serializers.IntegerField()
    expediente = serializers.IntegerField(source="expediente_id")
    codigo = serializers.CharField(source="expediente.codigo")
    solicitante = serializers.CharField(source="solicitante.username")
    tipo = serializers.CharField()
    motivo = serializers.CharField()
    estado = serializers.CharField()
    solicitado_en = serializers.DateTimeField()
    entregado_en = serializers.DateTimeField(allow_null=True)
    vence = serializers.DateField(allow_null=True)
    devuelto_en = serializers.DateTimeField(allow_null=True)
    observaciones = serializers.CharField()
    vencido = serializers.SerializerMethodField()

    def get_vencido(self, obj) -> bool:
        return bool(
            obj.estado == Prestamo.Estado.ENTREGADO and obj.vence and obj.vence < timezone.localdate()
        )


class PrestamoEntrada(serializers.Serializer):
    expediente = serializers.IntegerField()
    tipo = serializers.ChoiceField(choices=Prestamo.Tipo.choices, default=Prestamo.Tipo.PRESTAMO)
    motivo = serializers.CharField(max_length=500)
    solicitante = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="Usuario a cuyo nombre se pide (solo el archivo).",
    )


class Prestamos(APIView):
    permission_classes = [IsAuthenticated]
    pagination_class = Paginacion

    @extend_schema(
        parameters=[OpenApiParameter("vencidos", bool)],
        responses={200: PrestamoSalida(many=True), 401: ERROR_401, 403: ERROR_403},
    )
    def get(self, request):
        _ve(request.user)
        consulta = acceso.prestamos_visibles(request.user).select_related("expediente", "solicitante")
        if request.query_params.get("vencidos") in ("1", "true"):
            consulta = consulta.filter(estado=Prestamo.Estado.ENTREGADO, vence__lt=timezone.localdate())
        paginador = self.pagination_class()
        pagina = paginador.paginate_queryset(consulta, request, view=self)
        return paginador.get_paginated_response(PrestamoSalida(pagina, many=True).data)

    @extend_schema(
        request=PrestamoEntrada,
        responses={201: PrestamoSalida, 400: ERROR_400, 401: ERROR_401, 403: ERROR_403, 404: ERROR_404},
    )
    def post(self, request):
        _ve(request.user)
        entrada = PrestamoEntrada(data=request.data)
        entrada.is_valid(raise_exception=True)
        datos = entrada.validated_data
        solicitante = request.user
        if datos["solicitante"] and datos["solicitante"] != request.user.username:
            if not acceso.gestiona_prestamos(request.user):
                raise PermissionDenied
            solicitante = get_user_model().objects.filter(username=datos["solicitante"]).first()
            if solicitante is None:
                raise serializers.ValidationError({"solicitante": ["No hay un usuario con ese nombre."]})
        exp = acceso.obtener_expediente(request.user, datos["expediente"])
        p = solicitar_prestamo(
            expediente=exp,
            solicitante=solicitante,
            tipo=datos["tipo"],
            motivo=datos["motivo"],
            por=request.user,
        )
        return Response(PrestamoSalida(p).data, status=status.HTTP_201_CREATED)


class ObservacionesEntrada(serializers.Serializer):
    observaciones = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class PrestamoAccion(APIView):
    """Entregar, devolver o rechazar un préstamo (el archivo)."""

    permission_classes = [IsAuthenticated]
    accion = ""

    @extend_schema(
        request=ObservacionesEntrada,
        responses={200: PrestamoSalida, 400: ERROR_400, 401: ERROR_401, 403: ERROR_403, 404: ERROR_404},
    )
    def post(self, request, pk: int):
        p = acceso.obtener_prestamo(request.user, pk)
        if not acceso.gestiona_prestamos(request.user):
            raise PermissionDenied
        entrada = ObservacionesEntrada(data=request.data)
        entrada.is_valid(raise_exception=True)
        obs = entrada.validated_data["observaciones"]
        if self.accion == "entregar":
            p = entregar_prestamo(prestamo=p, por=request.user)
        elif self.accion == "devolver":
            p = devolver_prestamo(prestamo=p, observaciones=obs, por=request.user)
        else:
            p = rechazar_prestamo(prestamo=p, observaciones=obs, por=request.user)
        return Response(PrestamoSalida(p).data)
