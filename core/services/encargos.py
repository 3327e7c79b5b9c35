"""Encargos (subrogación / delegación): un usuario actúa por otro entre dos fechas.

Mientras dure, cada evento que escribe el encargado lleva `por_encargo_de` (lo calcula
core.services.auditoria.registrar_evento con `encargo_vigente`).
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from core.models import Cargo, Encargo, Usuario
from core.services.auditoria import instantanea, registrar_evento


@transaction.atomic
def crear_encargo(
    *,
    titular: Usuario,
    encargado: Usuario,
    desde: date,
    hasta: date,
    cargo: Cargo | None = None,
    documento: str = "",
    motivo: str = "",
    por: Usuario | None,
) -> Encargo:
    """Registra que `encargado` actúa por `titular` de `desde` a `hasta` (ambos inclusive).

    Se rechaza si las fechas están invertidas, si es a uno mismo, si alguno está inactivo o si
    el titular ya tiene otro encargo no revocado que se cruza con esas fechas: en un mismo día
    solo una persona puede actuar por el titular. El titular se bloquea para que dos encargos
    simultáneos no se crucen.
    """
    errores = {}
    if desde and hasta and hasta < desde:
        errores["hasta"] = "La fecha final no puede ser anterior a la inicial."
    if titular.pk == encargado.pk:
        errores["encargado"] = "Un usuario no puede actuar por encargo de sí mismo."
    if not titular.is_active:
        errores["titular"] = "El titular está desactivado."
    if not encargado.is_active:
        errores["encargado"] = "El encargado está desactivado."
    if cargo is not None and not cargo.activo:
        errores["cargo"] = "El cargo está desactivado."
    if errores:
        raise ValidationError(errores)
    Usuario.objects.select_for_update().filter(pk=titular.pk).first()
    cruzado = (
        Encargo.objects.filter(titular=titular, revocado=False, desde__lte=hasta, hasta__gte=desde)
        .select_related("encargado")
        .first()
    )
    if cruzado is not None:
        raise ValidationError(
            f"{titular} ya tiene un encargo a {cruzado.encargado} del {cruzado.desde:%d/%m/%Y} al "
            f"{cruzado.hasta:%d/%m/%Y} que se cruza con esas fechas. Revóquelo o elija otras fechas."
        )
    encargo = Encargo(
        titular=titular,
        encargado=encargado,
        cargo=cargo,
        desde=desde,
        hasta=hasta,
        documento=(documento or "").strip(),
        motivo=(motivo or "").strip(),
    )
    encargo.full_clean()
    encargo.save()
    registrar_evento(por=por, accion="core.encargo.crear", objeto=encargo, despues=instantanea(encargo))
    return encargo


@transaction.atomic
def revocar_encargo(*, encargo: Encargo, por: Usuario | None) -> Encargo:
    """Revoca un encargo: deja de valer desde ya, pero queda registrado (los eventos pasados lo siguen
    citando).
    """
    encargo = Encargo.objects.select_for_update().get(pk=encargo.pk)
    if encargo.revocado:
        raise ValidationError("El encargo ya estaba revocado.")
    antes = instantanea(encargo)
    encargo.revocado = True
    encargo.save(update_fields=["revocado"])
    registrar_evento(
        por=por, accion="core.encargo.revocar", objeto=encargo, antes=antes, despues=instantanea(encargo)
    )
    return encargo
