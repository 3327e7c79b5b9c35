"""Tareas en segundo plano del registro (API de Tasks de Django)."""

from datetime import date

from django_tasks import task

from registro.services import alertas, recepcion


@task()
def vencer_subsanaciones() -> int:
    """Tiene por no presentados los observados cuyo plazo para subsanar pasó, si el perfil lo automatiza
    (diaria)."""
    return recepcion.vencer_subsanaciones()


@task()
def enviar_resumen_diario(fecha: str | None = None) -> int:
    """El resumen de plazos para los jefes de unidad (diaria; `fecha` en ISO, hoy si no se da)."""
    return alertas.enviar_resumen_diario(fecha=date.fromisoformat(fecha) if fecha else None)
