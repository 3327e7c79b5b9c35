"""Cada parte del área actos registra su menú y su demostración en su propio módulo."""
