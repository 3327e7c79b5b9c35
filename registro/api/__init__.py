"""Registro: api."""
