"""Crea los grupos de roles con sus permisos (idempotente)."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from core.roles import PERMISOS_POR_ROL


@transaction.atomic
def sincronizar_roles() -> None:
    """Deja cada grupo de `core.roles.PERMISOS_POR_ROL` con exactamente esos permisos."""
    for nombre, permisos in PERMISOS_POR_ROL.items():
        grupo, _ = Group.objects.get_or_create(name=nombre)
        objetos = []
        for p in permisos:
            app_label, codename = p.split(".", 1)
            objetos.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
        grupo.permissions.set(objetos)
