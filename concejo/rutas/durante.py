"""Rutas de la parte «durante» del concejo (páginas)."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
