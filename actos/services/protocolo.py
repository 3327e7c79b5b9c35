"""El protocolo anual: el libro de un tipo de acto y un año. Aquí se pide (`solicitar_protocolo`): se valida,
queda en cola y se encola la tarea `actos.tasks.generar_protocolo`, que lo construye con
`actos.services.protocolo_libro.construir_protocolo` (portada, índice con folios, los actos y el cierre;
SHA-256 y sello del registro del año).

Pedir y construir viven en módulos distintos para que los imports vayan en un solo sentido:
este módulo → `actos.tasks` → `protocolo_libro`. Quien mide el protocolo (`bench/actos_protocolo.py`)
encuentra aquí también la construcción y sus ajustes (`__all__`).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from actos.models import Protocolo
from actos.permissions import puede_generar
from actos.selectors.instrumentos import nombres_por_tipo
from actos.selectors.protocolo import actos_del_anio, numeros_anulados
from actos.services.protocolo_libro import PROCESOS, TAMANO_LOTE, construir_protocolo
from actos.tasks import generar_protocolo
from core.models import Contador
from core.services.auditoria import instantanea, registrar_evento
from core.services.numeracion import serie_por_perfil

__all__ = ["PROCESOS", "TAMANO_LOTE", "construir_protocolo", "solicitar_protocolo"]


def _anio_valido(anio) -> int:
    try:
        anio = int(anio)
    except (TypeError, ValueError):
        raise ValidationError({"anio": ["Escriba el año con cuatro cifras, p. ej. 2025."]}) from None
    actual = timezone.localdate().year
    if not 1900 <= anio < actual:
        # Sellar el año en curso cerraría el registro: ya no se podría firmar ningún acto del tipo.
        raise ValidationError(
            {"anio": [f"Solo se forma el protocolo de un año terminado (hasta {actual - 1})."]}
        )
    return anio


@transaction.atomic
def solicitar_protocolo(*, tipo: str, anio, por) -> Protocolo:
    """Pide el protocolo de `tipo` y `anio`: valida, lo deja en cola con el evento
    `actos.protocolo.solicitar` y encola la tarea que lo construye al confirmar la transacción.

    No se pide si el año no terminó, si el tipo no es del perfil, si ya hay uno sellado o en curso, si el
    registro del año ya está cerrado o si el año no tiene actos firmados ni números anulados.
    """
    if not puede_generar(por):
        raise ValidationError("No tiene permiso para generar el protocolo anual.")
    tipos = nombres_por_tipo()
    if tipo not in tipos:
        raise ValidationError({"tipo": ["Elija un tipo de acto del perfil del municipio."]})
    anio = _anio_valido(anio)
    nombre = tipos[tipo]
    previos = Protocolo.objects.select_for_update().filter(tipo=tipo, anio=anio)
    if previos.filter(estado=Protocolo.Estado.LISTO).exists():
        raise ValidationError(f"El protocolo de {nombre} {anio} ya está sellado.")
    if previos.filter(estado__in=[Protocolo.Estado.EN_COLA, Protocolo.Estado.GENERANDO]).exists():
        raise ValidationError(f"El protocolo de {nombre} {anio} ya se está generando.")
    serie = serie_por_perfil(tipo, por=por)
    if Contador.objects.filter(serie=serie, anio=anio, cerrado=True).exists():
        raise ValidationError(f"El registro de {nombre} {anio} ya está cerrado.")
    if not actos_del_anio(tipo, anio).exists() and not numeros_anulados(serie, anio).exists():
        raise ValidationError(f"No hay actos firmados de {nombre} en {anio}.")
    protocolo = Protocolo.objects.create(tipo=tipo, anio=anio, pedido_por=por, mensaje="En cola.")
    registrar_evento(
        por=por, accion="actos.protocolo.solicitar", objeto=protocolo, despues=instantanea(protocolo)
    )
    transaction.on_commit(lambda: generar_protocolo.enqueue(protocolo.pk))
    return protocolo
