from functools import cache

from django.utils.functional import SimpleLazyObject

from core import navegacion
from core.selectors.municipio import municipio_vigente


def secretaria(request):
    """Municipio, menú y notificaciones para la plantilla base.

    Todo perezoso: las plantillas llaman a los invocables al usarlos (una vez, con `cache`) y el municipio
    (el guardado en el proceso con la versión de la configuración) se toma al tocarlo. Así un fragmento
    HTMX que no muestra la barra (p. ej. el panel de una votación en vivo) no arma el menú.
    """
    usuario = getattr(request, "user", None)

    @cache
    def menu():
        return navegacion.menu_para(usuario) if usuario is not None else []

    @cache
    def notificaciones_sin_leer():
        if usuario is None or not usuario.is_authenticated:
            return 0
        return usuario.notificaciones.filter(leida=False).count()

    @cache
    def puede_buscar():
        # La caja de búsqueda de la cabecera, para el personal (core.permissions.es_funcionario). Sin
        # consultas de más: la unidad está en la fila del usuario y los permisos ya los cargó el menú.
        if usuario is None or not usuario.is_authenticated:
            return False
        return bool(usuario.is_superuser or usuario.unidad_id or usuario.get_all_permissions())

    return {
        "municipio": SimpleLazyObject(municipio_vigente),
        "menu": menu,
        "notificaciones_sin_leer": notificaciones_sin_leer,
        "puede_buscar": puede_buscar,
    }
