"""LA función de plazos: todo vencimiento del sistema se calcula aquí (ARCHITECTURE.md, invariante 4).

Reglas (DOMAIN.md, «Working days»):
- Un plazo en días hábiles empieza el día hábil siguiente a la recepción (EC COA art. 158; CO).
- Lo presentado en cualquier momento de un día hábil cuenta como de ese día (PE Ley 31465); lo
  presentado en día inhábil se tiene por recibido el día hábil siguiente, y se cuenta desde el siguiente.
- Un plazo en días calendario cuenta desde el día siguiente; si vence en día inhábil, se corre al
  siguiente día hábil.
- Las pausas (plazo suspendido mientras se espera al ciudadano, p. ej. PE art. 136) no cuentan.
- Las prórrogas añaden días del mismo tipo.
- Un plazo en meses o años corre de fecha a fecha (EC COA art. 160): vence el mismo día del mes (o del año)
  de vencimiento. Si ese mes no tiene tal día, el perfil dice qué pasa (`plazos.dia_faltante`: el último
  día del mes, PE CC 183, EC COA 160, CO CGP 118; o el primer día hábil del mes siguiente, MX-Zacatecas),
  y si vence en día inhábil, se corre al siguiente hábil donde el perfil lo dice
  (`plazos.vencimiento_inhabil`, CO Ley 4 de 1913 art. 62).
- Cada plazo de un perfil nombra su unidad: `{ cantidad = 2, unidad = "dias_habiles" }`
  (`dias_habiles`, `dias_calendario`, `meses`, `anios`); `regla_de_plazo` lo lee, y también la forma
  antigua (`plazos.<nombre>_dias`, un entero en los días de `plazos.tipo_computo`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from core.models import Municipio
from core.services import perfiles
from core.services.calendario import DIAS_SEMANA, Calendario

HABILES = "habiles"
CALENDARIO = "calendario"
# Unidades de los plazos del perfil (`{ cantidad = N, unidad = "..." }`).
DIAS_HABILES = "dias_habiles"
DIAS_CALENDARIO = "dias_calendario"
MESES = "meses"
ANIOS = "anios"
UNIDADES = {
    DIAS_HABILES: ("día hábil", "días hábiles"),
    DIAS_CALENDARIO: ("día calendario", "días calendario"),
    MESES: ("mes", "meses"),
    ANIOS: ("año", "años"),
}
# `plazos.dia_faltante`: qué pasa cuando el mes de vencimiento no tiene el día de inicio (31/01 + 1 mes).
ULTIMO_DEL_MES = "ultimo_del_mes"
PRIMER_HABIL_SIGUIENTE = "primer_habil_siguiente"
# `plazos.vencimiento_inhabil`: un plazo en meses o años que vence en día inhábil.
SIGUIENTE_HABIL = "siguiente_habil"
MISMO_DIA = "mismo_dia"
# `plazos.computo_meses`: cómo corre un plazo en meses o años (EC COA art. 160: de fecha a fecha).
FECHA_A_FECHA = "fecha_a_fecha"
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
    # Plazos en meses o años (`calcular_plazo_meses`): la cantidad en su unidad y las reglas del perfil
    # aplicadas, cada una con su fuente («clave: valor — fuente [confianza]»).
    cantidad: int = 0
    unidad: str = ""
    reglas_aplicadas: list[str] = field(default_factory=list)


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


# --- Plazos en meses y años -------------------------------------------------------------------------


def _regla_texto(regla: perfiles.Regla) -> str:
    origen = "regla local" if regla.local else f"confianza {regla.confianza}"
    return f"{regla.clave} = {regla.valor!r} — {regla.fuente} [{origen}]"


def _regla_de_computo(cal: Calendario, clave: str, fecha: date, validos: tuple[str, ...]) -> perfiles.Regla:
    regla = perfiles.regla_vigente(clave, municipio=cal.municipio, perfil=cal.perfil.codigo, fecha=fecha)
    if regla.valor not in validos:
        raise perfiles.ErrorPerfil(
            f"La regla «{clave}» vale «{regla.valor}»; debe ser {' o '.join(f'«{v}»' for v in validos)}."
        )
    return regla


def _primer_habil_desde(cal: Calendario, d: date, explicacion: list[str]) -> date:
    for _ in range(_MAX_DIAS_RECORRIDOS):
        habil, motivo = cal.es_habil(d)
        if habil:
            return d
        explicacion.append(f"{_fecha_txt(d)}: inhábil ({motivo}); se corre al día siguiente")
        d += timedelta(days=1)
    raise ValueError("El calendario no tiene días hábiles en los próximos diez años: revíselo.")


def calcular_plazo_meses(
    *,
    desde: date | datetime,
    meses: int = 0,
    anios: int = 0,
    municipio: Municipio | None = None,
    perfil: str | None = None,
) -> Plazo:
    """Fecha en que vence un plazo de `meses` y/o `anios` contado de fecha a fecha desde `desde`.

    La recepción efectiva es la de `calcular_plazo` (lo presentado en día inhábil se tiene por recibido el
    día hábil siguiente). El vencimiento es el mismo día del mes (o del año) de llegada; si ese mes no tiene
    tal día, manda `plazos.dia_faltante` del perfil (o la regla local): `ultimo_del_mes` o
    `primer_habil_siguiente`. Si vence en día inhábil, `plazos.vencimiento_inhabil` dice si se corre al
    siguiente hábil (`siguiente_habil`) o no (`mismo_dia`). La explicación y `reglas_aplicadas` dicen qué
    reglas se usaron, con su fuente. Datos inválidos lanzan `ValueError` (o `ErrorPerfil`) en español.
    """
    if meses < 0 or anios < 0:
        raise ValueError("Los meses y los años del plazo no pueden ser negativos.")
    if meses == 0 and anios == 0:
        raise ValueError("Un plazo en meses o años necesita al menos un mes o un año.")
    cal = _calendario(municipio, perfil)
    explicacion: list[str] = []
    presentado = _a_fecha(desde, municipio)
    recepcion = _recepcion_efectiva(cal, presentado, None)
    if recepcion == presentado:
        explicacion.append(f"{_fecha_txt(recepcion)}: recepción (día hábil); el plazo corre desde esta fecha")
    else:
        explicacion.append(
            f"{_fecha_txt(presentado)}: recibido en día inhábil; se tiene por recibido el {_fecha_txt(recepcion)}"
        )
    partes = []
    if anios:
        partes.append(f"{anios} {UNIDADES[ANIOS][0] if anios == 1 else UNIDADES[ANIOS][1]}")
    if meses:
        partes.append(f"{meses} {UNIDADES[MESES][0] if meses == 1 else UNIDADES[MESES][1]}")
    cantidad_txt = " y ".join(partes)
    # relativedelta lleva de fecha a fecha y, si el mes de llegada es más corto, se queda en su último día.
    llegada = recepcion + relativedelta(years=anios, months=meses)
    computo = _regla_de_computo(cal, "plazos.computo_meses", recepcion, (FECHA_A_FECHA,))
    aplicadas: list[str] = [_regla_texto(computo)]
    if llegada.day == recepcion.day:
        vence = llegada
        explicacion.append(
            f"{cantidad_txt} de fecha a fecha desde el {recepcion:%d/%m/%Y}: {_fecha_txt(vence)} (plazos.computo_meses)"
        )
    else:
        regla = _regla_de_computo(
            cal, "plazos.dia_faltante", recepcion, (ULTIMO_DEL_MES, PRIMER_HABIL_SIGUIENTE)
        )
        aplicadas.append(_regla_texto(regla))
        faltante = f"{recepcion.day:02d}/{llegada:%m/%Y}"
        if regla.valor == ULTIMO_DEL_MES:
            vence = llegada
            explicacion.append(
                f"{cantidad_txt} desde el {recepcion:%d/%m/%Y}: el {faltante} no existe; vence el último día "
                f"del mes, {_fecha_txt(vence)} (plazos.dia_faltante)"
            )
        else:
            siguiente = llegada + timedelta(days=1)  # el día 1 del mes siguiente
            explicacion.append(
                f"{cantidad_txt} desde el {recepcion:%d/%m/%Y}: el {faltante} no existe; vence el primer día "
                "hábil del mes siguiente (plazos.dia_faltante)"
            )
            vence = _primer_habil_desde(cal, siguiente, explicacion)
    habil, motivo = cal.es_habil(vence)
    if not habil:
        regla = _regla_de_computo(cal, "plazos.vencimiento_inhabil", recepcion, (SIGUIENTE_HABIL, MISMO_DIA))
        aplicadas.append(_regla_texto(regla))
        if regla.valor == SIGUIENTE_HABIL:
            explicacion.append(
                f"{_fecha_txt(vence)}: vence en día inhábil ({motivo}); se corre al siguiente día hábil "
                "(plazos.vencimiento_inhabil)"
            )
            vence = _primer_habil_desde(cal, vence + timedelta(days=1), explicacion)
        else:
            explicacion.append(
                f"{_fecha_txt(vence)}: día inhábil ({motivo}), pero el plazo no se corre (plazos.vencimiento_inhabil)"
            )
    explicacion.append(f"Vence: {_fecha_txt(vence)}")
    return Plazo(
        vence=vence,
        recepcion=recepcion,
        dias=(vence - recepcion).days,
        tipo=ANIOS if anios and not meses else MESES,
        explicacion=explicacion,
        cantidad=anios if anios and not meses else anios * 12 + meses,
        unidad=ANIOS if anios and not meses else MESES,
        reglas_aplicadas=aplicadas,
    )


# --- Plazos del perfil con su unidad ----------------------------------------------------------------


@dataclass(frozen=True)
class ReglaPlazo:
    """Un plazo del perfil (o de una regla local): cantidad, unidad y de dónde sale."""

    clave: str
    cantidad: int
    unidad: str
    fuente: str
    confianza: str
    local: bool = False

    @property
    def texto(self) -> str:
        singular, plural = UNIDADES[self.unidad]
        return f"{self.cantidad} {singular if self.cantidad == 1 else plural}"


def validar_regla_de_plazo(valor: Any) -> tuple[int, str]:
    """La cantidad y la unidad de un plazo escrito `{ cantidad = N, unidad = "..." }`; si no sirve, lanza
    `ErrorPerfil` con un mensaje en español."""
    if isinstance(valor, dict):
        cantidad, unidad = valor.get("cantidad"), valor.get("unidad")
        if (
            set(valor) == {"cantidad", "unidad"}
            and type(cantidad) is int
            and cantidad >= 0
            and unidad in UNIDADES
        ):
            return cantidad, unidad
    raise perfiles.ErrorPerfil(
        'Un plazo se escribe como {"cantidad": 2, "unidad": "dias_habiles"}; la unidad es '
        f"{', '.join(UNIDADES)} y la cantidad un entero no negativo (se leyó {valor!r})."
    )


def _tipo_computo_como_unidad(tipo: str) -> str:
    if tipo == HABILES:
        return DIAS_HABILES
    if tipo == CALENDARIO:
        return DIAS_CALENDARIO
    raise perfiles.ErrorPerfil(f"plazos.tipo_computo vale «{tipo}»; debe ser «habiles» o «calendario».")


def _regla_o_nada(clave: str, **donde: Any) -> perfiles.Regla | None:
    try:
        return perfiles.regla_vigente(clave, **donde)
    except perfiles.ClaveDesconocida:
        return None


def regla_de_plazo(
    nombre: str, *, municipio: Municipio | None = None, perfil: str | None = None, fecha: date | None = None
) -> ReglaPlazo:
    """El plazo `plazos.<nombre>` vigente en `fecha` con su unidad (p. ej. `regla_de_plazo("subsanacion")`).

    Orden: la regla local de `plazos.<nombre>`; una regla local antigua `plazos.<nombre>_dias` (un entero,
    en los días de `plazos.tipo_computo`: así siguen valiendo las que el municipio ya fijó); la del perfil; y
    la forma antigua del perfil. Sin ninguna, `ClaveDesconocida`; con una mal escrita, `ErrorPerfil`.
    """
    donde: dict[str, Any] = {"municipio": municipio, "perfil": perfil, "fecha": fecha}
    nueva = _regla_o_nada(f"plazos.{nombre}", **donde)
    antigua = _regla_o_nada(f"plazos.{nombre}_dias", **donde)
    regla: perfiles.Regla | None
    if nueva is not None and nueva.local:
        regla = nueva
    elif antigua is not None and antigua.local:
        regla = antigua
    else:
        regla = nueva or antigua
    if regla is None:
        raise perfiles.ClaveDesconocida(f"El perfil no fija el plazo «plazos.{nombre}».")
    if regla is antigua:
        if type(regla.valor) is not int or regla.valor < 0:
            raise perfiles.ErrorPerfil(f"La regla «{regla.clave}» debe ser un número entero de días.")
        cantidad, unidad = (
            regla.valor,
            _tipo_computo_como_unidad(perfiles.valor("plazos.tipo_computo", **donde)),
        )
    else:
        cantidad, unidad = validar_regla_de_plazo(regla.valor)
    return ReglaPlazo(
        clave=regla.clave,
        cantidad=cantidad,
        unidad=unidad,
        fuente=regla.fuente,
        confianza=regla.confianza,
        local=regla.local,
    )


def calcular_vencimiento(
    *,
    desde: date | datetime,
    cantidad: int,
    unidad: str,
    municipio: Municipio | None = None,
    perfil: str | None = None,
    pausas: list[tuple[date, date]] | tuple = (),
    explicar: bool = False,
) -> Plazo:
    """El vencimiento de un plazo de `cantidad` en `unidad` (`dias_habiles`, `dias_calendario`, `meses` o
    `anios`): los días con `calcular_plazo`, los meses y años con `calcular_plazo_meses`. Las pausas solo
    valen para plazos en días."""
    if unidad not in UNIDADES:
        raise ValueError(f"Unidad de plazo desconocida: «{unidad}». Use {', '.join(UNIDADES)}.")
    if unidad in (MESES, ANIOS):
        if pausas:
            raise ValueError("Las pausas solo se aplican a plazos en días.")
        return calcular_plazo_meses(
            desde=desde,
            meses=cantidad if unidad == MESES else 0,
            anios=cantidad if unidad == ANIOS else 0,
            municipio=municipio,
            perfil=perfil,
        )
    return calcular_plazo(
        desde=desde,
        dias=cantidad,
        tipo=HABILES if unidad == DIAS_HABILES else CALENDARIO,
        municipio=municipio,
        perfil=perfil,
        pausas=pausas,
        explicar=explicar,
    )


# --- Anticipación (avisos y citaciones) -------------------------------------------------------------


def anticipacion_completa(
    *,
    notificado: date | datetime,
    cantidad: int,
    unidad: str,
    municipio: Municipio | None = None,
    perfil: str | None = None,
) -> date:
    """El último día de una anticipación de `cantidad` días (`dias_habiles` o `dias_calendario`) contada
    desde una notificación: el acto anunciado cumple si es posterior a ese día.

    En días calendario se cuenta desde el día mismo de la notificación, sea hábil o no (una citación del
    sábado para el miércoles cumple 3 días: domingo, lunes y martes). En días hábiles, como `calcular_plazo`:
    desde el día hábil siguiente a la recepción efectiva.
    """
    if unidad == DIAS_CALENDARIO:
        if cantidad < 0:
            raise ValueError("Los días de anticipación no pueden ser negativos.")
        if municipio is None and perfil is None:
            municipio = Municipio.objects.actual()  # su zona horaria dice qué día fue la notificación
        return _a_fecha(notificado, municipio) + timedelta(days=cantidad)
    if unidad != DIAS_HABILES:
        raise ValueError(f"Una anticipación se cuenta en días hábiles o calendario, no en «{unidad}».")
    plazo = calcular_plazo(desde=notificado, dias=cantidad, tipo=HABILES, municipio=municipio, perfil=perfil)
    return plazo.dias_contados[-1] if plazo.dias_contados else plazo.recepcion


def claves_de_plazos(leer) -> Iterator[perfiles.ClaveConocida]:
    """Las claves antiguas de plazos en días (un entero en los días de `plazos.tipo_computo`) que el código
    aún lee si un municipio las fijó: se pueden seguir fijando con una regla local. Se inscribe desde
    `CoreConfig.ready()`."""
    yield perfiles.ClaveConocida(
        "plazos.subsanacion_dias",
        2,
        "Forma antigua de plazos.subsanacion: días para subsanar, en el tipo de cómputo del perfil",
        validar=_validar_dias,
    )


def _validar_dias(valor: int) -> None:
    if valor < 0:
        raise ValidationError("Los días no pueden ser negativos.")
