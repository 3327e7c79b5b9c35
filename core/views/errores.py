"""Páginas de error en español con la navegación (issue 14, punto 8): 403, 404, 500 y el fallo de CSRF.

Son los `handler403/404/500` de `secretaria/urls.py` y `CSRF_FAILURE_VIEW`. Con sesión se ve la barra con
el menú del rol; sin ella, la cabecera pública con enlaces al portal y al ingreso. La de 500 no puede
fallar a su vez: si armar la página completa falla (p. ej. la base no responde), sale una versión mínima.
"""

from __future__ import annotations

import logging

from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template.loader import render_to_string

log = logging.getLogger(__name__)

_PLANTILLA = "errores/_error.html"


def _pagina(request, *, codigo: int, titulo: str, explicacion: str, motivo: str = "") -> HttpResponse:
    contexto = {"codigo": codigo, "titulo": titulo, "explicacion": explicacion, "motivo": motivo}
    return render(request, _PLANTILLA, contexto, status=codigo)


def _motivo(exception) -> str:
    # Los PermissionDenied del proyecto llevan un motivo en español; los vacíos no se muestran.
    texto = str(exception or "").strip()
    return texto if texto and texto != "None" else ""


def pagina_403(request, exception=None) -> HttpResponse:
    return _pagina(
        request,
        codigo=403,
        titulo="No tiene permiso para esta acción",
        explicacion="Su cuenta no tiene el rol o la unidad que esta página o acción requiere. Si cree que "
        "debería tenerlo, pídalo a la Secretaría General.",
        motivo=_motivo(exception),
    )


def pagina_404(request, exception=None) -> HttpResponse:
    return _pagina(
        request,
        codigo=404,
        titulo="No encontramos esta página",
        explicacion="La dirección no existe o el documento no está a su alcance. Revise el enlace o vuelva "
        "al inicio.",
    )


def pagina_500(request) -> HttpResponse:
    contexto = {
        "codigo": 500,
        "titulo": "Ocurrió un error en el servidor",
        "explicacion": "No se completó la operación. Ya quedó registrado para el área técnica; intente de "
        "nuevo en unos minutos.",
    }
    try:
        return HttpResponseServerError(render_to_string(_PLANTILLA, contexto, request=request))
    except Exception:  # la página de error no debe fallar: versión sin base ni menú
        log.exception("No se pudo armar la página de error 500 completa.")
        return HttpResponseServerError(
            '<!doctype html><html lang="es"><meta charset="utf-8"><title>Error del servidor</title>'
            "<h1>Ocurrió un error en el servidor</h1><p>No se completó la operación. Intente de nuevo en "
            'unos minutos.</p><p><a href="/">Volver al inicio</a></p></html>'
        )


def fallo_csrf(request, reason: str = "") -> HttpResponse:
    return _pagina(
        request,
        codigo=403,
        titulo="El formulario caducó",
        explicacion="Por seguridad, el formulario ya no es válido (la sesión cambió o la página estuvo "
        "abierta mucho tiempo). Vuelva a la página, recárguela y envíe el formulario de nuevo.",
    )
