"""Rutas de la parte «despues» del concejo (páginas)."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
