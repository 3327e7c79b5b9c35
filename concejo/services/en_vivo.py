"""La sesión en vivo: asistencia, quórum, instalación, puntos del orden del día, debate, cuarto
intermedio y levantamiento. Las votaciones están en `concejo.services.votaciones`.

Reglas:
- El quórum nunca se teclea: lo calcula `concejo.selectors.cuerpo.quorum_de(sesion)` con la regla del
  perfil, la asistencia (`Asistencia.en_sala`) y el estado de cada miembro el día de la sesión.
- Dos quórums (`quorums_de`): para deliberar y para decidir; son el mismo salvo donde el perfil fija
  otro para deliberar (Colombia: ¼ de los miembros delibera, la mayoría decide; Const. 145, Ley 136
  art. 29). La sesión se instala con el quórum para deliberar; las votaciones piden el de decidir
  (`concejo.services.votaciones`). Sin quórum para deliberar no se instala; la Secretaría puede dejar
  constancia de que no se instaló (estado SIN_QUORUM) con el quórum que hubo. El quórum al instalar
  (el de deliberar, con el de decidir en su clave «decidir») queda en `Sesion.quorum`.
- Los miembros con licencia o suspendidos ese día quedan marcados así desde que se abre la lista; a
  ellos no se los marca presentes (su estado lo cambia la parte «cuerpo», con su documento).
- Lo que se anota en vivo (puntos, notas, intervenciones) se anota con la sesión instalada o en
  cuarto intermedio; levantada la sesión, las correcciones van al acta.
- Cada paso es un evento de auditoría en la misma transacción.

Lo que la pantalla lee (lista de asistencia, convocados, votación pendiente) está en
`concejo.selectors.en_vivo`.
"""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from concejo.models import Asistencia, Intervencion, Miembro, PuntoAgenda, Sesion, Votacion
from concejo.selectors.cuerpo import quorum_de, quorums_de
from concejo.selectors.en_vivo import (
    ESTADOS_MIEMBRO_NO_HABIL,
    estado_del_miembro,
    estado_inicial,
    miembros_convocados,
    votacion_pendiente,
)
from core.services.auditoria import instantanea, registrar_evento

ESTADOS_EN_CURSO = (Sesion.Estado.INSTALADA, Sesion.Estado.SUSPENDIDA)
ESTADOS_POR_INSTALAR = (Sesion.Estado.PROGRAMADA, Sesion.Estado.CONVOCADA)
# Estados a los que se lleva un punto sin votarlo (el que sigue a «en debate» o a «pendiente»).
RESOLUCIONES_SIN_VOTO = {
    PuntoAgenda.Estado.TRATADO: "tratado sin votación",
    PuntoAgenda.Estado.RETIRADO: "retirado",
    PuntoAgenda.Estado.POSTERGADO: "postergado",
    PuntoAgenda.Estado.A_COMISION: "enviado a comisión",
}


def _auditar(por, accion: str, objeto, antes=None, despues=None) -> None:
    registrar_evento(por=por, accion=accion, objeto=objeto, antes=antes, despues=despues)


def bloquear_sesion(sesion: Sesion) -> Sesion:
    """Relee la sesión con su cerrojo (y su órgano y periodo) dentro de la transacción de un cambio."""
    return (
        Sesion.objects.select_for_update(of=("self",))
        .select_related("organo", "organo__periodo")
        .get(pk=sesion.pk)
    )


def exigir_en_curso(sesion: Sesion, que: str, *, suspendida: bool = True) -> None:
    """ValidationError si la sesión no está instalada (ni en cuarto intermedio, si `suspendida`)."""
    validos = ESTADOS_EN_CURSO if suspendida else (Sesion.Estado.INSTALADA,)
    if sesion.estado not in validos:
        if sesion.estado == Sesion.Estado.SUSPENDIDA:
            raise ValidationError(f"La sesión está en cuarto intermedio: reanúdela para {que}.")
        raise ValidationError(
            f"La sesión no está en curso ({sesion.get_estado_display().lower()}): no se puede {que}."
        )


# --- Asistencia -----------------------------------------------------------------------------------


def abrir_lista(*, sesion: Sesion) -> list[Asistencia]:
    """Crea las filas de asistencia que falten (una por miembro del órgano ese día): ausente, o con
    licencia si el miembro está con licencia o suspendido según su estado. No audita por sí sola: se
    llama dentro de la transacción del primer cambio de asistencia, cuyo evento la cubre.
    """
    existentes = set(Asistencia.objects.filter(sesion=sesion).values_list("miembro_id", flat=True))
    nuevas = []
    for miembro in miembros_convocados(sesion):
        if miembro.pk in existentes:
            continue
        estado, nota = estado_inicial(estado_del_miembro(miembro, sesion))
        nuevas.append(Asistencia(sesion=sesion, miembro=miembro, estado=estado, nota=nota))
    Asistencia.objects.bulk_create(nuevas)
    return nuevas


@transaction.atomic
def marcar_asistencia(
    *, sesion: Sesion, miembro: Miembro, estado: str, nota: str = "", momento: datetime | None = None, por
) -> Asistencia:
    """Marca la asistencia de `miembro`. Presente con la sesión ya instalada es una llegada tarde (se
    anota la hora); marcar presente a quien se había retirado es su reingreso. A un miembro con
    licencia o suspendido ese día no se lo marca presente.
    """
    sesion = bloquear_sesion(sesion)
    if estado not in Asistencia.Estado.values:
        raise ValidationError(
            {"estado": ["Estado de asistencia desconocido: use presente, ausente, justificado o licencia."]}
        )
    if sesion.estado not in (*ESTADOS_POR_INSTALAR, *ESTADOS_EN_CURSO):
        raise ValidationError(
            f"La sesión está {sesion.get_estado_display().lower()}: su asistencia ya no cambia."
        )
    abrir_lista(sesion=sesion)
    fila = Asistencia.objects.select_for_update().filter(sesion=sesion, miembro=miembro).first()
    if fila is None:
        raise ValidationError({"miembro": [f"{miembro} no integra {sesion.organo} el día de la sesión."]})
    no_habil = estado_del_miembro(miembro, sesion)
    if estado == Asistencia.Estado.PRESENTE and no_habil in ESTADOS_MIEMBRO_NO_HABIL:
        raise ValidationError(
            {
                "estado": [
                    f"{miembro} está {ESTADOS_MIEMBRO_NO_HABIL[no_habil]} ese día: no se lo marca presente."
                ]
            }
        )
    antes = instantanea(fila, ["estado", "llegada", "retiro", "nota"])
    ahora = momento or timezone.now()
    if estado == Asistencia.Estado.PRESENTE:
        if (
            fila.estado != Asistencia.Estado.PRESENTE
            and sesion.estado in ESTADOS_EN_CURSO
            and fila.llegada is None
        ):
            fila.llegada = ahora  # llegó con la sesión ya instalada
        fila.retiro = None  # reingreso
    else:
        fila.llegada = None
        fila.retiro = None
    fila.estado = estado
    if nota or estado != antes["estado"]:
        fila.nota = nota[:300]
    fila.save()
    _auditar(
        por,
        "concejo.asistencia.marcar",
        fila,
        antes,
        instantanea(fila, ["estado", "llegada", "retiro", "nota"]),
    )
    return fila


@transaction.atomic
def registrar_retiro(*, sesion: Sesion, miembro: Miembro, momento: datetime | None = None, por) -> Asistencia:
    """Anota que un miembro presente se retiró antes del final: deja de contar para el quórum y no vota."""
    sesion = bloquear_sesion(sesion)
    exigir_en_curso(sesion, "anotar un retiro")
    fila = Asistencia.objects.select_for_update().filter(sesion=sesion, miembro=miembro).first()
    if fila is None or not fila.en_sala:
        raise ValidationError(f"{miembro} no está en la sala: no hay retiro que anotar.")
    if Votacion.objects.filter(
        sesion=sesion, estado=Votacion.Estado.ABIERTA, votos__miembro=miembro
    ).exists():
        raise ValidationError(
            f"{miembro} ya votó en la votación abierta: ciérrela antes de anotar su retiro."
        )
    antes = instantanea(fila, ["estado", "llegada", "retiro"])
    fila.retiro = momento or timezone.now()
    fila.save(update_fields=["retiro"])
    _auditar(
        por, "concejo.asistencia.retiro", fila, antes, instantanea(fila, ["estado", "llegada", "retiro"])
    )
    return fila


# --- Instalación, cuarto intermedio, levantamiento ------------------------------------------------


@transaction.atomic
def instalar_sesion(
    *, sesion: Sesion, preside: Miembro | None = None, ahora: datetime | None = None, por
) -> Sesion:
    """Instala la sesión si hay quórum (calculado, nunca tecleado) y guarda ese quórum en `Sesion.quorum`.
    Sin quórum no se instala: el mensaje dice cuántos faltan y con qué regla. `ahora` (por omisión, este
    momento) sirve para cargar sesiones ya celebradas (la demostración).
    """
    sesion = bloquear_sesion(sesion)
    if sesion.estado not in ESTADOS_POR_INSTALAR:
        raise ValidationError(f"La sesión está {sesion.get_estado_display().lower()}: no se instala.")
    abrir_lista(sesion=sesion)
    if preside is not None and not any(m.pk == preside.pk for m in miembros_convocados(sesion)):
        raise ValidationError({"preside": [f"{preside} no integra {sesion.organo} el día de la sesión."]})
    ambos = quorums_de(sesion)
    q = ambos["deliberar"]
    if not q.hay_quorum:
        raise ValidationError(f"{q.explicacion} No se puede instalar la sesión.")
    antes = instantanea(sesion, ["estado", "instalada_en", "quorum", "preside"])
    sesion.estado = Sesion.Estado.INSTALADA
    sesion.instalada_en = ahora or timezone.now()
    sesion.quorum = {**q.como_dict(), "decidir": ambos["decidir"].como_dict()}
    if preside is not None:
        sesion.preside = preside
    sesion.save(update_fields=["estado", "instalada_en", "quorum", "preside"])
    _auditar(
        por,
        "concejo.sesion.instalar",
        sesion,
        antes,
        instantanea(sesion, ["estado", "instalada_en", "quorum", "preside"]),
    )
    return sesion


@transaction.atomic
def declarar_sin_quorum(*, sesion: Sesion, por) -> Sesion:
    """Deja constancia de que la sesión no se instaló por falta de quórum (con el quórum que hubo)."""
    sesion = bloquear_sesion(sesion)
    if sesion.estado not in ESTADOS_POR_INSTALAR:
        raise ValidationError(
            f"La sesión está {sesion.get_estado_display().lower()}: no se declara sin quórum."
        )
    abrir_lista(sesion=sesion)
    q = quorum_de(sesion, "deliberar")
    if q.hay_quorum:
        raise ValidationError(f"{q.explicacion} Instale la sesión en lugar de declararla sin quórum.")
    antes = instantanea(sesion, ["estado", "quorum"])
    sesion.estado = Sesion.Estado.SIN_QUORUM
    sesion.quorum = q.como_dict()
    sesion.save(update_fields=["estado", "quorum"])
    _auditar(por, "concejo.sesion.sin_quorum", sesion, antes, instantanea(sesion, ["estado", "quorum"]))
    return sesion


@transaction.atomic
def suspender_sesion(*, sesion: Sesion, motivo: str = "", por) -> Sesion:
    """Cuarto intermedio: la sesión queda suspendida hasta que se reanude. No con una votación abierta."""
    sesion = bloquear_sesion(sesion)
    exigir_en_curso(sesion, "pasar a cuarto intermedio", suspendida=False)
    if (v := votacion_pendiente(sesion)) is not None:
        raise ValidationError(
            f"La votación {v.numero} no está confirmada: termínela antes del cuarto intermedio."
        )
    sesion.estado = Sesion.Estado.SUSPENDIDA
    sesion.save(update_fields=["estado"])
    _auditar(
        por,
        "concejo.sesion.suspender",
        sesion,
        {"estado": Sesion.Estado.INSTALADA},
        {"estado": sesion.estado, "motivo": motivo.strip()},
    )
    return sesion


@transaction.atomic
def reanudar_sesion(*, sesion: Sesion, por) -> Sesion:
    """Fin del cuarto intermedio. Se reanuda aunque falte quórum (se ve en pantalla y las votaciones se
    rechazan mientras falte)."""
    sesion = bloquear_sesion(sesion)
    if sesion.estado != Sesion.Estado.SUSPENDIDA:
        raise ValidationError("La sesión no está en cuarto intermedio.")
    sesion.estado = Sesion.Estado.INSTALADA
    sesion.save(update_fields=["estado"])
    q = quorum_de(sesion)
    _auditar(
        por,
        "concejo.sesion.reanudar",
        sesion,
        {"estado": Sesion.Estado.SUSPENDIDA},
        {"estado": sesion.estado, "quorum": q.como_dict()},
    )
    return sesion


@transaction.atomic
def levantar_sesion(*, sesion: Sesion, ahora: datetime | None = None, por) -> Sesion:
    """Levanta (concluye) la sesión. Ninguna votación puede quedar abierta o sin confirmar; los puntos
    que quedaron en debate vuelven a pendientes (no se trataron hasta el final)."""
    sesion = bloquear_sesion(sesion)
    exigir_en_curso(sesion, "levantar")
    if (v := votacion_pendiente(sesion)) is not None:
        raise ValidationError(
            f"La votación {v.numero} no está confirmada: confírmela o anúlela antes de levantar la sesión."
        )
    en_debate = list(sesion.puntos.filter(estado=PuntoAgenda.Estado.EN_DEBATE).values_list("pk", flat=True))
    PuntoAgenda.objects.filter(pk__in=en_debate).update(estado=PuntoAgenda.Estado.PENDIENTE)
    antes = instantanea(sesion, ["estado", "levantada_en"])
    sesion.estado = Sesion.Estado.LEVANTADA
    sesion.levantada_en = ahora or timezone.now()
    sesion.save(update_fields=["estado", "levantada_en"])
    despues = instantanea(sesion, ["estado", "levantada_en"])
    despues["puntos_sin_concluir"] = en_debate
    _auditar(por, "concejo.sesion.levantar", sesion, antes, despues)
    return sesion


# --- Puntos del orden del día ---------------------------------------------------------------------


def _bloquear_punto(punto: PuntoAgenda) -> tuple[Sesion, PuntoAgenda]:
    sesion = bloquear_sesion(punto.sesion)
    return sesion, PuntoAgenda.objects.select_for_update().get(pk=punto.pk)


@transaction.atomic
def tomar_punto(*, punto: PuntoAgenda, por) -> PuntoAgenda:
    """Pone en debate un punto pendiente (o postergado dentro de la misma sesión). Uno a la vez: el
    anterior se termina antes (votado, tratado, retirado, postergado o a comisión)."""
    sesion, punto = _bloquear_punto(punto)
    exigir_en_curso(sesion, "poner un punto en debate", suspendida=False)
    if punto.estado not in (PuntoAgenda.Estado.PENDIENTE, PuntoAgenda.Estado.POSTERGADO):
        raise ValidationError(
            f"El punto {punto.orden} está {punto.get_estado_display().lower()}: no se pone en debate."
        )
    otro = sesion.puntos.filter(estado=PuntoAgenda.Estado.EN_DEBATE).exclude(pk=punto.pk).first()
    if otro is not None:
        raise ValidationError(f"El punto {otro.orden} sigue en debate: termínelo antes de pasar a otro.")
    antes = punto.estado
    punto.estado = PuntoAgenda.Estado.EN_DEBATE
    punto.save(update_fields=["estado"])
    _auditar(por, "concejo.punto.tomar", punto, {"estado": antes}, {"estado": punto.estado})
    return punto


@transaction.atomic
def anotar_debate(*, punto: PuntoAgenda, notas: str, por) -> PuntoAgenda:
    """Guarda las notas del debate del punto (el texto completo, que reemplaza al anterior)."""
    sesion, punto = _bloquear_punto(punto)
    exigir_en_curso(sesion, "anotar el debate")
    notas = notas.strip()
    if len(notas) > 20000:
        raise ValidationError({"notas": ["Las notas del debate no pueden pasar de 20.000 caracteres."]})
    antes = punto.notas
    punto.notas = notas
    punto.save(update_fields=["notas"])
    _auditar(por, "concejo.punto.notas", punto, {"notas": antes}, {"notas": notas})
    return punto


@transaction.atomic
def agregar_intervencion(
    *, punto: PuntoAgenda, resumen: str, miembro: Miembro | None = None, orador: str = "", por
) -> Intervencion:
    """Anota quién habló (un miembro del órgano u otro orador, p. ej. un funcionario invitado) y el
    resumen de lo que dijo, en el orden en que habló."""
    sesion, punto = _bloquear_punto(punto)
    exigir_en_curso(sesion, "anotar intervenciones")
    errores: dict[str, list[str]] = {}
    orador = orador.strip()
    resumen = resumen.strip()
    if (miembro is None) == (not orador):
        errores["orador"] = ["Indique un miembro del concejo o el nombre de otro orador (uno de los dos)."]
    if miembro is not None and not any(m.pk == miembro.pk for m in miembros_convocados(sesion)):
        errores["miembro"] = [f"{miembro} no integra {sesion.organo} el día de la sesión."]
    if not resumen:
        errores["resumen"] = ["Escriba un resumen de la intervención."]
    if len(orador) > 200:
        errores["orador"] = ["El nombre del orador no puede pasar de 200 caracteres."]
    if errores:
        raise ValidationError(errores)
    orden = (punto.intervenciones.aggregate(m=Max("orden"))["m"] or 0) + 1
    intervencion = Intervencion.objects.create(
        punto=punto, miembro=miembro, orador=orador, resumen=resumen, orden=orden
    )
    _auditar(
        por,
        "concejo.intervencion.agregar",
        intervencion,
        None,
        instantanea(intervencion, ["punto", "miembro", "orador", "resumen", "orden"]),
    )
    return intervencion


@transaction.atomic
def resolver_sin_voto(*, punto: PuntoAgenda, estado: str, motivo: str = "", por) -> PuntoAgenda:
    """Termina un punto sin votarlo: tratado (solo si estuvo en debate), retirado, postergado o enviado a
    comisión. El motivo queda en las notas del debate y en el evento."""
    sesion, punto = _bloquear_punto(punto)
    exigir_en_curso(sesion, "resolver un punto", suspendida=False)
    if estado not in RESOLUCIONES_SIN_VOTO:
        raise ValidationError({"estado": ["Elija tratado, retirado, postergado o a comisión."]})
    permitidos = [PuntoAgenda.Estado.EN_DEBATE]
    if estado != PuntoAgenda.Estado.TRATADO:
        permitidos.append(PuntoAgenda.Estado.PENDIENTE)
    if punto.estado not in permitidos:
        raise ValidationError(
            f"El punto {punto.orden} está {punto.get_estado_display().lower()}: no puede quedar "
            f"{RESOLUCIONES_SIN_VOTO[PuntoAgenda.Estado(estado)]}."
        )
    if punto.votaciones.filter(estado__in=[Votacion.Estado.ABIERTA, Votacion.Estado.CERRADA]).exists():
        raise ValidationError(
            f"El punto {punto.orden} tiene una votación sin confirmar: confírmela o anúlela."
        )
    motivo = motivo.strip()
    antes = instantanea(punto, ["estado", "notas"])
    punto.estado = estado
    if motivo:
        linea = f"{PuntoAgenda.Estado(estado).label}: {motivo}"
        punto.notas = f"{punto.notas}\n\n{linea}".strip()
    punto.save(update_fields=["estado", "notas"])
    despues = instantanea(punto, ["estado", "notas"])
    despues["motivo"] = motivo
    _auditar(por, "concejo.punto.resolver", punto, antes, despues)
    return punto
