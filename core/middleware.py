"""Middleware del núcleo: IP de la solicitud para la auditoría y zona horaria del municipio."""

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
    """Cada solicitud corre en la zona horaria del municipio (horas en las páginas, «hoy» por omisión).

    La zona sale de la caché (`zona_horaria_actual`): no suma consultas a la solicitud.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with en_zona_del_municipio():
            return self.get_response(request)
