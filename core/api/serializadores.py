"""Serializadores de DRF reutilizados en las vistas calientes de la API, para no rearmar sus campos en cada
petición.

DRF copia con `deepcopy` cada campo declarado al crear cada instancia de un serializador (los de relación
copian también su queryset): en el registro por la API eran ~0,4 ms para validar la entrada y ~0,6 ms para
armar la salida, de unos 5 ms de CPU por petición. Aquí cada hilo guarda una instancia por clase y la vuelve
a usar: sus campos ya están armados y ligados a ella.

- `validar(clase, datos)`: lo que la validación deja (`_validated_data`, `_errors`, `_data`) se borra antes
  de validar con los datos nuevos.
- `representar(clase, objeto)`: `to_representation` de la instancia guardada; es lo mismo que
  `clase(objeto).data` (sin el `ReturnDict`, que solo recuerda el serializador).

Los campos de DRF no guardan nada de una petición a otra. Un serializador con estado propio (contexto,
`instance`, atributos que fije al validar o al representar) no debe pasar por aquí. `core/tests/
test_api_serializadores.py` comprueba que las dos dan lo mismo que una instancia nueva.
"""

from __future__ import annotations

import threading

from rest_framework import serializers

_por_hilo = threading.local()
_DE_LA_VALIDACION = ("_validated_data", "_errors", "_data")


def _instancia(clase: type[serializers.Serializer], **argumentos) -> serializers.Serializer:
    instancias = _por_hilo.__dict__.setdefault("instancias", {})
    instancia = instancias.get(clase)
    if instancia is None:
        instancia = instancias[clase] = clase(**argumentos)
    return instancia


def validar(clase: type[serializers.Serializer], datos) -> dict:
    """Lo mismo que `s = clase(data=datos); s.is_valid(raise_exception=True); dict(s.validated_data)`,
    con la instancia de `clase` de este hilo. Un error de validación sale como de DRF (400 en la vista)."""
    entrada = _instancia(clase, data=datos)
    for atributo in _DE_LA_VALIDACION:
        entrada.__dict__.pop(atributo, None)
    entrada.initial_data = datos
    entrada.is_valid(raise_exception=True)
    return dict(entrada.validated_data)


def representar(clase: type[serializers.Serializer], objeto) -> dict:
    """Lo mismo que `dict(clase(objeto).data)`, con la instancia de `clase` de este hilo."""
    return _instancia(clase).to_representation(objeto)
