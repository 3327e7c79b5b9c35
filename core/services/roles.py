"""Crea los grupos de roles con sus permisos (idempotente)."""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db import transaction

from core.roles import PERMISOS_POR_ROL


@transaction.atomic
def sincronizar_roles() -> None:
    """Deja cada grupo de `core.roles.PERMISOS_POR_ROL` con exactamente esos permisos.

    Corre tras el post_migrate del núcleo, antes que el de las otras áreas: por eso crea primero los
    permisos de todas las apps (operación idempotente de Django).
    """
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0)
    for nombre, permisos in PERMISOS_POR_ROL.items():
        grupo, _ = Group.objects.get_or_create(name=nombre)
        objetos = []
        for p in permisos:
            app_label, codename = p.split(".", 1)
            objetos.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
        grupo.permissions.set(objetos)
