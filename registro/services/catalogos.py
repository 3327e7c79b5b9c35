"""Catálogos del registro: procedimientos (TUPA o equivalente) y tipos documentales."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction

from core.models import UnidadOrganica
from core.services.auditoria import actualizar_con_auditoria, instantanea, registrar_evento
from registro.models import Procedimiento, TipoDocumental, TipoPlazo

CAMPOS_PROCEDIMIENTO = (
    "codigo",
    "nombre",
    "unidad_responsable",
    "plazo_dias",
    "tipo_plazo",
    "requisitos",
    "derecho_tramite",
    "silencio",
    "activo",
)
CAMPOS_TIPO = ("nombre", "interno", "codigo_serie", "activo")
_CODIGO = re.compile(r"^[-A-Za-z0-9_.]+$")
MAX_PLAZO = 3650


def _validar_procedimiento(p: Procedimiento) -> None:
    errores: dict[str, list[str]] = {}
    p.codigo = (p.codigo or "").strip().upper()
    p.nombre = (p.nombre or "").strip()
    p.requisitos = "\n".join(linea.strip() for linea in (p.requisitos or "").splitlines() if linea.strip())
    if not p.codigo:
        errores["codigo"] = ["Escriba el código del procedimiento, p. ej. «GDU-01»."]
    elif not _CODIGO.match(p.codigo) or len(p.codigo) > 30:
        errores["codigo"] = ["El código admite letras sin tilde, números, puntos y guiones (hasta 30)."]
    elif Procedimiento.objects.filter(codigo=p.codigo).exclude(pk=p.pk).exists():
        errores["codigo"] = [f"Ya existe un procedimiento con el código «{p.codigo}»."]
    if not p.nombre:
        errores["nombre"] = ["Escriba el nombre del procedimiento."]
    if (
        not isinstance(p.unidad_responsable_id, int)
        or not UnidadOrganica.objects.filter(pk=p.unidad_responsable_id).exists()
    ):
        errores["unidad_responsable"] = ["Elija la unidad responsable."]
    try:
        plazo = int(p.plazo_dias)
    except (TypeError, ValueError):
        errores["plazo_dias"] = ["Escriba el plazo en días (un número entero)."]
    else:
        if not 0 <= plazo <= MAX_PLAZO:
            errores["plazo_dias"] = [f"El plazo debe estar entre 0 y {MAX_PLAZO} días."]
    if p.tipo_plazo not in TipoPlazo.values:
        errores["tipo_plazo"] = ["Elija días hábiles o días calendario."]
    if p.silencio not in Procedimiento.Silencio.values:
        errores["silencio"] = ["Elija el silencio administrativo."]
    try:
        monto = Decimal(str(p.derecho_tramite if p.derecho_tramite not in (None, "") else 0))
        if monto < 0 or monto >= Decimal("100000000"):
            raise InvalidOperation
        p.derecho_tramite = monto.quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        errores["derecho_tramite"] = ["El derecho de trámite debe ser un monto de 0 o más, p. ej. 45.50."]
    if errores:
        raise ValidationError(errores)


@transaction.atomic
def crear_procedimiento(
    *,
    codigo: str,
    nombre: str,
    unidad_responsable: UnidadOrganica,
    plazo_dias: int,
    tipo_plazo: str = TipoPlazo.HABILES,
    requisitos: str = "",
    derecho_tramite: Decimal | int | str = 0,
    silencio: str = Procedimiento.Silencio.NINGUNO,
    activo: bool = True,
    por,
) -> Procedimiento:
    """Añade un procedimiento al catálogo (código único, unidad responsable, plazo y su tipo, requisitos
    uno por línea, derecho de trámite y silencio administrativo) y deja el evento de auditoría.
    """
    p = Procedimiento(
        codigo=codigo,
        nombre=nombre,
        unidad_responsable_id=getattr(unidad_responsable, "pk", None),  # type: ignore[misc]  # None a propósito: lo rechaza _validar_procedimiento en español
        plazo_dias=plazo_dias,
        tipo_plazo=tipo_plazo,
        requisitos=requisitos,
        derecho_tramite=derecho_tramite,
        silencio=silencio,
        activo=activo,
    )
    _validar_procedimiento(p)
    p.save()
    registrar_evento(por=por, accion="registro.procedimiento.crear", objeto=p, despues=instantanea(p))
    return p


@transaction.atomic
def actualizar_procedimiento(*, procedimiento: Procedimiento, por, **campos) -> Procedimiento:
    """Cambia un procedimiento con la misma validación. Los documentos ya registrados conservan el
    vencimiento que se les calculó: un cambio de plazo rige para lo que entre después.
    """
    if "unidad_responsable" in campos:
        # Por su id: un valor que no es una unidad lo rechaza la validación en español, no el ORM.
        campos["unidad_responsable_id"] = getattr(campos.pop("unidad_responsable"), "pk", None)
    return actualizar_con_auditoria(
        procedimiento,
        por=por,
        accion="registro.procedimiento.editar",
        cambios=campos,
        editables=[*CAMPOS_PROCEDIMIENTO, "unidad_responsable_id"],
        validar=_validar_procedimiento,
    )


def _validar_tipo(t: TipoDocumental) -> None:
    errores: dict[str, list[str]] = {}
    t.nombre = " ".join((t.nombre or "").split())
    t.codigo_serie = (t.codigo_serie or "").strip().lower()
    if not t.nombre:
        errores["nombre"] = ["Escriba el nombre del tipo de documento."]
    elif len(t.nombre) > 100:
        errores["nombre"] = ["El nombre no puede pasar de 100 caracteres."]
    elif TipoDocumental.objects.filter(nombre__iexact=t.nombre).exclude(pk=t.pk).exists():
        errores["nombre"] = [f"Ya existe el tipo de documento «{t.nombre}»."]
    if t.codigo_serie and not re.fullmatch(r"[-a-z0-9_]{1,40}", t.codigo_serie):
        errores["codigo_serie"] = ["La clave de numeración admite minúsculas sin tilde, números y guiones."]
    if errores:
        raise ValidationError(errores)


@transaction.atomic
def crear_tipo_documental(
    *, nombre: str, interno: bool = False, codigo_serie: str = "", activo: bool = True, por
) -> TipoDocumental:
    """Añade un tipo documental (nombre único sin distinguir mayúsculas) con su evento de auditoría."""
    t = TipoDocumental(nombre=nombre, interno=interno, codigo_serie=codigo_serie, activo=activo)
    _validar_tipo(t)
    t.save()
    registrar_evento(por=por, accion="registro.tipo_documental.crear", objeto=t, despues=instantanea(t))
    return t


@transaction.atomic
def actualizar_tipo_documental(*, tipo: TipoDocumental, por, **campos) -> TipoDocumental:
    """Cambia un tipo documental con la misma validación; guarda antes y después."""
    return actualizar_con_auditoria(
        tipo,
        por=por,
        accion="registro.tipo_documental.editar",
        cambios=campos,
        editables=CAMPOS_TIPO,
        validar=_validar_tipo,
    )
