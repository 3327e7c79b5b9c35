"""Lo que el área concejo registra en el núcleo: menú, permisos de los roles, acceso a archivos y demo.

Se importa desde `apps.ready()`.
"""
