"""Guarda la IP y el usuario de la solicitud en curso para los eventos de auditoría."""

from core.contexto import contexto_solicitud


class ContextoSolicitudMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        ip = request.META.get("REMOTE_ADDR") or None
        with contexto_solicitud(ip=ip):
            return self.get_response(request)
