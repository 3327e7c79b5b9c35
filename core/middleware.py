"""Middleware del núcleo: IP de la solicitud para la auditoría y zona horaria del municipio."""

from core import versiones
from core.contexto import contexto_solicitud
from core.services.municipio import en_zona_del_municipio


class ContextoSolicitudMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        ip = request.META.get("REMOTE_ADDR") or None
        with contexto_solicitud(ip=ip):
            return self.get_response(request)


class ZonaHorariaMiddleware:
    """Cada solicitud corre en la zona horaria del municipio (horas en las páginas, «hoy» por omisión) y es
    una unidad de trabajo de `core.versiones`: la versión de la configuración se lee una vez (una consulta de
    una fila) y el municipio y su zona salen de lo guardado en el proceso mientras no cambie.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with versiones.unidad_de_trabajo(), en_zona_del_municipio():
            return self.get_response(request)
