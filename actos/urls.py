"""Páginas internas de actos (/actos/)."""

from actos.rutas import nucleo, seguimiento

app_name = "actos"

urlpatterns = [*nucleo.urlpatterns, *seguimiento.urlpatterns]
