"""Lecturas de la etapa de sanción (`actos.services.sancion`): qué puede decidirse hoy en ella."""

from __future__ import annotations

from actos.models import Sancion

# Las decisiones que terminan la etapa y las que la devuelven al concejo.
ACCIONES_QUE_TERMINAN = ("sancionar", "promulgar")
ACCIONES_QUE_OBSERVAN = ("objetar", "observar")


def decisiones_posibles(etapa: Sancion | None) -> list[str]:
    """Lo que quien sanciona puede decidir ahora: todo lo que el perfil admite mientras está pendiente;
    tras la observación o la insistencia, solo sancionar o promulgar; nada si la etapa terminó."""
    if etapa is None or etapa.completa:
        return []
    if etapa.estado == Sancion.Estado.PENDIENTE:
        return list(etapa.puede)
    return [d for d in etapa.puede if d in ACCIONES_QUE_TERMINAN]
