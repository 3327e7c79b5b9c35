"""Lecturas de las votaciones de una sesión: las reglas del día (formas, mayorías, si el alcalde vota),
quiénes están en sala, quiénes faltan votar y quién dirime. Las usan los servicios de
`concejo.services.votaciones`, el panel de la votación en la pantalla en vivo y la API."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from concejo.models import Decision, Miembro, PuntoAgenda, Sesion, Votacion
from concejo.reglas import MAYORIAS
from concejo.selectors.cuerpo import ReglasConcejo, reglas_del_concejo
from concejo.selectors.en_vivo import fecha_de
from core.services.plazos import calcular_plazo


def reglas_de_la_sesion(sesion: Sesion) -> ReglasConcejo:
    """Las reglas del concejo vigentes el día de la sesión."""
    return reglas_del_concejo(fecha_de(sesion))


def formas_permitidas(sesion: Sesion) -> list[tuple[str, str]]:
    """Las formas de votación que el perfil admite el día de la sesión, con su nombre."""
    admitidas = list(reglas_de_la_sesion(sesion).votaciones)
    return [(c, n) for c, n in Votacion.Forma.choices if c in admitidas]


def mayorias() -> dict[str, str]:
    """Código → nombre de las mayorías que se pueden exigir (`concejo.reglas.MAYORIAS`)."""
    return MAYORIAS


def mayoria_del_punto(punto: PuntoAgenda) -> str:
    """La mayoría que exige el punto: la suya, o la general del perfil."""
    return punto.mayoria or reglas_de_la_sesion(punto.sesion).mayoria


def en_sala(sesion: Sesion) -> set[int]:
    """Los ids de los miembros en sala (presentes y no retirados)."""
    return set(sesion.asistencias.en_sala().values_list("miembro_id", flat=True))


def solo_dirime(miembro: Miembro, sesion: Sesion, reglas: ReglasConcejo | None = None) -> bool:
    """Si `miembro` es el alcalde y el perfil le da solo el voto dirimente (no vota en lo ordinario)."""
    if not (sesion.organo.es_pleno and miembro.rol == Miembro.Rol.ALCALDE):
        return False
    return not (reglas or reglas_de_la_sesion(sesion)).alcalde_vota


def faltan_votar(votacion: Votacion) -> list[Miembro]:
    """Los miembros en sala que aún no votaron en una votación nominal (sin el alcalde que solo dirime)."""
    sesion = votacion.sesion
    votaron = set(votacion.votos.values_list("miembro_id", flat=True))
    presentes = en_sala(sesion)
    reglas = reglas_de_la_sesion(sesion)
    return [
        m
        for m in Miembro.objects.filter(pk__in=presentes - votaron)
        .select_related("persona")
        .order_by("orden", "id")
        if not solo_dirime(m, sesion, reglas)
    ]


def quien_dirime(sesion: Sesion) -> Miembro | None:
    """Quien tiene el voto dirimente: quien preside la sesión o, si no se anotó, el alcalde del periodo."""
    if sesion.preside_id:
        return sesion.preside
    return sesion.organo.periodo.miembros.filter(rol=Miembro.Rol.ALCALDE).order_by("orden", "id").first()


def problema_del_intervalo(
    regla: ReglasConcejo, *, primero: Sesion, segundo: Sesion, desde: date
) -> str | None:
    """Si el segundo debate en `segundo` no cumple `concejo.segundo_debate` respecto del primero (dado en
    `primero`, contado `desde` esa fecha), el motivo en español; si cumple, None. Colombia (Ley 136, art.
    73): el primero en la comisión permanente, el segundo en el pleno y al menos 3 días calendario entre
    ambos; por omisión, solo días distintos."""
    forma = regla.segundo_debate
    if forma.get("primero_en") == "comision":
        if primero.organo.es_pleno:
            return (
                "El primer debate de este instrumento se da en una comisión permanente, no en el pleno "
                "(regla concejo.segundo_debate del perfil)."
            )
        if not segundo.organo.es_pleno:
            return "El segundo debate se da en sesión plenaria del concejo, no en una comisión."
    dias = int(forma.get("dias_minimos", 1))
    unidad = forma.get("unidad", "calendario")
    if unidad == "habiles":
        minimo = calcular_plazo(desde=desde, dias=dias, tipo="habiles").vence
    else:
        minimo = desde + timedelta(days=dias)
    if fecha_de(segundo) < minimo:
        nombre = "hábiles" if unidad == "habiles" else "calendario"
        return (
            f"Entre el primer debate ({desde:%d/%m/%Y}) y el segundo deben mediar al menos {dias} "
            f"{'día' if dias == 1 else 'días'} {nombre}: el segundo debate puede ser desde el "
            f"{minimo:%d/%m/%Y}."
        )
    return None


# --- Reconsideración y firmeza ---------------------------------------------------------------------


@dataclass(frozen=True)
class PlazoDeReconsideracion:
    """El plazo para pedir la reconsideración de una votación: `dias` de `unidad` desde el día de su sesión."""

    dias: int
    unidad: str  # "habiles" | "calendario"
    desde: date
    vence: date
    clave: str  # la regla del perfil que lo fija

    @property
    def texto(self) -> str:
        return f"{self.dias} días {'hábiles' if self.unidad == 'habiles' else 'calendario'} desde el {self.desde:%d/%m/%Y}"


def plazo_de_reconsideracion(votacion: Votacion) -> PlazoDeReconsideracion | None:
    """El plazo de reconsideración de `votacion` según el perfil el día de su sesión, o None si no lo hay.

    Primero `concejo.reconsideracion` (el que fija la ley), si aplica a la materia de la votación (sus
    `materias` son las de las mayorías especiales: la votación es de esa materia si exige esa mayoría;
    sin materias, a todas); si no, `concejo.reconsideracion_dias` (días hábiles, del reglamento interno).
    Perú: 15 días hábiles solo para la vacancia (LOM art. 23); Colombia: la ley no da ninguno."""
    regla = reglas_de_la_sesion(votacion.sesion)
    desde = fecha_de(votacion.sesion)
    dias, unidad, clave = None, "habiles", ""
    ley = regla.reconsideracion
    if ley:
        materias = list(ley.get("materias") or [])
        codigos = {e.get("materia"): e.get("codigo") for e in regla.mayorias_especiales}
        if not materias or any(codigos.get(m) == votacion.mayoria for m in materias):
            dias, unidad, clave = int(ley["dias"]), ley.get("unidad", "habiles"), "concejo.reconsideracion"
    if dias is None and regla.reconsideracion_dias:
        dias, clave = int(regla.reconsideracion_dias), "concejo.reconsideracion_dias"
    if not dias:
        return None
    vence = calcular_plazo(desde=desde, dias=dias, tipo=unidad).vence
    return PlazoDeReconsideracion(dias, unidad, desde, vence, clave)


def reconsideracion_pendiente(votacion: Votacion) -> bool:
    """Si se pidió la reconsideración de `votacion` y aún no se resolvió (sin votación de reconsideración
    confirmada), o hay una votación de reconsideración abierta o por confirmar."""
    vivas = votacion.reconsideraciones.exclude(estado=Votacion.Estado.ANULADA)
    if vivas.exclude(estado=Votacion.Estado.CONFIRMADA).exists():
        return True
    return votacion.reconsideracion_pedida_en is not None and not vivas.exists()


@dataclass(frozen=True)
class Firmeza:
    """Si una decisión ya está firme (se puede registrar como acto) y por qué; si no, desde cuándo lo será."""

    firme: bool
    motivo: str
    desde: date | None = None


def decision_firme(decision: Decision, hoy: date | None = None) -> Firmeza:
    """Si `decision` está firme `hoy`: su plazo de reconsideración venció sin pedido pendiente, o el perfil
    no prevé reconsideración para ella, o se votó con dispensa del trámite de aprobación de actas (efecto
    inmediato). Si no, el motivo en español dice cuándo quedará firme. La usa el registro de actos antes de
    registrar la decisión."""
    hoy = hoy or timezone.localdate()
    votacion = decision.votacion
    if votacion is None:
        return Firmeza(True, "La decisión no viene de una votación registrada en el sistema.")
    if votacion.dispensa_actas:
        return Firmeza(
            True, "Se votó con dispensa del trámite de aprobación de actas: rige desde la votación."
        )
    if reconsideracion_pendiente(votacion):
        pedida = votacion.reconsideracion_pedida_en
        cuando = f" el {pedida:%d/%m/%Y}" if pedida else ""
        return Firmeza(
            False,
            f"Se pidió la reconsideración de esta decisión{cuando}: quedará firme (o sin efecto) cuando el "
            "concejo vote y confirme la reconsideración.",
        )
    plazo = plazo_de_reconsideracion(votacion)
    if plazo is None:
        return Firmeza(
            True, "El perfil no prevé reconsideración para esta decisión: está firme desde la votación."
        )
    if votacion.reconsideraciones.filter(estado=Votacion.Estado.CONFIRMADA).exists():
        return Firmeza(True, "Su reconsideración ya se votó y se confirmó.")
    if hoy <= plazo.vence:
        firme_desde = plazo.vence + timedelta(days=1)
        return Firmeza(
            False,
            f"Aún puede pedirse su reconsideración ({plazo.texto}, hasta el {plazo.vence:%d/%m/%Y}): quedará "
            f"firme el {firme_desde:%d/%m/%Y} si nadie la pide.",
            firme_desde,
        )
    return Firmeza(
        True, f"Venció el plazo de reconsideración ({plazo.texto}) sin pedido pendiente.", plazo.vence
    )


def con_reconsideracion(votos) -> list[Votacion]:
    """Las votaciones de la sesión, cada una con lo que la pantalla muestra de su reconsideración: el plazo
    del perfil (`plazo_reconsideracion`, None si el perfil no la prevé: nada que mostrar), si ya se pidió
    (día, quién, fundamento, en la votación misma) y si aún puede pedirse (`reconsideracion_abierta`)."""
    hoy = timezone.localdate()
    lista = list(votos)
    con_decision_registrada = set(
        Decision.objects.filter(
            votacion__in=[v.pk for v in lista], estado=Decision.Estado.REGISTRADA
        ).values_list("votacion_id", flat=True)
    )
    reconsideradas = set(
        Votacion.objects.filter(reconsideracion_de__in=[v.pk for v in lista])
        .exclude(estado=Votacion.Estado.ANULADA)
        .values_list("reconsideracion_de_id", flat=True)
    )
    for v in lista:
        v.plazo_reconsideracion = None
        v.reconsideracion_abierta = False
        if v.estado != Votacion.Estado.CONFIRMADA or v.resultado == Votacion.Resultado.EMPATE:
            continue
        v.plazo_reconsideracion = plazo_de_reconsideracion(v)
        v.reconsideracion_abierta = (
            v.plazo_reconsideracion is not None
            and v.reconsideracion_pedida_en is None
            and hoy <= v.plazo_reconsideracion.vence
            and v.pk not in con_decision_registrada
            and v.pk not in reconsideradas
        )
    return lista
