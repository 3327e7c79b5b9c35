"""Despacho de la correspondencia de salida: envío, cargo de entrega, devolución y reenvío.

Cada intento es una fila `Envio` (intento 1, 2, ...): una devolución no se borra ni se sobrescribe,
el reenvío es un intento nuevo, así el registro de salida muestra toda la historia del despacho.
"""

from __future__ import annotations

from datetime import date, datetime, time

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from core.services.archivos import guardar_archivo
from core.services.auditoria import instantanea, registrar_evento
from registro.models import Documento, Envio

TIPOS_CARGO = ["application/pdf", "image/jpeg", "image/png", "image/tiff"]
CAMPOS_ENVIO = [
    "estado",
    "metodo",
    "direccion",
    "enviado_en",
    "entregado_en",
    "recibido_por_nombre",
    "cargo_entrega",
    "motivo_devolucion",
]


def _validar_destino(metodo: str, direccion: str) -> dict[str, list[str]]:
    errores: dict[str, list[str]] = {}
    if metodo not in Envio.Metodo.values:
        errores["metodo"] = ["Elija el método de envío."]
    if len(direccion) > 300:
        errores["direccion"] = ["La dirección no puede pasar de 300 caracteres."]
    elif (
        metodo in (Envio.Metodo.NOTIFICADOR, Envio.Metodo.COURIER, Envio.Metodo.CORREO, Envio.Metodo.CASILLA)
        and not direccion
    ):
        errores["direccion"] = ["Escriba la dirección, el correo o la casilla de destino."]
    elif metodo == Envio.Metodo.CORREO and "@" not in direccion:
        errores["direccion"] = ["Escriba un correo electrónico válido."]
    return errores


def _nuevo_envio(documento: Documento, *, intento: int, metodo: str, direccion: str, por) -> Envio:
    envio = Envio.objects.create(
        documento=documento,
        intento=intento,
        metodo=metodo,
        direccion=direccion,
        estado=Envio.Estado.ENVIADO,
        enviado_en=timezone.now(),
        creado_por=por,
    )
    if documento.estado != Documento.Estado.ENVIADO:
        antes = instantanea(documento, ["estado"])
        documento.estado = Documento.Estado.ENVIADO
        documento.save(update_fields=["estado"])
        registrar_evento(
            por=por,
            accion="registro.documento.despachar",
            objeto=documento,
            antes=antes,
            despues=instantanea(documento, ["estado"]),
        )
    return envio


@transaction.atomic
def registrar_envio(*, documento: Documento, metodo: str, direccion: str = "", por) -> Envio:
    """Registra el primer envío de un documento de salida firmado (método y destino) y lo marca ENVIADO.
    Si ya tiene envíos, lo que corresponde es esperar la entrega o, si volvió, reenviarlo.
    """
    documento = Documento.objects.select_for_update().get(pk=documento.pk)
    direccion = (direccion or "").strip()
    if documento.clase != Documento.Clase.SALIDA:
        raise ValidationError("Solo se despachan documentos de salida.")
    if documento.estado == Documento.Estado.BORRADOR:
        raise ValidationError("El documento aún no está firmado: no se puede despachar.")
    if documento.estado == Documento.Estado.ANULADO:
        raise ValidationError("El documento está anulado: no se despacha.")
    if documento.envios.exists():
        raise ValidationError("El documento ya tiene un envío registrado; si fue devuelto, reenvíelo.")
    errores = _validar_destino(metodo, direccion)
    if errores:
        raise ValidationError(errores)
    envio = _nuevo_envio(documento, intento=1, metodo=metodo, direccion=direccion, por=por)
    registrar_evento(
        por=por, accion="registro.envio.registrar", objeto=envio, despues=instantanea(envio, CAMPOS_ENVIO)
    )
    return envio


def _bloquear(envio: Envio) -> Envio:
    return Envio.objects.select_for_update().select_related("documento").get(pk=envio.pk)


def _momento(fecha) -> datetime:
    if isinstance(fecha, datetime):
        return fecha if timezone.is_aware(fecha) else timezone.make_aware(fecha)
    if isinstance(fecha, date):
        return timezone.make_aware(datetime.combine(fecha, time(0, 0)))
    raise ValidationError({"fecha": ["Indique la fecha de entrega."]})


@transaction.atomic
def marcar_entregado(
    *, envio: Envio, recibido_por_nombre: str, fecha, cargo_entrega: UploadedFile, por
) -> Envio:
    """Deja constancia de la entrega: quién recibió, cuándo y el cargo de entrega escaneado (PDF o
    imagen, validado y guardado con su SHA-256). Solo un envío en curso; la fecha no puede ser futura
    ni anterior al envío.
    """
    envio = _bloquear(envio)
    nombre = (recibido_por_nombre or "").strip()
    errores: dict[str, list[str]] = {}
    if envio.estado != Envio.Estado.ENVIADO:
        raise ValidationError(
            f"El envío está «{envio.get_estado_display().lower()}»: no se puede marcar entregado."
        )
    if not nombre:
        errores["recibido_por_nombre"] = ["Escriba el nombre de quien recibió."]
    elif len(nombre) > 200:
        errores["recibido_por_nombre"] = ["El nombre no puede pasar de 200 caracteres."]
    momento = None
    try:
        momento = _momento(fecha)
    except ValidationError as e:
        errores.update(e.message_dict)
    if momento is not None:
        if timezone.localtime(momento).date() > timezone.localdate():
            errores["fecha"] = ["La fecha de entrega no puede ser futura."]
        elif (
            envio.enviado_en
            and timezone.localtime(momento).date() < timezone.localtime(envio.enviado_en).date()
        ):
            errores["fecha"] = ["La fecha de entrega no puede ser anterior al envío."]
    if cargo_entrega is None:
        errores["cargo_entrega"] = ["Suba el cargo de entrega (PDF o imagen)."]
    if errores:
        raise ValidationError(errores)
    try:
        archivo = guardar_archivo(archivo=cargo_entrega, por=por, tipos_permitidos=TIPOS_CARGO)
    except ValidationError as e:
        raise ValidationError({"cargo_entrega": e.messages}) from None
    antes = instantanea(envio, CAMPOS_ENVIO)
    envio.estado = Envio.Estado.ENTREGADO
    envio.entregado_en = momento
    envio.recibido_por_nombre = nombre
    envio.cargo_entrega = archivo
    envio.save(update_fields=CAMPOS_ENVIO)
    registrar_evento(
        por=por,
        accion="registro.envio.entregar",
        objeto=envio,
        antes=antes,
        despues={**instantanea(envio, CAMPOS_ENVIO), "cargo_sha256": archivo.sha256},
    )
    return envio


@transaction.atomic
def marcar_devuelto(*, envio: Envio, motivo: str, por) -> Envio:
    """Registra que el envío volvió sin entregarse (dirección inexistente, destinatario ausente...),
    con su motivo. Luego se puede reenviar como un intento nuevo.
    """
    envio = _bloquear(envio)
    motivo = (motivo or "").strip()
    if envio.estado != Envio.Estado.ENVIADO:
        raise ValidationError(
            f"El envío está «{envio.get_estado_display().lower()}»: no se puede marcar devuelto."
        )
    if not motivo:
        raise ValidationError({"motivo": ["Escriba el motivo de la devolución."]})
    antes = instantanea(envio, CAMPOS_ENVIO)
    envio.estado = Envio.Estado.DEVUELTO
    envio.motivo_devolucion = motivo
    envio.save(update_fields=CAMPOS_ENVIO)
    registrar_evento(
        por=por,
        accion="registro.envio.devolver",
        objeto=envio,
        antes=antes,
        despues=instantanea(envio, CAMPOS_ENVIO),
    )
    return envio


@transaction.atomic
def reenviar(*, envio: Envio, metodo: str, direccion: str = "", por) -> Envio:
    """Reenvía un envío devuelto: un `Envio` nuevo con intento + 1 (el devuelto queda como estaba)."""
    envio = _bloquear(envio)
    direccion = (direccion or "").strip()
    if envio.estado != Envio.Estado.DEVUELTO:
        raise ValidationError("Solo se reenvía un envío devuelto.")
    ultimo = Envio.objects.filter(documento=envio.documento_id).order_by("-intento").first()
    if ultimo is not None and ultimo.pk != envio.pk:  # la consulta incluye `envio`: nunca viene vacía
        raise ValidationError(f"Ya existe un intento posterior (el {ultimo.intento}).")
    errores = _validar_destino(metodo, direccion)
    if errores:
        raise ValidationError(errores)
    documento = Documento.objects.select_for_update().get(pk=envio.documento_id)
    nuevo = _nuevo_envio(documento, intento=envio.intento + 1, metodo=metodo, direccion=direccion, por=por)
    registrar_evento(
        por=por,
        accion="registro.envio.reenviar",
        objeto=nuevo,
        despues={**instantanea(nuevo, CAMPOS_ENVIO), "intento": nuevo.intento, "anterior": envio.pk},
    )
    return nuevo
