"""Registro: forms."""
