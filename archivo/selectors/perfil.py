"""Lo que el archivo lee del perfil de la jurisdicción: el nombre del instrumento de retención (TRD, CADIDO,
PCDA, tabla de plazos) y las etapas del ciclo vital con sus nombres (`archivo.instrumento`, `archivo.etapas`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError

from core.services import perfiles
from core.services.perfiles import ClaveConocida, ClaveDesconocida

# Lo que vale si el perfil no fija la clave (un municipio puede fijarla con una regla local).
INSTRUMENTO_POR_OMISION = {"nombre": "Tabla de retención documental", "sigla": "TRD"}
ETAPAS_POR_OMISION = [
    {"clave": "gestion", "nombre": "Archivo de gestión", "con_plazo": True},
    {"clave": "central", "nombre": "Archivo central", "con_plazo": True},
    {"clave": "historico", "nombre": "Archivo histórico", "con_plazo": False},
]


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
