"""Expedientes: documentos que viajan juntos (un trámite y todo lo que se le agrega).

El código del expediente sale de la numeración del núcleo (serie `registro-expediente`, consecutiva y
sin saltos por año). Derivar un documento de un expediente deriva el expediente entero
(`registro.services.flujo.derivar`).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.models import Serie
from core.services.auditoria import instantanea, registrar_evento
from core.services.numeracion import crear_serie, siguiente_numero
from registro.models import Documento, Expediente
from registro.services.flujo import puede_derivar

SERIE_EXPEDIENTE = "registro-expediente"
FORMATO_EXPEDIENTE = "EXP-{anio}-{numero:06d}"


def _serie(por) -> Serie:
    serie = Serie.objects.filter(codigo=SERIE_EXPEDIENTE).first()
    if serie is not None:
        return serie
    try:
        with transaction.atomic():
            return crear_serie(
                codigo=SERIE_EXPEDIENTE, nombre="Expedientes", formato=FORMATO_EXPEDIENTE, por=por
            )
    except (ValidationError, IntegrityError):
        return Serie.objects.get(codigo=SERIE_EXPEDIENTE)


def _nombre(documento: Documento) -> str:
    return documento.numero_texto or documento.codigo_seguimiento


def _validar_documento(documento: Documento, por, *, expediente: Expediente | None = None) -> str | None:
    if documento.expediente_id and (expediente is None or documento.expediente_id != expediente.pk):
        return f"{_nombre(documento)} ya pertenece a otro expediente."
    if expediente is not None and documento.expediente_id == expediente.pk:
        return f"{_nombre(documento)} ya está en este expediente."
    if documento.cerrado:
        return f"{_nombre(documento)} está cerrado."
    if not puede_derivar(documento, por):
        return f"{_nombre(documento)} no está en la bandeja de su unidad."
    return None


@transaction.atomic
def crear_expediente(*, asunto: str, documentos: Iterable[Documento], por) -> Expediente:
    """Abre un expediente con su código consecutivo y le agrega los documentos dados (al menos uno),
    que deben estar abiertos, en la bandeja de la unidad de quien lo crea y sin otro expediente.
    """
    asunto = (asunto or "").strip()
    documentos = list(dict.fromkeys(documentos))
    errores: dict[str, list[str]] = {}
    if not asunto:
        errores["asunto"] = ["Escriba el asunto del expediente."]
    if not documentos:
        errores["documentos"] = ["Elija al menos un documento para el expediente."]
    bloqueados = list(
        Documento.objects.select_for_update().filter(pk__in=[d.pk for d in documentos]).order_by("id")
    )
    problemas = [p for p in (_validar_documento(d, por) for d in bloqueados) if p]
    if problemas:
        errores["documentos"] = problemas
    if errores:
        raise ValidationError(errores)
    numero = siguiente_numero(_serie(por), timezone.localdate().year, por=por)
    expediente = Expediente.objects.create(codigo=numero.texto, asunto=asunto, creado_por=por)
    Documento.objects.filter(pk__in=[d.pk for d in bloqueados]).update(expediente=expediente)
    registrar_evento(
        por=por,
        accion="registro.expediente.crear",
        objeto=expediente,
        despues={**instantanea(expediente), "documentos": [d.pk for d in bloqueados]},
    )
    return expediente


@transaction.atomic
def agregar_a_expediente(*, expediente: Expediente, documento: Documento, por) -> Documento:
    """Agrega un documento abierto de la bandeja de su unidad a un expediente; desde entonces viaja con él."""
    documento = Documento.objects.select_for_update().get(pk=documento.pk)
    problema = _validar_documento(documento, por, expediente=expediente)
    if problema:
        raise ValidationError({"documento": [problema]})
    documento.expediente = expediente
    documento.save(update_fields=["expediente"])
    registrar_evento(
        por=por,
        accion="registro.expediente.agregar",
        objeto=expediente,
        despues={"documento": documento.pk, "numero": documento.numero_texto},
    )
    return documento
