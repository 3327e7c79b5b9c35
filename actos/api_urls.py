"""API de actos (/api/v1/actos/)."""

from actos.rutas import api_nucleo, api_seguimiento

urlpatterns = [*api_nucleo.urlpatterns, *api_seguimiento.urlpatterns]
