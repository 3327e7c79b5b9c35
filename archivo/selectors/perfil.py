"""Lo que el archivo lee del perfil de la jurisdicción: el nombre del instrumento de retención (TRD, CADIDO,
PCDA, tabla de plazos) y las etapas del ciclo vital con sus nombres (`archivo.instrumento`, `archivo.etapas`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError

from core.services import perfiles
from core.services.perfiles import ClaveConocida, ClaveDesconocida, ErrorPerfil
from core.services.plazos import validar_regla_de_plazo

# Lo que vale si el perfil no fija la clave (un municipio puede fijarla con una regla local).
INSTRUMENTO_POR_OMISION = {"nombre": "Tabla de retención documental", "sigla": "TRD"}
ETAPAS_POR_OMISION = [
    {"clave": "gestion", "nombre": "Archivo de gestión", "con_plazo": True},
    {"clave": "central", "nombre": "Archivo central", "con_plazo": True},
    {"clave": "historico", "nombre": "Archivo histórico", "con_plazo": False},
]


# Quién aprueba una eliminación si el perfil no lo dice (`archivo.eliminacion_aprobacion`).
APROBACION_POR_OMISION = {"organo": "Comité de archivo de la municipalidad", "acto": "Acta del comité"}
# Cuánto dura un préstamo de expediente si el municipio no lo fija (`archivo.prestamo_plazo`).
PRESTAMO_POR_OMISION = {"cantidad": 5, "unidad": "dias_habiles"}


@dataclass(frozen=True)
class Etapa:
    clave: str
    nombre: str
    con_plazo: bool


def _leer(clave: str, omision: Any, fecha: date | None) -> Any:
    try:
        return perfiles.valor(clave, fecha=fecha)
    except ClaveDesconocida:
        return omision


def instrumento(fecha: date | None = None) -> dict[str, str]:
    """El nombre y la sigla del instrumento de retención del municipio (p. ej. «Tabla de Retención
    Documental», «TRD»)."""
    valor = _leer("archivo.instrumento", INSTRUMENTO_POR_OMISION, fecha)
    return {"nombre": str(valor["nombre"]), "sigla": str(valor.get("sigla", ""))}


def etapas(fecha: date | None = None) -> list[Etapa]:
    """Las etapas del ciclo vital en orden, con su nombre en el país."""
    return [
        Etapa(str(e["clave"]), str(e["nombre"]), bool(e.get("con_plazo", True)))
        for e in _leer("archivo.etapas", ETAPAS_POR_OMISION, fecha)
    ]


def etapas_con_plazo(fecha: date | None = None) -> list[Etapa]:
    return [e for e in etapas(fecha) if e.con_plazo]


def siguiente_etapa(clave: str, fecha: date | None = None) -> Etapa | None:
    """La etapa que sigue a `clave` en el ciclo vital (None si es la última o no existe)."""
    lista = etapas(fecha)
    for i, e in enumerate(lista[:-1]):
        if e.clave == clave:
            return lista[i + 1]
    return None


def nombre_de_etapa(clave: str, fecha: date | None = None) -> str:
    return {e.clave: e.nombre for e in etapas(fecha)}.get(clave, clave)


def plazo_de_prestamo(fecha: date | None = None) -> tuple[int, str]:
    """Cuánto dura un préstamo (cantidad y unidad de `core.services.plazos`), p. ej. (5, "dias_habiles")."""
    return validar_regla_de_plazo(_leer("archivo.prestamo_plazo", PRESTAMO_POR_OMISION, fecha))


def aprobacion_de_eliminacion(fecha: date | None = None) -> dict[str, str]:
    """El órgano que aprueba una eliminación y el nombre de su acto (p. ej. el Comité Institucional de
    Gestión y Desempeño y su acta, en Colombia)."""
    valor = _leer("archivo.eliminacion_aprobacion", APROBACION_POR_OMISION, fecha)
    return {"organo": str(valor["organo"]), "acto": str(valor.get("acto", ""))}


def _validar_aprobacion(valor: Any) -> None:
    if not isinstance(valor, dict) or not str(valor.get("organo", "")).strip():
        raise ValidationError("Indique el «organo» que aprueba la eliminación (y, si quiere, su «acto»).")


def _validar_plazo_prestamo(valor: Any) -> None:
    try:
        cantidad, _unidad = validar_regla_de_plazo(valor)
    except ErrorPerfil as e:
        raise ValidationError(str(e)) from None
    if cantidad < 1:
        raise ValidationError("Un préstamo dura al menos un día.")


def _validar_etapas(valor: Any) -> None:
    if not isinstance(valor, list) or not valor:
        raise ValidationError("Indique al menos una etapa.")
    claves = set()
    for e in valor:
        if not isinstance(e, dict) or not e.get("clave") or not e.get("nombre"):
            raise ValidationError("Cada etapa necesita «clave» y «nombre».")
        if e["clave"] in claves:
            raise ValidationError(f"La etapa «{e['clave']}» está repetida.")
        claves.add(e["clave"])


def claves_del_archivo(leer):
    """Claves que el archivo lee aunque el perfil no las fije; se inscribe en el núcleo desde
    `ArchivoConfig.ready()` para que el municipio pueda fijarlas con una regla local."""
    yield ClaveConocida(
        "archivo.instrumento", INSTRUMENTO_POR_OMISION, "Nombre y sigla del instrumento de retención"
    )
    yield ClaveConocida(
        "archivo.etapas",
        ETAPAS_POR_OMISION,
        "Etapas del ciclo vital del documento (archivo de gestión, central, histórico...)",
        validar=_validar_etapas,
    )
    yield ClaveConocida(
        "archivo.eliminacion_aprobacion",
        APROBACION_POR_OMISION,
        "Órgano que aprueba la eliminación documental y nombre de su acto",
        validar=_validar_aprobacion,
    )
    yield ClaveConocida(
        "archivo.prestamo_plazo",
        PRESTAMO_POR_OMISION,
        "Cuánto dura el préstamo de un expediente (p. ej. 5 días hábiles)",
        validar=_validar_plazo_prestamo,
    )
