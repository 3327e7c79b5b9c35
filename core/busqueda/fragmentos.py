"""Fragmentos con las palabras encontradas: texto plano con sus resaltes, o HTML escapado con <mark>.

Una sola forma de resaltar para los dos motores y para todas las áreas: se calcula en Python sobre el
texto (ya sin etiquetas HTML) de los pocos resultados que se muestran. Se resalta cada palabra cuya raíz
española (sin tildes ni mayúsculas) es una raíz de la consulta («certificados» resalta «certificado»); si
ninguna lo es (el índice de SQLite también acepta la raíz como prefijo), las que empiezan con ella.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from core.busqueda.normalizacion import palabras, raiz

PALABRAS_FRAGMENTO = 30
PALABRAS_ANTES = 8
_PALABRA = re.compile(r"\w+", re.UNICODE)
_ETIQUETA = re.compile(r"<[^>]*>")
_ESPACIOS = re.compile(r"\s+")


@dataclass(frozen=True)
class Fragmento:
    """`texto` plano; `resaltes` = [(inicio, fin), ...] en caracteres (puntos de código) de `texto`."""

    texto: str
    resaltes: tuple[tuple[int, int], ...]

    def html(self) -> SafeString:
        """El fragmento escapado, con cada resalte dentro de <mark>."""
        partes: list[str] = []
        cursor = 0
        for inicio, fin in self.resaltes:
            partes.append(escape(self.texto[cursor:inicio]))
            partes.append(f"<mark>{escape(self.texto[inicio:fin])}</mark>")
            cursor = fin
        partes.append(escape(self.texto[cursor:]))
        return mark_safe("".join(partes))  # noqa: S308 - cada pedazo se escapó arriba


def texto_de_html(contenido: str) -> str:
    """El texto de un HTML simple (el del acta): sin etiquetas, con las entidades resueltas."""
    return _ESPACIOS.sub(" ", html.unescape(_ETIQUETA.sub(" ", contenido or ""))).strip()


def _coincide(palabra: str, raices: tuple[str, ...], *, prefijo: bool) -> bool:
    formas = palabras(palabra)
    if not formas:
        return False
    propia = raiz(formas[0])
    if prefijo:
        return any(propia.startswith(r) or formas[0].startswith(r) for r in raices)
    return propia in raices


def _ventana(
    texto: str, claves: tuple[str, ...], *, prefijo: bool
) -> tuple[list[re.Match[str]], int | None, bool]:
    """Las fichas del texto hasta llenar la ventana tras la primera coincidencia (o todas si no hay), la
    posición de esa coincidencia y si se leyó el texto hasta el final."""
    fichas: list[re.Match[str]] = []
    primera: int | None = None
    for ficha in _PALABRA.finditer(texto):
        fichas.append(ficha)
        if primera is None and claves and _coincide(ficha.group(), claves, prefijo=prefijo):
            primera = len(fichas) - 1
        if primera is not None and len(fichas) >= primera + PALABRAS_FRAGMENTO:
            return fichas, primera, False
    return fichas, primera, True


def fragmento(texto: str, raices: list[str] | tuple[str, ...]) -> Fragmento:
    """Una ventana de ~30 palabras alrededor de la primera coincidencia de `texto` (plano), con los
    resaltes de las coincidencias dentro de ella; sin coincidencia, el comienzo del texto. Deja de
    recorrer el texto al llenar la ventana: un acta larga no cuesta más que una corta."""
    texto = _ESPACIOS.sub(" ", texto or "").strip()
    claves = tuple(r for r in raices if r)
    prefijo = False
    fichas, primera, completo = _ventana(texto, claves, prefijo=False)
    if primera is None and claves:
        prefijo = True
        fichas, primera, completo = _ventana(texto, claves, prefijo=True)
    if not fichas:
        return Fragmento(texto="", resaltes=())
    desde = max(0, (primera or 0) - PALABRAS_ANTES)
    hasta = min(len(fichas), desde + PALABRAS_FRAGMENTO)
    # Desde el comienzo o hasta el final del texto, con su puntuación; si no, de palabra a palabra.
    inicio = 0 if desde == 0 else fichas[desde].start()
    fin = len(texto) if completo and hasta == len(fichas) else fichas[hasta - 1].end()
    prefijo_texto = "… " if inicio > 0 else ""
    sufijo = " …" if fin < len(texto) else ""
    desplazamiento = len(prefijo_texto) - inicio
    resaltes = tuple(
        (f.start() + desplazamiento, f.end() + desplazamiento)
        for f in fichas[desde:hasta]
        if claves and _coincide(f.group(), claves, prefijo=prefijo)
    )
    return Fragmento(texto=f"{prefijo_texto}{texto[inicio:fin]}{sufijo}", resaltes=resaltes)
