"""Rutas de la parte «cuerpo» del concejo (páginas)."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
