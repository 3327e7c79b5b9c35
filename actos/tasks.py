"""Tareas en segundo plano de actos (API de Tasks de Django): el protocolo anual y las alertas diarias.

Cada tarea recibe ids o fechas, no filas, y llama a un servicio. `solicitar_protocolo`
(`actos.services.protocolo`) encola `generar_protocolo` al confirmar su transacción.
"""

from datetime import date

from django_tasks import task

from actos.services.protocolo_libro import construir_protocolo
from actos.services.sancion import avisar_vencidas
from actos.services.seguimiento import enviar_alertas


@task()
def generar_protocolo(protocolo_id: int) -> str:
    """Construye, folia y sella el protocolo pedido (`actos.services.protocolo_libro.construir_protocolo`)."""
    return construir_protocolo(protocolo_id=protocolo_id).estado


@task()
def enviar_alertas_de_seguimiento(fecha: str | None = None) -> int:
    """Los avisos diarios de tareas de actos por vencer y vencidas (`fecha` en ISO; hoy si no se da)."""
    return enviar_alertas(fecha=date.fromisoformat(fecha) if fecha else None)


@task()
def avisar_sanciones_vencidas(fecha: str | None = None) -> int:
    """Los avisos de los actos cuyo plazo de sanción venció sin decisión (`fecha` en ISO; hoy si no se da)."""
    return avisar_vencidas(fecha=date.fromisoformat(fecha) if fecha else None)
