"""Números que llegan como texto en la dirección o en un formulario (`?anio=2026`, `?organo=3`).

`str.isdigit()` acepta «²» y «٣» (y `int("²")` falla: un 500); `int()` acepta «٣», « 7 », «1_000» y un
número de cualquier largo (que desborda la columna o, con miles de dígitos, tarda y luego falla). Aquí un
número de la dirección es solo dígitos ASCII, sin signo, y cabe en un entero de 64 bits con signo (el de
las columnas de la base), y si no, no es un número (issue 20, punto 4).
"""

from __future__ import annotations

from typing import overload

ENTERO_MAXIMO = 2**63 - 1
_LARGO_MAXIMO = len(str(ENTERO_MAXIMO))


@overload
def entero(texto: object, *, minimo: int = ..., maximo: int = ..., defecto: int) -> int: ...
@overload
def entero(texto: object, *, minimo: int = ..., maximo: int = ..., defecto: None = ...) -> int | None: ...
def entero(
    texto: object, *, minimo: int = 0, maximo: int = ENTERO_MAXIMO, defecto: int | None = None
) -> int | None:
    """El entero que `texto` escribe con dígitos ASCII si está entre `minimo` y `maximo`; si no, `defecto`.
    Nunca lanza: sirve para parámetros de consulta, donde lo raro se trata como ausente.
    """
    if not isinstance(texto, str) or not texto or len(texto) > _LARGO_MAXIMO:
        return defecto
    if not (texto.isascii() and texto.isdigit()):
        return defecto
    valor = int(texto)
    return valor if minimo <= valor <= maximo else defecto


class IdDeRuta:
    """Convertidor de ruta `<id:pk>`: como `<int:pk>`, pero con a lo sumo 18 dígitos ASCII, así que siempre
    cabe en la columna (una dirección con un número mayor no coincide: 404, nunca el 500 del desbordamiento).
    Se registra al arrancar (`core.apps`) y lo usan todas las rutas con identificadores."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int | str) -> str:
        return str(value)
