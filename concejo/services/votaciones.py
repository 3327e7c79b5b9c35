"""Votaciones del concejo: abrir, registrar votos (nominal) o conteos (ordinaria y secreta), cerrar,
desempatar, confirmar, anular y reconsiderar.

El resultado nunca se teclea: después de cada voto o conteo lo recalcula
`concejo.selectors.cuerpo.resultado_de(votacion)` (la mayoría del punto sobre la base que manda la regla,
con la asistencia y el estado de los miembros) y se guarda con su explicación en `Votacion.calculo`.
La Secretaría solo confirma lo calculado. Reglas:

- Se vota con la sesión instalada y con quórum para decidir en ese momento (si se perdió, p. ej. por
  retiros, o donde la sesión se instaló solo con el de deliberar, no se abre, cierra ni confirma una
  votación). Una votación a la vez por sesión.
- Formas: solo las que admite el perfil (`concejo.votaciones`). En la nominal vota cada miembro en
  sala: a favor, en contra, abstención o se inhibe; al cerrar, los que no están en sala quedan
  «ausente». Donde el alcalde solo dirime (`concejo.alcalde_vota = false`, Perú) no vota en lo ordinario.
  En la ordinaria y la secreta se anotan conteos, que no pueden sumar más que los presentes.
- Empate: voto dirimente de quien preside (alcalde / presidente), o repetir la votación y, si persiste,
  rechazado; o rechazado (regla `concejo.desempate`).
- Debates por instrumento (`concejo.debates`): solo el último debate crea la decisión; aprobar el primero
  de dos no la crea. El segundo no se vota el mismo día en que se aprobó el primero y cumple
  `concejo.segundo_debate` (Colombia: primero en comisión, segundo en el pleno, ≥ 3 días calendario).
- Confirmar una votación aprobada crea la `Decision` (instrumento del punto) y avisa al acta
  (`concejo.services.actas.al_confirmar_votacion`).
- Reconsiderar: se pide (`pedir_reconsideracion`: día, quién, fundamento; evento propio) dentro del plazo
  del perfil (`concejo.reconsideracion` para las materias que fija la ley, p. ej. la vacancia en el Perú;
  si no, `concejo.reconsideracion_dias` del reglamento), medido hasta el pedido; luego se vota en una
  nueva votación enlazada a la confirmada (abrirla sin pedido anotado lo pide ese día). Mientras está abierta, la decisión de la original no pasa al
  registro de actos; al confirmarla, esa decisión queda «sin efecto» (con su evento) y, si la
  reconsideración aprueba, nace la decisión nueva de su punto. Una decisión que ya es acto no se
  reconsidera: el acto se deja sin efecto con otro acto que lo derogue (lo emitido no se edita).
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from concejo.models import Asistencia, Decision, Miembro, PuntoAgenda, Sesion, Votacion, Voto
from concejo.selectors.cuerpo import en_sala_con_rol, quorum_de, resultado_de
from concejo.selectors.en_vivo import fecha_de, miembros_convocados, votacion_pendiente
from concejo.selectors.votaciones import (
    en_sala,
    faltan_votar,
    formas_permitidas,
    mayoria_del_punto,
    mayorias,
    plazo_de_reconsideracion,
    problema_del_intervalo,
    quien_dirime,
    reglas_de_la_sesion,
    solo_dirime,
)
from concejo.services.actas import al_confirmar_votacion
from concejo.services.en_vivo import bloquear_sesion, exigir_en_curso
from core.services.auditoria import instantanea, registrar_evento

FORMAS_NOMINALES = (Votacion.Forma.NOMINAL, Votacion.Forma.NOMINAL_RAZONADA)
SENTIDOS_DE_VOTO = (
    Voto.Sentido.A_FAVOR,
    Voto.Sentido.EN_CONTRA,
    Voto.Sentido.ABSTENCION,
    Voto.Sentido.INHIBIDO,
)
_CAMPOS = [
    "estado",
    "a_favor",
    "en_contra",
    "abstenciones",
    "resultado",
    "calculo",
    "voto_dirimente",
    "sentido_dirimente",
    "cerrada_en",
    "confirmada_en",
]


def _auditar(por, accion, objeto, antes=None, despues=None):
    registrar_evento(por=por, accion=accion, objeto=objeto, antes=antes, despues=despues)


def _bloquear(votacion: Votacion) -> Votacion:
    return (
        Votacion.objects.select_for_update(of=("self",))
        .select_related("sesion", "sesion__organo", "sesion__organo__periodo", "punto")
        .get(pk=votacion.pk)
    )


def _exigir_quorum(sesion: Sesion, que: str) -> None:
    """Votar pide el quórum para decidir en ese momento (donde es mayor que el de deliberar, la sesión
    instalada puede seguir debatiendo sin él)."""
    q = quorum_de(sesion, "decidir")
    if not q.hay_quorum:
        deliberar = quorum_de(sesion, "deliberar")
        if deliberar.hay_quorum and deliberar.requerido < q.requerido:
            raise ValidationError(
                f"No hay quórum para decidir: {q.explicacion.split(': ', 1)[1]} La sesión puede deliberar, "
                f"pero no se puede {que}."
            )
        raise ValidationError(f"Se perdió el quórum. {q.explicacion} No se puede {que}.")


def _recalcular(votacion: Votacion, *, sala: dict[int, str] | None = None) -> Votacion:
    r = resultado_de(votacion, en_sala=sala)
    votacion.calculo = r.como_dict()
    votacion.resultado = r.resultado
    return votacion


def _fecha_aprobacion(punto: PuntoAgenda) -> date | None:
    aprobada = (
        punto.votaciones.filter(estado=Votacion.Estado.CONFIRMADA, resultado=Votacion.Resultado.APROBADO)
        .order_by("-confirmada_en")
        .first()
    )
    return fecha_de(aprobada.sesion) if aprobada is not None else None


def _validar_segundo_debate(punto: PuntoAgenda, sesion: Sesion) -> None:
    if punto.debate != 2 or punto.primer_debate is None:
        return
    primero = punto.primer_debate
    aprobado = _fecha_aprobacion(primero)
    if aprobado is None:
        raise ValidationError(
            f"El primer debate («{primero.titulo}», {primero.sesion}) no está aprobado: el segundo "
            "debate no se vota."
        )
    if aprobado >= fecha_de(sesion):
        raise ValidationError(
            f"El primer debate se aprobó el {aprobado:%d/%m/%Y}: el segundo debate se vota otro día "
            "(dos debates en días distintos)."
        )
    regla = reglas_de_la_sesion(sesion)
    if problema := problema_del_intervalo(regla, primero=primero.sesion, segundo=sesion, desde=aprobado):
        raise ValidationError(problema)


def _exigir_reconsiderable(original: Votacion) -> None:
    """Lo que toda reconsideración exige de la votación original (pedirla o votarla)."""
    if original.estado != Votacion.Estado.CONFIRMADA:
        raise ValidationError({"reconsideracion_de": ["Solo se reconsidera una votación confirmada."]})
    if original.resultado == Votacion.Resultado.EMPATE:
        raise ValidationError(
            {"reconsideracion_de": ["Una votación empatada no se reconsidera: se repite o se dirime."]}
        )
    decision = Decision.objects.filter(votacion=original).first()
    if decision is not None and decision.estado == Decision.Estado.REGISTRADA:
        raise ValidationError(
            {
                "reconsideracion_de": [
                    f"La decisión de la votación {original.numero} de {original.sesion} ya está en el registro de actos: "
                    "no se reconsidera; el acto se deja sin efecto con otro acto que lo derogue."
                ]
            }
        )


def _plazo_o_error(original: Votacion):
    plazo = plazo_de_reconsideracion(original)
    if plazo is None:
        raise ValidationError(
            {
                "reconsideracion_de": [
                    "El perfil no prevé la reconsideración de esta votación (ni la ley ni una regla local del "
                    "reglamento interno, concejo.reconsideracion_dias)."
                ]
            }
        )
    return plazo


def _validar_reconsideracion(original: Votacion, sesion: Sesion) -> None:
    """La votación de reconsideración: la original es reconsiderable, del mismo órgano, sin otra
    reconsideración, y su reconsideración se pidió dentro del plazo (o se pide hoy, al abrirla, dentro de
    él): el plazo se mide hasta el pedido, no hasta esta votación."""
    _exigir_reconsiderable(original)
    if original.reconsideraciones.exclude(estado=Votacion.Estado.ANULADA).exists():
        raise ValidationError(
            {
                "reconsideracion_de": [
                    f"La votación {original.numero} de {original.sesion} ya tiene una reconsideración."
                ]
            }
        )
    if original.sesion.organo_id != sesion.organo_id:
        raise ValidationError({"reconsideracion_de": ["Solo el mismo órgano reconsidera su votación."]})
    plazo = _plazo_o_error(original)
    pedido = original.reconsideracion_pedida_en or fecha_de(sesion)
    if pedido > plazo.vence:
        raise ValidationError(
            {
                "reconsideracion_de": [
                    f"El plazo de reconsideración ({plazo.texto}) venció el {plazo.vence:%d/%m/%Y}"
                    + (
                        f" y el pedido es del {pedido:%d/%m/%Y}."
                        if original.reconsideracion_pedida_en
                        else ": no se pidió a tiempo."
                    )
                ]
            }
        )


@transaction.atomic
def pedir_reconsideracion(
    *,
    votacion: Votacion,
    por,
    fecha: date | None = None,
    miembro: Miembro | None = None,
    fundamento: str = "",
) -> Votacion:
    """Anota el pedido de reconsideración de una votación confirmada (el día, quién y por qué). El plazo del
    perfil (`plazo_de_reconsideracion`) se mide hasta este pedido; mientras no se vote la reconsideración,
    la decisión no está firme y no pasa al registro de actos. Evento `concejo.votacion.pedir_reconsideracion`."""
    votacion = _bloquear(votacion)
    _exigir_reconsiderable(votacion)
    hoy = timezone.localdate()
    fecha = fecha or hoy
    if votacion.reconsideracion_pedida_en is not None:
        raise ValidationError(
            f"La reconsideración de la votación {votacion.numero} ya se pidió el "
            f"{votacion.reconsideracion_pedida_en:%d/%m/%Y}."
        )
    if fecha > hoy:
        raise ValidationError({"fecha": ["El pedido no puede tener fecha futura."]})
    desde = fecha_de(votacion.sesion)
    if fecha < desde:
        raise ValidationError(
            {"fecha": [f"El pedido no puede ser anterior a la votación ({desde:%d/%m/%Y})."]}
        )
    if miembro is not None and miembro.periodo_id != votacion.sesion.organo.periodo_id:
        raise ValidationError({"miembro": [f"{miembro} no integra el concejo de esa votación."]})
    fundamento = fundamento.strip()
    if len(fundamento) > 5000:
        raise ValidationError({"fundamento": ["El fundamento no puede pasar de 5.000 caracteres."]})
    plazo = _plazo_o_error(votacion)
    if fecha > plazo.vence:
        raise ValidationError(
            {"fecha": [f"El plazo de reconsideración ({plazo.texto}) venció el {plazo.vence:%d/%m/%Y}."]}
        )
    campos = ["reconsideracion_pedida_en", "reconsideracion_pedida_por", "reconsideracion_fundamento"]
    antes = instantanea(votacion, campos)
    votacion.reconsideracion_pedida_en = fecha
    votacion.reconsideracion_pedida_por = miembro
    votacion.reconsideracion_fundamento = fundamento
    votacion.save(update_fields=campos)
    despues = instantanea(votacion, campos)
    despues["plazo_vence"] = plazo.vence.isoformat()
    _auditar(por, "concejo.votacion.pedir_reconsideracion", votacion, antes, despues)
    return votacion


@transaction.atomic
def abrir_votacion(
    *,
    punto: PuntoAgenda,
    mocion: str,
    forma: str,
    mayoria: str = "",
    reconsideracion_de: Votacion | None = None,
    repite: Votacion | None = None,
    dispensa_actas: bool = False,
    por,
) -> Votacion:
    """Abre una votación sobre `punto` con la moción, la forma (de las del perfil) y la mayoría (la del
    punto o la general del perfil si no se da). El punto pasa a «en debate» si estaba pendiente.
    `dispensa_actas`: se vota con dispensa del trámite de aprobación de actas (su decisión queda firme
    sin esperar el plazo de reconsideración). Abrir la reconsideración de una votación cuyo pedido no
    se anotó la pide ese día (con su evento)."""
    sesion = bloquear_sesion(punto.sesion)
    punto = PuntoAgenda.objects.select_for_update().get(pk=punto.pk)
    exigir_en_curso(sesion, "votar", suspendida=False)
    errores: dict[str, list[str]] = {}
    mocion = mocion.strip()
    if not mocion:
        errores["mocion"] = ["Escriba la moción que se vota."]
    if forma not in dict(formas_permitidas(sesion)):
        admitidas = ", ".join(n.lower() for _, n in formas_permitidas(sesion))
        errores["forma"] = [f"El perfil no admite esa forma de votación. Admite: {admitidas}."]
    mayoria = mayoria or mayoria_del_punto(punto)
    if mayoria not in mayorias():
        errores["mayoria"] = ["Mayoría desconocida: elija una de la lista."]
    if errores:
        raise ValidationError(errores)
    if punto.estado not in (PuntoAgenda.Estado.PENDIENTE, PuntoAgenda.Estado.EN_DEBATE):
        raise ValidationError(
            f"El punto {punto.orden} está {punto.get_estado_display().lower()}: no se vota."
        )
    otro = sesion.puntos.filter(estado=PuntoAgenda.Estado.EN_DEBATE).exclude(pk=punto.pk).first()
    if otro is not None:
        raise ValidationError(f"El punto {otro.orden} sigue en debate: termínelo antes de votar otro.")
    if (pendiente := votacion_pendiente(sesion)) is not None:
        raise ValidationError(
            f"La votación {pendiente.numero} no está confirmada: confírmela o anúlela antes de abrir otra."
        )
    _exigir_quorum(sesion, "abrir la votación")
    _validar_segundo_debate(punto, sesion)
    if reconsideracion_de is not None:
        _validar_reconsideracion(reconsideracion_de, sesion)
    if repite is None:
        # Tras un empate que manda repetir, la votación siguiente del punto es la repetición.
        ultima = (
            punto.votaciones.filter(estado=Votacion.Estado.CONFIRMADA)
            .order_by("-confirmada_en", "-pk")
            .first()
        )
        if ultima is not None and ultima.resultado == Votacion.Resultado.EMPATE:
            repite = ultima
    if repite is not None and not (
        repite.punto_id == punto.pk
        and repite.estado == Votacion.Estado.CONFIRMADA
        and repite.resultado == Votacion.Resultado.EMPATE
    ):
        raise ValidationError(
            {"repite": ["Solo se repite una votación empatada y confirmada del mismo punto."]}
        )
    if punto.estado == PuntoAgenda.Estado.PENDIENTE:
        punto.estado = PuntoAgenda.Estado.EN_DEBATE
        punto.save(update_fields=["estado"])
    numero = (sesion.votaciones.aggregate(m=Max("numero"))["m"] or 0) + 1
    votacion = Votacion.objects.create(
        sesion=sesion,
        punto=punto,
        numero=numero,
        mocion=mocion,
        forma=forma,
        mayoria=mayoria,
        reconsideracion_de=reconsideracion_de,
        repite=repite,
        dispensa_actas=bool(dispensa_actas),
    )
    if reconsideracion_de is not None and reconsideracion_de.reconsideracion_pedida_en is None:
        pedir_reconsideracion(votacion=reconsideracion_de, fecha=fecha_de(sesion), por=por)
    _recalcular(votacion).save(update_fields=["calculo", "resultado"])
    _auditar(
        por,
        "concejo.votacion.abrir",
        votacion,
        None,
        instantanea(
            votacion,
            [
                "punto",
                "numero",
                "mocion",
                "forma",
                "mayoria",
                "reconsideracion_de",
                "repite",
                "dispensa_actas",
            ],
        ),
    )
    return votacion


def _exigir_abierta(votacion: Votacion) -> None:
    if votacion.estado != Votacion.Estado.ABIERTA:
        raise ValidationError(
            f"La votación {votacion.numero} está {votacion.get_estado_display().lower()}: ya no recibe votos."
        )


@transaction.atomic
def registrar_voto(
    *, votacion: Votacion, miembro: Miembro, sentido: str, fundamento: str = "", por
) -> Votacion:
    """Anota (o corrige, mientras la votación está abierta) el voto de un miembro en sala y devuelve la
    votación con el resultado recalculado."""
    votacion = _bloquear(votacion)
    _exigir_abierta(votacion)
    sesion = votacion.sesion
    if votacion.forma not in FORMAS_NOMINALES:
        raise ValidationError(
            f"La votación {votacion.numero} es {votacion.get_forma_display().lower()}: se anotan los "
            "conteos, no votos con nombre."
        )
    if sentido not in SENTIDOS_DE_VOTO:
        raise ValidationError({"sentido": ["Elija a favor, en contra, abstención o se inhibe."]})
    sala = en_sala_con_rol(sesion)  # el resultado la relee: se lee una vez
    if miembro.pk not in sala:
        raise ValidationError({"miembro": [f"{miembro} no está en la sala: no vota (quedará ausente)."]})
    if solo_dirime(miembro, sesion):
        raise ValidationError(
            {"miembro": [f"{miembro} es el alcalde: según el perfil solo tiene voto dirimente."]}
        )
    fundamento = fundamento.strip()
    if len(fundamento) > 5000:
        raise ValidationError({"fundamento": ["El fundamento no puede pasar de 5.000 caracteres."]})
    voto = Voto.objects.filter(votacion=votacion, miembro=miembro).first()
    antes = {"sentido": voto.sentido, "fundamento": voto.fundamento} if voto else None
    if voto is None:
        voto = Voto.objects.create(votacion=votacion, miembro=miembro, sentido=sentido, fundamento=fundamento)
    else:
        voto.sentido, voto.fundamento = sentido, fundamento
        voto.save(update_fields=["sentido", "fundamento", "registrado_en"])
    _recalcular(votacion, sala=sala).save(update_fields=["calculo", "resultado"])
    _auditar(
        por,
        "concejo.voto.registrar",
        votacion,
        antes,
        {
            "miembro": miembro.pk,
            "sentido": sentido,
            "fundamento": fundamento,
            "resultado": votacion.resultado,
        },
    )
    return votacion


@transaction.atomic
def registrar_conteo(
    *, votacion: Votacion, a_favor: int, en_contra: int, abstenciones: int = 0, por
) -> Votacion:
    """Anota los conteos de una votación ordinaria o secreta (sin nombres) y recalcula el resultado. La
    suma no puede pasar de los miembros en sala que votan."""
    votacion = _bloquear(votacion)
    _exigir_abierta(votacion)
    if votacion.forma in FORMAS_NOMINALES:
        raise ValidationError(f"La votación {votacion.numero} es nominal: se anota el voto de cada miembro.")
    conteos = {"a_favor": a_favor, "en_contra": en_contra, "abstenciones": abstenciones}
    errores = {
        k: ["Escriba un número entero de cero o más."]
        for k, v in conteos.items()
        if not isinstance(v, int) or isinstance(v, bool) or v < 0
    }
    if errores:
        raise ValidationError(errores)
    sesion = votacion.sesion
    presentes = en_sala(sesion)
    votantes = len(presentes) - sum(
        1 for m in Miembro.objects.filter(pk__in=presentes) if solo_dirime(m, sesion)
    )
    if sum(conteos.values()) > votantes:
        raise ValidationError(
            f"Los votos suman {sum(conteos.values())} y solo hay {votantes} miembros en sala que votan."
        )
    antes = instantanea(votacion, ["a_favor", "en_contra", "abstenciones", "resultado"])
    votacion.a_favor, votacion.en_contra, votacion.abstenciones = a_favor, en_contra, abstenciones
    _recalcular(votacion).save(update_fields=["a_favor", "en_contra", "abstenciones", "calculo", "resultado"])
    _auditar(
        por,
        "concejo.votacion.conteo",
        votacion,
        antes,
        instantanea(votacion, ["a_favor", "en_contra", "abstenciones", "resultado"]),
    )
    return votacion


@transaction.atomic
def cerrar_votacion(*, votacion: Votacion, por) -> Votacion:
    """Cierra la votación: en la nominal todos los miembros en sala deben haber votado, y los demás
    miembros del órgano quedan «ausente». Queda el resultado calculado, por confirmar."""
    votacion = _bloquear(votacion)
    _exigir_abierta(votacion)
    sesion = votacion.sesion
    _exigir_quorum(sesion, "cerrar la votación")
    if votacion.forma in FORMAS_NOMINALES:
        if faltas := faltan_votar(votacion):
            raise ValidationError(f"Faltan votar: {', '.join(str(m) for m in faltas)}.")
        presentes = en_sala(sesion)
        ya = set(votacion.votos.values_list("miembro_id", flat=True))
        Voto.objects.bulk_create(
            [
                Voto(votacion=votacion, miembro=m, sentido=Voto.Sentido.AUSENTE)
                for m in miembros_convocados(sesion)
                if m.pk not in presentes and m.pk not in ya
            ]
        )
    antes = instantanea(votacion, _CAMPOS)
    votacion.estado = Votacion.Estado.CERRADA
    votacion.cerrada_en = timezone.now()
    _recalcular(votacion).save(update_fields=["estado", "cerrada_en", "calculo", "resultado"])
    _auditar(por, "concejo.votacion.cerrar", votacion, antes, instantanea(votacion, _CAMPOS))
    return votacion


@transaction.atomic
def registrar_dirimente(*, votacion: Votacion, sentido: str, por) -> Votacion:
    """Anota el voto dirimente de quien preside en una votación cerrada empatada (donde el perfil lo manda).

    Donde el alcalde no vota en lo ordinario (Perú) su voto dirimente es su único `Voto` en esa votación.
    Donde vota (voto de calidad) y ya votó a favor o en contra en una nominal, su voto decide el empate:
    el sentido dirimente es el de su voto.
    """
    votacion = _bloquear(votacion)
    if votacion.estado != Votacion.Estado.CERRADA or not (votacion.calculo or {}).get("necesita_dirimente"):
        raise ValidationError("Esta votación no espera un voto dirimente.")
    if sentido not in (Voto.Sentido.A_FAVOR, Voto.Sentido.EN_CONTRA):
        raise ValidationError({"sentido": ["El voto dirimente es a favor o en contra."]})
    sesion = votacion.sesion
    miembro = quien_dirime(sesion)
    if miembro is None:
        raise ValidationError("No hay quien presida la sesión ni alcalde registrado: nadie puede dirimir.")
    asistencia = Asistencia.objects.filter(sesion=sesion, miembro=miembro).first()
    if asistencia is None or not asistencia.en_sala:
        raise ValidationError(f"{miembro} no está en la sala: no puede dirimir.")
    propio = Voto.objects.filter(votacion=votacion, miembro=miembro).first()
    if propio is not None and not solo_dirime(miembro, sesion) and votacion.forma in FORMAS_NOMINALES:
        if propio.sentido not in (Voto.Sentido.A_FAVOR, Voto.Sentido.EN_CONTRA):
            raise ValidationError(
                f"{miembro} votó «{propio.get_sentido_display().lower()}»: su voto no dirime."
            )
        if propio.sentido != sentido:
            raise ValidationError(
                {
                    "sentido": [
                        f"El voto de calidad de {miembro} es el que emitió: "
                        f"{propio.get_sentido_display().lower()}."
                    ]
                }
            )
    elif propio is None:
        Voto.objects.create(votacion=votacion, miembro=miembro, sentido=sentido)
    else:
        propio.sentido = sentido
        propio.save(update_fields=["sentido", "registrado_en"])
    antes = instantanea(votacion, _CAMPOS)
    votacion.voto_dirimente = miembro
    votacion.sentido_dirimente = sentido
    _recalcular(votacion).save(update_fields=["voto_dirimente", "sentido_dirimente", "calculo", "resultado"])
    _auditar(por, "concejo.votacion.dirimente", votacion, antes, instantanea(votacion, _CAMPOS))
    return votacion


def _debate_final(punto: PuntoAgenda, sesion: Sesion) -> bool:
    """Si aprobar este punto es la decisión final: su debate es el último de los que el perfil pide para su
    instrumento (`concejo.debates`) y ningún debate anterior del mismo asunto ya dio una decisión (un
    segundo debate de más, p. ej. anotado antes de que el perfil dijera que basta uno, no da otra)."""
    if punto.debate < reglas_de_la_sesion(sesion).debates_de(punto.instrumento):
        return False
    return not (
        punto.primer_debate_id
        and Decision.objects.filter(punto_id=punto.primer_debate_id)
        .exclude(estado=Decision.Estado.SIN_EFECTO)
        .exists()
    )


@transaction.atomic
def confirmar_votacion(*, votacion: Votacion, por) -> Votacion:
    """La Secretaría confirma el resultado calculado. Aprobado: el punto queda aprobado y se crea la
    decisión (salvo en un primer debate o si el punto aprueba un acta); rechazado: el punto queda rechazado; empate que se repite: el
    punto sigue en debate para la nueva votación."""
    votacion = _bloquear(votacion)
    if votacion.estado != Votacion.Estado.CERRADA:
        raise ValidationError(
            f"La votación {votacion.numero} está {votacion.get_estado_display().lower()}: se "
            "confirma una votación cerrada."
        )
    _exigir_quorum(votacion.sesion, "confirmar la votación")
    _recalcular(votacion)
    if (votacion.calculo or {}).get("necesita_dirimente"):
        raise ValidationError("Hay empate: falta el voto dirimente de quien preside.")
    antes = instantanea(votacion, _CAMPOS)
    votacion.estado = Votacion.Estado.CONFIRMADA
    votacion.confirmada_en = timezone.now()
    votacion.save(update_fields=["estado", "confirmada_en", "calculo", "resultado"])
    punto = PuntoAgenda.objects.select_for_update().get(pk=votacion.punto_id)
    decision = None
    if votacion.resultado != Votacion.Resultado.EMPATE:
        aprobado = votacion.resultado == Votacion.Resultado.APROBADO
        punto.estado = PuntoAgenda.Estado.APROBADO if aprobado else PuntoAgenda.Estado.RECHAZADO
        punto.save(update_fields=["estado"])
        # La aprobación de un acta queda en el acta misma (`al_confirmar_votacion`), no es materia del
        # registro de actos: no crea `Decision`.
        if aprobado and punto.seccion != PuntoAgenda.Seccion.ACTA and _debate_final(punto, votacion.sesion):
            decision = Decision.objects.create(
                sesion=votacion.sesion,
                punto=punto,
                votacion=votacion,
                instrumento=punto.instrumento,
                resumen=votacion.mocion,
            )
    sin_efecto = _dejar_sin_efecto(votacion, por) if votacion.reconsideracion_de_id else None
    despues = instantanea(votacion, _CAMPOS)
    despues["punto_estado"] = punto.estado
    despues["decision"] = decision.pk if decision else None
    despues["decision_sin_efecto"] = sin_efecto.pk if sin_efecto else None
    _auditar(por, "concejo.votacion.confirmar", votacion, antes, despues)
    if decision is not None:
        _auditar(
            por,
            "concejo.decision.crear",
            decision,
            None,
            instantanea(decision, ["sesion", "punto", "votacion", "instrumento", "resumen", "estado"]),
        )
    # Si el punto aprueba un acta, el acta queda aprobada.
    al_confirmar_votacion(votacion, por=por)
    return votacion


def _dejar_sin_efecto(reconsideracion: Votacion, por) -> Decision | None:
    """Al confirmar una reconsideración, la decisión de la votación reconsiderada queda sin efecto (la que
    rige, si aprueba, es la de la reconsideración). La que ya pasó al registro de actos no llega aquí:
    `_validar_reconsideracion` no deja abrirla y `en_reconsideracion` no deja registrarla mientras tanto."""
    reconsiderada = reconsideracion.reconsideracion_de_id
    if reconsiderada is None:  # no es una reconsideración (quien llama ya lo mira)
        return None
    decision = Decision.objects.select_for_update().filter(votacion_id=reconsiderada).first()
    if decision is None or decision.estado == Decision.Estado.SIN_EFECTO:
        return None
    if decision.estado != Decision.Estado.PENDIENTE:
        raise ValidationError(
            "La decisión reconsiderada ya está en el registro de actos: anule esta votación; el "
            "acto se deja sin efecto con otro acto que lo derogue."
        )
    decision.estado = Decision.Estado.SIN_EFECTO
    decision.save(update_fields=["estado"])
    _auditar(
        por,
        "concejo.decision.dejar_sin_efecto",
        decision,
        {"estado": Decision.Estado.PENDIENTE},
        {"estado": decision.estado, "reconsideracion": reconsideracion.pk},
    )
    return decision


@transaction.atomic
def anular_votacion(*, votacion: Votacion, motivo: str, por) -> Votacion:
    """Anula una votación abierta o cerrada sin confirmar (un error al abrirla), con su motivo. Queda en el
    registro, marcada; su número no se reutiliza."""
    votacion = _bloquear(votacion)
    motivo = motivo.strip()
    if not motivo:
        raise ValidationError({"motivo": ["Escriba el motivo de la anulación."]})
    if votacion.estado not in (Votacion.Estado.ABIERTA, Votacion.Estado.CERRADA):
        raise ValidationError(
            f"La votación {votacion.numero} está {votacion.get_estado_display().lower()}: no se "
            "anula (una confirmada se reconsidera)."
        )
    antes = instantanea(votacion, _CAMPOS)
    votacion.estado = Votacion.Estado.ANULADA
    votacion.save(update_fields=["estado"])
    despues = instantanea(votacion, _CAMPOS)
    despues["motivo"] = motivo
    _auditar(por, "concejo.votacion.anular", votacion, antes, despues)
    return votacion


def votaciones_reconsiderables(sesion: Sesion) -> list[Votacion]:
    """Las votaciones confirmadas del órgano cuyo plazo de reconsideración sigue abierto el día de
    `sesion` y que no tienen ya una reconsideración."""
    candidatas = (
        Votacion.objects.filter(
            sesion__organo=sesion.organo, estado=Votacion.Estado.CONFIRMADA, sesion__fecha__lte=sesion.fecha
        )
        .exclude(resultado=Votacion.Resultado.EMPATE)
        .select_related("sesion", "punto")
        .order_by("-sesion__fecha", "-numero")[:50]
    )
    utiles = []
    for v in candidatas:
        try:
            _validar_reconsideracion(v, sesion)
        except ValidationError:
            continue
        utiles.append(v)
    return utiles
