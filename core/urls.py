from django.urls import path

from core.views import inicio

app_name = "core"

urlpatterns = [
    path("", inicio.inicio, name="inicio"),
    path("notificaciones/", inicio.notificaciones, name="notificaciones"),
    path("notificaciones/leer/", inicio.notificaciones_leer, name="notificaciones-leer"),
]
