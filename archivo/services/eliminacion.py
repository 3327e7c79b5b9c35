"""Eliminación documental y retención legal. La tabla de retención propone lo que cumplió su retención total
con disposición eliminación o selección; el archivo revisa la propuesta (puede excluir un expediente con su
motivo); el órgano que nombra el perfil (`archivo.eliminacion_aprobacion`) la aprueba con su acto; al
ejecutarla se firma el **acta de eliminación** (PAdES), los expedientes quedan eliminados y sus archivos
electrónicos se destruyen, pero el registro de lo destruido (inventario, índices con SHA-256, el acta) se
conserva para siempre. Una **retención legal** vigente impide eliminar un expediente y dice por qué."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils import timezone

from archivo.models import (
    Disposicion,
    Eliminacion,
    Expediente,
    ItemEliminacion,
    ItemTransferencia,
    Prestamo,
    RetencionLegal,
)
from archivo.selectors.perfil import aprobacion_de_eliminacion
from archivo.selectors.transferencias import fechas_extremas
from core.firma import firmar_pdf
from core.models import Archivo, Municipio
from core.rendering import render_pdf
from core.services.archivos import guardar_archivo
from core.services.auditoria import bloquear_cadena, instantanea, registrar_evento

SE_ELIMINAN = (Disposicion.ELIMINACION, Disposicion.SELECCION)


def _usuario(por):
    return por if getattr(por, "pk", None) else None


def retencion_legal_vigente(expediente: Expediente) -> RetencionLegal | None:
    return expediente.retenciones_legales.filter(levantada_en__isnull=True).order_by("-desde").first()


def fin_de_retencion(expediente: Expediente) -> date | None:
    """El día en que se cumple la retención total (la suma de los años de todas las etapas), contada desde el
    cierre del expediente."""
    if expediente.cerrado_en is None:
        return None
    return timezone.localdate(expediente.cerrado_en) + relativedelta(years=expediente.retencion.total_anios)


def _por_proponer(hoy: date) -> list[Expediente]:
    consulta: QuerySet[Expediente] = (
        Expediente.objects.filter(estado=Expediente.Estado.CERRADO, retencion__disposicion__in=SE_ELIMINAN)
        .exclude(pk__in=RetencionLegal.objects.filter(levantada_en__isnull=True).values("expediente_id"))
        .exclude(
            pk__in=ItemEliminacion.objects.filter(
                eliminacion__estado__in=[Eliminacion.Estado.PROPUESTA, Eliminacion.Estado.APROBADA]
            ).values("expediente_id")
        )
        .exclude(
            pk__in=Prestamo.objects.filter(
                estado__in=[Prestamo.Estado.SOLICITADO, Prestamo.Estado.ENTREGADO]
            ).values("expediente_id")
        )
        .exclude(
            pk__in=ItemTransferencia.objects.filter(revision=ItemTransferencia.Revision.PENDIENTE).values(
                "expediente_id"
            )
        )
        .select_related("retencion", "nodo", "unidad")
        .order_by("unidad__sigla", "codigo")
    )
    return [e for e in consulta if (fin := fin_de_retencion(e)) is not None and fin <= hoy]


@transaction.atomic
def proponer_eliminacion(*, por) -> Eliminacion:
    """Genera la propuesta de eliminación desde la tabla de retención: los expedientes cerrados cuya retención
    total terminó, con disposición final eliminación o selección, sin retención legal vigente, ni préstamo ni
    transferencia ni otra eliminación en curso. Guarda de cada uno lo que el acta necesitará."""
    hoy = timezone.localdate()
    bloquear_cadena()
    expedientes = _por_proponer(hoy)
    if not expedientes:
        raise ValidationError(
            "No hay expedientes que hayan cumplido su retención con disposición eliminación o selección."
        )
    ultimo = Eliminacion.objects.filter(anio=hoy.year).aggregate(m=Max("correlativo"))["m"] or 0
    eliminacion = Eliminacion.objects.create(
        numero=f"EL-{hoy.year}-{ultimo + 1:04d}",
        anio=hoy.year,
        correlativo=ultimo + 1,
        organo=aprobacion_de_eliminacion(hoy)["organo"][:300],
        creada_por=_usuario(por),
    )
    for orden, exp in enumerate(expedientes, start=1):
        inicial, final = fechas_extremas(exp)
        ItemEliminacion.objects.create(
            eliminacion=eliminacion,
            orden=orden,
            expediente=exp,
            codigo=exp.codigo,
            titulo=exp.titulo,
            serie=f"{exp.nodo.codigo} {exp.nodo.nombre}"[:350],
            unidad=exp.unidad.sigla,
            fecha_inicial=inicial,
            fecha_final=final,
            folios=exp.piezas.aggregate(m=Max("folio_final"))["m"] or 0,
            soporte=exp.soporte,
            disposicion=exp.retencion.disposicion,
        )
    despues = instantanea(eliminacion)
    despues["expedientes"] = [e.codigo for e in expedientes]
    registrar_evento(por=por, accion="archivo.eliminacion.proponer", objeto=eliminacion, despues=despues)
    return eliminacion


@transaction.atomic
def excluir_item(*, item: ItemEliminacion, motivo: str, por) -> ItemEliminacion:
    """En la revisión de la propuesta, saca un expediente de la eliminación (p. ej. aún tiene valor)."""
    motivo = (motivo or "").strip()
    if not motivo:
        raise ValidationError({"motivo": ["Diga por qué se excluye este expediente."]})
    bloquear_cadena()
    item = ItemEliminacion.objects.select_for_update().select_related("eliminacion").get(pk=item.pk)
    if item.eliminacion.estado != Eliminacion.Estado.PROPUESTA:
        raise ValidationError("Solo se excluye un expediente mientras la propuesta está en revisión.")
    if not item.incluido:
        raise ValidationError(f"{item.codigo} ya está excluido.")
    antes = instantanea(item, ["incluido", "motivo_exclusion"])
    item.incluido, item.motivo_exclusion = False, motivo[:500]
    item.save(update_fields=["incluido", "motivo_exclusion"])
    registrar_evento(
        por=por,
        accion="archivo.eliminacion.excluir",
        objeto=item,
        antes=antes,
        despues=instantanea(item, ["incluido", "motivo_exclusion"]),
    )
    return item


def _bloqueados_por_retencion(eliminacion: Eliminacion) -> list[str]:
    return [
        f"{r.expediente.codigo} tiene una retención legal: {r.motivo}"
        for r in RetencionLegal.objects.filter(
            levantada_en__isnull=True,
            expediente__items_eliminacion__eliminacion=eliminacion,
            expediente__items_eliminacion__incluido=True,
        ).select_related("expediente")
    ]


@transaction.atomic
def aprobar_eliminacion(*, eliminacion: Eliminacion, acto: str, fecha_acto: date | None, por) -> Eliminacion:
    """Registra la aprobación por el órgano del perfil, con su acto (número y fecha). Un expediente con
    retención legal vigente la impide: hay que excluirlo o levantar la retención."""
    acto = (acto or "").strip()
    errores: dict[str, list[str]] = {}
    if not acto:
        errores["acto"] = ["Indique el acto que aprueba la eliminación (número, p. ej. «Acta n.º 3-2026»)."]
    if fecha_acto is None:
        errores["fecha_acto"] = ["Indique la fecha del acto de aprobación."]
    elif fecha_acto > timezone.localdate():
        errores["fecha_acto"] = ["La fecha del acto de aprobación no puede ser futura."]
    if errores:
        raise ValidationError(errores)
    bloquear_cadena()
    eliminacion = Eliminacion.objects.select_for_update().get(pk=eliminacion.pk)
    if eliminacion.estado != Eliminacion.Estado.PROPUESTA:
        raise ValidationError("Solo se aprueba una propuesta en revisión.")
    if fecha_acto is not None and fecha_acto < timezone.localdate(eliminacion.creada_en):
        raise ValidationError({"fecha_acto": ["El acto no puede ser anterior a la propuesta."]})
    if not eliminacion.items.filter(incluido=True).exists():
        raise ValidationError("La propuesta no tiene expedientes para eliminar.")
    bloqueos = _bloqueados_por_retencion(eliminacion)
    if bloqueos:
        raise ValidationError(bloqueos)
    campos = ["estado", "organo", "acto_aprobacion", "fecha_aprobacion", "aprobada_por"]
    antes = instantanea(eliminacion, campos)
    eliminacion.estado = Eliminacion.Estado.APROBADA
    eliminacion.organo = aprobacion_de_eliminacion(fecha_acto)["organo"][:300]
    eliminacion.acto_aprobacion, eliminacion.fecha_aprobacion = acto[:300], fecha_acto
    eliminacion.aprobada_por = _usuario(por)
    eliminacion.save(update_fields=campos)
    registrar_evento(
        por=por,
        accion="archivo.eliminacion.aprobar",
        objeto=eliminacion,
        antes=antes,
        despues=instantanea(eliminacion, campos),
    )
    return eliminacion


def _archivos_electronicos(expediente: Expediente) -> list[Archivo]:
    """Los archivos electrónicos del expediente que el archivo destruye: el PDF y los adjuntos de los
    documentos del registro archivados en él. Los actos firmados no (son normas del municipio, con su
    propio registro)."""
    archivos: list[Archivo] = []
    for pieza in expediente.piezas.select_related("documento__pdf").prefetch_related(
        "documento__adjuntos__archivo"
    ):
        documento = pieza.documento
        if documento is None:
            continue
        if documento.pdf is not None:
            archivos.append(documento.pdf)
        archivos.extend(a.archivo for a in documento.adjuntos.all())
    return archivos


def _destruir(archivo: Archivo) -> dict[str, Any]:
    """Borra el contenido del almacenamiento cuando la transacción se confirma (si algo falla antes, nada se
    destruye); la fila (nombre, tamaño, SHA-256) queda como registro."""
    registro = {
        "archivo": archivo.pk,
        "nombre": archivo.nombre_original,
        "sha256": archivo.sha256,
        "tamano": archivo.tamano,
    }
    nombre = archivo.archivo.name if archivo.archivo else None
    if nombre:
        almacen = archivo.archivo.storage

        def borrar() -> None:
            if almacen.exists(nombre):
                almacen.delete(nombre)

        transaction.on_commit(borrar)
    return registro


def contexto_acta(eliminacion: Eliminacion) -> dict[str, Any]:
    items = list(eliminacion.items.filter(incluido=True).order_by("orden"))
    fechas = [d for i in items for d in (i.fecha_inicial, i.fecha_final) if d]
    return {
        "eliminacion": eliminacion,
        "items": items,
        "expedientes": len(items),
        "folios": sum(i.folios for i in items),
        "fecha_inicial": min(fechas) if fechas else None,
        "fecha_final": max(fechas) if fechas else None,
        "aprobacion": aprobacion_de_eliminacion(eliminacion.fecha_aprobacion),
        "excluidos": list(eliminacion.items.filter(incluido=False).order_by("orden")),
    }


@transaction.atomic
def ejecutar_eliminacion(
    *, eliminacion: Eliminacion, metros_lineales: Decimal | str | None, por
) -> Eliminacion:
    """Ejecuta una eliminación aprobada: firma el acta de eliminación (expedientes, fechas extremas, volumen
    en metros lineales y número de expedientes, acto que la aprobó), marca los expedientes como eliminados y
    destruye sus archivos electrónicos, guardando de cada uno su nombre y SHA-256. Una retención legal
    vigente lo impide."""
    try:
        metros = (
            Decimal(str(metros_lineales).replace(",", ".")) if metros_lineales not in (None, "") else None
        )
    except InvalidOperation:
        metros = None
    if metros is None or metros < 0 or metros > Decimal("100000"):
        raise ValidationError(
            {
                "metros_lineales": [
                    "Indique el volumen en metros lineales (0 si todo es electrónico), p. ej. 1,25."
                ]
            }
        )
    bloquear_cadena()
    eliminacion = Eliminacion.objects.select_for_update().get(pk=eliminacion.pk)
    if eliminacion.estado != Eliminacion.Estado.APROBADA:
        raise ValidationError("Solo se ejecuta una eliminación aprobada.")
    bloqueos = _bloqueados_por_retencion(eliminacion)
    if bloqueos:
        raise ValidationError(bloqueos)
    ahora = timezone.now()
    eliminacion.metros_lineales = metros.quantize(Decimal("0.01"))
    eliminacion.ejecutada_en, eliminacion.ejecutada_por = ahora, _usuario(por)
    municipio = Municipio.objects.actual()
    pdf = render_pdf("archivo/acta_eliminacion.html", contexto_acta(eliminacion), municipio=municipio)
    firmado = firmar_pdf(
        pdf, razon=f"Acta de eliminación {eliminacion.numero}", lugar=municipio.nombre if municipio else ""
    )
    eliminacion.acta = guardar_archivo(
        archivo=ContentFile(firmado, name=f"acta-eliminacion-{eliminacion.numero}.pdf"),
        por=por,
        tipos_permitidos=["application/pdf"],
        tamano_maximo=max(settings.ARCHIVO_TAMANO_MAXIMO, len(firmado)),
    )
    eliminacion.estado = Eliminacion.Estado.EJECUTADA
    eliminacion.save(update_fields=["metros_lineales", "ejecutada_en", "ejecutada_por", "acta", "estado"])
    destruidos = 0
    for item in eliminacion.items.filter(incluido=True).select_related("expediente").order_by("orden"):
        exp = Expediente.objects.select_for_update().get(pk=item.expediente_id)
        if exp.soporte != Expediente.Soporte.PAPEL:
            item.destruido = [_destruir(a) for a in _archivos_electronicos(exp)]
            item.save(update_fields=["destruido"])
            destruidos += len(item.destruido)
        exp.estado = Expediente.Estado.ELIMINADO
        exp.save(update_fields=["estado"])
    registrar_evento(
        por=por,
        accion="archivo.eliminacion.ejecutar",
        objeto=eliminacion,
        despues={
            "acta_sha256": eliminacion.acta.sha256,
            "metros_lineales": str(eliminacion.metros_lineales),
            "expedientes": [i.codigo for i in eliminacion.items.filter(incluido=True)],
            "archivos_destruidos": destruidos,
        },
    )
    return eliminacion


@transaction.atomic
def poner_retencion_legal(*, expediente: Expediente, motivo: str, por) -> RetencionLegal:
    """Pone una retención legal (p. ej. un proceso judicial o una auditoría en curso): el expediente no se
    propone ni se elimina mientras dure."""
    motivo = (motivo or "").strip()
    if not motivo:
        raise ValidationError(
            {"motivo": ["Diga por qué se retiene el expediente (p. ej. el proceso judicial)."]}
        )
    bloquear_cadena()
    exp = Expediente.objects.select_for_update().get(pk=expediente.pk)
    if exp.estado == Expediente.Estado.ELIMINADO:
        raise ValidationError("El expediente ya fue eliminado.")
    if retencion_legal_vigente(exp) is not None:
        raise ValidationError("El expediente ya tiene una retención legal vigente.")
    retencion = RetencionLegal.objects.create(expediente=exp, motivo=motivo[:500], puesta_por=_usuario(por))
    registrar_evento(
        por=por, accion="archivo.retencion_legal.poner", objeto=retencion, despues=instantanea(retencion)
    )
    return retencion


@transaction.atomic
def levantar_retencion_legal(*, retencion: RetencionLegal, motivo: str, por) -> RetencionLegal:
    motivo = (motivo or "").strip()
    if not motivo:
        raise ValidationError({"motivo": ["Diga por qué se levanta la retención legal."]})
    bloquear_cadena()
    retencion = RetencionLegal.objects.select_for_update().get(pk=retencion.pk)
    if retencion.levantada_en is not None:
        raise ValidationError("La retención legal ya se levantó.")
    campos = ["levantada_en", "levantada_por", "motivo_levantamiento"]
    antes = instantanea(retencion, campos)
    retencion.levantada_en, retencion.levantada_por = timezone.now(), _usuario(por)
    retencion.motivo_levantamiento = motivo[:500]
    retencion.save(update_fields=campos)
    registrar_evento(
        por=por,
        accion="archivo.retencion_legal.levantar",
        objeto=retencion,
        antes=antes,
        despues=instantanea(retencion, campos),
    )
    return retencion
