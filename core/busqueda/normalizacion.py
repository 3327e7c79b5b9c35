"""Texto a términos de búsqueda: minúsculas, sin tildes, raíz española (Snowball)."""

from __future__ import annotations

import re
import threading
import unicodedata
from functools import lru_cache

import snowballstemmer

_PALABRA = re.compile(r"\w+", re.UNICODE)

# Palabras vacías que se quitan de la consulta (no del índice), como hace el diccionario
# `spanish` de PostgreSQL: así «licencia de construcción» no exige que el texto diga «de».
PALABRAS_VACIAS = frozenset(
    """de la que el en y a los del se las por un para con no una su al lo como mas pero sus le ya o
    este si porque esta entre cuando muy sin sobre tambien me hasta hay donde quien desde todo nos
    durante todos uno les ni contra otros ese eso ante ellos e esto mi antes algunos unos yo otro
    otras otra tanto esa estos mucho quienes nada muchos cual poco ella estas algunas algo mis tu
    te ti tus es son fue ha han""".split()
)
# El stemmer guarda estado mientras trabaja: uno por hilo.
_local = threading.local()


def _stemmer():
    if not hasattr(_local, "stemmer"):
        _local.stemmer = snowballstemmer.stemmer("spanish")
    return _local.stemmer


def sin_tildes(texto: str) -> str:
    descompuesto = unicodedata.normalize("NFKD", texto)
    return "".join(c for c in descompuesto if not unicodedata.combining(c))


@lru_cache(maxsize=50_000)
def raiz(palabra: str) -> str:
    """Raíz de una palabra ya en minúsculas y sin tildes ("licencias" -> "licenci")."""
    return _stemmer().stemWord(palabra)


def palabras(texto: str) -> list[str]:
    return _PALABRA.findall(sin_tildes(texto or "").lower())


def terminos(texto: str) -> list[str]:
    """Las raíces de las palabras de `texto`, en orden, para indexar o consultar."""
    return [raiz(p) for p in palabras(texto)]


def terminos_de_consulta(texto: str) -> list[str]:
    """Raíces de la consulta sin palabras vacías ni repetidas, en orden."""
    vistos: dict[str, None] = {}
    for p in palabras(texto):
        if p not in PALABRAS_VACIAS:
            vistos.setdefault(raiz(p), None)
    return list(vistos)


def normalizar(texto: str) -> str:
    return " ".join(terminos(texto))
