"""Préstamos y consultas de expedientes: se piden, el archivo los entrega con su fecha de devolución (el plazo
`archivo.prestamo_plazo` del perfil o del municipio, contado con la función de plazos del núcleo), los recibe
de vuelta o los rechaza; los vencidos se avisan a quien los tiene. Un expediente electrónico prestado es un
acceso por tiempo limitado: quien lo tiene lo ve, aunque sea reservado, hasta el día de devolución."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from archivo.models import Expediente, Prestamo
from archivo.selectors.perfil import plazo_de_prestamo
from core.models import Notificacion
from core.services.auditoria import bloquear_cadena, instantanea, registrar_evento
from core.services.notificaciones import notificar
from core.services.plazos import calcular_vencimiento

CAMPOS = ["estado", "entregado_en", "entregado_por", "vence", "devuelto_en", "recibido_por", "observaciones"]


def _usuario(por):
    return por if getattr(por, "pk", None) else None


@transaction.atomic
def solicitar_prestamo(*, expediente: Expediente, solicitante, tipo: str, motivo: str, por) -> Prestamo:
    """Registra el pedido de un préstamo (el expediente sale del archivo) o de una consulta en sala."""
    motivo = (motivo or "").strip()
    errores: dict[str, list[str]] = {}
    if tipo not in Prestamo.Tipo.values:
        errores["tipo"] = ["Elija préstamo o consulta en sala."]
    if not motivo:
        errores["motivo"] = ["Diga para qué necesita el expediente."]
    if solicitante is None or not solicitante.is_active:
        errores["solicitante"] = ["Indique un usuario activo que pide el expediente."]
    if errores:
        raise ValidationError(errores)
    if expediente.estado == Expediente.Estado.ELIMINADO:
        raise ValidationError("El expediente fue eliminado: no se presta.")
    bloquear_cadena()
    if Prestamo.objects.filter(
        expediente=expediente,
        solicitante=solicitante,
        estado__in=(Prestamo.Estado.SOLICITADO, Prestamo.Estado.ENTREGADO),
    ).exists():
        raise ValidationError("Ya hay un préstamo de este expediente pedido o entregado a esa persona.")
    prestamo = Prestamo.objects.create(
        expediente=expediente,
        solicitante=solicitante,
        tipo=tipo,
        motivo=motivo[:500],
        solicitado_por=_usuario(por),
    )
    registrar_evento(
        por=por, accion="archivo.prestamo.solicitar", objeto=prestamo, despues=instantanea(prestamo)
    )
    return prestamo


def vencimiento(*, tipo: str, desde: date) -> date:
    """Hasta cuándo se devuelve: una consulta en sala, el mismo día; un préstamo, al cumplirse el plazo del
    perfil (5 días hábiles por omisión) contado desde la entrega."""
    if tipo == Prestamo.Tipo.CONSULTA:
        return desde
    cantidad, unidad = plazo_de_prestamo(desde)
    return calcular_vencimiento(desde=desde, cantidad=cantidad, unidad=unidad).vence


@transaction.atomic
def entregar_prestamo(*, prestamo: Prestamo, por) -> Prestamo:
    """El archivo entrega el expediente pedido y fija la fecha de devolución. Un expediente de papel o híbrido
    está en un solo lugar: no se entrega si ya está prestado a otro; uno electrónico, sí (es un acceso)."""
    bloquear_cadena()
    prestamo = Prestamo.objects.select_for_update().select_related("expediente").get(pk=prestamo.pk)
    if prestamo.estado != Prestamo.Estado.SOLICITADO:
        raise ValidationError(
            f"Solo se entrega un préstamo solicitado (este está {prestamo.get_estado_display().lower()})."
        )
    exp = Expediente.objects.select_for_update().get(pk=prestamo.expediente_id)
    if exp.soporte != Expediente.Soporte.ELECTRONICO:
        otro = (
            Prestamo.objects.filter(expediente=exp, estado=Prestamo.Estado.ENTREGADO)
            .select_related("solicitante")
            .first()
        )
        if otro is not None:
            raise ValidationError(
                f"El expediente está prestado a {otro.solicitante.get_full_name() or otro.solicitante.username} "
                f"hasta el {otro.vence:%d/%m/%Y}: espere su devolución."
            )
    antes = instantanea(prestamo, CAMPOS)
    hoy = timezone.localdate()
    prestamo.estado = Prestamo.Estado.ENTREGADO
    prestamo.entregado_en, prestamo.entregado_por = timezone.now(), _usuario(por)
    prestamo.vence = vencimiento(tipo=prestamo.tipo, desde=hoy)
    prestamo.save(update_fields=CAMPOS)
    registrar_evento(
        por=por,
        accion="archivo.prestamo.entregar",
        objeto=prestamo,
        antes=antes,
        despues=instantanea(prestamo, CAMPOS),
    )
    return prestamo


@transaction.atomic
def devolver_prestamo(*, prestamo: Prestamo, observaciones: str = "", por) -> Prestamo:
    """El archivo recibe de vuelta el expediente (o da por terminado el acceso al electrónico)."""
    bloquear_cadena()
    prestamo = Prestamo.objects.select_for_update().get(pk=prestamo.pk)
    if prestamo.estado != Prestamo.Estado.ENTREGADO:
        raise ValidationError("Solo se devuelve un préstamo entregado.")
    antes = instantanea(prestamo, CAMPOS)
    prestamo.estado = Prestamo.Estado.DEVUELTO
    prestamo.devuelto_en, prestamo.recibido_por = timezone.now(), _usuario(por)
    prestamo.observaciones = (observaciones or "").strip()[:500]
    prestamo.save(update_fields=CAMPOS)
    registrar_evento(
        por=por,
        accion="archivo.prestamo.devolver",
        objeto=prestamo,
        antes=antes,
        despues=instantanea(prestamo, CAMPOS),
    )
    return prestamo


@transaction.atomic
def rechazar_prestamo(*, prestamo: Prestamo, observaciones: str, por) -> Prestamo:
    """El archivo no entrega lo pedido; dice por qué."""
    observaciones = (observaciones or "").strip()
    if not observaciones:
        raise ValidationError({"observaciones": ["Diga por qué no se presta el expediente."]})
    bloquear_cadena()
    prestamo = Prestamo.objects.select_for_update().get(pk=prestamo.pk)
    if prestamo.estado != Prestamo.Estado.SOLICITADO:
        raise ValidationError("Solo se rechaza un préstamo solicitado.")
    antes = instantanea(prestamo, CAMPOS)
    prestamo.estado, prestamo.observaciones = Prestamo.Estado.RECHAZADO, observaciones[:500]
    prestamo.save(update_fields=CAMPOS)
    registrar_evento(
        por=por,
        accion="archivo.prestamo.rechazar",
        objeto=prestamo,
        antes=antes,
        despues=instantanea(prestamo, CAMPOS),
    )
    return prestamo


def titulo_recordatorio(fecha: date) -> str:
    return f"Préstamos de archivo vencidos al {fecha:%d/%m/%Y}"


@transaction.atomic
def enviar_recordatorios(*, fecha: date | None = None) -> int:
    """Avisa (en la aplicación y por correo) a cada quien tiene un préstamo entregado y vencido. Una vez por
    día y persona. Deja el evento `archivo.prestamo.recordatorios` si avisó a alguien; devuelve a cuántos."""
    fecha = fecha or timezone.localdate()
    vencidos = (
        Prestamo.objects.filter(estado=Prestamo.Estado.ENTREGADO, vence__lt=fecha)
        .select_related("expediente", "solicitante")
        .order_by("vence", "pk")
    )
    por_usuario: dict[int, tuple] = {}
    for p in vencidos:
        por_usuario.setdefault(p.solicitante_id, (p.solicitante, []))[1].append(p)
    titulo = titulo_recordatorio(fecha)
    ya = set(
        Notificacion.objects.filter(usuario_id__in=list(por_usuario), titulo=titulo).values_list(
            "usuario_id", flat=True
        )
    )
    avisados = 0
    for usuario_id, (usuario, prestamos) in por_usuario.items():
        if usuario_id in ya or not usuario.is_active:
            continue
        lineas = [
            f"- {p.expediente.codigo} «{p.expediente.titulo[:80]}»: debía devolverse el {p.vence:%d/%m/%Y}."
            for p in prestamos
        ]
        mensaje = "Devuelva al archivo los expedientes prestados:\n" + "\n".join(lineas)
        notificar(
            usuario=usuario, titulo=titulo, mensaje=mensaje, url=reverse("archivo:prestamos"), correo=True
        )
        avisados += 1
    if avisados:
        registrar_evento(
            por=None,
            accion="archivo.prestamo.recordatorios",
            despues={"fecha": fecha.isoformat(), "avisados": avisados},
        )
    return avisados
