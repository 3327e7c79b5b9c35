"""Motores de base de datos propios (ajustes finos sobre los de Django)."""
