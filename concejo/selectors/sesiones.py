"""Lecturas de la preparación de una sesión que comparten la programación, la agenda y la convocatoria
(`concejo.services.sesiones`, `agenda` y `citacion`): nombres y tipos de sesión del perfil, las reglas del
día, a quiénes se cita y si la agenda ya está congelada o todavía se prepara."""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError

from concejo.models import Miembro, Organo, Sesion
from concejo.selectors.cuerpo import ReglasConcejo, fecha_local, miembros_de, reglas_del_concejo
from core.models import Municipio
from core.services import perfiles

# Estados en que la agenda todavía se puede cambiar desde «antes» (después manda la sesión en vivo).
ESTADOS_PREPARACION = (Sesion.Estado.PROGRAMADA, Sesion.Estado.CONVOCADA)

NOMBRES_TIPO = {
    "ordinaria": "Ordinaria",
    "extraordinaria": "Extraordinaria",
    "solemne": "Solemne",
    "inaugural": "Inaugural",
    "conmemorativa": "Conmemorativa",
    "abierta": "Abierta (cabildo abierto)",
    "secreta": "Secreta",
}


def nombre_tipo(tipo: str) -> str:
    """La etiqueta en español de un tipo de sesión del perfil."""
    return NOMBRES_TIPO.get(tipo, tipo.replace("_", " ").capitalize())


def reglas_en(fecha: date | datetime | None = None) -> ReglasConcejo:
    """Las reglas del concejo vigentes en `fecha` (`cuerpo.reglas_del_concejo`), leyendo las reglas
    locales del municipio de una sola vez."""
    with perfiles.reglas_locales_en_cache():
        return reglas_del_concejo(fecha_local(fecha), municipio=Municipio.objects.actual())


def tipos_de_sesion(fecha: date | datetime | None = None) -> list[str]:
    """Los tipos de sesión que el perfil de jurisdicción conoce en `fecha` (ordinaria, extraordinaria...)."""
    return list(reglas_en(fecha).tipos_sesion)


def miembros_citables(organo: Organo, fecha: date | datetime) -> list[Miembro]:
    """Quiénes se citan a una sesión de `organo` en `fecha`: del pleno, los titulares (también con licencia)
    y los suplentes en funciones; de una comisión, sus integrantes ese día (`cuerpo.miembros_de`)."""
    return list(miembros_de(organo, fecha_local(fecha)))


def agenda_congelada(sesion: Sesion) -> bool:
    """La agenda tiene al menos una versión congelada: todo cambio posterior pide motivo."""
    return sesion.versiones.exists()


def exigir_preparacion(sesion: Sesion, accion: str) -> None:
    """Lanza ValidationError si la sesión ya no está en preparación (programada o convocada)."""
    if sesion.estado not in ESTADOS_PREPARACION:
        raise ValidationError(
            f"No se puede {accion}: la sesión está «{sesion.get_estado_display().lower()}»."
        )
