from pathlib import PurePosixPath

from django.conf import settings
from django.http import FileResponse, Http404
from django.views.decorators.http import require_GET

# Lo único del almacenamiento que es público por ruta: el logo del municipio. Todo lo demás
# se sirve a través de funciones de acceso (core.permissions.obtener_archivo).
_PREFIJOS_PUBLICOS = ("municipio/",)


@require_GET
def servir_media(request, ruta: str):
    limpia = str(PurePosixPath(ruta))
    if ".." in PurePosixPath(limpia).parts or not limpia.startswith(_PREFIJOS_PUBLICOS):
        raise Http404
    from django.core.files.storage import default_storage

    if not default_storage.exists(limpia):
        raise Http404
    respuesta = FileResponse(default_storage.open(limpia, "rb"))
    respuesta["Cache-Control"] = "public, max-age=3600"
    respuesta["X-Content-Type-Options"] = "nosniff"
    return respuesta
