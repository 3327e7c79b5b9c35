"""Configuración del área: designación y cese de fedatarios, tarifario de certificaciones."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from certificaciones.models import Fedatario, Tarifa, TipoCertificacion
from core.models import Municipio
from core.services.auditoria import instantanea, registrar_evento


@transaction.atomic
def designar_fedatario(
    *, usuario, resolucion: str, desde: date, hasta: date, alcance: list[str], por
) -> Fedatario:
    """Registra la designación de `usuario` como fedatario (TUO Ley 27444, art. 138) por la resolución
    dada, con su periodo y los tipos de certificación que alcanza. No se superpone con otra designación
    vigente de la misma persona (para prorrogar, se cesa la anterior y se designa de nuevo).
    """
    resolucion = (resolucion or "").strip()
    validos = set(TipoCertificacion.values)
    alcance = [t for t in TipoCertificacion.values if t in set(alcance or [])]
    errores: dict[str, list[str]] = {}
    if usuario is None or not usuario.is_active:
        errores["usuario"] = ["Elija un usuario activo."]
    if not resolucion:
        errores["resolucion"] = ["Escriba la resolución que designa al fedatario."]
    if not desde or not hasta:
        errores["hasta"] = ["Indique el periodo de la designación (desde y hasta)."]
    elif hasta < desde:
        errores["hasta"] = ["La designación no puede terminar antes de empezar."]
    if not alcance or not set(alcance) <= validos:
        errores["alcance"] = ["Elija al menos un tipo de certificación que el fedatario puede emitir."]
    if (
        not errores
        and Fedatario.objects.filter(
            usuario=usuario, cesado=False, desde__lte=hasta, hasta__gte=desde
        ).exists()
    ):
        errores["desde"] = ["Esa persona ya tiene una designación de fedatario en ese periodo."]
    if errores:
        raise ValidationError(errores)
    fedatario = Fedatario.objects.create(
        usuario=usuario,
        resolucion=resolucion,
        desde=desde,
        hasta=hasta,
        alcance=alcance,
        creado_por=por if getattr(por, "pk", None) else None,
    )
    usuario.user_permissions.add(_permiso_fedatario())
    registrar_evento(
        por=por, accion="certificaciones.fedatario.designar", objeto=fedatario, despues=instantanea(fedatario)
    )
    return fedatario


def _permiso_fedatario():
    return Permission.objects.get(content_type__app_label="certificaciones", codename="es_fedatario")


@transaction.atomic
def cesar_fedatario(*, fedatario: Fedatario, motivo: str, por) -> Fedatario:
    """Termina una designación antes de tiempo (queda en el registro con su motivo)."""
    motivo = (motivo or "").strip()
    if not motivo:
        raise ValidationError({"motivo": ["Escriba el motivo del cese."]})
    fedatario = Fedatario.objects.select_for_update().get(pk=fedatario.pk)
    if fedatario.cesado:
        raise ValidationError("Esa designación ya fue cesada.")
    campos = ["cesado", "cesado_en", "motivo_cese"]
    antes = instantanea(fedatario, campos)
    fedatario.cesado, fedatario.cesado_en, fedatario.motivo_cese = True, timezone.now(), motivo
    fedatario.save(update_fields=campos)
    if not Fedatario.objects.filter(usuario=fedatario.usuario_id, cesado=False).exists():
        fedatario.usuario.user_permissions.remove(_permiso_fedatario())
    registrar_evento(
        por=por,
        accion="certificaciones.fedatario.cesar",
        objeto=fedatario,
        antes=antes,
        despues=instantanea(fedatario, campos),
    )
    return fedatario


def _datos_tarifa(concepto, tipo, monto, base_legal) -> tuple[str, str, Decimal, str]:
    concepto, base_legal, tipo = (concepto or "").strip(), (base_legal or "").strip(), tipo or ""
    errores: dict[str, list[str]] = {}
    if not concepto:
        errores["concepto"] = ["Escriba el concepto del derecho."]
    if tipo and tipo not in TipoCertificacion.values:
        errores["tipo"] = ["Tipo de certificación desconocido."]
    try:
        monto = Decimal(str(monto)).quantize(Decimal("0.01"))
        if monto < 0:
            errores["monto"] = ["El monto no puede ser negativo."]
    except (InvalidOperation, TypeError, ValueError):
        errores["monto"] = ["Escriba el monto como número, p. ej. 12.50."]
    if not base_legal:
        errores["base_legal"] = ["Escriba la base legal (ítem del TUPA u ordenanza de tasas)."]
    if errores:
        raise ValidationError(errores)
    return concepto, tipo, monto, base_legal


@transaction.atomic
def crear_tarifa(
    *, concepto: str, tipo: str, monto, base_legal: str, por, municipio: Municipio | None = None
) -> Tarifa:
    """Añade un derecho al tarifario de certificaciones del municipio, con su base legal."""
    municipio = municipio or Municipio.objects.actual()
    if municipio is None:
        raise ValidationError("No hay un municipio configurado.")
    concepto, tipo, monto, base_legal = _datos_tarifa(concepto, tipo, monto, base_legal)
    tarifa = Tarifa.objects.create(
        municipio=municipio, concepto=concepto, tipo=tipo, monto=monto, base_legal=base_legal
    )
    registrar_evento(
        por=por, accion="certificaciones.tarifa.crear", objeto=tarifa, despues=instantanea(tarifa)
    )
    return tarifa


@transaction.atomic
def actualizar_tarifa(
    *, tarifa: Tarifa, concepto: str, tipo: str, monto, base_legal: str, activa: bool, por
) -> Tarifa:
    """Cambia un derecho del tarifario. Las solicitudes ya recibidas guardan el monto de su día."""
    concepto, tipo, monto, base_legal = _datos_tarifa(concepto, tipo, monto, base_legal)
    tarifa = Tarifa.objects.select_for_update().get(pk=tarifa.pk)
    antes = instantanea(tarifa)
    tarifa.concepto, tarifa.tipo, tarifa.monto, tarifa.base_legal, tarifa.activa = (
        concepto,
        tipo,
        monto,
        base_legal,
        bool(activa),
    )
    tarifa.save()
    registrar_evento(
        por=por,
        accion="certificaciones.tarifa.actualizar",
        objeto=tarifa,
        antes=antes,
        despues=instantanea(tarifa),
    )
    return tarifa
