"""Tareas en segundo plano del registro (API de Tasks de Django). Cada parte añade las suyas."""

from django_tasks import task


@task()
def vencer_subsanaciones() -> int:
    """Tiene por no presentados los documentos observados cuyo plazo para subsanar pasó (diaria)."""
    from registro.services.recepcion import vencer_subsanaciones as vencer

    return vencer()


@task()
def enviar_resumen_diario(fecha: str | None = None) -> int:
    """El resumen de plazos para los jefes de unidad (diaria; `fecha` en ISO, hoy si no se da)."""
    from datetime import date

    from registro.services.alertas import enviar_resumen_diario as enviar

    return enviar(fecha=date.fromisoformat(fecha) if fecha else None)
