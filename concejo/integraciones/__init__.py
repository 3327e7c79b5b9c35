"""Cada parte del área concejo registra su menú y su demostración en su propio módulo."""
