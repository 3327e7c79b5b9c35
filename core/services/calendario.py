"""Calendario de días hábiles: feriados nacionales (paquete `holidays`) más el calendario propio del
municipio (feriados locales, días no laborables decretados, sábados o feriados trabajados).

DOMAIN.md, «Working days»: el paquete `holidays` no tiene subdivisiones para estos países, así que
todo lo local vive en la tabla `DiaCalendario` del municipio.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

import holidays
from django.core.exceptions import ValidationError
from django.db import transaction

from core.models import DiaCalendario, Municipio
from core.services import perfiles
from core.services.auditoria import instantanea, registrar_evento

DIAS_SEMANA = ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"]


def feriados_nacionales(pais: str, anio: int) -> dict[date, str]:
    """Los feriados nacionales de `pais` en `anio`, con su nombre en español cuando el paquete lo tiene."""
    return dict(_feriados_nacionales(pais, anio))


@lru_cache(maxsize=256)
def _feriados_nacionales(pais: str, anio: int) -> tuple[tuple[date, str], ...]:
    # Depende solo del país y el año (y de la versión del paquete): se calcula una vez por proceso,
    # no en cada plazo (el registro calcula dos por documento).
    try:
        feriados = holidays.country_holidays(pais, years=anio, language="es")
    except (NotImplementedError, KeyError):
        raise perfiles.ErrorPerfil(f"No hay feriados nacionales para el país «{pais}».") from None
    return tuple(sorted(feriados.items()))


class Calendario:
    """Responde si un día es hábil para un perfil y, si se da, un municipio.

    Carga los feriados y los días locales por año, una sola vez: calcular un plazo no hace una
    consulta por día.
    """

    def __init__(self, *, municipio: Municipio | None = None, perfil: str | None = None):
        if perfil:
            clave = perfil
        elif municipio is not None:
            clave = municipio.perfil
        else:
            raise perfiles.ErrorPerfil("Indique el perfil de jurisdicción o el municipio.")
        self.municipio = municipio
        self.perfil = perfiles.obtener_perfil(clave)
        self._nacionales: dict[int, dict[date, str]] = {}
        self._locales: dict[int, dict[date, DiaCalendario]] = {}
        self._locales_leidos = False
        self._sabado_laborable: bool | None = None

    def _anio(self, anio: int) -> None:
        if anio not in self._nacionales:
            self._nacionales[anio] = feriados_nacionales(self.perfil.pais, anio)
            if not self._locales_leidos:
                # Todo el calendario local en una consulta (son unas decenas de filas por año): un plazo
                # que cruza el fin de año no hace una consulta por cada año.
                self._locales_leidos = True
                if self.municipio is not None and self.municipio.pk:
                    for d in self.municipio.calendario.all():
                        self._locales.setdefault(d.fecha.year, {})[d.fecha] = d
            self._locales.setdefault(anio, {})

    def _sabados(self) -> bool:
        if self._sabado_laborable is None:
            por_perfil = perfiles.valor(
                "plazos.sabado_laborable", municipio=self.municipio, perfil=self.perfil.codigo
            )
            self._sabado_laborable = bool(por_perfil or (self.municipio and self.municipio.trabaja_sabados))
        return self._sabado_laborable

    def es_habil(self, fecha: date) -> tuple[bool, str]:
        self._anio(fecha.year)
        # El calendario local manda sobre el nacional: un feriado recuperado o un sábado trabajado
        # son hábiles aunque el paquete diga otra cosa, y un día no laborable decretado no lo es.
        local = self._locales[fecha.year].get(fecha)
        if local is not None:
            if local.tipo == DiaCalendario.Tipo.LABORABLE:
                return True, f"día laborable por disposición local: {local.descripcion}"
            return False, f"{local.get_tipo_display().lower()}: {local.descripcion}"
        if (nombre := self._nacionales[fecha.year].get(fecha)) is not None:
            return False, f"feriado nacional: {nombre}"
        if fecha.weekday() == 6:
            return False, "domingo"
        if fecha.weekday() == 5 and not self._sabados():
            return False, "sábado (la oficina no atiende)"
        return True, "día hábil"


def es_habil(fecha: date, *, municipio: Municipio | None = None, perfil: str = "PE") -> tuple[bool, str]:
    """Si `fecha` es día hábil y por qué: calendario local del municipio, feriados nacionales del país
    del perfil (el del municipio si se da), domingos y sábados (hábiles solo si el municipio atiende
    los sábados o un día local lo declara laborable).
    """
    return Calendario(municipio=municipio, perfil=None if municipio is not None else perfil).es_habil(fecha)


@transaction.atomic
def agregar_dia(
    *, municipio: Municipio, fecha: date, tipo: str, descripcion: str, norma: str = "", por
) -> DiaCalendario:
    """Añade un día al calendario local (feriado local, no laborable decretado o laborable) y registra
    el evento `core.calendario.agregar`. Un día solo puede tener una entrada por municipio.
    """
    if tipo not in DiaCalendario.Tipo.values:
        raise ValidationError({"tipo": "Elija un tipo de día válido."})
    if not (descripcion or "").strip():
        raise ValidationError({"descripcion": "Describa el día (p. ej. «Aniversario del distrito»)."})
    if municipio.calendario.filter(fecha=fecha).exists():
        raise ValidationError(
            {"fecha": f"El {fecha:%d/%m/%Y} ya está en el calendario local; quítelo antes."}
        )
    dia = DiaCalendario.objects.create(
        municipio=municipio,
        fecha=fecha,
        tipo=tipo,
        descripcion=descripcion.strip(),
        norma=(norma or "").strip(),
    )
    registrar_evento(por=por, accion="core.calendario.agregar", objeto=dia, despues=instantanea(dia))
    return dia


@transaction.atomic
def quitar_dia(*, dia: DiaCalendario, por) -> None:
    """Quita un día del calendario local y registra el evento `core.calendario.quitar` con lo que había.

    Los plazos ya calculados no cambian (se guardan con su fecha de vencimiento); los nuevos cálculos
    usan el calendario corregido.
    """
    antes = instantanea(dia)
    registrar_evento(por=por, accion="core.calendario.quitar", objeto=dia, antes=antes)
    dia.delete()
