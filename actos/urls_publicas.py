"""Páginas públicas de la normativa (/normativa/), sin ingreso: búsqueda, cada acto, feed Atom."""

from actos.rutas import publico_nucleo, publico_seguimiento

app_name = "normativa"

urlpatterns = [*publico_nucleo.urlpatterns, *publico_seguimiento.urlpatterns]
