"""Registro: selectors."""
