"""Permisos de la API: quién puede leer qué. Los mensajes van en español al cuerpo `{"error": ...}`."""

from __future__ import annotations

from rest_framework.permissions import BasePermission

from core.permissions import es_funcionario


class EsFuncionario(BasePermission):
    """Personal de la municipalidad: tiene unidad o algún rol (un ciudadano con cuenta no lo es)."""

    message = "Solo el personal de la municipalidad puede consultar esto."

    def has_permission(self, request, view) -> bool:
        return es_funcionario(request.user)


def requiere_permiso(permiso: str, mensaje: str) -> type[BasePermission]:
    """Una clase de permiso DRF que exige el permiso de Django `permiso` (p. ej. core.gestionar_personas)."""

    class _TienePermiso(BasePermission):
        message = mensaje

        def has_permission(self, request, view) -> bool:
            u = request.user
            return bool(u and u.is_authenticated and u.has_perm(permiso))

    _TienePermiso.__name__ = f"TienePermiso_{permiso.replace('.', '_')}"
    return _TienePermiso
