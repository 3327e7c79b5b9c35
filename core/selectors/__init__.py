"""Lecturas del núcleo de más de una línea, para páginas, API e informes."""
