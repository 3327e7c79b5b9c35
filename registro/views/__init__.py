"""Registro: views."""
