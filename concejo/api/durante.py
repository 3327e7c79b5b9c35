"""API de la sesión en vivo (/api/v1/concejo/…): asistencia, quórum, instalación, puntos y votaciones,
con los mismos servicios que la pantalla. Quien no ve la sesión recibe 404; quien la ve sin conducir
sesiones, 403. Los ValidationError de los servicios los convierte en 400 el manejador común."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from concejo.models import Asistencia, PuntoAgenda, Sesion, Votacion, Voto
from concejo.permissions import miembro_de, obtener_punto, obtener_sesion_en_vivo, obtener_votacion
from concejo.reglas import DESEMPATES_APLICADOS, regla_aplicada
from concejo.selectors.cuerpo import quorums_de, situacion_en_cache
from concejo.selectors.en_vivo import lista_de_asistencia
from concejo.services import en_vivo, votaciones
from core.api.esquemas import ERROR_400, ERROR_401, ERROR_403, ERROR_404
from core.services.perfiles import reglas_locales_en_cache

ERRORES = {400: ERROR_400, 401: ERROR_401, 403: ERROR_403, 404: ERROR_404}
ETIQUETA = ["concejo"]


# --- Salidas ----------------------------------------------------------------------------------------


class QuorumSalida(serializers.Serializer):
    hay_quorum = serializers.BooleanField()
    presentes = serializers.IntegerField()
    requerido = serializers.IntegerField()
    base = serializers.CharField()
    base_numero = serializers.IntegerField()
    regla = serializers.CharField()
    explicacion = serializers.CharField()
    para = serializers.CharField(required=False, help_text="«deliberar» o «decidir».")


class QuorumsSalida(serializers.Serializer):
    deliberar = QuorumSalida(help_text="Quórum para instalarse y deliberar.")
    decidir = QuorumSalida(help_text="Quórum para votar (abrir, cerrar y confirmar una votación).")


class AsistenciaSalida(serializers.Serializer):
    miembro = serializers.IntegerField(source="miembro.pk")
    nombre = serializers.CharField(source="miembro.__str__")
    estado = serializers.ChoiceField(choices=Asistencia.Estado.choices)
    llegada = serializers.DateTimeField(allow_null=True)
    retiro = serializers.DateTimeField(allow_null=True)
    nota = serializers.CharField()
    en_sala = serializers.BooleanField()


class PuntoEnVivoSalida(serializers.Serializer):
    # No «PuntoSalida»: ese nombre ya es el componente del orden del día (concejo.api.antes).
    id = serializers.IntegerField()
    orden = serializers.IntegerField()
    titulo = serializers.CharField()
    seccion = serializers.CharField()
    estado = serializers.ChoiceField(choices=PuntoAgenda.Estado.choices)
    debate = serializers.IntegerField()
    mayoria = serializers.CharField()
    notas = serializers.CharField()


class VotoSalida(serializers.Serializer):
    miembro = serializers.IntegerField(source="miembro_id")
    nombre = serializers.CharField(source="miembro.__str__")
    sentido = serializers.ChoiceField(choices=Voto.Sentido.choices)
    fundamento = serializers.CharField()


class ResultadoSalida(serializers.Serializer):
    resultado = serializers.CharField()
    requerido = serializers.IntegerField()
    base = serializers.CharField()
    base_numero = serializers.IntegerField()
    regla = serializers.CharField()
    desempate = serializers.CharField()
    necesita_dirimente = serializers.BooleanField()
    explicacion = serializers.CharField()
    a_favor = serializers.IntegerField()
    en_contra = serializers.IntegerField()
    abstenciones = serializers.IntegerField()
    inhibidos = serializers.IntegerField()
    presentes = serializers.IntegerField()


class ReglaAplicadaSalida(serializers.Serializer):
    mayoria = serializers.CharField(
        help_text="Código de la mayoría exigida (simple_presentes, dos_tercios_legal...)."
    )
    mayoria_nombre = serializers.CharField()
    base = serializers.CharField(help_text="legal, habiles, presentes o votos.")
    base_nombre = serializers.CharField()
    base_numero = serializers.IntegerField(help_text="El número sobre el que se calculó la mayoría.")
    requeridos = serializers.IntegerField(help_text="Votos a favor requeridos.")
    abstencion = serializers.CharField(help_text="en_la_base, fuera_de_la_base o a_la_mayoria (del perfil).")
    abstencion_efecto = serializers.CharField()
    inhibicion = serializers.CharField(help_text="en_la_base o fuera_de_la_base (del perfil).")
    inhibicion_efecto = serializers.CharField()
    desempate = serializers.ChoiceField(
        choices=list(DESEMPATES_APLICADOS.items()),
        help_text="Cómo se resolvió el empate: ninguno, voto_dirimente, pendiente_dirimente, repetida o rechazado.",
    )
    desempate_nombre = serializers.CharField()


class VotacionSalida(serializers.Serializer):
    id = serializers.IntegerField()
    sesion = serializers.IntegerField(source="sesion_id")
    punto = serializers.IntegerField(source="punto_id")
    numero = serializers.IntegerField()
    mocion = serializers.CharField()
    forma = serializers.ChoiceField(choices=Votacion.Forma.choices)
    mayoria = serializers.CharField()
    estado = serializers.ChoiceField(choices=Votacion.Estado.choices)
    resultado = serializers.CharField(help_text="aprobado, rechazado, empate; calculado, nunca tecleado.")
    calculo = ResultadoSalida(allow_null=True)
    regla_aplicada = ReglaAplicadaSalida(allow_null=True, help_text="La regla aplicada, legible.")
    a_favor = serializers.IntegerField()
    en_contra = serializers.IntegerField()
    abstenciones = serializers.IntegerField()
    voto_dirimente = serializers.IntegerField(source="voto_dirimente_id", allow_null=True)
    sentido_dirimente = serializers.CharField()
    reconsideracion_de = serializers.IntegerField(source="reconsideracion_de_id", allow_null=True)
    repite = serializers.IntegerField(source="repite_id", allow_null=True)
    dispensa_actas = serializers.BooleanField()
    reconsideracion_pedida_en = serializers.DateField(allow_null=True)
    reconsideracion_pedida_por = serializers.IntegerField(
        source="reconsideracion_pedida_por_id", allow_null=True
    )
    votos = VotoSalida(many=True, source="votos_ordenados")
    decision = serializers.IntegerField(source="decision_id", allow_null=True)


class EnVivoSalida(serializers.Serializer):
    id = serializers.IntegerField()
    estado = serializers.ChoiceField(choices=Sesion.Estado.choices)
    instalada_en = serializers.DateTimeField(allow_null=True)
    levantada_en = serializers.DateTimeField(allow_null=True)
    quorum = QuorumSalida(help_text="El quórum para decidir (el de votar).")
    quorums = QuorumsSalida(help_text="Los dos quórums: para deliberar y para decidir, con sus requeridos.")
    quorum_al_instalar = QuorumSalida(source="sesion.quorum", allow_null=True)
    asistencia = AsistenciaSalida(many=True)
    puntos = PuntoEnVivoSalida(many=True)
    votacion_activa = VotacionSalida(allow_null=True)


_CAMPOS_CALCULO = (
    ("resultado", str),
    ("requerido", int),
    ("base", str),
    ("base_numero", int),
    ("regla", str),
    ("desempate", str),
    ("necesita_dirimente", bool),
    ("explicacion", str),
    ("a_favor", int),
    ("en_contra", int),
    ("abstenciones", int),
    ("inhibidos", int),
    ("presentes", int),
)


def votacion_datos(votacion: Votacion, *, releer: bool = True) -> dict:
    """Lo mismo que `VotacionSalida(votacion).data` (que sigue siendo el esquema OpenAPI; una prueba compara
    los dos), armado a mano: con 40 votos el serializador costaba más que leerlos. `releer=False` cuando
    `votacion` viene del servicio que la acaba de guardar."""
    if releer:
        votacion = Votacion.objects.get(pk=votacion.pk)
    votos = votacion.votos.select_related("miembro__persona").order_by("miembro__orden", "miembro_id")
    decision_id = None
    if votacion.estado == Votacion.Estado.CONFIRMADA:
        decision_id = votacion.decision.pk if hasattr(votacion, "decision") else None
    calculo = votacion.calculo
    return {
        "id": votacion.pk,
        "sesion": votacion.sesion_id,
        "punto": votacion.punto_id,
        "numero": votacion.numero,
        "mocion": votacion.mocion,
        "forma": votacion.forma,
        "mayoria": votacion.mayoria,
        "estado": votacion.estado,
        "resultado": votacion.resultado,
        "calculo": None if calculo is None else {k: tipo(calculo[k]) for k, tipo in _CAMPOS_CALCULO},
        "regla_aplicada": regla_aplicada(calculo),
        "a_favor": votacion.a_favor,
        "en_contra": votacion.en_contra,
        "abstenciones": votacion.abstenciones,
        "voto_dirimente": votacion.voto_dirimente_id,
        "sentido_dirimente": votacion.sentido_dirimente,
        "reconsideracion_de": votacion.reconsideracion_de_id,
        "repite": votacion.repite_id,
        "dispensa_actas": votacion.dispensa_actas,
        "reconsideracion_pedida_en": (
            votacion.reconsideracion_pedida_en.isoformat() if votacion.reconsideracion_pedida_en else None
        ),
        "reconsideracion_pedida_por": votacion.reconsideracion_pedida_por_id,
        "votos": [
            {
                "miembro": v.miembro_id,
                "nombre": str(v.miembro),
                "sentido": v.sentido,
                "fundamento": v.fundamento,
            }
            for v in votos
        ],
        "decision": decision_id,
    }


def en_vivo_datos(sesion: Sesion) -> dict:
    sesion = Sesion.objects.select_related("organo", "organo__periodo").get(pk=sesion.pk)
    activa = sesion.votaciones.filter(estado__in=[Votacion.Estado.ABIERTA, Votacion.Estado.CERRADA]).first()
    quorums = quorums_de(sesion)
    datos = {
        "id": sesion.pk,
        "estado": sesion.estado,
        "instalada_en": sesion.instalada_en,
        "levantada_en": sesion.levantada_en,
        "quorum": quorums["decidir"].como_dict(),
        "quorums": {para: q.como_dict() for para, q in quorums.items()},
        "sesion": sesion,
        "asistencia": lista_de_asistencia(sesion),
        "puntos": list(sesion.puntos.order_by("orden")),
        "votacion_activa": None,
    }
    salida = EnVivoSalida(datos).data
    salida["votacion_activa"] = votacion_datos(activa) if activa else None
    return salida


# --- Entradas ---------------------------------------------------------------------------------------


class MiembroEntrada(serializers.Serializer):
    miembro = serializers.IntegerField(help_text="Id del miembro del concejo.")


class AsistenciaEntrada(MiembroEntrada):
    estado = serializers.ChoiceField(choices=Asistencia.Estado.choices)
    nota = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class InstalarEntrada(serializers.Serializer):
    preside = serializers.IntegerField(
        required=False, allow_null=True, default=None, help_text="Id del miembro que preside (opcional)."
    )


class MotivoOpcionalEntrada(serializers.Serializer):
    # No «MotivoEntrada»: ese componente ya existe (actos.api.seguimiento) con el motivo obligatorio.
    motivo = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class MotivoObligatorio(serializers.Serializer):
    motivo = serializers.CharField(max_length=500)


class NotasEntrada(serializers.Serializer):
    notas = serializers.CharField(max_length=20000, allow_blank=True)


class IntervencionEntrada(serializers.Serializer):
    miembro = serializers.IntegerField(required=False, allow_null=True, default=None)
    orador = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    resumen = serializers.CharField(max_length=10000)


class ResolverEntrada(serializers.Serializer):
    estado = serializers.ChoiceField(choices=[(e.value, e.label) for e in en_vivo.RESOLUCIONES_SIN_VOTO])
    motivo = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class AbrirVotacionEntrada(serializers.Serializer):
    mocion = serializers.CharField(max_length=5000)
    forma = serializers.ChoiceField(
        choices=Votacion.Forma.choices, help_text="Solo las que admite el perfil."
    )
    mayoria = serializers.CharField(
        max_length=40,
        required=False,
        allow_blank=True,
        default="",
        help_text="Código de mayoría; vacío: la del punto o la general del perfil.",
    )
    reconsideracion_de = serializers.IntegerField(required=False, allow_null=True, default=None)
    repite = serializers.IntegerField(required=False, allow_null=True, default=None)
    dispensa_actas = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Con dispensa del trámite de aprobación de actas: la decisión queda firme sin esperar el "
        "plazo de reconsideración.",
    )


class PedirReconsideracionEntrada(serializers.Serializer):
    fecha = serializers.DateField(
        required=False, allow_null=True, default=None, help_text="Día del pedido (hoy si no se da)."
    )
    miembro = serializers.IntegerField(
        required=False, allow_null=True, default=None, help_text="Id del miembro que la pide."
    )
    fundamento = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)


class VotoEntrada(MiembroEntrada):
    sentido = serializers.ChoiceField(choices=[(s.value, s.label) for s in votaciones.SENTIDOS_DE_VOTO])
    fundamento = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")


class ConteoEntrada(serializers.Serializer):
    a_favor = serializers.IntegerField(min_value=0)
    en_contra = serializers.IntegerField(min_value=0)
    abstenciones = serializers.IntegerField(min_value=0, required=False, default=0)


class DirimenteEntrada(serializers.Serializer):
    sentido = serializers.ChoiceField(choices=[("a_favor", "A favor"), ("en_contra", "En contra")])


def _validar(clase, request) -> dict:
    entrada = clase(data=request.data)
    entrada.is_valid(raise_exception=True)
    return entrada.validated_data


# --- Sesión -----------------------------------------------------------------------------------------


class _Base(APIView):
    permission_classes = [IsAuthenticated]

    def dispatch(self, request, *args, **kwargs):
        # El perfil (municipio y reglas locales) se lee una vez por solicitud.
        with reglas_locales_en_cache():
            return super().dispatch(request, *args, **kwargs)


class SesionEnVivo(_Base):
    """El estado de la sesión en vivo: quórum calculado ahora, asistencia, puntos y la votación activa."""

    @extend_schema(
        operation_id="concejo_sesion_en_vivo", tags=ETIQUETA, responses={200: EnVivoSalida, **ERRORES}
    )
    def get(self, request, pk: int):
        return Response(en_vivo_datos(obtener_sesion_en_vivo(request.user, pk)))


# Cada acción es una clase con su propio `post` anotado (operation_id, entrada y salida): obtiene el objeto
# (404/403 según permisos), valida la entrada, llama al servicio y responde el estado en vivo o la votación.
EN_VIVO = {200: EnVivoSalida, **ERRORES}
VOTACION = {200: VotacionSalida, **ERRORES}


class SesionAsistencia(_Base):
    """Marca la asistencia de un miembro (presente con la sesión instalada: llegada tarde)."""

    @extend_schema(
        operation_id="concejo_sesionasistencia", tags=ETIQUETA, request=AsistenciaEntrada, responses=EN_VIVO
    )
    def post(self, request, pk: int):
        sesion = obtener_sesion_en_vivo(request.user, pk)
        d = _validar(AsistenciaEntrada, request)
        en_vivo.marcar_asistencia(
            sesion=sesion,
            miembro=miembro_de(sesion, d["miembro"]),
            estado=d["estado"],
            nota=d["nota"],
            por=request.user,
        )
        return Response(en_vivo_datos(sesion))


class SesionRetiro(_Base):
    """Anota el retiro de un miembro en sala: deja de contar para el quórum."""

    @extend_schema(
        operation_id="concejo_sesionretiro", tags=ETIQUETA, request=MiembroEntrada, responses=EN_VIVO
    )
    def post(self, request, pk: int):
        sesion = obtener_sesion_en_vivo(request.user, pk)
        d = _validar(MiembroEntrada, request)
        en_vivo.registrar_retiro(sesion=sesion, miembro=miembro_de(sesion, d["miembro"]), por=request.user)
        return Response(en_vivo_datos(sesion))


class SesionInstalar(_Base):
    """Instala la sesión si hay quórum; lo guarda. Sin quórum: 400 con la explicación."""

    @extend_schema(
        operation_id="concejo_sesioninstalar", tags=ETIQUETA, request=InstalarEntrada, responses=EN_VIVO
    )
    def post(self, request, pk: int):
        sesion = obtener_sesion_en_vivo(request.user, pk)
        d = _validar(InstalarEntrada, request)
        preside = miembro_de(sesion, d["preside"]) if d["preside"] else None
        en_vivo.instalar_sesion(sesion=sesion, preside=preside, por=request.user)
        return Response(en_vivo_datos(sesion))


class SesionSinQuorum(_Base):
    """Deja constancia de que la sesión no se instaló por falta de quórum."""

    @extend_schema(operation_id="concejo_sesionsinquorum", tags=ETIQUETA, request=None, responses=EN_VIVO)
    def post(self, request, pk: int):
        sesion = obtener_sesion_en_vivo(request.user, pk)
        en_vivo.declarar_sin_quorum(sesion=sesion, por=request.user)
        return Response(en_vivo_datos(sesion))


class SesionSuspender(_Base):
    """Cuarto intermedio."""

    @extend_schema(
        operation_id="concejo_sesionsuspender",
        tags=ETIQUETA,
        request=MotivoOpcionalEntrada,
        responses=EN_VIVO,
    )
    def post(self, request, pk: int):
        sesion = obtener_sesion_en_vivo(request.user, pk)
        d = _validar(MotivoOpcionalEntrada, request)
        en_vivo.suspender_sesion(sesion=sesion, motivo=d["motivo"], por=request.user)
        return Response(en_vivo_datos(sesion))


class SesionReanudar(_Base):
    """Reanuda la sesión tras el cuarto intermedio."""

    @extend_schema(operation_id="concejo_sesionreanudar", tags=ETIQUETA, request=None, responses=EN_VIVO)
    def post(self, request, pk: int):
        sesion = obtener_sesion_en_vivo(request.user, pk)
        en_vivo.reanudar_sesion(sesion=sesion, por=request.user)
        return Response(en_vivo_datos(sesion))


class SesionLevantar(_Base):
    """Levanta (concluye) la sesión."""

    @extend_schema(operation_id="concejo_sesionlevantar", tags=ETIQUETA, request=None, responses=EN_VIVO)
    def post(self, request, pk: int):
        sesion = obtener_sesion_en_vivo(request.user, pk)
        en_vivo.levantar_sesion(sesion=sesion, por=request.user)
        return Response(en_vivo_datos(sesion))


# --- Puntos -----------------------------------------------------------------------------------------


class PuntoTomar(_Base):
    """Pone el punto en debate."""

    @extend_schema(operation_id="concejo_puntotomar", tags=ETIQUETA, request=None, responses=EN_VIVO)
    def post(self, request, pk: int):
        punto = obtener_punto(request.user, pk)
        en_vivo.tomar_punto(punto=punto, por=request.user)
        return Response(en_vivo_datos(punto.sesion))


class PuntoNotas(_Base):
    """Guarda las notas del debate del punto."""

    @extend_schema(operation_id="concejo_puntonotas", tags=ETIQUETA, request=NotasEntrada, responses=EN_VIVO)
    def post(self, request, pk: int):
        punto = obtener_punto(request.user, pk)
        d = _validar(NotasEntrada, request)
        en_vivo.anotar_debate(punto=punto, notas=d["notas"], por=request.user)
        return Response(en_vivo_datos(punto.sesion))


class PuntoIntervencion(_Base):
    """Anota una intervención (miembro u otro orador) con su resumen."""

    @extend_schema(
        operation_id="concejo_puntointervencion",
        tags=ETIQUETA,
        request=IntervencionEntrada,
        responses=EN_VIVO,
    )
    def post(self, request, pk: int):
        punto = obtener_punto(request.user, pk)
        d = _validar(IntervencionEntrada, request)
        en_vivo.agregar_intervencion(
            punto=punto,
            miembro=miembro_de(punto.sesion, d["miembro"]) if d["miembro"] else None,
            orador=d["orador"],
            resumen=d["resumen"],
            por=request.user,
        )
        return Response(en_vivo_datos(punto.sesion))


class PuntoResolver(_Base):
    """Termina el punto sin votarlo: tratado, retirado, postergado o a comisión."""

    @extend_schema(
        operation_id="concejo_puntoresolver", tags=ETIQUETA, request=ResolverEntrada, responses=EN_VIVO
    )
    def post(self, request, pk: int):
        punto = obtener_punto(request.user, pk)
        d = _validar(ResolverEntrada, request)
        en_vivo.resolver_sin_voto(punto=punto, estado=d["estado"], motivo=d["motivo"], por=request.user)
        return Response(en_vivo_datos(punto.sesion))


class PuntoVotaciones(_Base):
    """Abre una votación sobre el punto (forma del perfil; mayoría del punto o la general)."""

    @extend_schema(
        operation_id="concejo_punto_votacion_abrir",
        tags=ETIQUETA,
        request=AbrirVotacionEntrada,
        responses={201: VotacionSalida, **ERRORES},
    )
    def post(self, request, pk: int):
        punto = obtener_punto(request.user, pk)
        d = _validar(AbrirVotacionEntrada, request)
        original = (
            obtener_votacion(request.user, d["reconsideracion_de"]) if d["reconsideracion_de"] else None
        )
        repite = obtener_votacion(request.user, d["repite"]) if d["repite"] else None
        votacion = votaciones.abrir_votacion(
            punto=punto,
            mocion=d["mocion"],
            forma=d["forma"],
            mayoria=d["mayoria"],
            reconsideracion_de=original,
            repite=repite,
            dispensa_actas=d["dispensa_actas"],
            por=request.user,
        )
        return Response(votacion_datos(votacion), status=status.HTTP_201_CREATED)


# --- Votaciones -------------------------------------------------------------------------------------
# Los servicios devuelven la votación que guardaron (bloqueada y recalculada): se responde sin releerla.


class VotacionDetalle(_Base):
    """La votación con sus votos y el resultado calculado."""

    @extend_schema(operation_id="concejo_votacion", tags=ETIQUETA, responses={200: VotacionSalida, **ERRORES})
    def get(self, request, pk: int):
        return Response(votacion_datos(obtener_votacion(request.user, pk)))


class VotacionVoto(_Base):
    """Anota (o corrige) el voto de un miembro en sala y devuelve el resultado recalculado."""

    @extend_schema(
        operation_id="concejo_votacionvoto", tags=ETIQUETA, request=VotoEntrada, responses=VOTACION
    )
    def post(self, request, pk: int):
        votacion = obtener_votacion(request.user, pk)
        d = _validar(VotoEntrada, request)
        # La votación (con su periodo) se leyó en esta solicitud: vale la situación del pleno guardada de su
        # versión.
        with situacion_en_cache(version=votacion.version_del_cuerpo):
            anotada = votaciones.registrar_voto(
                votacion=votacion,
                miembro=miembro_de(votacion.sesion, d["miembro"]),
                sentido=d["sentido"],
                fundamento=d["fundamento"],
                por=request.user,
            )
        return Response(votacion_datos(anotada, releer=False))


class VotacionConteo(_Base):
    """Anota los conteos de una votación ordinaria o secreta."""

    @extend_schema(
        operation_id="concejo_votacionconteo", tags=ETIQUETA, request=ConteoEntrada, responses=VOTACION
    )
    def post(self, request, pk: int):
        votacion = obtener_votacion(request.user, pk)
        d = _validar(ConteoEntrada, request)
        anotada = votaciones.registrar_conteo(votacion=votacion, por=request.user, **d)
        return Response(votacion_datos(anotada, releer=False))


class VotacionCerrar(_Base):
    """Cierra la votación: los ausentes quedan «ausente»; el resultado queda por confirmar."""

    @extend_schema(operation_id="concejo_votacioncerrar", tags=ETIQUETA, request=None, responses=VOTACION)
    def post(self, request, pk: int):
        votacion = obtener_votacion(request.user, pk)
        cerrada = votaciones.cerrar_votacion(votacion=votacion, por=request.user)
        return Response(votacion_datos(cerrada, releer=False))


class VotacionDirimente(_Base):
    """Anota el voto dirimente de quien preside en un empate."""

    @extend_schema(
        operation_id="concejo_votaciondirimente", tags=ETIQUETA, request=DirimenteEntrada, responses=VOTACION
    )
    def post(self, request, pk: int):
        votacion = obtener_votacion(request.user, pk)
        d = _validar(DirimenteEntrada, request)
        dirimida = votaciones.registrar_dirimente(votacion=votacion, sentido=d["sentido"], por=request.user)
        return Response(votacion_datos(dirimida, releer=False))


class VotacionPedirReconsideracion(_Base):
    """Anota el pedido de reconsideración de una votación confirmada (el plazo se mide hasta el pedido)."""

    @extend_schema(
        operation_id="concejo_votacionpedirreconsideracion",
        tags=ETIQUETA,
        request=PedirReconsideracionEntrada,
        responses=VOTACION,
    )
    def post(self, request, pk: int):
        votacion = obtener_votacion(request.user, pk)
        d = _validar(PedirReconsideracionEntrada, request)
        miembro = miembro_de(votacion.sesion, d["miembro"]) if d["miembro"] is not None else None
        pedida = votaciones.pedir_reconsideracion(
            votacion=votacion, fecha=d["fecha"], miembro=miembro, fundamento=d["fundamento"], por=request.user
        )
        return Response(votacion_datos(pedida, releer=False))


class VotacionConfirmar(_Base):
    """Confirma el resultado calculado; si es aprobado, crea la decisión."""

    @extend_schema(operation_id="concejo_votacionconfirmar", tags=ETIQUETA, request=None, responses=VOTACION)
    def post(self, request, pk: int):
        votacion = obtener_votacion(request.user, pk)
        confirmada = votaciones.confirmar_votacion(votacion=votacion, por=request.user)
        return Response(votacion_datos(confirmada, releer=False))


class VotacionAnular(_Base):
    """Anula una votación abierta o cerrada sin confirmar, con su motivo."""

    @extend_schema(
        operation_id="concejo_votacionanular", tags=ETIQUETA, request=MotivoObligatorio, responses=VOTACION
    )
    def post(self, request, pk: int):
        votacion = obtener_votacion(request.user, pk)
        d = _validar(MotivoObligatorio, request)
        anulada = votaciones.anular_votacion(votacion=votacion, motivo=d["motivo"], por=request.user)
        return Response(votacion_datos(anulada, releer=False))
