"""Los instrumentos del perfil del municipio (`instrumentos`): los tipos de acto, su nombre y su órgano emisor."""

from __future__ import annotations

from datetime import date

from core.services.perfiles import valor


def instrumentos(*, fecha: date | None = None) -> list[dict]:
    """Los tipos de acto del perfil del municipio (`instrumentos`): codigo, nombre y órgano emisor."""
    return list(valor("instrumentos", fecha=fecha))


def instrumento(codigo: str, *, fecha: date | None = None) -> dict | None:
    return next((i for i in instrumentos(fecha=fecha) if i["codigo"] == codigo), None)


def nombre_de_tipo(codigo: str) -> str:
    datos = instrumento(codigo)
    return datos["nombre"] if datos else codigo.replace("_", " ").capitalize()


def opciones_de_tipo(*, organo: str | None = None) -> list[tuple[str, str]]:
    return [(i["codigo"], i["nombre"]) for i in instrumentos() if organo is None or i["organo"] == organo]


def nombres_por_tipo() -> dict[str, str]:
    """Los tipos de acto del perfil vigente: código -> nombre («ordenanza» -> «Ordenanza municipal»)."""
    return {i["codigo"]: i["nombre"] for i in valor("instrumentos") or []}
