from django.urls import path

from core.api import organizacion, personas, vistas

urlpatterns = [
    path("yo/", vistas.Yo.as_view(), name="api-yo"),
    path("unidades/", organizacion.Unidades.as_view(), name="api-unidades"),
    path("personas/", personas.Personas.as_view(), name="api-personas"),
    path("personas/<id:pk>/", personas.PersonaDetalle.as_view(), name="api-persona"),
]
