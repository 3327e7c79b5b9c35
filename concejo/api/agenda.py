"""API de la agenda de una sesión y de quienes la integran (/api/v1/concejo/…).

La agenda: listar, agregar, editar, quitar y mover puntos y congelarla, con los mismos servicios que las
páginas (`concejo.services.agenda`): las mismas validaciones y mensajes, los mismos eventos de auditoría.
Leerla pide `concejo.ver_concejo` (quien no lo tiene recibe 404, como en las páginas internas: una agenda
en preparación no se asoma); cambiarla, `concejo.preparar_sesion` (403 para quien solo ve). Con la agenda
congelada cada cambio pide `motivo` y crea otra versión.

Los miembros de la sesión: los ids que piden la asistencia y los votos, con lo que el cliente necesita
para no adivinar (si el miembro vota en lo ordinario o solo dirime, quién dirime un empate, las formas de
votación del perfil).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from concejo.api.antes import PuntoSalida
from concejo.models import Asistencia, Miembro, PuntoAgenda, Sesion
from concejo.permissions import obtener_punto_de_agenda, obtener_sesion_de_agenda, sesiones_visibles
from concejo.selectors.en_vivo import fecha_de, lista_de_asistencia
from concejo.selectors.sesiones import agenda_congelada
from concejo.selectors.votaciones import formas_permitidas, quien_dirime, reglas_de_la_sesion, solo_dirime
from concejo.services import agenda as servicio_agenda
from core.api.esquemas import ERROR_400, ERROR_401, ERROR_403, ERROR_404
from core.models import UnidadOrganica
from registro.models import Documento

ETIQUETA = ["concejo"]
ERRORES = {400: ERROR_400, 401: ERROR_401, 403: ERROR_403, 404: ERROR_404}
LECTURA = {401: ERROR_401, 404: ERROR_404}
# --- Salidas ----------------------------------------------------------------------------------------


class AgendaSalida(serializers.Serializer):
    sesion = serializers.IntegerField()
    estado = serializers.CharField(help_text="Estado de la sesión (programada, convocada, instalada...).")
    congelada = serializers.BooleanField(help_text="Si la agenda ya está congelada (cambios con motivo).")
    version = serializers.IntegerField(allow_null=True, help_text="Última versión congelada (null: ninguna).")
    sha256 = serializers.CharField(allow_blank=True, help_text="SHA-256 de la última versión congelada.")
    puntos = PuntoSalida(many=True, help_text="La agenda viva, en orden.")


class MiembroDeSesionSalida(serializers.Serializer):
    id = serializers.IntegerField(help_text="Id del miembro: el que piden la asistencia y los votos.")
    nombre = serializers.CharField()
    rol = serializers.ChoiceField(choices=Miembro.Rol.choices)
    partido = serializers.CharField()
    habil = serializers.BooleanField(help_text="False si ese día está con licencia, suspendido o vacado.")
    asistencia = serializers.CharField(
        help_text="Estado de su asistencia: " + ", ".join(e.value for e in Asistencia.Estado) + "."
    )
    en_sala = serializers.BooleanField()
    vota = serializers.BooleanField(
        help_text="False si solo tiene voto dirimente (el alcalde donde el perfil no le da voto ordinario)."
    )
    dirime = serializers.BooleanField(help_text="Quien dirime los empates: quien preside o el alcalde.")


class MiembrosSalida(serializers.Serializer):
    sesion = serializers.IntegerField()
    fecha = serializers.DateField(help_text="El día de la sesión: el que rige el estado de cada miembro.")
    formas_votacion = serializers.ListField(
        child=serializers.CharField(), help_text="Formas de votación que admite el perfil ese día."
    )
    desempate = serializers.CharField(help_text="Regla de desempate del perfil (código).")
    miembros = MiembroDeSesionSalida(many=True)


def agenda_datos(sesion: Sesion) -> dict:
    version = servicio_agenda.ultima_version(sesion)
    return AgendaSalida(
        {
            "sesion": sesion.pk,
            "estado": sesion.estado,
            "congelada": agenda_congelada(sesion),
            "version": version.numero if version else None,
            "sha256": version.sha256 if version else "",
            "puntos": servicio_agenda.foto(sesion),
        }
    ).data


def punto_datos(punto: PuntoAgenda) -> dict:
    return next(p for p in agenda_datos(punto.sesion)["puntos"] if p["punto_id"] == punto.pk)


def miembros_datos(sesion: Sesion) -> dict:
    sesion = Sesion.objects.select_related("organo__periodo", "preside").get(pk=sesion.pk)
    reglas = reglas_de_la_sesion(sesion)
    dirime = quien_dirime(sesion)
    filas = [
        {
            "id": f.miembro.pk,
            "nombre": str(f.miembro),
            "rol": f.miembro.rol,
            "partido": f.miembro.partido,
            "habil": f.habil,
            "asistencia": f.estado,
            "en_sala": f.en_sala,
            "vota": not solo_dirime(f.miembro, sesion, reglas),
            "dirime": dirime is not None and dirime.pk == f.miembro.pk,
        }
        for f in lista_de_asistencia(sesion)
    ]
    return MiembrosSalida(
        {
            "sesion": sesion.pk,
            "fecha": fecha_de(sesion),
            "formas_votacion": [c for c, _ in formas_permitidas(sesion)],
            "desempate": reglas.desempate,
            "miembros": filas,
        }
    ).data


# --- Entradas ---------------------------------------------------------------------------------------


class _DatosPuntoEntrada(serializers.Serializer):
    """Lo común de agregar y editar. Los códigos (mayoría, instrumento) y las reglas entre campos los
    valida el servicio, con los mensajes de las páginas."""

    clase = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text="Una de: "
        + ", ".join(c.value for c in PuntoAgenda.Clase)
        + " (las que admite la sección); vacío: la habitual de la sección.",
    )
    titulo = serializers.CharField(required=False, allow_blank=True, help_text="Hasta 500 caracteres.")
    descripcion = serializers.CharField(required=False, allow_blank=True)
    mayoria = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text="Código de `concejo.reglas.MAYORIAS`; vacío: la general del perfil en lo que se vota.",
    )
    instrumento = serializers.CharField(
        required=False, allow_blank=True, help_text="Código de un instrumento del concejo en el perfil."
    )
    documento = serializers.IntegerField(
        required=False, allow_null=True, help_text="Id de un documento del registro de entrada (despacho)."
    )
    proponente = serializers.IntegerField(
        required=False, allow_null=True, help_text="Id del miembro que propone (mociones)."
    )
    unidad_proponente = serializers.IntegerField(
        required=False,
        allow_null=True,
        help_text="Id de la unidad orgánica (propuestas de la administración).",
    )
    motivo = serializers.CharField(
        required=False, allow_blank=True, help_text="Obligatorio si la agenda ya está congelada."
    )


class PuntoAgendaEntrada(_DatosPuntoEntrada):
    seccion = serializers.ChoiceField(
        choices=PuntoAgenda.Seccion.choices,
        error_messages={"invalid_choice": "Elija una sección de la agenda."},
    )
    primer_debate = serializers.IntegerField(
        required=False,
        allow_null=True,
        help_text="Id del punto del primer debate (solo donde el perfil exige dos debates).",
    )


class PuntoEdicionEntrada(_DatosPuntoEntrada):
    """PATCH: solo los campos que cambian; los demás conservan su valor."""


class MotivoAgendaEntrada(serializers.Serializer):
    motivo = serializers.CharField(
        required=False, allow_blank=True, default="", help_text="Obligatorio si la agenda ya está congelada."
    )


class MoverEntrada(MotivoAgendaEntrada):
    direccion = serializers.ChoiceField(
        choices=[("subir", "Subir"), ("bajar", "Bajar")],
        error_messages={"invalid_choice": "Indique si el punto sube o baja."},
        help_text="Un lugar dentro de su sección.",
    )


class AprobacionActaEntrada(MotivoAgendaEntrada):
    acta_de = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Id de la sesión cuya acta se aprueba; vacío: la última celebrada del órgano sin ese punto.",
    )


class AnexoEntrada(MotivoAgendaEntrada):
    archivo = serializers.FileField(
        required=False, allow_null=True, help_text="PDF, Word, Excel o imagen (hasta 30 MB)."
    )


def _validar(clase, datos) -> dict:
    entrada = clase(data=datos)
    entrada.is_valid(raise_exception=True)
    return dict(entrada.validated_data)


def _referencias(d: dict, usuario) -> dict:
    """Cambia los ids de la entrada por sus filas. Un id que no existe da el mensaje del servicio para ese
    campo (el mismo que si existiera pero no correspondiera): nada se revela."""
    errores: dict[str, list[str]] = {}
    if d.get("documento") is not None:
        d["documento"] = Documento.objects.filter(pk=d["documento"]).first()
        if d["documento"] is None:
            errores["documento"] = ["Ese documento no está en el registro de entrada o no puede verlo."]
    if d.get("proponente") is not None:
        d["proponente"] = Miembro.objects.filter(pk=d["proponente"]).first()
        if d["proponente"] is None:
            errores["proponente"] = ["El proponente no es miembro del concejo en este periodo."]
    if d.get("unidad_proponente") is not None:
        d["unidad_proponente"] = UnidadOrganica.objects.filter(pk=d["unidad_proponente"], activa=True).first()
        if d["unidad_proponente"] is None:
            errores["unidad_proponente"] = ["Elija una unidad orgánica activa."]
    if d.get("primer_debate") is not None:
        d["primer_debate"] = (
            PuntoAgenda.objects.filter(pk=d["primer_debate"], sesion__in=sesiones_visibles(usuario))
            .select_related("sesion__organo")
            .first()
        )
        if d["primer_debate"] is None:
            errores["primer_debate"] = [
                "El punto elegido no es el primer debate de una ordenanza o un acuerdo."
            ]
    if errores:
        raise ValidationError(errores)
    return d


def _motivo(request) -> str:
    """El motivo de un DELETE: en el cuerpo JSON o, para clientes que no mandan cuerpo, en `?motivo=`."""
    datos = request.data if hasattr(request.data, "get") else {}
    return str(datos.get("motivo") or request.query_params.get("motivo", ""))


# --- Vistas -----------------------------------------------------------------------------------------


class Agenda(APIView):
    """La agenda de la sesión (GET) y agregar un punto al final de su sección (POST)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="concejo_agenda",
        summary="La agenda viva de la sesión",
        tags=ETIQUETA,
        responses={200: AgendaSalida, **LECTURA},
    )
    def get(self, request, pk: int):
        return Response(agenda_datos(obtener_sesion_de_agenda(request.user, pk)))

    @extend_schema(
        operation_id="concejo_agenda_agregar",
        summary="Agregar un punto al final de su sección",
        tags=ETIQUETA,
        request=PuntoAgendaEntrada,
        responses={201: PuntoSalida, **ERRORES},
    )
    def post(self, request, pk: int):
        sesion = obtener_sesion_de_agenda(request.user, pk, preparar=True)
        d = _referencias(_validar(PuntoAgendaEntrada, request.data), request.user)
        punto = servicio_agenda.agregar_punto(sesion=sesion, por=request.user, **d)
        return Response(punto_datos(punto), status=status.HTTP_201_CREATED)


class AgendaActa(APIView):
    """Agrega el punto «aprobación del acta» de una sesión anterior del mismo órgano (sección «acta»)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="concejo_agenda_acta",
        summary="Agregar la aprobación del acta anterior",
        tags=ETIQUETA,
        request=AprobacionActaEntrada,
        responses={201: PuntoSalida, **ERRORES},
    )
    def post(self, request, pk: int):
        sesion = obtener_sesion_de_agenda(request.user, pk, preparar=True)
        d = _validar(AprobacionActaEntrada, request.data)
        acta_de = None
        if d["acta_de"] is not None:
            acta_de = sesiones_visibles(request.user).filter(pk=d["acta_de"]).first()
            if acta_de is None:
                raise ValidationError(
                    {"acta_de": ["El acta debe ser de una sesión anterior del mismo órgano."]}
                )
        punto = servicio_agenda.agregar_aprobacion_acta(
            sesion=sesion, acta_de=acta_de, motivo=d["motivo"], por=request.user
        )
        return Response(punto_datos(punto), status=status.HTTP_201_CREATED)


class AgendaCongelar(APIView):
    """Congela la agenda: versión 1 con su SHA-256 (convocar también la congela si no lo estaba)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="concejo_agenda_congelar",
        summary="Congelar la agenda (versión 1)",
        tags=ETIQUETA,
        request=None,
        responses={200: AgendaSalida, **ERRORES},
    )
    def post(self, request, pk: int):
        sesion = obtener_sesion_de_agenda(request.user, pk, preparar=True)
        servicio_agenda.congelar_agenda(sesion=sesion, por=request.user)
        return Response(agenda_datos(sesion))


class PuntoDeAgenda(APIView):
    """Un punto de la agenda: leerlo, editarlo (PATCH: solo lo que cambia; la sección no cambia) o
    quitarlo (DELETE; responde la agenda renumerada)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="concejo_punto",
        summary="Un punto de la agenda",
        tags=ETIQUETA,
        responses={200: PuntoSalida, **LECTURA},
    )
    def get(self, request, pk: int):
        return Response(punto_datos(obtener_punto_de_agenda(request.user, pk)))

    @extend_schema(
        operation_id="concejo_punto_editar",
        summary="Editar un punto (solo los campos enviados)",
        tags=ETIQUETA,
        request=PuntoEdicionEntrada,
        responses={200: PuntoSalida, **ERRORES},
    )
    def patch(self, request, pk: int):
        punto = obtener_punto_de_agenda(request.user, pk, preparar=True)
        d = _referencias(_validar(PuntoEdicionEntrada, request.data), request.user)
        actuales = {
            "titulo": punto.titulo,
            "descripcion": punto.descripcion,
            "clase": punto.clase,
            "mayoria": punto.mayoria,
            "instrumento": punto.instrumento,
            "documento": punto.documento,
            "proponente": punto.proponente,
            "unidad_proponente": punto.unidad_proponente,
        }
        punto = servicio_agenda.editar_punto(punto=punto, por=request.user, **{**actuales, **d})
        return Response(punto_datos(punto))

    @extend_schema(
        operation_id="concejo_punto_quitar",
        summary="Quitar un punto (motivo en ?motivo= si la agenda está congelada)",
        tags=ETIQUETA,
        parameters=[OpenApiParameter("motivo", str, description="Motivo (si la agenda está congelada).")],
        responses={200: AgendaSalida, **ERRORES},
    )
    def delete(self, request, pk: int):
        punto = obtener_punto_de_agenda(request.user, pk, preparar=True)
        servicio_agenda.quitar_punto(punto=punto, por=request.user, motivo=_motivo(request))
        return Response(agenda_datos(punto.sesion))


class PuntoMover(APIView):
    """Sube o baja un punto un lugar dentro de su sección; responde la agenda renumerada."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="concejo_punto_mover",
        summary="Subir o bajar un punto dentro de su sección",
        tags=ETIQUETA,
        request=MoverEntrada,
        responses={200: AgendaSalida, **ERRORES},
    )
    def post(self, request, pk: int):
        punto = obtener_punto_de_agenda(request.user, pk, preparar=True)
        d = _validar(MoverEntrada, request.data)
        servicio_agenda.mover_punto(
            punto=punto, direccion=d["direccion"], motivo=d["motivo"], por=request.user
        )
        return Response(agenda_datos(punto.sesion))


class PuntoAnexos(APIView):
    """Agrega un documento al expediente del punto (multipart: `archivo` y, si la agenda está congelada,
    `motivo`). El tipo se valida por el contenido y se guarda su SHA-256."""

    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        operation_id="concejo_punto_anexo_agregar",
        summary="Agregar un documento al expediente del punto",
        tags=ETIQUETA,
        request={"multipart/form-data": AnexoEntrada},
        responses={201: PuntoSalida, **ERRORES},
    )
    def post(self, request, pk: int):
        punto = obtener_punto_de_agenda(request.user, pk, preparar=True)
        d = _validar(AnexoEntrada, request.data)
        servicio_agenda.adjuntar_anexo(
            punto=punto, archivo=d.get("archivo"), motivo=d["motivo"], por=request.user
        )
        return Response(punto_datos(punto), status=status.HTTP_201_CREATED)


class PuntoAnexo(APIView):
    """Saca un documento del expediente del punto (el archivo se conserva: las versiones lo citan)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="concejo_punto_anexo_quitar",
        summary="Sacar un documento del expediente del punto",
        tags=ETIQUETA,
        parameters=[OpenApiParameter("motivo", str, description="Motivo (si la agenda está congelada).")],
        responses={200: PuntoSalida, **ERRORES},
    )
    def delete(self, request, pk: int, archivo: int):
        punto = obtener_punto_de_agenda(request.user, pk, preparar=True)
        anexo = punto.anexos.filter(pk=archivo).first()
        if anexo is None:
            raise Http404
        servicio_agenda.quitar_anexo(punto=punto, archivo=anexo, motivo=_motivo(request), por=request.user)
        return Response(punto_datos(punto))


class MiembrosDeSesion(APIView):
    """Los miembros del órgano el día de la sesión, con su id (para la asistencia y los votos), si están
    hábiles, su asistencia, si votan en lo ordinario y quién dirime un empate."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="concejo_sesion_miembros",
        summary="Los miembros de la sesión, con sus ids",
        tags=ETIQUETA,
        responses={200: MiembrosSalida, **LECTURA},
    )
    def get(self, request, pk: int):
        return Response(miembros_datos(obtener_sesion_de_agenda(request.user, pk)))
