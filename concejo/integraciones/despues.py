"""Menú y demostración de la parte «despues» del concejo."""
