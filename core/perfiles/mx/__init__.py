"""Ajustes por estado del perfil MX (MX-<estado>): solo las reglas que difieren de MX."""
