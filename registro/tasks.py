"""Tareas en segundo plano del registro (API de Tasks de Django). Cada parte añade las suyas."""

from django_tasks import task


@task()
def vencer_subsanaciones() -> int:
    """Tiene por no presentados los documentos observados cuyo plazo para subsanar pasó (diaria)."""
    from registro.services.recepcion import vencer_subsanaciones as vencer

    return vencer()
