"""Rutas de la API de la parte «cuerpo» del concejo."""

from django.urls import path

from concejo.api import cuerpo as api

urlpatterns: list = [
    path("popolo/", api.Popolo.as_view(), name="api-concejo-popolo"),
    path("en-una-fecha/", api.ConcejoEnFecha.as_view(), name="api-concejo-en-fecha"),
]
