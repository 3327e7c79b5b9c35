from django.urls import path

from certificaciones.views import verificar

# Páginas públicas de verificación (/verificar/), sin ingreso.
app_name = "verificar"

urlpatterns = [
    path("", verificar.inicio, name="inicio"),
    path("<str:codigo>/", verificar.codigo, name="codigo"),
    path("<str:codigo>/pdf/", verificar.descargar, name="descargar"),
]
