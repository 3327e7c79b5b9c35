"""Menú y demostración de la parte «durante» del concejo."""
