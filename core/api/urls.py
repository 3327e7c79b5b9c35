from django.urls import path

from core.api import busqueda, organizacion, personas, vistas

urlpatterns = [
    path("yo/", vistas.Yo.as_view(), name="api-yo"),
    path("buscar/", busqueda.Buscar.as_view(), name="api-buscar"),
    path("unidades/", organizacion.Unidades.as_view(), name="api-unidades"),
    path("personas/", personas.Personas.as_view(), name="api-personas"),
    path("personas/<id:pk>/", personas.PersonaDetalle.as_view(), name="api-persona"),
]
