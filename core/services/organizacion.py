"""Organigrama: unidades orgánicas (árbol con jefe) y cargos; se desactivan, nunca se borran."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from core.models import Cargo, UnidadOrganica, Usuario
from core.selectors.organizacion import depende_de
from core.services.auditoria import actualizar_con_auditoria, instantanea, registrar_evento

CAMPOS_UNIDAD = ("nombre", "sigla", "padre", "jefe", "orden")
CAMPOS_CARGO = ("nombre", "unidad", "es_jefatura")


def _validar_padre(unidad: UnidadOrganica | None, padre: UnidadOrganica | None) -> None:
    """Una unidad no puede depender de sí misma ni de una de sus dependientes (el organigrama es un árbol)."""
    if padre is None:
        return
    if not padre.activa:
        raise ValidationError({"padre": "La unidad de la que depende está desactivada."})
    if unidad is None or unidad.pk is None:
        return
    if depende_de(padre.pk, unidad.pk):
        raise ValidationError(
            {"padre": "Una unidad no puede depender de sí misma ni de una unidad que depende de ella."}
        )


def _normalizar_unidad(campos: dict) -> dict:
    desconocidos = set(campos) - set(CAMPOS_UNIDAD)
    if desconocidos:
        raise ValueError(f"Campos no editables: {sorted(desconocidos)}")
    if "sigla" in campos:
        campos["sigla"] = (campos["sigla"] or "").strip().upper()
    if "nombre" in campos:
        campos["nombre"] = (campos["nombre"] or "").strip()
    jefe = campos.get("jefe")
    if jefe is not None and not jefe.is_active:
        raise ValidationError({"jefe": "El jefe debe ser un usuario activo."})
    return campos


@transaction.atomic
def crear_unidad(
    *,
    nombre: str,
    sigla: str,
    padre: UnidadOrganica | None = None,
    jefe: Usuario | None = None,
    orden: int = 0,
    por: Usuario | None,
) -> UnidadOrganica:
    """Crea una unidad del organigrama bajo `padre` (o en la raíz) con su jefe, y lo registra en la
    auditoría.
    """
    campos = _normalizar_unidad(
        {"nombre": nombre, "sigla": sigla, "padre": padre, "jefe": jefe, "orden": orden}
    )
    _validar_padre(None, padre)
    unidad = UnidadOrganica(**campos)
    unidad.full_clean()
    unidad.save()
    registrar_evento(por=por, accion="core.unidad.crear", objeto=unidad, despues=instantanea(unidad))
    return unidad


@transaction.atomic
def actualizar_unidad(*, unidad: UnidadOrganica, por: Usuario | None, **campos) -> UnidadOrganica:
    """Cambia nombre, sigla, dependencia, jefe u orden de una unidad; rechaza ciclos en el árbol."""
    campos = _normalizar_unidad(campos)
    padre_anterior = unidad.padre_id

    def validar(editada: UnidadOrganica) -> None:
        if "padre" in campos and editada.padre_id != padre_anterior:
            _validar_padre(editada, campos["padre"])
        editada.full_clean()

    return actualizar_con_auditoria(
        unidad, por=por, accion="core.unidad.editar", cambios=campos, editables=CAMPOS_UNIDAD, validar=validar
    )


@transaction.atomic
def desactivar_unidad(*, unidad: UnidadOrganica, por: Usuario | None) -> UnidadOrganica:
    """Desactiva una unidad (no se borra: su historia y sus documentos la siguen nombrando).

    Se niega si aún tiene unidades dependientes activas, para no dejar ramas colgando del organigrama.
    """
    unidad = UnidadOrganica.objects.select_for_update().get(pk=unidad.pk)
    if not unidad.activa:
        raise ValidationError("La unidad ya está desactivada.")
    if unidad.hijas.filter(activa=True).exists():
        raise ValidationError(
            "No se puede desactivar: tiene unidades dependientes activas. Desactívelas o muévalas antes."
        )
    antes = instantanea(unidad)
    unidad.activa = False
    unidad.save(update_fields=["activa"])
    registrar_evento(
        por=por, accion="core.unidad.desactivar", objeto=unidad, antes=antes, despues=instantanea(unidad)
    )
    return unidad


def _validar_cargo(campos: dict) -> dict:
    desconocidos = set(campos) - set(CAMPOS_CARGO)
    if desconocidos:
        raise ValueError(f"Campos no editables: {sorted(desconocidos)}")
    if "nombre" in campos:
        campos["nombre"] = (campos["nombre"] or "").strip()
    unidad = campos.get("unidad")
    if unidad is not None and not unidad.activa:
        raise ValidationError({"unidad": "La unidad está desactivada."})
    return campos


@transaction.atomic
def crear_cargo(
    *, nombre: str, unidad: UnidadOrganica, es_jefatura: bool = False, por: Usuario | None
) -> Cargo:
    """Crea un cargo (puesto) en una unidad activa y lo registra en la auditoría."""
    campos = _validar_cargo({"nombre": nombre, "unidad": unidad, "es_jefatura": es_jefatura})
    if Cargo.objects.filter(unidad=unidad, nombre__iexact=campos["nombre"], activo=True).exists():
        raise ValidationError({"nombre": "Ya existe un cargo activo con ese nombre en la unidad."})
    cargo = Cargo(**campos)
    cargo.full_clean()
    cargo.save()
    registrar_evento(por=por, accion="core.cargo.crear", objeto=cargo, despues=instantanea(cargo))
    return cargo


@transaction.atomic
def actualizar_cargo(*, cargo: Cargo, por: Usuario | None, **campos) -> Cargo:
    """Cambia nombre, unidad o marca de jefatura de un cargo, con antes y después en la auditoría."""
    campos = _validar_cargo(campos)

    def validar(editado: Cargo) -> None:
        repetido = Cargo.objects.filter(unidad=editado.unidad, nombre__iexact=editado.nombre, activo=True)
        if repetido.exclude(pk=editado.pk).exists():
            raise ValidationError({"nombre": "Ya existe un cargo activo con ese nombre en la unidad."})
        editado.full_clean()

    return actualizar_con_auditoria(
        cargo, por=por, accion="core.cargo.editar", cambios=campos, editables=CAMPOS_CARGO, validar=validar
    )


@transaction.atomic
def desactivar_cargo(*, cargo: Cargo, por: Usuario | None) -> Cargo:
    """Desactiva un cargo (no se borra); quienes lo ocupan lo conservan en su historia."""
    cargo = Cargo.objects.select_for_update().get(pk=cargo.pk)
    if not cargo.activo:
        raise ValidationError("El cargo ya está desactivado.")
    antes = instantanea(cargo)
    cargo.activo = False
    cargo.save(update_fields=["activo"])
    registrar_evento(
        por=por, accion="core.cargo.desactivar", objeto=cargo, antes=antes, despues=instantanea(cargo)
    )
    return cargo
