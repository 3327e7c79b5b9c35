"""Lo que el área registro registra en el núcleo: menú, búsqueda, acceso a archivos, demo.

Cada parte del área añade su bloque aquí (solo líneas nuevas).
"""
