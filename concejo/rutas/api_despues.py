"""Rutas de la API de la parte «despues» del concejo."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
