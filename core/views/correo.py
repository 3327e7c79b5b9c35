"""Los correos de la demostración (`.eml` en var/correo/), para el administrador técnico: sin servidor de
correo, así se ve qué salió (citaciones, avisos, cargos). Para los demás, 404."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from core.selectors.correo import NOMBRE_VALIDO, carpeta_de_correo, correos_guardados


def _carpeta(usuario):
    carpeta = carpeta_de_correo()
    if not usuario.is_superuser or carpeta is None:
        raise Http404
    return carpeta


@login_required
@require_GET
def correos(request):
    carpeta = _carpeta(request.user)
    return render(request, "core/correos.html", {"correos": correos_guardados(carpeta), "carpeta": carpeta})


@login_required
@require_GET
def correo_descargar(request, nombre: str):
    carpeta = _carpeta(request.user)
    archivo = carpeta / nombre
    if not NOMBRE_VALIDO.match(nombre) or not archivo.is_file():
        raise Http404
    return FileResponse(
        archivo.open("rb"), as_attachment=True, filename=nombre, content_type="message/rfc822"
    )
