"""Formularios del núcleo, un módulo por concepto."""
