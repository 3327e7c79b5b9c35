"""Menú y demostración de la parte «cuerpo» del concejo."""
