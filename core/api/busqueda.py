"""API de la búsqueda global: GET /api/v1/buscar/?q=… (la misma búsqueda que la página /buscar/)."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.esquemas import ERROR_400, ERROR_401, ERROR_403
from core.api.permisos import EsFuncionario
from core.busqueda.proveedores import POR_PAGINA, buscar_en_todo
from core.forms.busqueda import BusquedaForm


class ResultadoSalida(serializers.Serializer):
    tipo = serializers.CharField(help_text="«documento», «acto», «acta» (y los que inscriban otras áreas).")
    etiqueta = serializers.CharField(help_text="El tipo en palabras: «Documento del registro»…")
    id = serializers.CharField(help_text="Id del objeto en su área (texto: cada área tiene sus ids).")
    titulo = serializers.CharField()
    url = serializers.CharField(help_text="Ruta de la página del objeto en este sitio.")
    fragmento = serializers.CharField(
        help_text="Texto plano alrededor de las palabras encontradas (sin HTML; «…» donde se corta)."
    )
    resaltes = serializers.ListField(
        child=serializers.ListField(child=serializers.IntegerField(), min_length=2, max_length=2),
        help_text="Las palabras encontradas en `fragmento`: pares [inicio, fin) en caracteres (puntos de "
        "código Unicode) de `fragmento`.",
    )
    fecha = serializers.DateTimeField(allow_null=True, help_text="Registro, firma o sesión, según el tipo.")
    unidad = serializers.CharField(help_text="Sigla de la unidad (vacío si el tipo no tiene).")
    detalle = serializers.CharField(help_text="Número de registro, estado…")


class BusquedaSalida(serializers.Serializer):
    resultados = ResultadoSalida(many=True)
    pagina = serializers.IntegerField()
    por_pagina = serializers.IntegerField()
    hay_mas = serializers.BooleanField(help_text="Si hay una página siguiente.")


def _fila(h) -> dict:
    return {
        "tipo": h.tipo,
        "etiqueta": h.etiqueta,
        "id": str(h.id),
        "titulo": h.titulo,
        "url": h.url,
        "fragmento": h.fragmento.texto,
        "resaltes": [list(r) for r in h.fragmento.resaltes],
        "fecha": h.fecha,
        "unidad": h.unidad,
        "detalle": h.detalle,
    }


class Buscar(APIView):
    """Una sola búsqueda en los documentos del registro, los actos y las actas (y lo que inscriban otras
    áreas), solo en lo que el usuario puede ver, de lo más a lo menos relevante. Ignora tildes y
    mayúsculas y encuentra las formas de una palabra («certificados» encuentra «certificado»); todas las
    palabras deben estar. Hasta 100 resultados por tipo: para ir más allá, filtre."""

    permission_classes = [IsAuthenticated, EsFuncionario]

    @extend_schema(
        operation_id="buscar",
        parameters=[
            OpenApiParameter(
                "q", str, required=True, description="Palabras a buscar (2 letras o más; hasta 200)."
            ),
            OpenApiParameter("tipo", str, description="Solo un tipo: documento, acto, acta…"),
            OpenApiParameter(
                "unidad", int, description="Id de una unidad orgánica (los tipos sin unidad no salen)."
            ),
            OpenApiParameter("desde", OpenApiTypes.DATE, description="Fecha mínima (AAAA-MM-DD), incluida."),
            OpenApiParameter("hasta", OpenApiTypes.DATE, description="Fecha máxima (AAAA-MM-DD), incluida."),
            OpenApiParameter("pagina", int, description="Página, desde 1."),
            OpenApiParameter(
                "por_pagina", int, description="Resultados por página, de 1 a 50 (20 si se omite)."
            ),
        ],
        responses={200: BusquedaSalida, 400: ERROR_400, 401: ERROR_401, 403: ERROR_403},
    )
    def get(self, request):
        form = BusquedaForm(request.query_params)
        if form.is_valid():
            form.exigir_q()
        if not form.is_valid() or form.consulta is None:
            campos = {campo: [str(m) for m in mensajes] for campo, mensajes in form.errors.items()}
            primero = next(iter(campos.values()))[0]
            return Response({"error": primero, "campos": campos}, status=status.HTTP_400_BAD_REQUEST)
        tipo = form.cleaned_data.get("tipo")
        resultados = buscar_en_todo(
            form.consulta,
            usuario=request.user,
            tipos=[tipo] if tipo else None,
            pagina=form.cleaned_data.get("pagina") or 1,
            por_pagina=form.cleaned_data.get("por_pagina") or POR_PAGINA,
        )
        cuerpo = {
            "resultados": [_fila(h) for h in resultados.hallazgos],
            "pagina": resultados.pagina,
            "por_pagina": resultados.por_pagina,
            "hay_mas": resultados.hay_mas,
        }
        return Response(BusquedaSalida(cuerpo).data)
