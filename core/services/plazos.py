"""LA función de plazos: todo vencimiento del sistema se calcula aquí (ARCHITECTURE.md, invariante 4).

Reglas (DOMAIN.md, «Working days»):
- Un plazo en días hábiles empieza el día hábil siguiente a la recepción (EC COA art. 158; CO).
- Lo presentado en cualquier momento de un día hábil cuenta como de ese día (PE Ley 31465); lo
  presentado en día inhábil se tiene por recibido el día hábil siguiente, y se cuenta desde el siguiente.
- Un plazo en días calendario cuenta desde el día siguiente; si vence en día inhábil, se corre al
  siguiente día hábil.
- Las pausas (plazo suspendido mientras se espera al ciudadano, p. ej. PE art. 136) no cuentan.
- Las prórrogas añaden días del mismo tipo.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from core.models import Municipio
from core.services.calendario import DIAS_SEMANA, Calendario

HABILES = "habiles"
CALENDARIO = "calendario"
# Tope de seguridad: un calendario mal cargado (todo inhábil) no debe colgar el servidor.
_MAX_DIAS_RECORRIDOS = 3660


@dataclass(frozen=True)
class Plazo:
    vence: date
    recepcion: date
    dias: int
    tipo: str
    dias_contados: list[date] = field(default_factory=list)
    explicacion: list[str] = field(default_factory=list)


def _fecha_txt(d: date) -> str:
    return f"{d:%Y-%m-%d} ({DIAS_SEMANA[d.weekday()]})"


def _en_pausa(d: date, pausas) -> bool:
    return any(inicio <= d <= fin for inicio, fin in pausas)


def _a_fecha(desde: date | datetime, municipio: Municipio | None) -> date:
    if isinstance(desde, datetime):
        if timezone.is_naive(desde):
            return desde.date()
        zona = ZoneInfo(municipio.zona_horaria if municipio else settings.TIME_ZONE)
        return desde.astimezone(zona).date()
    return desde


def _calendario(municipio: Municipio | None, perfil: str | None) -> Calendario:
    if municipio is None and perfil is None:
        municipio = Municipio.objects.actual()
    return Calendario(municipio=municipio, perfil=perfil)


def _recepcion_efectiva(cal: Calendario, fecha: date, explicacion: list[str] | None) -> date:
    d = fecha
    for _ in range(_MAX_DIAS_RECORRIDOS):
        habil, motivo = cal.es_habil(d)
        if habil:
            if explicacion is not None:
                if d == fecha:
                    explicacion.append(
                        f"{_fecha_txt(d)}: recepción (día hábil); se cuenta desde el día siguiente"
                    )
                else:
                    explicacion.append(f"{_fecha_txt(d)}: se tiene por recibido este día hábil")
            return d
        if explicacion is not None:
            texto = "recibido en día inhábil" if d == fecha else "inhábil"
            explicacion.append(f"{_fecha_txt(d)}: {texto} — {motivo}")
        d += timedelta(days=1)
    raise ValueError("El calendario no tiene días hábiles en los próximos diez años: revíselo.")


def calcular_plazo(
    *,
    desde: date | datetime,
    dias: int,
    tipo: str = HABILES,
    municipio: Municipio | None = None,
    perfil: str | None = None,
    pausas: list[tuple[date, date]] | tuple = (),
    prorroga: int = 0,
    explicar: bool = False,
) -> Plazo:
    """Fecha en que vence un plazo de `dias` (hábiles o calendario) contado desde `desde`.

    Usa los feriados nacionales del perfil (el del municipio si no se da) y, con `municipio`, su
    calendario local; sin ninguno de los dos, el municipio de la instalación. Las `pausas` son
    intervalos (inicio, fin) inclusivos en que el plazo está suspendido; `prorroga` añade días del mismo
    tipo. Con `explicar`, la explicación lista cada día contado o saltado y por qué. Datos inválidos lanzan `ValueError`.
    """
    if tipo not in (HABILES, CALENDARIO):
        raise ValueError(f"Tipo de plazo desconocido: «{tipo}». Use «habiles» o «calendario».")
    if dias < 0 or prorroga < 0:
        raise ValueError("Los días del plazo y de la prórroga no pueden ser negativos.")
    pausas = [(a, b) for a, b in pausas]
    if any(b < a for a, b in pausas):
        raise ValueError("Una pausa termina antes de empezar.")
    cal = _calendario(municipio, perfil)
    explicacion: list[str] | None = [] if explicar else None
    recepcion = _recepcion_efectiva(cal, _a_fecha(desde, municipio), explicacion)
    total = dias + prorroga
    contados: list[date] = []
    d = recepcion
    for _ in range(_MAX_DIAS_RECORRIDOS):
        if len(contados) >= total:
            break
        d += timedelta(days=1)
        if _en_pausa(d, pausas):
            if explicacion is not None:
                explicacion.append(f"{_fecha_txt(d)}: no se cuenta — plazo suspendido (pausa)")
            continue
        if tipo == HABILES:
            habil, motivo = cal.es_habil(d)
            if not habil:
                if explicacion is not None:
                    explicacion.append(f"{_fecha_txt(d)}: no se cuenta — {motivo}")
                continue
        contados.append(d)
        if explicacion is not None:
            prorrogado = " (prórroga)" if len(contados) > dias else ""
            explicacion.append(f"{_fecha_txt(d)}: día {len(contados)} de {total}{prorrogado}")
    else:
        raise ValueError("El plazo no vence en los próximos diez años: revise el calendario y las pausas.")
    vence = contados[-1] if contados else recepcion
    if tipo == CALENDARIO:
        # Un plazo en días calendario que vence en día inhábil se corre al siguiente día hábil.
        while not (habil_motivo := cal.es_habil(vence))[0]:
            if explicacion is not None:
                explicacion.append(f"{_fecha_txt(vence)}: vence en día inhábil ({habil_motivo[1]}); se corre")
            vence += timedelta(days=1)
    if explicacion is not None:
        explicacion.append(f"Vence: {_fecha_txt(vence)}")
    return Plazo(
        vence=vence,
        recepcion=recepcion,
        dias=total,
        tipo=tipo,
        dias_contados=contados,
        explicacion=explicacion or [],
    )


def dias_habiles_entre(
    a: date | datetime,
    b: date | datetime,
    *,
    municipio: Municipio | None = None,
    perfil: str | None = None,
    pausas: list[tuple[date, date]] | tuple = (),
) -> int:
    """Días hábiles usados entre la recepción `a` y la fecha `b` (inclusive), con las mismas reglas que
    `calcular_plazo`: si `calcular_plazo(desde=a, dias=n).vence == b`, devuelve `n`. Cero si `b` no es
    posterior a la recepción efectiva. Sirve a los informes de cumplimiento de plazos.
    """
    cal = _calendario(municipio, perfil)
    inicio = _recepcion_efectiva(cal, _a_fecha(a, municipio), None)
    fin = _a_fecha(b, municipio)
    n, d = 0, inicio + timedelta(days=1)
    while d <= fin:
        if not _en_pausa(d, pausas) and cal.es_habil(d)[0]:
            n += 1
        d += timedelta(days=1)
    return n
