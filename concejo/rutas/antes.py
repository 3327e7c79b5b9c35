"""Rutas de la parte «antes» del concejo (páginas)."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
