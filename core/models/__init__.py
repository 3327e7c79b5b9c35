"""Modelos del núcleo, un módulo por concepto."""

from core.models.archivos import Archivo
from core.models.auditoria import CadenaAuditoria, Evento
from core.models.busqueda import EntradaBusqueda
from core.models.calendario import DiaCalendario
from core.models.municipio import Municipio, ReglaLocal
from core.models.notificaciones import Notificacion
from core.models.numeracion import Contador, NumeroRegistro, Serie
from core.models.organizacion import Cargo, Encargo, Persona, UnidadOrganica, Usuario
from core.models.versiones import VersionDeDatos

__all__ = [
    "Archivo",
    "CadenaAuditoria",
    "Cargo",
    "Contador",
    "DiaCalendario",
    "Encargo",
    "EntradaBusqueda",
    "Evento",
    "Municipio",
    "Notificacion",
    "NumeroRegistro",
    "Persona",
    "ReglaLocal",
    "Serie",
    "UnidadOrganica",
    "Usuario",
    "VersionDeDatos",
]
