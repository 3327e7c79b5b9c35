"""Rutas de la API de la parte «antes» del concejo."""

from django.urls import path

from concejo.api import antes as api

urlpatterns: list = [
    path("sesiones/", api.Sesiones.as_view(), name="api-concejo-sesiones"),
    path("sesiones/<int:pk>/", api.SesionDetalle.as_view(), name="api-concejo-sesion"),
    path("sesiones/<int:pk>/convocar/", api.SesionConvocar.as_view(), name="api-concejo-sesion-convocar"),
]
