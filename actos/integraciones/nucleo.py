"""Menú y demostración de la parte «nucleo» de actos."""
