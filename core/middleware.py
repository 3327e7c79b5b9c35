"""Middleware del núcleo: tope de tamaño de la solicitud, IP de la solicitud para la auditoría y zona horaria
del municipio."""

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.html import escape

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


class TamanoDeSolicitudMiddleware:
    """Rechaza con 413 la solicitud cuyo cuerpo declarado (`Content-Length`) pasa de
    `SOLICITUD_TAMANO_MAXIMO`, antes de que Django lo lea: nada se recibe ni se escribe en disco (issue 20,
    punto 5). Va primero en MIDDLEWARE. No consulta la base ni renderiza plantillas: una página mínima en
    español (o JSON bajo /api/). Un cuerpo sin `Content-Length` (chunked) Django no lo lee; el proxy lo
    limita con su propio tope (docs/operacion/seguridad.md).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        declarado = request.META.get("CONTENT_LENGTH") or ""
        maximo = settings.SOLICITUD_TAMANO_MAXIMO
        if declarado.isascii() and declarado.isdigit() and int(declarado) > maximo:
            return respuesta_demasiado_grande(request, maximo)
        return self.get_response(request)


class HeadComoGetMiddleware:
    """HEAD responde lo mismo que GET, sin cuerpo (RFC 9110, 9.3.2): las vistas de función declaran
    `require_GET` o `require_http_methods(["GET", "POST"])`, que sin esto contestan 405 a un HEAD (issue 20,
    punto 7; lo usan los monitores de disponibilidad y los enlaces que se comprueban antes de abrirse). La
    vista ve un GET; la respuesta conserva sus cabeceras y su Content-Length, y pierde el cuerpo."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method != "HEAD":
            return self.get_response(request)
        request.method = "GET"
        try:
            respuesta = self.get_response(request)
        finally:
            request.method = "HEAD"
        if respuesta.streaming:
            cierre = getattr(respuesta, "close", None)
            respuesta.streaming_content = []
            if cierre is not None:
                cierre()
        else:
            respuesta["Content-Length"] = str(len(respuesta.content))
            respuesta.content = b""
        return respuesta


def respuesta_demasiado_grande(request, maximo: int) -> HttpResponse:
    mensaje = (
        f"Lo enviado es demasiado grande: el máximo que se recibe en una solicitud es {filesizeformat(maximo)}. "
        "Reduzca o divida los archivos y vuelva a intentarlo."
    )
    if request.path.startswith("/api/"):
        respuesta: HttpResponse = JsonResponse({"detail": mensaje}, status=413)
    else:
        respuesta = HttpResponse(
            '<!doctype html><html lang="es"><head><meta charset="utf-8">'
            "<title>Solicitud demasiado grande</title></head><body>"
            f"<h1>Solicitud demasiado grande</h1><p>{escape(mensaje)}</p>"
            '<p><a href="/">Volver al inicio</a></p></body></html>',
            status=413,
            content_type="text/html; charset=utf-8",
        )
    # Con su largo: el cliente lee la respuesta entera sin esperar a que se cierre la conexión (el servidor
    # puede quedarse descartando el resto del cuerpo). Sin «Connection: close»: WSGI no admite cabeceras de
    # salto a salto; la conexión la decide el servidor.
    respuesta["Content-Length"] = str(len(respuesta.content))
    return respuesta
