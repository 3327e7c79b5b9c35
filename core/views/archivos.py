from pathlib import PurePosixPath

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from core.forms.archivos import FormularioArchivo
from core.permissions import obtener_archivo
from core.services.archivos import guardar_archivo

# Lo único del almacenamiento que es público por ruta: el logo del municipio. Todo lo demás
# se sirve a través de funciones de acceso (core.permissions.obtener_archivo).
_PREFIJOS_PUBLICOS = ("municipio/",)

# Tipos que el navegador muestra sin ejecutar nada; SVG y HTML nunca se sirven en línea.
_EN_LINEA = {"application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp"}


@require_GET
def servir_media(request, ruta: str):
    limpia = str(PurePosixPath(ruta))
    if ".." in PurePosixPath(limpia).parts or not limpia.startswith(_PREFIJOS_PUBLICOS):
        raise Http404
    if not default_storage.exists(limpia):
        raise Http404
    respuesta = FileResponse(default_storage.open(limpia, "rb"))
    respuesta["Cache-Control"] = "public, max-age=3600"
    respuesta["X-Content-Type-Options"] = "nosniff"
    return respuesta


def respuesta_archivo(archivo, *, en_linea: bool) -> FileResponse:
    try:
        contenido = archivo.archivo.open("rb")
    except FileNotFoundError as e:
        raise Http404 from e
    respuesta = FileResponse(
        contenido,
        as_attachment=not en_linea,
        filename=archivo.nombre_original,
        content_type=archivo.tipo_mime,
    )
    respuesta["X-Content-Type-Options"] = "nosniff"
    respuesta["Cache-Control"] = "private, no-store"
    return respuesta


@login_required
@require_GET
def archivo_descargar(request, pk: int):
    archivo = obtener_archivo(request.user, pk)
    return respuesta_archivo(archivo, en_linea=False)


@login_required
@require_GET
def archivo_ver(request, pk: int):
    archivo = obtener_archivo(request.user, pk)
    return respuesta_archivo(archivo, en_linea=archivo.tipo_mime in _EN_LINEA)


@login_required
@require_http_methods(["GET", "POST"])
def archivo_subir(request):
    # Página de prueba de la carga: solo el personal municipal (con unidad) sube archivos sueltos.
    if request.user.unidad_id is None and not request.user.is_superuser:
        raise PermissionDenied
    form = FormularioArchivo(request.POST, request.FILES) if request.method == "POST" else FormularioArchivo()
    if request.method == "POST" and form.is_valid():
        try:
            archivo = guardar_archivo(archivo=form.cleaned_data["archivo"], por=request.user)
        except ValidationError as e:
            form.add_error("archivo", e)
        else:
            return redirect("core:archivo-detalle", pk=archivo.pk)
    return render(request, "core/archivo_subir.html", {"form": form})


@login_required
@require_GET
def archivo_detalle(request, pk: int):
    archivo = obtener_archivo(request.user, pk)
    contexto = {"archivo": archivo, "en_linea": archivo.tipo_mime in _EN_LINEA}
    return render(request, "core/archivo_detalle.html", contexto)
