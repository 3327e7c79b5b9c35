"""Menú principal: cada área registra sus entradas con el permiso que las muestra.

Así la navegación de cada rol muestra solo lo que puede usar, sin que el núcleo conozca las áreas.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class Entrada:
    seccion: str
    titulo: str
    url_name: str
    permiso: str | None = None  # None: todo usuario autenticado
    orden: int = 100
    visible: Callable | None = field(default=None, compare=False)  # visible(usuario) -> bool


_entradas: list[Entrada] = []


def registrar(entrada: Entrada) -> None:
    if entrada not in _entradas:
        _entradas.append(entrada)


def menu_para(usuario) -> list[dict]:
    """Secciones con sus enlaces, filtradas por permiso, para la barra de navegación."""
    if not usuario.is_authenticated:
        return []
    secciones: dict[str, list[dict]] = {}
    for e in sorted(_entradas, key=lambda e: (e.orden, e.titulo)):
        if e.permiso and not usuario.has_perm(e.permiso):
            continue
        if e.visible and not e.visible(usuario):
            continue
        try:
            url = reverse(e.url_name)
        except NoReverseMatch:
            # Un área desinstalada no rompe el menú; test_navegacion exige que todas resuelvan.
            continue
        secciones.setdefault(e.seccion, []).append({"titulo": e.titulo, "url": url})
    return [{"seccion": s, "enlaces": enlaces} for s, enlaces in secciones.items()]


def entradas() -> list[Entrada]:
    return list(_entradas)
