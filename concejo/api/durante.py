"""API de la sesión en vivo (/api/v1/concejo/…): asistencia, quórum, instalación, puntos y votaciones,
con los mismos servicios que la pantalla. Quien no ve la sesión recibe 404; quien la ve sin conducir
sesiones, 403. Los ValidationError de los servicios los convierte en 400 el manejador común."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from concejo.models import Asistencia, PuntoAgenda, Sesion, Votacion, Voto
from concejo.services import en_vivo, votaciones
from concejo.views.durante import (
    miembro_de,
    obtener_punto,
    obtener_sesion_en_vivo,
    obtener_votacion,
)
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
    a_favor = serializers.IntegerField()
    en_contra = serializers.IntegerField()
    abstenciones = serializers.IntegerField()
    voto_dirimente = serializers.IntegerField(source="voto_dirimente_id", allow_null=True)
    sentido_dirimente = serializers.CharField()
    reconsideracion_de = serializers.IntegerField(source="reconsideracion_de_id", allow_null=True)
    repite = serializers.IntegerField(source="repite_id", allow_null=True)
    votos = VotoSalida(many=True, source="votos_ordenados")
    decision = serializers.IntegerField(source="decision_id", allow_null=True)


class EnVivoSalida(serializers.Serializer):
    id = serializers.IntegerField()
    estado = serializers.ChoiceField(choices=Sesion.Estado.choices)
    instalada_en = serializers.DateTimeField(allow_null=True)
    levantada_en = serializers.DateTimeField(allow_null=True)
    quorum = QuorumSalida()
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
        "a_favor": votacion.a_favor,
        "en_contra": votacion.en_contra,
        "abstenciones": votacion.abstenciones,
        "voto_dirimente": votacion.voto_dirimente_id,
        "sentido_dirimente": votacion.sentido_dirimente,
        "reconsideracion_de": votacion.reconsideracion_de_id,
        "repite": votacion.repite_id,
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
    datos = {
        "id": sesion.pk,
        "estado": sesion.estado,
        "instalada_en": sesion.instalada_en,
        "levantada_en": sesion.levantada_en,
        "quorum": en_vivo.quorum(sesion).como_dict(),
        "sesion": sesion,
        "asistencia": en_vivo.lista_de_asistencia(sesion),
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


class _Accion(_Base):
    """POST común: obtiene el objeto (404/403 según permisos), valida la entrada, ejecuta y responde."""

    entrada = None
    obtener = None  # (usuario, pk) -> objeto
    responder = None  # objeto -> datos de la respuesta

    def ejecutar(self, request, objeto, datos):  # pragma: no cover - cada acción la define
        raise NotImplementedError

    def post(self, request, pk: int):
        objeto = self.obtener(request.user, pk)
        datos = _validar(self.entrada, request) if self.entrada else {}
        hecho = self.ejecutar(request, objeto, datos)
        if isinstance(objeto, Votacion) and isinstance(hecho, Votacion) and hecho.pk == objeto.pk:
            # El servicio devuelve la votación que guardó (bloqueada y recalculada): no hace falta releerla.
            return Response(votacion_datos(hecho, releer=False))
        return Response(self.responder(objeto))


def _accion(nombre: str, documento: str, entrada, ejecutar, *, obtener, responder, salida):
    clase = type(
        nombre,
        (_Accion,),
        {
            "entrada": entrada,
            "ejecutar": ejecutar,
            "__doc__": documento,
            "obtener": staticmethod(obtener),
            "responder": staticmethod(responder),
        },
    )

    # Un post propio por clase: extend_schema anota la función, y si todas compartieran _Accion.post
    # la última anotación (operation_id, entrada, salida) valdría para todas.
    def post(self, request, pk: int):
        return _Accion.post(self, request, pk)

    clase.post = extend_schema(
        operation_id=f"concejo_{nombre.lower()}",
        tags=ETIQUETA,
        request=entrada,
        responses={200: salida, **ERRORES},
    )(post)
    return clase


def _accion_sesion(nombre: str, documento: str, entrada, ejecutar):
    return _accion(
        nombre,
        documento,
        entrada,
        ejecutar,
        obtener=obtener_sesion_en_vivo,
        responder=en_vivo_datos,
        salida=EnVivoSalida,
    )


SesionAsistencia = _accion_sesion(
    "SesionAsistencia",
    "Marca la asistencia de un miembro (presente con la sesión instalada: llegada tarde).",
    AsistenciaEntrada,
    lambda self, r, s, d: en_vivo.marcar_asistencia(
        sesion=s, miembro=miembro_de(s, d["miembro"]), estado=d["estado"], nota=d["nota"], por=r.user
    ),
)
SesionRetiro = _accion_sesion(
    "SesionRetiro",
    "Anota el retiro de un miembro en sala: deja de contar para el quórum.",
    MiembroEntrada,
    lambda self, r, s, d: en_vivo.registrar_retiro(sesion=s, miembro=miembro_de(s, d["miembro"]), por=r.user),
)
SesionInstalar = _accion_sesion(
    "SesionInstalar",
    "Instala la sesión si hay quórum; lo guarda. Sin quórum: 400 con la explicación.",
    InstalarEntrada,
    lambda self, r, s, d: en_vivo.instalar_sesion(
        sesion=s, preside=miembro_de(s, d["preside"]) if d["preside"] else None, por=r.user
    ),
)
SesionSinQuorum = _accion_sesion(
    "SesionSinQuorum",
    "Deja constancia de que la sesión no se instaló por falta de quórum.",
    None,
    lambda self, r, s, d: en_vivo.declarar_sin_quorum(sesion=s, por=r.user),
)
SesionSuspender = _accion_sesion(
    "SesionSuspender",
    "Cuarto intermedio.",
    MotivoOpcionalEntrada,
    lambda self, r, s, d: en_vivo.suspender_sesion(sesion=s, motivo=d["motivo"], por=r.user),
)
SesionReanudar = _accion_sesion(
    "SesionReanudar",
    "Reanuda la sesión tras el cuarto intermedio.",
    None,
    lambda self, r, s, d: en_vivo.reanudar_sesion(sesion=s, por=r.user),
)
SesionLevantar = _accion_sesion(
    "SesionLevantar",
    "Levanta (concluye) la sesión.",
    None,
    lambda self, r, s, d: en_vivo.levantar_sesion(sesion=s, por=r.user),
)


# --- Puntos -----------------------------------------------------------------------------------------


def _accion_punto(nombre: str, documento: str, entrada, ejecutar):
    return _accion(
        nombre,
        documento,
        entrada,
        ejecutar,
        obtener=obtener_punto,
        responder=lambda punto: en_vivo_datos(punto.sesion),
        salida=EnVivoSalida,
    )


PuntoTomar = _accion_punto(
    "PuntoTomar",
    "Pone el punto en debate.",
    None,
    lambda self, r, p, d: en_vivo.tomar_punto(punto=p, por=r.user),
)
PuntoNotas = _accion_punto(
    "PuntoNotas",
    "Guarda las notas del debate del punto.",
    NotasEntrada,
    lambda self, r, p, d: en_vivo.anotar_debate(punto=p, notas=d["notas"], por=r.user),
)
PuntoIntervencion = _accion_punto(
    "PuntoIntervencion",
    "Anota una intervención (miembro u otro orador) con su resumen.",
    IntervencionEntrada,
    lambda self, r, p, d: en_vivo.agregar_intervencion(
        punto=p,
        miembro=miembro_de(p.sesion, d["miembro"]) if d["miembro"] else None,
        orador=d["orador"],
        resumen=d["resumen"],
        por=r.user,
    ),
)
PuntoResolver = _accion_punto(
    "PuntoResolver",
    "Termina el punto sin votarlo: tratado, retirado, postergado o a comisión.",
    ResolverEntrada,
    lambda self, r, p, d: en_vivo.resolver_sin_voto(
        punto=p, estado=d["estado"], motivo=d["motivo"], por=r.user
    ),
)


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
            por=request.user,
        )
        return Response(votacion_datos(votacion), status=status.HTTP_201_CREATED)


# --- Votaciones -------------------------------------------------------------------------------------


class VotacionDetalle(_Base):
    """La votación con sus votos y el resultado calculado."""

    @extend_schema(operation_id="concejo_votacion", tags=ETIQUETA, responses={200: VotacionSalida, **ERRORES})
    def get(self, request, pk: int):
        return Response(votacion_datos(obtener_votacion(request.user, pk)))


def _accion_votacion(nombre: str, documento: str, entrada, ejecutar):
    return _accion(
        nombre,
        documento,
        entrada,
        ejecutar,
        obtener=obtener_votacion,
        responder=votacion_datos,
        salida=VotacionSalida,
    )


def _registrar_voto(self, request, votacion: Votacion, datos: dict) -> Votacion:
    from concejo.services import cuerpo  # como en `en_vivo._cuerpo`: la parte «cuerpo» se importa al usarla

    # La votación (con su periodo) se leyó en esta solicitud: vale la situación del pleno guardada de su versión.
    with cuerpo.situacion_en_cache(entre_solicitudes=True):
        return votaciones.registrar_voto(
            votacion=votacion,
            miembro=miembro_de(votacion.sesion, datos["miembro"]),
            sentido=datos["sentido"],
            fundamento=datos["fundamento"],
            por=request.user,
        )


VotacionVoto = _accion_votacion(
    "VotacionVoto",
    "Anota (o corrige) el voto de un miembro en sala y devuelve el resultado recalculado.",
    VotoEntrada,
    _registrar_voto,
)
VotacionConteo = _accion_votacion(
    "VotacionConteo",
    "Anota los conteos de una votación ordinaria o secreta.",
    ConteoEntrada,
    lambda self, r, v, d: votaciones.registrar_conteo(votacion=v, por=r.user, **d),
)
VotacionCerrar = _accion_votacion(
    "VotacionCerrar",
    "Cierra la votación: los ausentes quedan «ausente»; el resultado queda por confirmar.",
    None,
    lambda self, r, v, d: votaciones.cerrar_votacion(votacion=v, por=r.user),
)
VotacionDirimente = _accion_votacion(
    "VotacionDirimente",
    "Anota el voto dirimente de quien preside en un empate.",
    DirimenteEntrada,
    lambda self, r, v, d: votaciones.registrar_dirimente(votacion=v, sentido=d["sentido"], por=r.user),
)
VotacionConfirmar = _accion_votacion(
    "VotacionConfirmar",
    "Confirma el resultado calculado; si es aprobado, crea la decisión.",
    None,
    lambda self, r, v, d: votaciones.confirmar_votacion(votacion=v, por=r.user),
)
VotacionAnular = _accion_votacion(
    "VotacionAnular",
    "Anula una votación abierta o cerrada sin confirmar, con su motivo.",
    MotivoObligatorio,
    lambda self, r, v, d: votaciones.anular_votacion(votacion=v, motivo=d["motivo"], por=r.user),
)
