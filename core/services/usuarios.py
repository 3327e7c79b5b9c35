"""Usuarios del sistema y sus roles (grupos de core.roles); se desactivan, nunca se borran."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from core import roles as R
from core.models import Cargo, UnidadOrganica, Usuario
from core.services.auditoria import instantanea, registrar_evento

CAMPOS_AUDITADOS = ["username", "first_name", "last_name", "email", "unidad", "cargo", "is_active"]


def roles_disponibles() -> list[str]:
    """Los roles que se pueden asignar: los de core.roles, en su orden."""
    return list(R.PERMISOS_POR_ROL)


def roles_administrador() -> set[str]:
    """Roles que dan la gestión de usuarios: nadie se los quita a sí mismo (se quedaría sin acceso)."""
    return {rol for rol, permisos in R.PERMISOS_POR_ROL.items() if R.GESTIONAR_USUARIOS in permisos}


def _foto(usuario: Usuario) -> dict:
    datos = instantanea(usuario, CAMPOS_AUDITADOS)
    datos["roles"] = sorted(usuario.groups.values_list("name", flat=True))
    return datos


def _validar(
    *, usuario: Usuario, unidad: UnidadOrganica | None, cargo: Cargo | None, roles: list[str]
) -> None:
    errores = {}
    desconocidos = set(roles) - set(roles_disponibles())
    if desconocidos:
        errores["roles"] = f"Rol desconocido: {', '.join(sorted(desconocidos))}."
    if unidad is not None and not unidad.activa:
        errores["unidad"] = "La unidad está desactivada."
    if cargo is not None:
        if not cargo.activo:
            errores["cargo"] = "El cargo está desactivado."
        elif unidad is None or cargo.unidad_id != unidad.pk:
            errores["cargo"] = "El cargo debe pertenecer a la unidad elegida."
    if usuario.email and Usuario.objects.filter(email__iexact=usuario.email).exclude(pk=usuario.pk).exists():
        errores["email"] = "Ya hay otro usuario con ese correo electrónico."
    if errores:
        raise ValidationError(errores)


def _asignar_roles(usuario: Usuario, roles: list[str]) -> None:
    usuario.groups.set(Group.objects.filter(name__in=roles))


@transaction.atomic
def crear_usuario(
    *,
    username: str,
    nombres: str,
    apellidos: str,
    correo: str = "",
    unidad: UnidadOrganica | None = None,
    cargo: Cargo | None = None,
    roles: list[str] | None = None,
    clave: str,
    por: Usuario | None,
) -> Usuario:
    """Crea un usuario activo con su unidad, cargo, roles y contraseña inicial validada por Django.

    La contraseña nunca va a la auditoría; sí el resto de los datos y los roles.
    """
    roles = list(roles or [])
    username = (username or "").strip()
    if Usuario.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": "Ya existe un usuario con ese nombre de usuario."})
    usuario = Usuario(
        username=username,
        first_name=(nombres or "").strip(),
        last_name=(apellidos or "").strip(),
        email=(correo or "").strip(),
        unidad=unidad,
        cargo=cargo,
    )
    _validar(usuario=usuario, unidad=unidad, cargo=cargo, roles=roles)
    try:
        validate_password(clave, user=usuario)
    except ValidationError as e:
        raise ValidationError({"clave": e.messages}) from None
    usuario.set_password(clave)
    usuario.full_clean(exclude=["password"])
    usuario.save()
    _asignar_roles(usuario, roles)
    registrar_evento(por=por, accion="core.usuario.crear", objeto=usuario, despues=_foto(usuario))
    return usuario


@transaction.atomic
def actualizar_usuario(
    *,
    usuario: Usuario,
    nombres: str,
    apellidos: str,
    correo: str = "",
    unidad: UnidadOrganica | None = None,
    cargo: Cargo | None = None,
    roles: list[str],
    por: Usuario | None,
) -> Usuario:
    """Cambia datos, unidad, cargo y roles de un usuario; quien gestiona usuarios no puede quitarse ese rol."""
    usuario = Usuario.objects.select_for_update().get(pk=usuario.pk)
    antes = _foto(usuario)
    roles = list(roles)
    if por is not None and por.pk == usuario.pk:
        quitados = (set(antes["roles"]) - set(roles)) & roles_administrador()
        if quitados:
            raise ValidationError(
                {
                    "roles": "No puede quitarse a sí mismo el rol de administración "
                    f"({', '.join(sorted(quitados))})."
                }
            )
    usuario.first_name = (nombres or "").strip()
    usuario.last_name = (apellidos or "").strip()
    usuario.email = (correo or "").strip()
    usuario.unidad = unidad
    usuario.cargo = cargo
    _validar(usuario=usuario, unidad=unidad, cargo=cargo, roles=roles)
    usuario.full_clean(exclude=["password"])
    usuario.save()
    _asignar_roles(usuario, roles)
    registrar_evento(
        por=por, accion="core.usuario.editar", objeto=usuario, antes=antes, despues=_foto(usuario)
    )
    return usuario


@transaction.atomic
def desactivar_usuario(*, usuario: Usuario, por: Usuario | None) -> Usuario:
    """Desactiva la cuenta (no puede ingresar); no se borra porque su nombre firma eventos y documentos.

    Nadie se desactiva a sí mismo, para que la instalación no quede sin quien la administre.
    """
    usuario = Usuario.objects.select_for_update().get(pk=usuario.pk)
    if por is not None and por.pk == usuario.pk:
        raise ValidationError("No puede desactivar su propio usuario.")
    if not usuario.is_active:
        raise ValidationError("El usuario ya está desactivado.")
    antes = _foto(usuario)
    usuario.is_active = False
    usuario.save(update_fields=["is_active"])
    registrar_evento(
        por=por, accion="core.usuario.desactivar", objeto=usuario, antes=antes, despues=_foto(usuario)
    )
    return usuario


@transaction.atomic
def reactivar_usuario(*, usuario: Usuario, por: Usuario | None) -> Usuario:
    """Vuelve a activar una cuenta desactivada, con su evento de auditoría."""
    usuario = Usuario.objects.select_for_update().get(pk=usuario.pk)
    if usuario.is_active:
        raise ValidationError("El usuario ya está activo.")
    antes = _foto(usuario)
    usuario.is_active = True
    usuario.save(update_fields=["is_active"])
    registrar_evento(
        por=por, accion="core.usuario.reactivar", objeto=usuario, antes=antes, despues=_foto(usuario)
    )
    return usuario
