"""Menú y demostración de la parte «antes» del concejo."""
