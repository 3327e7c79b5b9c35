"""Páginas del concejo (/concejo/): cada parte trae sus rutas; las públicas no piden ingreso."""

from concejo.rutas import antes, cuerpo, despues, durante

app_name = "concejo"

urlpatterns = [*cuerpo.urlpatterns, *antes.urlpatterns, *durante.urlpatterns, *despues.urlpatterns]
