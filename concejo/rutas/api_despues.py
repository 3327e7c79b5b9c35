"""Rutas de la API de la parte «despues» del concejo."""

from django.urls import path

from concejo.api import despues as v

urlpatterns: list = [
    path("sesiones/<int:pk>/acta/", v.ActaDeSesion.as_view(), name="api-concejo-acta"),
    path("sesiones/<int:pk>/acta/generar/", v.ActaGenerar.as_view(), name="api-concejo-acta-generar"),
    path("sesiones/<int:pk>/acta/firmar/", v.ActaFirmar.as_view(), name="api-concejo-acta-firmar"),
    path("sesiones/<int:pk>/acta/publicar/", v.ActaPublicar.as_view(), name="api-concejo-acta-publicar"),
    path("actas/", v.ActasPublicadas.as_view(), name="api-concejo-actas-publicadas"),
]
