"""Lecturas de las votaciones de una sesión: las reglas del día (formas, mayorías, si el alcalde vota),
quiénes están en sala, quiénes faltan votar y quién dirime. Las usan los servicios de
`concejo.services.votaciones`, el panel de la votación en la pantalla en vivo y la API."""

from __future__ import annotations

from datetime import date, timedelta

from concejo.models import Miembro, PuntoAgenda, Sesion, Votacion
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
