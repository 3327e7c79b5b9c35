"""Middleware del núcleo: IP de la solicitud para la auditoría y zona horaria del municipio."""

from django.utils import timezone

from core import rapido
from core.contexto import contexto_solicitud, unidad_de_trabajo
from core.selectors.municipio import zona_horaria_actual, zona_provisional


class ContextoSolicitudMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        ip = request.META.get("REMOTE_ADDR") or None
        with contexto_solicitud(ip=ip):
            return self.get_response(request)


class ZonaHorariaMiddleware:
    """Cada solicitud es una unidad de trabajo (`core.contexto`) y corre en la zona horaria del municipio
    (horas en las páginas, «hoy» por omisión), leído una vez al empezar la vista: una consulta, la misma que
    antes hacía la plantilla para mostrarlo.

    Una vista cuya clase declara `lee_el_municipio_en_su_viaje` (el registro por la API) lee el municipio ella
    misma, en el mismo viaje que sus otras lecturas, antes de usar la hora: en PostgreSQL con camino rápido
    empieza con la zona provisional del proceso y la corrige al leerlo (`fijar_municipio_vigente`).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with unidad_de_trabajo(), timezone.override(None):
            return self.get_response(request)

    def process_view(self, request, vista, args, kwargs):
        clase = getattr(vista, "view_class", None)
        if getattr(clase, "lee_el_municipio_en_su_viaje", False) and rapido.disponible():
            timezone.activate(zona_provisional())
        else:
            timezone.activate(zona_horaria_actual())
