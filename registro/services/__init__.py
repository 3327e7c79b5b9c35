"""Registro: services."""
