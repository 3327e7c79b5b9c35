"""API del concejo (/api/v1/concejo/)."""

from concejo.rutas import api_antes, api_cuerpo, api_despues, api_durante

urlpatterns = [
    *api_cuerpo.urlpatterns,
    *api_antes.urlpatterns,
    *api_durante.urlpatterns,
    *api_despues.urlpatterns,
]
