"""Lecturas de actos que necesitan más de una línea, para las páginas, la API y los informes; un módulo por
concepto."""
