from core import navegacion
from core.models import Municipio


def secretaria(request):
    """Municipio, vocabulario del perfil y menú para la plantilla base."""
    usuario = getattr(request, "user", None)
    municipio = Municipio.objects.actual()
    return {
        "municipio": municipio,
        "menu": navegacion.menu_para(usuario) if usuario is not None else [],
        "notificaciones_sin_leer": usuario.notificaciones.filter(leida=False).count()
        if usuario is not None and usuario.is_authenticated
        else 0,
    }
