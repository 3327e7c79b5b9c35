"""Menú y demostración de la parte «seguimiento» de actos."""
