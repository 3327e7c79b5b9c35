from django.urls import path

from core.views import inicio
from core.views import archivos as vistas_archivos

app_name = "core"

urlpatterns = [
    path("", inicio.inicio, name="inicio"),
    path("notificaciones/", inicio.notificaciones, name="notificaciones"),
    path("notificaciones/leer/", inicio.notificaciones_leer, name="notificaciones-leer"),
    path("archivos/subir/", vistas_archivos.archivo_subir, name="archivo-subir"),
    path("archivos/<int:pk>/", vistas_archivos.archivo_detalle, name="archivo-detalle"),
    path("archivos/<int:pk>/ver/", vistas_archivos.archivo_ver, name="archivo-ver"),
    path("archivos/<int:pk>/descargar/", vistas_archivos.archivo_descargar, name="archivo-descargar"),
]
