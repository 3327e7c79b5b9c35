"""Solicitudes de certificación: recepción (desde el registro o en ventanilla), pago y exoneración."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from certificaciones import fuentes
from certificaciones.models import Solicitud, Tarifa, TipoCertificacion
from core.models import Municipio
from core.services.archivos import guardar_archivo
from core.services.auditoria import instantanea, registrar_evento

# Tipos que no llevan las páginas de un original: la constancia (solo texto) y el extracto (transcribe
# un artículo; el original queda referido con su huella).
SIN_ORIGINAL_ADJUNTO = (TipoCertificacion.CONSTANCIA, TipoCertificacion.EXTRACTO)


def tarifas_aplicables(tipo: str, municipio: Municipio | None = None):
    municipio = municipio or Municipio.objects.actual()
    return Tarifa.objects.filter(municipio=municipio, activa=True, tipo__in=[tipo, ""])


@transaction.atomic
def crear_solicitud(
    *,
    tipo: str,
    solicitante,
    asunto: str,
    por,
    documento=None,
    fuente: str = "",
    archivo=None,
    texto: str = "",
    tarifa: Tarifa | None = None,
    publico: bool = False,
) -> Solicitud:
    """Recibe una solicitud de certificación de `solicitante`.

    La fuente a certificar es una referencia «clave:id» del registro de fuentes (un adjunto PDF o el PDF
    emitido de un documento, un acta del concejo, un acto o uno de sus artículos) o un PDF subido en
    ventanilla (`archivo`, p. ej. el escaneo del original del archivo). La constancia no lleva fuente,
    solo `texto`; el extracto lleva fuente y el texto del artículo (el de un artículo de un acto se
    copia del acto si `texto` viene vacío). El derecho sale de la tarifa (obligatoria si el
    tarifario tiene alguna para el tipo); sin derecho que pagar la solicitud queda lista para emitir.
    Si algo falla, nada se guarda (ni el archivo).
    """
    asunto, texto = (asunto or "").strip(), (texto or "").strip()
    errores: dict[str, list[str]] = {}
    if tipo not in TipoCertificacion.values:
        raise ValidationError({"tipo": ["Elija el tipo de certificación."]})
    if solicitante is None:
        errores["solicitante"] = ["Indique quién solicita (una persona registrada)."]
    if not asunto:
        errores["asunto"] = ["Escriba qué se certifica, p. ej. «Resolución de Alcaldía Nº 12-2026»."]
    fuente_obj = None
    clave = ""
    transcripcion = None
    if tipo == TipoCertificacion.CONSTANCIA:
        if fuente or archivo:
            errores["fuente"] = ["La constancia es solo texto: no lleva un original."]
    elif fuente and archivo:
        errores["fuente"] = ["Elija un original del sistema o suba uno, no ambos."]
    elif not fuente and not archivo:
        errores["fuente"] = ["Elija el original a certificar o suba su PDF."]
    elif fuente:
        try:
            f, fuente_obj = fuentes.resolver(por, fuente, tipo=tipo)
            clave = f.clave
            if tipo == TipoCertificacion.EXTRACTO and f.transcripcion is not None:
                transcripcion = f.transcripcion(fuente_obj)
        except ValidationError as e:
            errores.update(e.message_dict)
    if transcripcion is not None:
        # El original trae su texto (un artículo de un acto): el extracto lo copia literal; si se escribió
        # otro, no se certifica.
        if not texto or " ".join(texto.split()) == " ".join(transcripcion.split()):
            texto = transcripcion
        else:
            errores["texto"] = [
                "El extracto debe ser la transcripción literal del original: deje el texto "
                "vacío y se copia tal cual."
            ]
    if tipo in (TipoCertificacion.CONSTANCIA, TipoCertificacion.EXTRACTO) and not texto:
        errores["texto"] = [
            "Escriba lo que se hace constar."
            if tipo == TipoCertificacion.CONSTANCIA
            else "Transcriba el artículo que se certifica."
        ]
    aplicables = tarifas_aplicables(tipo)
    if tarifa is not None and not aplicables.filter(pk=tarifa.pk).exists():
        errores["tarifa"] = ["Esa tarifa no está activa o no corresponde a este tipo de certificación."]
    elif tarifa is None and aplicables.exists():
        errores["tarifa"] = ["Elija el derecho del tarifario que corresponde."]
    if errores:
        raise ValidationError(errores)
    if archivo is not None:
        guardado = guardar_archivo(archivo=archivo, por=por, tipos_permitidos=["application/pdf"])
        clave, fuente_obj = "archivo", guardado
    monto = tarifa.monto if tarifa is not None else Decimal("0")
    solicitud = Solicitud.objects.create(
        tipo=tipo,
        origen=Solicitud.Origen.REGISTRO if documento is not None else Solicitud.Origen.VENTANILLA,
        documento=documento,
        solicitante=solicitante,
        asunto=asunto,
        fuente_clave=clave,
        fuente_tipo=ContentType.objects.get_for_model(fuente_obj) if fuente_obj is not None else None,
        fuente_id=str(fuente_obj.pk) if fuente_obj is not None else "",
        texto=texto,
        publico=bool(publico),
        tarifa=tarifa,
        monto=monto,
        estado=Solicitud.Estado.POR_PAGAR if monto > 0 else Solicitud.Estado.LISTA,
        creado_por=por if getattr(por, "pk", None) else None,
    )
    registrar_evento(
        por=por, accion="certificaciones.solicitud.crear", objeto=solicitud, despues=instantanea(solicitud)
    )
    return solicitud


def _por_pagar(solicitud: Solicitud) -> Solicitud:
    solicitud = Solicitud.objects.select_for_update().get(pk=solicitud.pk)
    if solicitud.estado != Solicitud.Estado.POR_PAGAR:
        raise ValidationError(f"La solicitud ya no está por pagar (está «{solicitud.get_estado_display()}»).")
    return solicitud


_CAMPOS_PAGO = ["recibo_numero", "recibo_fecha", "recibo_monto", "exonerado", "motivo_exoneracion", "estado"]


@transaction.atomic
def registrar_pago(
    *, solicitud: Solicitud, recibo_numero: str, recibo_fecha: date, recibo_monto, por
) -> Solicitud:
    """Anota el recibo de pago (número, fecha, monto) y deja la solicitud lista para emitir. El monto
    no puede ser menor que el derecho; la fecha no puede ser futura."""
    recibo_numero = (recibo_numero or "").strip()
    errores: dict[str, list[str]] = {}
    if not recibo_numero:
        errores["recibo_numero"] = ["Escriba el número del recibo de pago."]
    if recibo_fecha is None:
        errores["recibo_fecha"] = ["Escriba la fecha del recibo."]
    elif recibo_fecha > timezone.localdate():
        errores["recibo_fecha"] = ["La fecha del recibo no puede ser futura."]
    try:
        recibo_monto = Decimal(str(recibo_monto)).quantize(Decimal("0.01"))
    except (InvalidOperation, TypeError, ValueError):
        errores["recibo_monto"] = ["Escriba el monto pagado como número, p. ej. 12.50."]
    else:
        if recibo_monto < solicitud.monto:
            errores["recibo_monto"] = [
                f"El monto pagado ({recibo_monto}) es menor que el derecho ({solicitud.monto})."
            ]
    if errores:
        raise ValidationError(errores)
    solicitud = _por_pagar(solicitud)
    antes = instantanea(solicitud, _CAMPOS_PAGO)
    solicitud.recibo_numero, solicitud.recibo_fecha, solicitud.recibo_monto = (
        recibo_numero,
        recibo_fecha,
        recibo_monto,
    )
    solicitud.estado = Solicitud.Estado.LISTA
    solicitud.save(update_fields=_CAMPOS_PAGO)
    registrar_evento(
        por=por,
        accion="certificaciones.solicitud.pagar",
        objeto=solicitud,
        antes=antes,
        despues=instantanea(solicitud, _CAMPOS_PAGO),
    )
    return solicitud


@transaction.atomic
def exonerar(*, solicitud: Solicitud, motivo: str, por) -> Solicitud:
    """Exonera del pago con su motivo (la norma o el caso: p. ej. pedido de otra entidad pública)."""
    motivo = (motivo or "").strip()
    if not motivo:
        raise ValidationError({"motivo": ["Escriba el motivo de la exoneración (la norma que la permite)."]})
    solicitud = _por_pagar(solicitud)
    antes = instantanea(solicitud, _CAMPOS_PAGO)
    solicitud.exonerado, solicitud.motivo_exoneracion = True, motivo
    solicitud.estado = Solicitud.Estado.LISTA
    solicitud.save(update_fields=_CAMPOS_PAGO)
    registrar_evento(
        por=por,
        accion="certificaciones.solicitud.exonerar",
        objeto=solicitud,
        antes=antes,
        despues=instantanea(solicitud, _CAMPOS_PAGO),
    )
    return solicitud
